import ArgumentParser
import Foundation
import NameBatch
import NameCanon
import NameProtocol
import NameRegistry
import NameRegistryPostgres

/// Where the registry lives: `--registry PATH`, `--in-memory`, or the default.
struct RegistryOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "The registry: a SQLite file, or a postgres://user@host:port/db URL (default: $NAMECANON_REGISTRY, else namecanon/registry.sqlite in the user's data directory).",
        valueName: "path-or-url"))
    var registry: String?

    @Flag(name: .long, help: "Use a throwaway registry in memory instead of a file.")
    var inMemory = false

    /// The default registry file: `$NAMECANON_REGISTRY`, else `$XDG_DATA_HOME/namecanon/registry.sqlite`
    /// (`~/.local/share/...` when unset; `~/Library/Application Support/...` on macOS), so the
    /// quick start needs no flag and a registry never lands in whatever directory a command ran in.
    static func defaultPath() -> String {
        let env = ProcessInfo.processInfo.environment
        if let path = env["NAMECANON_REGISTRY"], !path.isEmpty { return path }
        // $HOME first, as every XDG program does; the password file only when it is unset.
        let home = env["HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? FileManager.default.homeDirectoryForCurrentUser
        #if os(macOS)
        let base = home.appendingPathComponent("Library/Application Support")
        #else
        let base = env["XDG_DATA_HOME"].flatMap { $0.hasPrefix("/") ? URL(fileURLWithPath: $0) : nil }
            ?? home.appendingPathComponent(".local/share")
        #endif
        return base.appendingPathComponent("namecanon/registry.sqlite").path
    }

    var path: String { registry ?? Self.defaultPath() }

    func open(canon: NameCanon) throws -> Registry {
        if inMemory { return OpenedRegistries.keep(try Registry(store: try SQLiteStore(inMemory: ()), canon: canon)) }
        let path = self.path
        if PostgresSettings.isURL(path) { return OpenedRegistries.keep(try Registry(store: try PostgresStore(url: path), canon: canon)) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        // Directories it creates are the owner's only (0700), like the file itself (0600).
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true,
                                                attributes: [.posixPermissions: 0o700])
        let fresh = !FileManager.default.fileExists(atPath: path)
        let registry = OpenedRegistries.keep(try Registry(store: try SQLiteStore(path: path), canon: canon))
        // Not seeded by default: see docs/registry.md, "Seeding".
        if fresh, ProcessInfo.processInfo.environment["NAMECANON_SEED"] == "1" { try registry.seed(PeopleSeed.records(rules: canon.rules)) }
        return registry
    }
}

/// The registries a command opened, kept until it ends. Then each gives its in-memory index up
/// unfreed (the process's end frees it: freeing a million names' dictionaries cost a second and
/// a half) and is released, so its store closes as usual.
enum OpenedRegistries {
    nonisolated(unsafe) private static var registries: [Registry] = []
    private static let lock = NSLock()

    static func keep(_ registry: Registry) -> Registry {
        lock.withLock { registries.append(registry) }
        return registry
    }

    static func closeForExit() {
        let all = lock.withLock {
            defer { registries = [] }
            return registries
        }
        for registry in all { registry.abandonIndex() }
    }
}

struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Manage the canonical-ID registry: look people up, put their records right, import and export.",
        discussion: """
            The registry is a SQLite file (see --registry). Export writes one
            JSON object per entity per line, sorted by ID; importing an export
            into an empty registry and exporting again gives the same bytes,
            and importing twice changes nothing.

            Examples:
              namecanon registry export > people.jsonl
              namecanon registry import --registry copy.sqlite people.jsonl
              namecanon registry get p0k2x8m4q7z
              namecanon registry merge p0k2x8m4q7z p1aa3v9w6cd
              namecanon registry register "Lai Ching-te" --alias 賴清德
              namecanon registry rename p0k2x8m4q7z "Lai Ching-te"
              namecanon registry split p0k2x8m4q7z "Lê Văn Hưng"
              namecanon registry distinct p0k2x8m4q7z p1aa3v9w6cd
            """,
        subcommands: [Import.self, Export.self, Stats.self, Index.self, Get.self, History.self, Register.self, Alias.self, Rename.self,
                      Forget.self, Merge.self, Split.self, Distinct.self, Seed.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "import",abstract: "Add the entities of JSON-lines files: an export (default), FollowTheMoney or Wikidata entities.")
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Option(help: "jsonl (an export), ftm (FollowTheMoney entities) or wikidata (entity JSON).") var format: ImportFormat = .jsonl
        @Argument(help: "JSON-lines files; - or none for stdin.") var files: [String] = []

        func run() throws {
            let registry = try store.open(canon: try engine.makeEngine())
            if let reference = ReferenceFormat(rawValue: format.rawValue) {
                return try RegistryCommand.importReference(reference, files: files, registry: registry)
            }
            var lines: [String] = []
            for input in try inputDescriptors(files) {
                let reader = RecordReader(fd: input.fd, format: .lines, maxRecordBytes: 1 << 24)
                defer { if input.fd != 0 { close(input.fd) } }
                while let line = reader.next() {
                    guard !line.dropped, let text = String(checkingUTF8: line.lineBytes) else {
                        throw ValidationError("\(input.name):\(line.line): not a UTF-8 line of acceptable length")
                    }
                    lines.append(text)
                }
            }
            let s = try registry.importLines(lines)
            // An import is the bulk of a large registry: the next open reads its index image. The
            // import has committed by now, so a failure here only costs the next open its speed.
            do { try registry.storeIndexImage() } catch {
                FileHandle.standardError.write(Data("namecanon: warning: the import is stored, but its index image is not: \(error)\n".utf8))
            }
            print("entities_created\t\(s.entitiesCreated)\nnames_added\t\(s.namesAdded)\nredirects_added\t\(s.redirectsAdded)")
        }
    }

    struct Index: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "index",
            abstract: "Store the registry's index in its file, so that opening it reads the index instead of rebuilding it.",
            discussion: """
                A SQLite registry of a million names opens in about two seconds when its index is \
                rebuilt from the rows, and in a fraction of that from a stored index. A stored index \
                needs not be current: an open reads it and then catches up on the changes written \
                since (past 50,000 of them it rebuilds instead), so run this after large writes, or \
                now and then. `registry import` stores one at its end. Prints the change sequence \
                number the index was taken at and its size; a PostgreSQL registry keeps none.
                """)
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions

        func run() throws {
            let registry = try store.open(canon: try engine.makeEngine())
            guard let stored = try registry.storeIndexImage() else {
                print("stored\tno\t(a PostgreSQL or in-memory registry keeps no index image)")
                return
            }
            print("stored\tyes\nsequence\t\(stored.sequence)\nbytes\t\(stored.bytes)")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "export",abstract: "Write every entity as one JSON line, sorted by ID.")
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions

        func run() throws {
            let registry = try store.open(canon: try engine.makeEngine())
            let out = OutputWriter(fd: 1)
            try registry.export { out.write($0) }
            out.flush()
        }
    }

    struct Stats: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "stats",abstract: "Count entities, names, keys and redirects.")
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions

        func run() throws {
            let s = try store.open(canon: try engine.makeEngine()).stats()
            print("entities\t\(s.entities)\nnames\t\(s.names)\nkeys\t\(s.keys)\nredirects\t\(s.redirects)")
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "get",abstract: "Show an entity with all its names (a merged-away ID works too).")
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Argument(help: "The entity ID.") var id: String

        func run() throws {
            let registry = try store.open(canon: try engine.makeEngine())
            let r = try registry.get(id)
            let external = try registry.externalIDs(id).map { JSON.object([("source", .string($0.source)), ("id", .string($0.id))]) }
            let members = ProtocolHandler.fields(of: r.entity) + [("external_ids", .array(external)),
                ("redirects", JSON.array(r.redirects.map { .string($0) })),
                ("redirected_from", r.redirectedFrom.map { .string($0) } ?? .null),
                ("distinct", JSON.array(try registry.distinctEntities(r.entity.id).map { .string($0) })),
            ]
            print(JSON.object(members).serialized)
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "merge",
            abstract: "Merge entity FROM into INTO; FROM stays a redirect to INTO forever.")
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Argument(help: "The entity merged away.") var from: String
        @Argument(help: "The entity kept.") var into: String

        func run() throws {
            let kept = try store.open(canon: try engine.makeEngine()).merge(from, into: into)
            print("\(from)\t\(kept)")
        }
    }
}
