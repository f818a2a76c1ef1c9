import ArgumentParser
import Foundation
import NameCanon
import NameProtocol
import NameRegistry

/// The curation subcommands of `namecanon registry`: the protocol's write operations from the
/// command line. Each prints the protocol's answer as one JSON object.
extension RegistryCommand {
    static func printAnswer(_ members: [(String, JSON)]) {
        print(JSON.object(members).serialized)
    }

    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "register",
            abstract: "Register a person under a name; a known person gets the new names instead.",
            discussion: """
                A name the registry already knows (the same text, or one entity with the same key
                and agreeing writing) adds the aliases to that person. --new makes a new entity
                regardless: a second person with the same name. Titles are not stored:
                "President Joe Biden" registers "Joe Biden". With --display, the person's
                canonical form changes, and the answer says from what (previous_canonical, and a
                line on stderr). A --display reaching a person only through the key of a name
                written otherwise (another script, a title, other diacritics) is refused as a
                conflict: register the stored name, or alias it first.

                Example:
                  namecanon registry register "Nguyễn Phú Trọng" --alias "阮富仲" --alias "Nguyen Phu Trong"
                """)
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Argument(help: "The person's name.") var name: String
        @Option(name: .customLong("alias"), help: "Another name of the person (repeatable).") var aliases: [String] = []
        @Option(name: .long, help: "Fix the canonical display form.") var display: String?
        @Option(name: .long, help: ArgumentHelp("Language of the names: zh, vi, ko, ja or other.", valueName: "lang")) var lang: NameLanguage?
        @Flag(name: .customLong("new"), help: "Make a new entity even when the name is known (a namesake).") var newEntity = false

        func run() throws {
            let r = try store.open(canon: try engine.makeEngine())
                .register(name, aliases: aliases, display: display, language: lang, newEntity: newEntity)
            var answer: [(String, JSON)] = [("entity", .string(r.entity)), ("canonical", .string(r.canonical)),
                                            ("created", .bool(r.created)), ("added", .array(r.added.map { .string($0) }))]
            if let previous = r.previousCanonical {
                answer.append(("previous_canonical", .string(previous)))
                FileHandle.standardError.write(Data("namecanon: changed the canonical name of \(r.entity) from \"\(previous)\" to \"\(r.canonical)\"\n".utf8))
            }
            printAnswer(answer)
        }
    }

    struct Alias: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "alias",abstract: "Add a name to an entity (a merged-away ID works too).")
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Argument(help: "The entity ID.") var id: String
        @Argument(help: "The name to add.") var name: String
        @Option(name: .long, help: ArgumentHelp("Language of the name: zh, vi, ko, ja or other.", valueName: "lang")) var lang: NameLanguage?

        func run() throws {
            let registry = try store.open(canon: try engine.makeEngine())
            let r = try registry.alias(id, name: name, language: lang)
            printAnswer([("entity", .string(r.entity)), ("added", .bool(r.added)),
                         ("canonical", .string(try registry.get(r.entity).entity.display))])
        }
    }

    struct Rename: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "rename",
            abstract: "Set an entity's canonical display form (fixed), or --auto to let the registry choose it again.")
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Argument(help: "The entity ID.") var id: String
        @Argument(help: "The display form.") var display: String?
        @Flag(name: .long, help: "Release a fixed display: choose it by quality from the names again.") var auto = false

        func validate() throws {
            if (display == nil) == !auto { throw ValidationError("give a display form, or --auto, not both") }
        }

        func run() throws {
            let r = try store.open(canon: try engine.makeEngine()).rename(id, display: auto ? nil : display)
            printAnswer([("entity", .string(r.entity)), ("canonical", .string(r.canonical)), ("display_fixed", .bool(!auto))])
        }
    }

    struct Forget: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "forget",abstract: "Remove one name (not the primary one) from an entity.")
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Argument(help: "The entity ID.") var id: String
        @Argument(help: "The name to remove, exactly as stored.") var name: String

        func run() throws {
            let registry = try store.open(canon: try engine.makeEngine())
            try registry.forget(id, name: name)
            let entity = try registry.get(id).entity
            printAnswer([("entity", .string(entity.id)), ("forgotten", .string(Registry.clean(name))),
                         ("canonical", .string(entity.display))])
        }
    }

    struct Split: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "split",
            abstract: "Undo a merge: move names of an entity to a new entity (or --into an existing one).",
            discussion: """
                The two entities are then recorded as different people (see distinct).

                Example:
                  namecanon registry split p0k2x8m4q7z "Lê Văn Hưng" "Le Van Hung"
                """)
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Argument(help: "The entity ID.") var id: String
        @Argument(help: "The names to move, exactly as stored.") var names: [String]
        @Option(name: .long, help: "Move them to this entity instead of a new one.") var into: String?

        func validate() throws {
            if names.isEmpty { throw ValidationError("name at least one name to move") }
        }

        func run() throws {
            let r = try store.open(canon: try engine.makeEngine()).split(id, names: names, into: into)
            printAnswer([("entity", .string(r.entity)), ("into", .string(r.into)), ("moved", .array(r.moved.map { .string($0) }))])
        }
    }

    struct Distinct: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "distinct",
            abstract: "Record that two entities are different people (--undo withdraws it).",
            discussion: """
                They are never merged automatically, and a mention that fits both resolves as
                ambiguous with both as candidates. An explicit merge overrides the judgement.
                """)
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Argument(help: "One entity ID.") var id: String
        @Argument(help: "The other entity ID.") var other: String
        @Flag(name: .long, help: "Withdraw the judgement.") var undo = false

        func run() throws {
            let r = try store.open(canon: try engine.makeEngine()).distinct(id, other, undo: undo)
            printAnswer([("entity", .string(r.0)), ("other", .string(r.1)), ("distinct", .bool(!undo))])
        }
    }
}
