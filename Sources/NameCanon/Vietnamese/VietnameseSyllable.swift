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

    static let vowels: Set<Character> = Set("aăâeêioôơuưyAĂÂEÊIOÔƠUƯY")

    /// Lowercase of the non-ASCII letters Vietnamese uses (toneless bases and đ).
    static let lowercase: [Character: Character] = {
        var map: [Character: Character] = [:]
        for c in "ĂÂÊÔƠƯĐ" { map[c] = Character(c.lowercased()) }
        for c in "ăâêôơưđ" { map[c] = c }
        return map
    }()
    static let marked: Set<Character> = Set("ăâêôơưĂÂÊÔƠƯ")
}

/// One Vietnamese syllable split into onset, vowel cluster, coda and tone, so the tone mark can
/// be put back by a fixed rule.
struct VietnameseSyllable {
    var onset: [Character]
    var vowels: [Character]
    var coda: [Character]
    var tone: Tone

    private static let onsets: [[Character]] = [
        "ngh", "ng", "nh", "ch", "gh", "gi", "kh", "ph", "th", "tr", "qu",
        "b", "c", "d", "đ", "g", "h", "k", "l", "m", "n", "p", "r", "s", "t", "v", "x",
    ].map { Array($0) }
    private static func isCoda(_ c: ArraySlice<Character>) -> Bool {
        switch c.count {
        case 0: return true
        case 1: return c.first == "c" || c.first == "m" || c.first == "n" || c.first == "p" || c.first == "t"
        case 2:
            let a = c[c.startIndex], b = c[c.startIndex + 1]
            return (a == "c" && b == "h") || (a == "n" && (b == "g" || b == "h"))
        default: return false
        }
    }

    /// Parses a word written in Vietnamese letters; nil when it cannot be one syllable.
    init?(_ word: String) {
        var tone = Tone.level
        var letters: [Character] = []
        letters.reserveCapacity(word.count)
        for c in word {
            if let (base, t) = VietnameseLetters.split[c] {
                if t != .level {
                    if tone != .level { return nil }  // two tone marks
                    tone = t
                }
                letters.append(base)
            } else {
                letters.append(c)
            }
        }
        let lower = letters.map { c -> Character in
            if c.isASCII { return c.isUppercase ? Character(c.lowercased()) : c }
            return VietnameseLetters.lowercase[c] ?? c
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
            if lower.count == 2 || !VietnameseLetters.vowels.contains(lower[2]) { onsetLength = 1 }
        }
        if onsetLength == 2, lower[0] == "q", lower.count == 2 { return nil }
        var index = onsetLength
        var vowelEnd = index
        while vowelEnd < lower.count, VietnameseLetters.vowels.contains(lower[vowelEnd]) { vowelEnd += 1 }
        guard vowelEnd > index, vowelEnd - index <= 3 else { return nil }
        guard Self.isCoda(lower[vowelEnd...]) else { return nil }
        onset = Array(letters[0..<onsetLength])
        vowels = Array(letters[index..<vowelEnd])
        self.coda = Array(letters[vowelEnd...])
        self.tone = tone
        index = vowelEnd
    }

    /// Which vowel of the cluster carries the tone mark in `style`.
    func toneIndex(_ style: ToneStyle) -> Int {
        let lower = vowels.map { Character($0.lowercased()) }
        // ươ: the mark goes on ơ; otherwise on the last vowel carrying a diacritic.
        if let i = lower.firstIndex(of: "ơ") { return i }
        if let i = lower.lastIndex(where: { VietnameseLetters.marked.contains($0) }) { return i }
        if lower.count == 1 { return 0 }
        if !coda.isEmpty { return lower.count - 1 }
        if lower.count == 3 { return 1 }
        let pair = String(lower)
        if pair == "oa" || pair == "oe" || pair == "uy" { return style == .old ? 1 : 0 }
        return 0
    }

    /// `word` with its tone mark placed the new way when it is one Vietnamese syllable (hoà →
    /// hòa), else as it is: one spelling for either tone style.
    static func newStyle(_ word: String) -> String { VietnameseSyllable(word)?.written(.new) ?? word }

    /// The syllable written with its tone mark placed by `style`, keeping each letter's case.
    func written(_ style: ToneStyle) -> String {
        var vs = vowels
        if tone != .level {
            let i = toneIndex(style)
            if let forms = VietnameseLetters.join[vs[i]] { vs[i] = forms[tone.rawValue] }
        }
        return String(onset) + String(vs) + String(coda)
    }
}
