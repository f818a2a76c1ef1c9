import Foundation
import Testing
@testable import NameCanon

/// The name span a registry stores, and generational suffixes kept apart from titles.
@Suite("Name span and generational suffixes")
struct GenerationTests {
    @Test(arguments: [
        ("General Secretary Nguyễn Phú Trọng", "Nguyễn Phú Trọng"),
        ("习近平主席", "习近平"),
        ("President Xi", "Xi"),
        ("Donald Trump, Jr.", "Donald Trump Jr."),
        ("Senator Robert F. Kennedy Jr.", "Robert F. Kennedy Jr."),
        ("Xi Jinping's", "Xi Jinping"),
        ("XI Jinping", "XI Jinping"),
    ])
    func spanIsTheNameWithoutTitlesAsWritten(_ input: String, _ span: String) throws {
        #expect(try NameCanon.shared.normalize(input).span == span)
    }

    @Test func fatherAndSonHaveNoKeyInCommon() throws {
        let father = try NameCanon.shared.normalize("Donald Trump")
        let son = try NameCanon.shared.normalize("Donald Trump Jr.")
        #expect(Set(father.keys).isDisjoint(with: son.keys))
        let mao = try NameCanon.shared.normalize("Mao Tse-tung Jr.")
        #expect(mao.key(.syllable) == "mao ze dong jr")
    }

    @Test func suffixDetection() {
        let canon = NameCanon.shared
        #expect(canon.detachGeneration("Donald Trump Jr.").generation?.key == "jr")
        #expect(canon.detachGeneration("Henry Ford ii").generation == nil)  // lowercase: not a numeral
        #expect(canon.detachGeneration("Trump Jr.").generation == nil)  // one word left
        #expect(canon.detachGeneration("Nguyễn Văn An").generation == nil)
    }
}
