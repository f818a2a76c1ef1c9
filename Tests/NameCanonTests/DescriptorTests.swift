import Foundation
import Testing
@testable import NameCanon

/// Properties of descriptor stripping over every row of Fixtures/normalize/titles.tsv.
@Suite struct DescriptorTests {
    static let rows = fixtureRows("normalize").filter { $0.file.hasSuffix("titles.tsv") }

    @Test func titleFixturesArePresent() {
        #expect(Self.rows.count >= 150)
    }

    /// Stripping is idempotent: the display, normalized again in the language found, strips
    /// nothing more and gives the same key.
    @Test(arguments: rows)
    func strippingIsIdempotent(_ row: FixtureRow) throws {
        let canon = NameCanon.shared
        let first = try canon.normalize(row.columns[0])
        guard !first.repairs.contains(NameCanon.nameSpanUncertain) else { return }
        let again = try canon.normalize(first.display, hint: first.language)
        #expect(again.key == first.key, "\(row.file):\(row.line) \(row.columns[0]): \(first.display) keys \(again.key), not \(first.key)")
        #expect(again.title.isEmpty, "\(row.file):\(row.line) \(row.columns[0]): \(first.display) still strips \(again.title)")
    }

    /// What is stripped is kept: the title and the display together hold every letter of the input.
    @Test(arguments: rows)
    func nothingIsLost(_ row: FixtureRow) throws {
        let n = try NameCanon.shared.normalize(row.columns[0])
        let input = Set(row.columns[0].precomposedStringWithCanonicalMapping.lowercased().filter(\.isLetter))
        let kept = Set((n.title + " " + n.display).precomposedStringWithCanonicalMapping.lowercased().filter(\.isLetter))
        #expect(input.subtracting(kept).isEmpty, "\(row.file):\(row.line) \(row.columns[0]): lost \(input.subtracting(kept))")
    }

    /// Descriptor tables load both character sets from one Han row.
    @Test func hanRowsCoverTraditionalToo() {
        let d = NameCanon.shared.descriptors
        for (hans, hant) in [("国家主席", "國家主席"), ("总书记", "總書記"), ("外长", "外長"), ("中国", "中國"), ("美国", "美國")] {
            #expect(d.cjk[hans] != nil && d.cjk[hant] != nil, "\(hans) / \(hant)")
        }
    }

    /// Decoding VNI never touches text that is not Vietnamese.
    @Test(arguments: ["Seán O'Brien", "Noël Müller", "José Peña", "Zoë Citroën", "Anaïs Nin", "Søren Kierkegaard", "Hoà Bình", "Thò Lò"])
    func vniLeavesOtherTextAlone(_ text: String) {
        #expect(NameCanon.shared.legacyVietnamese.decode(text, isSyllable: NameCanon.shared.isVietnameseWord) == nil)
    }
}
