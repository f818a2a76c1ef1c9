import Foundation
import Testing
@testable import NameCanon

/// The fixtures of Fixtures/compare (one test case a row) and properties of `compare`.
@Suite struct CompareTests {
    static let rows = fixtureRows("compare")

    @Test func fixturesArePresent() {
        #expect(Self.rows.count >= 60)
        #expect(Self.rows.filter { $0.file.hasSuffix("never-merge.tsv") }.count >= 25)
    }

    @Test(arguments: rows)
    func fixture(_ row: FixtureRow) throws {
        try #require(row.columns.count >= 4, "\(row.file):\(row.line): expected name, name, verdict(s), why")
        #expect(!row.columns[3].isEmpty, "\(row.file):\(row.line): every case says why")
        let expected = row.columns[2].split(separator: "|").map(String.init)
        for verdict in expected { try #require(NameComparison.Verdict(rawValue: verdict) != nil, "\(row.file):\(row.line): unknown verdict \(verdict)") }
        let c = try NameCanon.shared.compare(row.columns[0], row.columns[1])
        #expect(expected.contains(c.verdict.rawValue),
                "\(row.file):\(row.line) \(row.columns[0]) / \(row.columns[1]): \(c.score) \(c.verdict) (\(c.explanation)), expected \(row.columns[2])")
        // Symmetry: the order of the two names does not matter.
        let back = try NameCanon.shared.compare(row.columns[1], row.columns[0])
        #expect(back.verdict == c.verdict, "\(row.file):\(row.line): \(c.score) one way, \(back.score) the other")
    }

    @Test(arguments: rows)
    func sameNameScoresOne(_ row: FixtureRow) throws {
        for name in row.columns.prefix(2) {
            let c = try NameCanon.shared.compare(name, name)
            #expect(c.score == 1 && c.verdict == .same && c.method == .key, "\(name) against itself: \(c.score) \(c.explanation)")
        }
    }

    @Test func scoresStayInTheirBands() throws {
        for row in Self.rows {
            let c = try NameCanon.shared.compare(row.columns[0], row.columns[1])
            #expect((0...1).contains(c.score))
            #expect(c.verdict == NameComparison.Verdict(score: c.score))
            #expect(!c.explanation.isEmpty)
        }
    }

    @Test func orderMattersForWesternNamesOnly() throws {
        #expect(try NameCanon.shared.compare("Friedrich Hans", "Hans Friedrich").score < 0.5)
        #expect(try NameCanon.shared.compare("Xi Jinping", "Jinping Xi").score == 1)
        #expect(try NameCanon.shared.compare("Nguyen Phu Trong", "Phu Trong Nguyen").verdict == .same)
    }

    @Test func explanationSaysWhatMatched() throws {
        let c = try NameCanon.shared.compare("Emanuel Macron", "Emmanuel Macron")
        #expect(c.method == .fuzzy)
        #expect(c.matched == ["given emanuel ~ emmanuel (spelling variant)", "surname macron = macron"])
        let p = try NameCanon.shared.compare("Trump", "特朗普")
        #expect(p.method == .phonetic)
        #expect(p.explanation.contains("[TLNP] ~ [TLNP]"))
    }

    @Test func emptyNameIsAnError() {
        #expect(throws: NameCanonError.self) { try NameCanon.shared.compare("", "Xi Jinping") }
        #expect(throws: NameCanonError.self) { try NameCanon.shared.compare("Xi Jinping", "  ,, ") }
    }

    @Test func skeletons() {
        let table = NameCanon.shared.compareTables.transcription
        #expect(PhoneticSkeleton(latin: "trump").segments == "TLNP")
        #expect(PhoneticSkeleton(han: "特朗普", table: table)?.segments == "TLNP")
        #expect(PhoneticSkeleton(hangul: "트럼프")?.segments == "TLNP")
        #expect(PhoneticSkeleton(kana: "トランプ")?.segments == "TLNP")
        #expect(PhoneticSkeleton(cyrillic: "Трамп")?.segments == "TLNP")
        // A Chinese name is not written in transcription characters only.
        #expect(PhoneticSkeleton(han: "习近平", table: table) == nil)
        // A weak segment costs less than a strong one: Johnson is nearer 约翰逊 than 杰克逊.
        let johnson = PhoneticSkeleton(latin: "johnson")
        let yuehanxun = PhoneticSkeleton(han: "约翰逊", table: table)!, jiekexun = PhoneticSkeleton(han: "杰克逊", table: table)!
        #expect(johnson.similarity(to: yuehanxun) > johnson.similarity(to: jiekexun) + 0.2)
    }

    @Test func spellingFold() {
        #expect(NameCanon.spellingFold("Zelenskyy") == "zelenski")
        #expect(NameCanon.spellingFold("Zelenskiy") == "zelenski")
        #expect(NameCanon.spellingFold("Sergej") == "sergei")
        #expect(NameCanon.spellingFold("Emmanuel") == "emanuel")
    }

    @Test func variantTableHasProvenanceAndBothDirections() throws {
        let text = try #require(EmbeddedRules.files.first { $0.path == "en/given-name-variants.tsv" }?.text)
        #expect(text.contains("# source:"))
        let variants = NameCanon.shared.compareTables.givenVariants
        #expect(variants["bill"]?.contains("william") == true)
        #expect(variants["william"]?.contains("bill") == true)
        #expect(variants["alexander"]?.contains("alexandra") != true)
    }
}
