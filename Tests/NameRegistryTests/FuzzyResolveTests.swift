import Foundation
import NameCanon
import NameProtocol
import Testing
import TestSupport
@testable import NameRegistry

/// Rows of a Fixtures/compare file: name A, name B, expected verdicts, why.
func compareFixture(_ file: String) -> [(line: Int, a: String, b: String)] {
    let url = repositoryRoot.appendingPathComponent("Fixtures/compare").appendingPathComponent(file)
    guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
    var rows: [(Int, String, String)] = []
    for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() where !line.hasPrefix("#") && !line.isEmpty {
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        if columns.count >= 2 { rows.append((i + 1, columns[0], columns[1])) }
    }
    return rows
}

func memoryRegistry() throws -> Registry { try Registry(store: try SQLiteStore(inMemory: ())) }

/// Fuzzy and phonetic candidates of `resolve`: linked only when one is clearly best and above
/// the threshold, never for the never-merge pairs of Fixtures/compare.
@Suite("Registry fuzzy and phonetic candidates")
struct FuzzyResolveTests {
    @Test func clearVariantsLinkWithTheirScore() throws {
        let registry = try memoryRegistry()
        let cases: [(registered: String, mention: String, match: MatchKind)] = [
            ("Emmanuel Macron", "Emanuel Macron", .fuzzy), ("Olaf Scholz", "Olaf Scholze", .fuzzy),
            ("Sergey Viktorovich Lavrov", "Sergei Lavrov", .fuzzy), ("Vladimir Putin", "V. Putin", .fuzzy),
            ("Joseph Biden", "Joe Biden", .fuzzy), ("Volodymyr Zelenskyy", "Volodymyr Zelensky", .fuzzy),
            ("Donald Trump", "特朗普", .phonetic), ("Emmanuel Macron", "에마뉘엘 마크롱", .phonetic),
        ]
        for c in cases {
            let id = try #require(try registry.resolve(c.registered, create: true).entity)
            let r = try registry.resolve(c.mention)
            #expect(r.entity == id, "\(c.mention): \(r.match) \(r.explain)")
            #expect(r.match == c.match, "\(c.mention): \(r.explain)")
            #expect(r.score >= registry.fuzzy.threshold && r.score < 1)
            #expect(r.candidates.first?.entity == id && r.candidates.first?.score == r.score)
            #expect(!r.learned, "a fuzzy link is not taught as a name")
        }
        // The glued form of a full name.
        let lavrov = try registry.resolve("Sergei Lavrov").entity
        #expect(try registry.resolve("SergeiLavrov").entity == lavrov)
    }

    @Test(arguments: compareFixture("never-merge.tsv").map { "\($0.line)\t\($0.a)\t\($0.b)" })
    func neverMergePairsAreNeverLinked(_ row: String) throws {
        let columns = row.split(separator: "\t").map(String.init)
        let (line, a, b) = (columns[0], columns[1], columns[2])
        for (first, second) in [(a, b), (b, a)] {
            let registry = try memoryRegistry()
            let known = try registry.register(first).entity
            let r = try registry.resolve(second)
            #expect(r.entity != known, "never-merge.tsv:\(line): \(second) was linked to \(first): \(r.match) \(r.explain)")
            for candidate in r.candidates where candidate.entity == known {
                #expect(candidate.score < registry.fuzzy.threshold, "never-merge.tsv:\(line): \(candidate.score)")
            }
            let created = try registry.resolve(second, create: true)
            #expect(created.entity != known, "never-merge.tsv:\(line): \(second) with create")
        }
    }

    @Test func closeRivalsAreCandidatesNotLinks() throws {
        let registry = try memoryRegistry()
        let a = try registry.register("Olaf Scholz").entity
        let b = try registry.register("Olaf Scholzer").entity
        let r = try registry.resolve("Olaf Scholze")
        #expect(r.entity == nil && r.match == .none)
        #expect(Set(r.candidates.map(\.entity)) == [a, b])
        #expect(r.candidates.allSatisfy { $0.match == .fuzzy && $0.score >= registry.fuzzy.candidateThreshold })
        #expect(r.explain.contains("close by spelling or sound"))
    }

    @Test func thresholdDecidesLinking() throws {
        let registry = try memoryRegistry()
        let id = try registry.register("Emmanuel Macron").entity
        let off = try registry.resolve("Emanuel Macron", fuzzyThreshold: 2)
        #expect(off.entity == nil && off.candidates.map(\.entity) == [id])
        let strict = try registry.resolve("Olaf Scholze", fuzzyThreshold: 0.99)
        #expect(strict.entity == nil)
        registry.fuzzy.threshold = 0.99
        #expect(try registry.resolve("Emanuel Macron").entity == nil)
        registry.fuzzy.threshold = 0.9
        #expect(try registry.resolve("Emanuel Macron").entity == id)
    }

