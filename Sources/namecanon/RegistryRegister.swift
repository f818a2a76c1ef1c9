import ArgumentParser
import Foundation
import NameCanon
import NameRegistry

extension RegistryCommand {
    struct Register: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a person under a name, with aliases and a chosen display form.",
            discussion: """
                A name the registry already has (the same text, or the same ASCII key on
                one entity) adds to that person. With --display, the person's canonical
                form changes, and the output says which entity changed and from what.
                A --display reaching a person only through the ASCII key of a name
                written otherwise (another script, a title, other diacritics) is
                refused as a conflict: register the stored name, or alias it first.

                Prints one TAB-separated field a line: entity, canonical, created,
                added (names separated by " | "), and previous_canonical when an
                existing person's display was changed.

                Example:
                  namecanon registry register "Nguyen Phu Trong" --display "Nguyễn Phú Trọng"
                """)
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions
        @Argument(help: "The name.") var name: String
        @Option(name: .long, help: "Another name of the same person (repeatable).") var alias: [String] = []
        @Option(name: .long, help: "The canonical display form to set.") var display: String?
        @Option(name: .long, help: "The language of the names (zh, vi, ko, ja, other).") var lang: NameLanguage?

        func run() throws {
            let registry = try store.open(canon: try engine.makeEngine())
            let r = try registry.register(name, aliases: alias, display: display, language: lang)
            var lines = ["entity\t\(r.entity)", "canonical\t\(r.canonical)", "created\t\(r.created)",
                         "added\t\(r.added.joined(separator: " | "))"]
            if let previous = r.previousCanonical {
                lines.append("previous_canonical\t\(previous)")
                FileHandle.standardError.write(Data("namecanon: changed the canonical name of \(r.entity) from \"\(previous)\" to \"\(r.canonical)\"\n".utf8))
            }
            print(lines.joined(separator: "\n"))
        }
    }
}
