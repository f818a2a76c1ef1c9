import Foundation

/// Vietnamese letters, tones and the placement of the tone mark within a syllable.
///
/// A Vietnamese syllable carries at most one tone mark (huyền, sắc, hỏi, ngã, nặng) on one of its
/// vowels. Writers disagree about which vowel in open syllables ending in oa, oe, uy: NameCanon
/// calls "new" the style that writes Hòa, Khỏe, Thủy (the mark on the first of the two vowels;
/// the form most news sites use today) and "old" the one that writes Hoà, Khoẻ, Thuỷ. Vietnamese
/// orthographic tradition names them the other way round (kiểu cũ/kiểu mới); the flags follow
/// NameCanon's issue tracker and docs. Keys never depend on the style.
public enum ToneStyle: String, Sendable, Codable, CaseIterable {
    /// Hòa, Khỏe, Thủy (the default).
    case new
    /// Hoà, Khoẻ, Thuỷ.
    case old
    /// Leave the tone mark where the input put it.
    case keep
}

enum Tone: Int {
    case level = 0, grave, acute, hook, tilde, dot
}

enum VietnameseLetters {
    /// Each row: the toneless vowel followed by its five toned forms (grave, acute, hook, tilde, dot).
    private static let rows: [String] = [
        "aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ", "eèéẻẽẹ", "êềếểễệ", "iìíỉĩị",
        "oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ", "uùúủũụ", "ưừứửữự", "yỳýỷỹỵ",
        "AÀÁẢÃẠ", "ĂẰẮẲẴẶ", "ÂẦẤẨẪẬ", "EÈÉẺẼẸ", "ÊỀẾỂỄỆ", "IÌÍỈĨỊ",
        "OÒÓỎÕỌ", "ÔỒỐỔỖỘ", "ƠỜỚỞỠỢ", "UÙÚỦŨỤ", "ƯỪỨỬỮỰ", "YỲÝỶỸỴ",
    ]

    /// Toned vowel → (toneless vowel, tone).
    static let split: [Character: (Character, Tone)] = {
        var map: [Character: (Character, Tone)] = [:]
        for row in rows {
            let chars = Array(row)
            for (i, c) in chars.enumerated() { map[c] = (chars[0], Tone(rawValue: i)!) }
        }
        return map
    }()

    /// (toneless vowel, tone) → toned vowel.
    static let join: [Character: [Character]] = {
        var map: [Character: [Character]] = [:]
        for row in rows { let chars = Array(row); map[chars[0]] = chars }
        return map
    }()

    /// Letters that exist only in Vietnamese among the Latin alphabets NameCanon meets in names.
    static func isDistinctivelyVietnamese(_ c: Character) -> Bool {
        switch c {
        case "đ", "Đ", "ơ", "Ơ", "ư", "Ư", "ă", "Ă": return true
        default:
            guard let (base, tone) = split[c] else { return false }
            if tone == .dot || tone == .hook { return true }
            if tone == .tilde && base != "a" && base != "o" && base != "A" && base != "O" && base != "n" { return true }
            if "âêôÂÊÔ".contains(base) && tone != .level { return true }
            return false
        }
    }
}

/// One Vietnamese syllable split into onset, vowel cluster, coda and tone, so the tone mark can
/// be put back by a fixed rule. Letters are Unicode scalars of the composed (NFC) spelling:
/// every Vietnamese letter is one scalar there.
struct VietnameseSyllable {
    var onset: [Unicode.Scalar]
    var vowels: [Unicode.Scalar]
    var coda: [Unicode.Scalar]
    var tone: Tone

    /// Scalar → toneless base letter and tone, for every scalar below U+1F00 (0: none), packed
    /// as base << 3 | tone.
    private static let splitTable: [UInt32] = {
        var table = [UInt32](repeating: 0, count: 0x1F00)
        for (c, (base, tone)) in VietnameseLetters.split {
            guard c.unicodeScalars.count == 1, let b = base.unicodeScalars.first else { continue }
            let v = c.unicodeScalars.first!.value
            if v < 0x1F00 { table[Int(v)] = b.value << 3 | UInt32(tone.rawValue) }
        }
        return table
    }()

    /// The toned forms of each toneless vowel, as scalars (index: tone).
    private static let joinTable: [UInt32: [Unicode.Scalar]] = {
        var map: [UInt32: [Unicode.Scalar]] = [:]
        for (base, forms) in VietnameseLetters.join {
            map[base.unicodeScalars.first!.value] = forms.map { $0.unicodeScalars.first! }
        }
        return map
    }()

    /// Lowercase of a toneless letter (ASCII, ă â ê ô ơ ư đ).
    private static func lower(_ s: Unicode.Scalar) -> Unicode.Scalar {
        switch s.value {
        case 0x41...0x5A: return Unicode.Scalar(s.value + 0x20)!
        case 0x102: return "ă"
        case 0xC2: return "â"
        case 0xCA: return "ê"
        case 0xD4: return "ô"
        case 0x1A0: return "ơ"
        case 0x1AF: return "ư"
        case 0x110: return "đ"
        default: return s
        }
    }

