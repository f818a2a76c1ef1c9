import Foundation
import Testing
@testable import NameCanon

/// Properties that hold for every name in the fixtures: normalization is idempotent, and the
/// key survives NFC/NFD, case, extra spaces, tone style and a mis-decoding round trip.
@Suite struct PropertyTests {
    static let names: [String] = {
        var seen = Set<String>()
        let all: [String] = fixtureRows("normalize").map { $0.columns[0] } + [
            "XI Jinping", "習近平", "Nguyễn Phú Trọng", "Vương Đình Huệ", "Janet Yellen", "Phạm Minh Chính",
            "Võ Văn Thưởng", "Nguyễn Khắc Giang", "欧阳娜娜", "Hsi Chin-p'ing", "André Braugher", "Imran Khan",
        ]
        return all.filter { seen.insert($0).inserted }
    }()

    /// The `@hint=` of each fixture name's first row, read once: reading every fixture file again
    /// for each of ~3,000 test cases was 95% of this suite's time (238 s of a debug run).
    static let hints: [String: NameLanguage?] = {
        var out: [String: NameLanguage?] = [:]
        for row in fixtureRows("normalize") where out[row.columns[0]] == nil {
            out[row.columns[0]] = row.columns.first { $0.hasPrefix("@hint=") }.flatMap { NameLanguage(rawValue: String($0.dropFirst(6))) }
        }
        return out
    }()

    static func hint(for name: String) -> NameLanguage? { hints[name] ?? nil }

    @Test(arguments: names)
    func normalizingTwiceChangesNothing(_ input: String) throws {
        let once = try NameCanon.shared.normalize(input, hint: Self.hint(for: input))
        let twice = try NameCanon.shared.normalize(once.display, hint: once.language == .other ? nil : once.language)
        #expect(twice.display == once.display, "display of \(input)")
        #expect(twice.key == once.key, "key of \(input)")
    }

    @Test(arguments: names)
    func keyIsStableUnderNFDCaseAndSpaces(_ input: String) throws {
        let hint = Self.hint(for: input)
        let base = try NameCanon.shared.normalize(input, hint: hint)
        // Changing the case of mis-decoded text changes the bytes it stands for.
        if base.repairs.contains("mojibake") { return }
        let nfd = try ICU.normalize(input, .nfd)
        // So does changing the case of legacy-font text (TCVN3's ô and Ô are different letters).
        let legacy = base.repairs.contains("legacy-vietnamese")
        let variants = [
            nfd, legacy ? input : input.uppercased(), legacy ? input : input.lowercased(),
            "  " + input.replacingOccurrences(of: " ", with: "   ") + " ",
            input.replacingOccurrences(of: " ", with: "\u{00A0}"), "\u{200B}" + input + "\u{FEFF}",
        ]
        for v in variants {
            let other = try NameCanon.shared.normalize(v, hint: hint)
            #expect(other.key == base.key, "key of \(input.debugDescription) vs \(v.debugDescription)")
        }
    }

    @Test(arguments: names.filter { name in name.unicodeScalars.contains { $0.value > 0x7F } && !name.contains("?") })
    func keySurvivesMisdecoding(_ input: String) throws {
        let base = try NameCanon.shared.normalize(input, hint: Self.hint(for: input))
        // UTF-8 bytes read as Windows-1252 (undefined bytes as Latin-1 controls).
        let table: [UInt8: Unicode.Scalar] = [
            0x80: "\u{20AC}", 0x82: "\u{201A}", 0x83: "\u{0192}", 0x84: "\u{201E}", 0x85: "\u{2026}", 0x86: "\u{2020}",
            0x87: "\u{2021}", 0x88: "\u{02C6}", 0x89: "\u{2030}", 0x8A: "\u{0160}", 0x8B: "\u{2039}", 0x8C: "\u{0152}",
            0x8E: "\u{017D}", 0x91: "\u{2018}", 0x92: "\u{2019}", 0x93: "\u{201C}", 0x94: "\u{201D}", 0x95: "\u{2022}",
            0x96: "\u{2013}", 0x97: "\u{2014}", 0x98: "\u{02DC}", 0x99: "\u{2122}", 0x9A: "\u{0161}", 0x9B: "\u{203A}",
            0x9C: "\u{0153}", 0x9E: "\u{017E}", 0x9F: "\u{0178}",
        ]
        var garbled = String.UnicodeScalarView()
        for b in input.utf8 { garbled.append(table[b] ?? Unicode.Scalar(b)) }
        let repaired = try NameCanon.shared.normalize(String(garbled), hint: Self.hint(for: input))
        #expect(repaired.key == base.key)
        #expect(repaired.repairs.contains("mojibake"))
    }

    @Test func vietnameseKeysIgnoreToneStyle() throws {
        let pairs = [("Hoà", "Hòa"), ("Thuỷ", "Thủy"), ("Khoẻ", "Khỏe"), ("Qúy", "Quý")]
        for (old, new) in pairs {
            for engine in [Engines.new, Engines.old, Engines.keep] {
                let a = try engine.normalize("Nguyễn Thị \(old)", hint: .vi)
                let b = try engine.normalize("Nguyễn Thị \(new)", hint: .vi)
                #expect(a.key == b.key)
            }
            #expect(try Engines.new.normalize("Lê \(old)", hint: .vi).given == new)
        }
        #expect(try Engines.old.normalize("Nguyễn Thị Hòa").given == "Hoà")
        #expect(try Engines.keep.normalize("Nguyễn Thị Hoà").given == "Hoà")
    }

    @Test func traditionalAndSimplifiedShareEveryKey() throws {
        for (hant, hans) in [("習近平", "习近平"), ("歐陽娜娜", "欧阳娜娜"), ("鄧小平", "邓小平"), ("溫家寶", "温家宝"), ("馬英九", "马英九")] {
            let a = try NameCanon.shared.normalize(hant), b = try NameCanon.shared.normalize(hans)
            #expect(a.keys == b.keys, "\(hant) \(a.keys) vs \(hans) \(b.keys)")
        }
    }
}
