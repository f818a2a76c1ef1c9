import ArgumentParser
import Foundation
import NameBatch
import NameCanon
import NameProtocol
import NameRegistry

/// The formats `registry import` reads: the registry's own JSON lines, or reference data.
enum ImportFormat: String, ExpressibleByArgument, CaseIterable {
    case jsonl, ftm, wikidata
}

extension RegistryCommand {
    struct Seed: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "seed",
            abstract: "Load the people seed (well-known people from CC-CEDICT) into the registry.",
            discussion: """
                Adds about 1,700 people with their names in Han, pinyin, English, Hán-Việt and
                Korean (Rules/seed/people.tsv, CC BY-SA 4.0). Running it again changes nothing; a
                user's merges, forgotten names and chosen display forms stay as they are.

                Example:
                  namecanon registry seed
                  NAMECANON_SEED=1 namecanon resolve 特朗普   # a new registry file starts seeded
                """)
        @OptionGroup var engine: EngineOptions
        @OptionGroup var store: RegistryOptions

        func run() throws {
            let canon = try engine.makeEngine()
            let registry = try store.open(canon: canon)
            let s = try registry.seed(PeopleSeed.records(rules: canon.rules))
            print(Self.lines(s))
        }

        static func lines(_ s: ReferenceSummary) -> String {
            """
            records\t\(s.records)
            skipped\t\(s.skipped)
            bad\t\(s.bad)
            entities_created\t\(s.entitiesCreated)
            entities_linked\t\(s.entitiesLinked)
            entities_known\t\(s.entitiesKnown)
            names_added\t\(s.namesAdded)
            """
        }
    }

    /// `registry import --format ftm|wikidata`: streams the files, batch by batch.
    static func importReference(_ format: ReferenceFormat, files: [String], registry: Registry) throws {
        let progress = isatty(2) != 0
        var name = "-"
        let importer = ReferenceImporter(registry: registry, format: format) { line, why in
            reportError("\(name):\(line): \(why); skipped")
        }
        var lastShown = 0
        do {
            for input in try inputDescriptors(files) {
                name = input.name
                let reader = RecordReader(fd: input.fd, format: .lines, maxRecordBytes: 1 << 26)
                defer { if input.fd != 0 { close(input.fd) } }
                while let line = reader.next() {
                    if line.dropped {
                        importer.reject(line: line.line, "line too long (\(line.droppedBytes) bytes)")
                    } else {
                        try importer.add(Array(line.lineBytes), line: line.line)
                    }
                    if progress, importer.summary.records - lastShown >= 10_000 {
                        lastShown = importer.summary.records
                        let s = importer.summary
                        FileHandle.standardError.write(Data("\r\(s.records) records, \(s.entitiesCreated) created, \(s.bad) bad".utf8))
                    }
                }
            }
            if progress, lastShown > 0 { FileHandle.standardError.write(Data("\n".utf8)) }
            let s = try importer.finish()
            print(Seed.lines(s))
        } catch let error as RegistryError {
            let s = importer.summary
            throw ValidationError("""
                \(error); \(s.batches) batch(es) written before the failure are kept, the batch in flight \
                was rolled back; importing the same files again resumes without duplicates
                """)
        }
    }
}