    private static func isVowel(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "a", "ă", "â", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y": return true
        default: return false
        }
    }

    private static func isMarked(_ s: Unicode.Scalar) -> Bool {
        switch s {
        case "ă", "â", "ê", "ô", "ơ", "ư": return true
        default: return false
        }
    }

    private static let onsets: [[Unicode.Scalar]] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ].map { Array($0.unicodeScalars) }

    private static func isCoda(_ c: ArraySlice<Unicode.Scalar>) -> Bool {
        switch c.count {
        case 0: return true
        case 1: return c.first == "c" || c.first == "m" || c.first == "n" || c.first == "p" || c.first == "t"
        case 2:
            let a = c[c.startIndex], b = c[c.startIndex + 1]
            return (a == "c" && b == "h") || (a == "n" && (b == "g" || b == "h"))
        default: return false
        }
    }

    /// Parses a word written in Vietnamese letters; nil when it cannot be one syllable. Text
    /// that is not composed is composed first (a letter with its marks is one scalar then).
    init?(_ word: String) {
        if word.unicodeScalars.allSatisfy({ $0.value < 0x300 || (0x1E00...0x1EFF).contains($0.value) }) {
            self.init(scalars: word.unicodeScalars)
        } else {
            self.init(scalars: word.precomposedStringWithCanonicalMapping.unicodeScalars)
        }
    }

    private init?(scalars: String.UnicodeScalarView) {
        var tone = Tone.level
        var letters: [Unicode.Scalar] = []
        var lower: [Unicode.Scalar] = []
        letters.reserveCapacity(8)
        lower.reserveCapacity(8)
        for c in scalars {
            var base = c
            if c.value < 0x1F00 {
                let packed = Self.splitTable[Int(c.value)]
                if packed != 0 {
                    let t = Tone(rawValue: Int(packed & 7))!
                    if t != .level {
                        if tone != .level { return nil }  // two tone marks
                        tone = t
                    }
                    base = Unicode.Scalar(packed >> 3)!
                }
            }
            letters.append(base)
            lower.append(Self.lower(base))
        }
        var onsetLength = 0
        for cs in Self.onsets {
            if lower.count >= cs.count, lower[0..<cs.count].elementsEqual(cs) {
                onsetLength = cs.count
                break
            }
        }
        // "gi" and "qu" are onsets only when a vowel follows ("gì" is g + i, "giá" is gi + a).
        if onsetLength == 2, lower[0] == "g", lower[1] == "i" {
            if lower.count == 2 || !Self.isVowel(lower[2]) { onsetLength = 1 }
        }
        if onsetLength == 2, lower[0] == "q", lower.count == 2 { return nil }
        let index = onsetLength
        var vowelEnd = index
        while vowelEnd < lower.count, Self.isVowel(lower[vowelEnd]) { vowelEnd += 1 }
        guard vowelEnd > index, vowelEnd - index <= 3 else { return nil }
        guard Self.isCoda(lower[vowelEnd...]) else { return nil }
        onset = Array(letters[0..<onsetLength])
        vowels = Array(letters[index..<vowelEnd])
        coda = Array(letters[vowelEnd...])
        self.tone = tone
    }

    /// Which vowel of the cluster carries the tone mark in `style`.
    func toneIndex(_ style: ToneStyle) -> Int {
        let lower = vowels.map(Self.lower)
        // ươ: the mark goes on ơ; otherwise on the last vowel carrying a diacritic.
        if let i = lower.firstIndex(of: "ơ") { return i }
        if let i = lower.lastIndex(where: Self.isMarked) { return i }
        if lower.count == 1 { return 0 }
        if !coda.isEmpty { return lower.count - 1 }
        if lower.count == 3 { return 1 }
        if lower.count == 2 {
            let a = lower[0], b = lower[1]
            if (a == "o" && (b == "a" || b == "e")) || (a == "u" && b == "y") { return style == .old ? 1 : 0 }
        }
        return 0
    }

    /// `word` with its tone mark placed the new way when it is one Vietnamese syllable (hoà →
    /// hòa), else as it is: one spelling for either tone style.
    static func newStyle(_ word: String) -> String {
        // A word without marks has no tone mark to move.
        if word.utf8.allSatisfy({ $0 < 0x80 }) { return word }
        return VietnameseSyllable(word)?.written(.new) ?? word
    }

    /// The syllable written with its tone mark placed by `style`, keeping each letter's case.
    func written(_ style: ToneStyle) -> String {
        var vs = vowels
        if tone != .level {
            let i = toneIndex(style)
            if let forms = Self.joinTable[vs[i].value] { vs[i] = forms[tone.rawValue] }
        }
        return String(scalars: onset + vs + coda)
    }

    /// The letters without the tone, as a string (onset, vowels, coda).
    static func string(_ scalars: [Unicode.Scalar]) -> String { String(scalars: scalars) }
}
