import Foundation
import Testing
import TestSupport
@testable import NameCanon

/// The short way for simple Latin names (SimpleLatin.swift) gives what every step gives.
@Suite struct SimpleLatinTests {
    /// Compares the two ways on one name; returns whether the short way took it.
    @discardableResult
    static func check(_ canon: NameCanon, _ name: String, sourceLocation: SourceLocation = #_sourceLocation) -> Bool {
        let whole = try? canon.normalizeWhole(name, hint: nil)
        guard let simple = canon.normalizeSimpleLatin(name) else { return false }
        #expect(simple == whole, "\(name.unicodeScalars.map { String($0.value, radix: 16) })", sourceLocation: sourceLocation)
        return true
    }

    /// Words from every table the steps before the analyzer read (titles, descriptors,
    /// generations, "also known as"), and from the analyzers' own (Vietnamese, Chinese and
    /// Korean surnames, Vietnamese middle names, pinyin), put together at random in every
    /// casing. Each name the short way takes must come out as the whole way has it.
    @Test(arguments: [ToneStyle.new, .old, .keep])
    func randomNamesFromTheTablesAnswerAlike(style: ToneStyle) {
        let canon = Engines.with(style)
        let t = canon.tables
        var pools: [[String]] = [
            Array(t.viSurnamesExact).sorted(), Array(t.viMiddlesExact).sorted(), Array(t.viSurnames.keys).sorted(),
            Array(t.zhSurnamePinyin.keys).sorted(), Array(t.pinyinSyllables).sorted(), Array(t.koSurnamesLatin.keys).sorted(),
            Array(t.titleVocabulary).sorted(),
            t.titles.flatMap { $0.text.split(separator: " ").map(String.init) },
            canon.descriptors.latin.values.flatMap { $0.flatMap { $0.exact + $0.folded } }.sorted(),
            Array(NameCanon.generations.keys).sorted() + ["Jr", "III", "Ii", "IV", "Junior"],
            ["aka", "also", "known", "as", "còn", "gọi", "là", "Xi", "Jinping", "Angela", "Merkel", "Kim", "Jong", "Un",
             "Shinzo", "Abe", "Lee", "Hsien", "Loong", "Phúc", "Nguyễn", "Hoà", "Hòa", "Thuỷ", "Thủy", "Lý", "Lí", "Ly",
             "Şişli", "ÅžiÅŸli", "Ðức", "Ngô", "Đình", "Đinh", "Văn", "Thị", "Tập", "Cận", "Bình", "Tưởng", "Sang", "Xiaoping",
             "Yu", "Ying", "Ma", "Ying-jeou", "O'Brien", "Nguyens", "Trong's", "Van", "Der", "Chủ", "tịch", "Mỹ"],
        ]
        pools = pools.map { $0.filter { !$0.isEmpty && !$0.contains(" ") } }.filter { !$0.isEmpty }
        var generator = Seeded(state: 0x5EED_0000 + UInt64(style == .new ? 1 : style == .old ? 2 : 3))
        var taken = 0, left = 0
        for _ in 0..<12_000 {
            let count = Int.random(in: 1...5, using: &generator)
            let words = (0..<count).map { _ -> String in
                let word = pools.randomElement(using: &generator)!.randomElement(using: &generator)!
                switch Int.random(in: 0..<4, using: &generator) {
                case 0: return word.uppercased()
                case 1: return word.prefix(1).uppercased() + word.dropFirst()
                default: return word
                }
            }
            if Self.check(canon, words.joined(separator: " ")) { taken += 1 } else { left += 1 }
        }
        // Both ways are exercised: the short way takes most names and leaves some.
        #expect(taken > 4_000 && left > 500, "taken \(taken), left \(left)")
    }

    /// Every input of the golden fixtures and samples answers alike (whichever way it goes).
    @Test func fixtureInputsAnswerAlike() throws {
        var inputs = fixtureRows("normalize").map { $0.columns[0] }
        let samples = repositoryRoot.appendingPathComponent("Fixtures/samples/names.txt")
        inputs += try String(contentsOf: samples, encoding: .utf8).split(separator: "\n").map(String.init)
        var taken = 0
        for style in [ToneStyle.new, .old, .keep] {
            for input in inputs where Self.check(Engines.with(style), input) { taken += 1 }
        }
        #expect(taken > 300, "taken \(taken) of \(inputs.count * 3)")
    }

    /// The byte tests the short way makes instead of asking mojibake and legacy decoding:
    /// the letters Windows-1252 has past Latin-1, and the letters only Unicode has.
    @Test func letterClassesMatchTheirTables() {
        for v in UInt32(0x100)...0x24F {
            #expect(Mojibake.isWindows1252Letter(v) == Mojibake.isWindows1252(v), "\(String(v, radix: 16))")
        }
        let unicodeOnly = "ăĂđĐĩĨũŨơƠưƯ".unicodeScalars.map(\.value)
        for v in UInt32(0x80)...0x24F {
            #expect(LegacyVietnamese.isUnicodeOnly(v) == unicodeOnly.contains(v), "\(String(v, radix: 16))")
        }
    }

    /// What the short way must leave to the whole way, and what it must take.
    @Test func leavesWhatItCannotVouchFor() {
        let canon = Engines.new
        let left = [
            "President Xi Jinping", "Chủ tịch Nguyễn Phú Trọng", "ông Nguyễn Văn An", "Smith Jr", "Mr Xi", "Martin Luther King Jr",
            "Donald Trump III", "Ito aka Jiro", "Nguyễn Văn An còn gọi là Ba", "ÅžiÅŸli Ahmet", "Nguyeãn Vaên Thieäu",
            "Ðức Anh", "Xi  Jinping", " Xi Jinping", "Xi Jinping ", "Xi-Jinping", "O'Brien", "Xi's", "习近平", "Nguyê\u{303}n",
            "Xi\u{200B}Jinping", "Xi Jinping2", "", String(repeating: "a", count: 600),
        ]
        for name in left { #expect(canon.normalizeSimpleLatin(name) == nil, "\(name)") }
        let taken = ["Nguyễn Phú Trọng", "NGUYEN Phu Trong", "Xi Jinping", "Angela Merkel", "Trong", "Kim Jong Un", "Şişli Ahmet",
                     "Lê Thị Hoà", "Tập Cận Bình", "Đặng Văn Lâm", "Yu Ying-jeou".replacingOccurrences(of: "-", with: "")]
        for name in taken { #expect(Self.check(canon, name), "\(name)") }
    }
}
