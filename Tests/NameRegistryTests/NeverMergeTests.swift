import Foundation
import NameCanon
import Testing
@testable import NameRegistry

/// One row of Fixtures/registry/never-merge.tsv: two names of different people.
struct NeverMergePair: CustomTestStringConvertible, Sendable {
    var line: Int
    var language: String
    var first: String
    var second: String
    /// A mention that fits both people, which must then be ambiguous; empty when none is given.
    var both: String
    var why: String

    var testDescription: String { "never-merge.tsv:\(line) \(first) / \(second)" }
}

func neverMergePairs() throws -> [NeverMergePair] {
    let url = repositoryRoot.appendingPathComponent("Fixtures/registry/never-merge.tsv")
    let text = try String(contentsOf: url, encoding: .utf8)
    var pairs: [NeverMergePair] = []
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let line = String(raw)
        if line.hasPrefix("#") || line.allSatisfy({ $0.isWhitespace }) { continue }
        let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard c.count == 5, !c[1].isEmpty, !c[2].isEmpty, !c[4].isEmpty else {
            Issue.record("never-merge.tsv:\(i + 1): expected lang, first, second, both, why (5 columns, why not empty)")
            continue
        }
        pairs.append(NeverMergePair(line: i + 1, language: c[0], first: c[1], second: c[2], both: c[3], why: c[4]))
    }
    return pairs
}

@Suite("Never merge people the writing tells apart")
struct NeverMergeTests {
    /// The fixture is large enough and covers every language it promises.
    @Test func fixtureCoversEveryLanguage() throws {
        let pairs = try neverMergePairs()
        #expect(pairs.count >= 100)
        let counts = Dictionary(grouping: pairs, by: \.language).mapValues(\.count)
        for language in ["vi", "zh", "ko", "other"] { #expect(counts[language, default: 0] >= 8, "\(language): \(counts)") }
        let texts = pairs.map { "\($0.first)\t\($0.second)" }
        #expect(Set(texts).count == texts.count, "a pair is listed twice")
    }

    /// Both orders through resolve with create: the second name never links to the first
    /// person; it is a new entity or, at worst, ambiguous. Once both are known, the form that
    /// fits both is ambiguous.
    @Test(arguments: try neverMergePairs())
    func pairStaysApart(_ pair: NeverMergePair) throws {
        for (a, b) in [(pair.first, pair.second), (pair.second, pair.first)] {
            let registry = try Registry(store: try SQLiteStore(inMemory: ()))
            let first = try registry.resolve(a, create: true)
            #expect(first.match == .created, "\(pair.testDescription): \(first.explain)")
            let second = try registry.resolve(b, create: true)
            #expect(second.entity != first.entity, "\(pair.testDescription) (\(pair.why)): \(second.explain)")
            #expect(second.match == .created || second.match == .ambiguous, "\(pair.testDescription): \(second.explain)")
            // Again, now that both are known: each name stays with its own person.
            let again = try registry.resolve(a)
            #expect(again.entity == first.entity, "\(pair.testDescription): \(again.explain)")
            if !pair.both.isEmpty {
                let both = try registry.resolve(pair.both, create: true)
                #expect(both.match == .ambiguous, "\(pair.testDescription) \(pair.both): \(both.explain)")
                #expect(Set(both.candidates.map(\.entity)) == Set([first.entity, second.entity].compactMap { $0 }),
                        "\(pair.testDescription) \(pair.both): \(both.explain)")
            }
            // Registering the second name (as a user would) does not add it to the first person.
            let registered = try registry.register(b)
            #expect(registered.entity != first.entity, "\(pair.testDescription): register \(b)")
        }
    }

    /// One accented entity and an unaccented (or partly accented) mention still link.
    @Test(arguments: [("Lê Văn Hùng", "Le Van Hung"), ("Nguyễn Thị Thủy", "Nguyen Thi Thuy"), ("Phạm Văn Đức", "Pham Van Duc"),
                      ("Trần Thị Mai", "Tran Thi Mai"), ("Nguyễn Thị Thủy", "Nguyễn Thị Thuỷ")])
    func oneAccentedPersonStillLinks(_ accented: String, _ mention: String) throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        let person = try registry.resolve(accented, create: true)
        let r = try registry.resolve(mention)
        #expect(r.entity == person.entity, "\(r.explain)")
    }

    /// The registry's word comparison: tone placement is spelling; tone and vowel marks are identity.
    @Test func marksOfAWord() {
        #expect(Registry.markedWord("Thuỷ").marks == Registry.markedWord("thủy").marks)
        #expect(Registry.markedWord("Hoà").marks == Registry.markedWord("hòa").marks)
        #expect(Registry.markedWord("Thùy").marks != Registry.markedWord("Thủy").marks)
        #expect(Registry.markedWord("Đức").marks != Registry.markedWord("Dức").marks)
        #expect(Registry.markedWord("Đức").folded == "duc")
        #expect(Registry.markedWord("Hung").marks == nil)
    }
}
