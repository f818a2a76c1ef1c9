import Foundation
import Testing
@testable import NameCanon

/// NameCanon's own tables against ICU, the reference they were generated from. Every
/// disagreement must be one the rule tables declare on purpose.
@Suite struct DifferentialTests {
    static let hanNames: [String] = {
        var seen = Set<String>()
        let fromFixtures = (fixtureRows("normalize").map { $0.columns[0] } + fixtureRows("transliterate").map { $0.columns.count > 1 ? $0.columns[1] : "" })
        return fromFixtures.filter { name in
            !name.isEmpty && name.unicodeScalars.allSatisfy { Script.of($0) == .han } && seen.insert(name).inserted
        }
    }()

    @Test func thereAreHanNamesToCompare() { #expect(Self.hanNames.count >= 20) }

    /// ICU's Han-Latin/Names reading, as toneless syllables.
    static func icuSyllables(_ name: String) throws -> [String] {
        let icu = try ICU.Transliterator(id: "Han-Latin/Names")
        let latin = try icu(name)
        return latin.split(separator: " ").map { Pinyin.stripTones(String($0)).plain.replacingOccurrences(of: "v", with: "u") }
    }

    @Test(arguments: hanNames)
    func hanReadingsDisagreeWithICUOnlyWhereTheTablesSaySo(_ name: String) throws {
        let canon = NameCanon.shared
        let chars = Array(name.unicodeScalars)
        let surnameLength = canon.hanSurnameLength(chars)
        let ours = canon.hanReadings(chars, surnameLength: surnameLength).map { Pinyin.keyForm(Pinyin.toneless($0 ?? "?")) }
        let theirs = try Self.icuSyllables(name)
        guard ours.count == theirs.count else {
            // ICU joins or splits differently only for characters it cannot read.
            Issue.record("\(name): \(ours) vs ICU \(theirs)")
            return
        }
        for i in ours.indices where ours[i] != theirs[i] {
            let c = chars[i]
            let simplified = canon.simplified(c)
            let explained = canon.tables.nameReadings[name] != nil
                || (i < surnameLength && canon.tables.zhSurnames[String(String.UnicodeScalarView(chars[0..<surnameLength]))] != nil)
                || (i >= surnameLength && (canon.tables.givenReadings[c] != nil || canon.tables.givenReadings[simplified] != nil))
                || ICUSyllableForCharacter(c) == ours[i]
            #expect(explained, "\(name): character \(String(c)) read \(ours[i]), ICU \(theirs[i]), and no rule table explains it")
        }
    }

    /// ICU's reading of one character alone (Han-Latin/Names reads some in context).
    func ICUSyllableForCharacter(_ c: Unicode.Scalar) -> String? {
        (try? Self.icuSyllables(String(c)))?.first
    }

    @Test func latinFoldingTableMatchesICU() throws {
        let icu = try ICU.Transliterator(id: "NFD; [:Mn:] Remove; Latin-ASCII; NFC")
        var checked = 0
        for (c, folded) in NameCanon.shared.tables.asciiFold {
            #expect(try icu(String(c)) == folded, "\(c)")
            checked += 1
        }
        #expect(checked > 500)
    }

    @Test func traditionalSimplifiedTablesMatchICU() throws {
        let t2s = try ICU.Transliterator(id: "Traditional-Simplified")
        let s2t = try ICU.Transliterator(id: "Simplified-Traditional")
        let tables = NameCanon.shared.tables
        for (t, s) in tables.hantToHans.prefix(400) { #expect(try t2s(String(t)) == String(s), "\(t)") }
        for (s, t) in tables.hansToHant.prefix(400) { #expect(try s2t(String(s)) == String(t), "\(s)") }
    }

    @Test func firstHanReadingIsICUsForCommonCharacters() throws {
        let icu = try ICU.Transliterator(id: "Han-Latin")
        let text = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
        for c in text.unicodeScalars {
            let ours = NameCanon.shared.tables.hanPinyin[c]?.first.map { Pinyin.marked($0) }
            #expect(ours == (try icu(String(c))), "\(c)")
        }
    }
}
