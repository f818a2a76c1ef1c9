import Foundation
import Testing
import TestSupport
@testable import NameRegistry

@Suite("Romanization bridges through the real binary")
struct BridgeProcessTests {
    /// The streams fixture through `namecanon resolve`, as a user would pipe a news feed in: one
    /// entity per person, the loose spellings matched by `romanization`, short forms by `context`.
    @Test func resolveCommandReplaysTheRecallStream() throws {
        let directory = try TemporaryDirectory()
        // recall.tsv's streams share one registry (their people are all different); the news
        // streams, which reuse people and homophones across streams, run one registry each below.
        let mentions = try streams().filter { $0.file == "recall.tsv" }.flatMap(\.mentions)
        let input = mentions.map { "\($0.doc)\t\($0.text)" }.joined(separator: "\n") + "\n"
        let r = try Binary.run(["resolve", "--create", "--no-header", "--registry", directory.path("r.sqlite")], input: input)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == mentions.count)
        var entityOf: [String: String] = [:]
        for (m, row) in zip(mentions, rows) where row.count >= 4 {
            let place = "recall stream line \(m.line) \(m.text) → \(row)"
            if let known = entityOf[m.person] { #expect(row[1] == known, "\(place)") } else { entityOf[m.person] = row[1] }
        }
        // Different people in different streams may only share an entity if they are one person.
        #expect(Set(entityOf.values).count == Set(mentions.map(\.person)).count)
        let byMention = Dictionary(rows.map { ($0[0], $0[3]) }, uniquingKeysWith: { a, _ in a })
        #expect(byMention["Lai Ching-te"] == "romanization")
        #expect(byMention["문재인"] == "created")
        #expect(byMention["Moon Jae-in"] == "romanization")
        #expect(byMention["Premier Zhou"] == "context")
        #expect(byMention["Xuân Vinh"] == "context")
        let stats = try Binary.run(["registry", "stats", "--registry", directory.path("r.sqlite")])
        #expect(stats.stdout.contains("entities\t\(Set(mentions.map(\.person)).count)"), "\(stats.stdout)")
    }

    /// Every other stream through the binary, each in a registry of its own: one entity per
    /// person, and different people never share one.
    @Test func resolveCommandReplaysEveryNewsStream() throws {
        let all = try streams().filter { $0.file != "recall.tsv" }
        #expect(!all.isEmpty)
        for stream in all {
            let directory = try TemporaryDirectory()
            let input = stream.mentions.map { "\($0.doc)\t\($0.text)" }.joined(separator: "\n") + "\n"
            let r = try Binary.run(["resolve", "--create", "--no-header", "--registry", directory.path("r.sqlite")], input: input)
            #expect(r.status == 0, "\(r.stderr)")
            let rows = r.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
            #expect(rows.count == stream.mentions.count)
            var entityOf: [String: String] = [:]
            for (m, row) in zip(stream.mentions, rows) where row.count >= 4 && m.person != "-" {
                let place = "\(stream.file):\(m.line) \(m.text) → \(row)"
                if let known = entityOf[m.person] { #expect(row[1] == known, "\(place)") } else { entityOf[m.person] = row[1] }
            }
            let people = entityOf.filter { !$0.value.isEmpty }
            #expect(Set(people.values).count == people.count, "\(stream.file) \(stream.name): different people share an entity")
        }
    }
}
