import ArgumentParser
import Foundation
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
        let home = FileManager.default.homeDirectoryForCurrentUser
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
        if inMemory { return try Registry(store: try SQLiteStore(inMemory: ()), canon: canon) }
        let path = self.path
        if PostgresSettings.isURL(path) { return try Registry(store: try PostgresStore(url: path), canon: canon) }
        let directory = URL(fileURLWithPath: path).deletingLastPathComponent()
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        return try Registry(store: try SQLiteStore(path: path), canon: canon)
    }
}

struct RegistryCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "registry",
        abstract: "Manage the canonical-ID registry: import, export, stats, get, merge.",
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
            """,
        subcommands: [Import.self, Export.self, Stats.self, Get.self, History.self, Merge.self]
    )

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add the entities of JSON-lines files (as export writes them).")
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Argument(help: "JSON-lines files; - or none for stdin.") var files: [String] = []

        func run() throws {
            let registry = try store.open(canon: try engine.makeEngine())
            var lines: [String] = []
            for input in try inputDescriptors(files) {
                var reader = LineReader(fd: input.fd, maxLine: 1 << 24)
                defer { if input.fd != 0 { close(input.fd) } }
                while let line = reader.next() {
                    guard case .bytes(let bytes) = line, let text = String(validating: bytes, as: UTF8.self) else {
                        throw ValidationError("\(input.name):\(reader.lineNumber): not a UTF-8 line of acceptable length")
                    }
                    lines.append(text)
                }
            }
            let s = try registry.importLines(lines)
            print("entities_created\t\(s.entitiesCreated)\nnames_added\t\(s.namesAdded)\nredirects_added\t\(s.redirectsAdded)")
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Write every entity as one JSON line, sorted by ID.")
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
        static let configuration = CommandConfiguration(abstract: "Count entities, names, keys and redirects.")
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions

        func run() throws {
            let s = try store.open(canon: try engine.makeEngine()).stats()
            print("entities\t\(s.entities)\nnames\t\(s.names)\nkeys\t\(s.keys)\nredirects\t\(s.redirects)")
        }
    }

    struct Get: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show an entity with all its names (a merged-away ID works too).")
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Argument(help: "The entity ID.") var id: String

        func run() throws {
            let r = try store.open(canon: try engine.makeEngine()).get(id)
            let members = ProtocolHandler.fields(of: r.entity) + [
                ("redirects", JSON.array(r.redirects.map { .string($0) })),
                ("redirected_from", r.redirectedFrom.map { .string($0) } ?? .null),
            ]
            print(JSON.object(members).serialized)
        }
    }

    struct Merge: ParsableCommand {
        static let configuration = CommandConfiguration(
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