    @Test func keyStagesComeFirstAndCarryNoFuzzyCandidates() throws {
        let registry = try memoryRegistry()
        let id = try registry.register("Emmanuel Macron").entity
        _ = try registry.register("Emanuel Macron")   // another person, as far as the registry knows
        let r = try registry.resolve("EMMANUEL MACRON")
        #expect(r.entity == id && r.match == .key && r.candidates.isEmpty)
    }

    @Test func withCreateANewPersonKeepsTheCandidates() throws {
        let registry = try memoryRegistry()
        let jackson = try registry.register("Andrew Jackson").entity
        let r = try registry.resolve("约翰逊", create: true)
        #expect(r.match == .created)
        #expect(r.entity != jackson)
        #expect(r.candidates.allSatisfy { $0.score < registry.fuzzy.threshold })
    }

    @Test func indexFollowsWritesAfterItWasBuilt() throws {
        let registry = try memoryRegistry()
        _ = try registry.register("Olaf Scholz")
        #expect(try registry.resolve("Angela Merkle").entity == nil)   // builds the fuzzy index
        let merkel = try registry.register("Angela Merkel").entity
        #expect(try registry.resolve("Angela Merkle").entity == merkel)
        let other = try registry.register("A. D. Merkel").entity
        try registry.merge(other, into: merkel)
        #expect(try registry.resolve("Angela Merkle").entity == merkel)
        try registry.reload()
        #expect(try registry.resolve("Angela Merkle").entity == merkel)
    }

    @Test func westernOrderSwapIsAnotherPersonButCapitalSurnameFirstIsNot() throws {
        let registry = try memoryRegistry()
        let hans = try registry.register("Friedrich Hans").entity
        #expect(try registry.resolve("Hans Friedrich").entity == nil)
        let yellen = try registry.register("Janet Yellen").entity
        #expect(try registry.resolve("YELLEN Janet").entity == yellen)
        #expect(try registry.resolve("Yellen Janet").entity == nil)
        let xi = try registry.register("Xi Jinping").entity
        #expect(try registry.resolve("Jinping Xi").entity == xi)
        #expect(hans != yellen)
    }

    @Test func protocolReportsScoresAndTakesAThreshold() throws {
        let handler = ProtocolHandler(canon: .shared)
        let registry = try memoryRegistry()
        handler.registerRegistryOps { registry }
        func call(_ json: String) -> String { handler.respond(to: Array(json.utf8)) }
        let id = try registry.register("Emmanuel Macron").entity
        let linked = call(#"{"id":1,"op":"resolve","name":"Emanuel Macron"}"#)
        #expect(member(linked, "match") as? String == "fuzzy")
        #expect(member(linked, "entity") as? String == id)
        let candidates = try #require(member(linked, "candidates") as? [[String: Any]])
        #expect(candidates.first?["entity"] as? String == id)
        #expect(candidates.first?["score"] as? Double == 0.982)
        #expect(candidates.first?["match"] as? String == "fuzzy")
        let off = call(#"{"id":2,"op":"resolve","name":"Emanuel Macron","fuzzy_threshold":1.5}"#)
        #expect(member(off, "match") as? String == "none")
        #expect((member(off, "candidates") as? [[String: Any]])?.count == 1)
        let bad = call(#"{"id":3,"op":"resolve","name":"Emanuel Macron","fuzzy_threshold":"high"}"#)
        #expect((member(bad, "error") as? [String: Any])?["code"] as? String == "bad_field")
        let negative = call(#"{"id":4,"op":"resolve","name":"Emanuel Macron","fuzzy_threshold":-1}"#)
        #expect((member(negative, "error") as? [String: Any])?["code"] as? String == "bad_field")
    }

    @Test func protocolCompareOp() throws {
        let handler = ProtocolHandler(canon: .shared)
        func call(_ json: String) -> String { handler.respond(to: Array(json.utf8)) }
        let r = call(#"{"id":1,"op":"compare","a":"Trump","b":"特朗普"}"#)
        #expect(member(r, "ok") as? Bool == true)
        #expect(member(r, "verdict") as? String == "same")
        #expect(member(r, "method") as? String == "phonetic")
        #expect(member(r, "score") as? Double == 0.95)
        let swapped = call(#"{"id":2,"op":"compare","a":"Friedrich Hans","b":"Hans Friedrich"}"#)
        #expect(member(swapped, "verdict") as? String == "different")
        let missing = call(#"{"id":3,"op":"compare","a":"Trump"}"#)
        #expect((member(missing, "error") as? [String: Any])?["code"] as? String == "missing_field")
        let empty = call(#"{"id":4,"op":"compare","a":"Trump","b":" , "}"#)
        #expect((member(empty, "error") as? [String: Any])?["code"] as? String == "empty_name")
        let lang = call(#"{"id":5,"op":"compare","a":"Trump","b":"Trump","lang":"xx"}"#)
        #expect((member(lang, "error") as? [String: Any])?["code"] as? String == "bad_field")
    }
}
