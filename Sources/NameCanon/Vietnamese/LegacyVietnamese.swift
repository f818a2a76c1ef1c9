import Foundation

/// Vietnamese typed in legacy font encodings and read as Windows-1252: VNI ("Ñoàng Vaên Khaùnh"
/// for "Đồng Văn Khánh"), where each base vowel is followed by the Latin-1 character whose byte
/// VNI used for its marks, and TCVN3 ("NguyÔn V¨n Kh¸nh"), one byte a letter. Decoded only when
/// every word becomes a Vietnamese syllable, so "Noël", "Müller" and "Peña" are left alone.
struct LegacyVietnamese: Sendable {
    /// Combining marks each VNI mark byte stands for, after a vowel.
    private static let marks: [Character: [Unicode.Scalar]] = {
        let acute: Unicode.Scalar = "\u{301}", grave: Unicode.Scalar = "\u{300}", hook: Unicode.Scalar = "\u{309}"
        let tilde: Unicode.Scalar = "\u{303}", dot: Unicode.Scalar = "\u{323}"
        let circumflex: Unicode.Scalar = "\u{302}", breve: Unicode.Scalar = "\u{306}"
        var m: [Character: [Unicode.Scalar]] = [
            "ù": [acute], "ø": [grave], "û": [hook], "õ": [tilde], "ï": [dot],
            "â": [circumflex], "ê": [breve],
            "á": [circumflex, acute], "à": [circumflex, grave], "å": [circumflex, hook], "ã": [circumflex, tilde], "ä": [circumflex, dot],
            "é": [breve, acute], "è": [breve, grave], "ú": [breve, hook], "ü": [breve, tilde], "ë": [breve, dot],
        ]
        for (k, v) in m { m[Character(k.uppercased())] = v }
        return m
    }()

    /// Characters VNI used for whole letters.
    private static let letters: [Character: String] = [
        "ô": "ơ", "Ô": "Ơ", "ö": "ư", "Ö": "Ư", "ñ": "đ", "Ñ": "Đ",
        "í": "í", "Í": "Í", "ì": "ì", "Ì": "Ì", "æ": "ỉ", "Æ": "Ỉ", "ó": "ĩ", "Ó": "Ĩ", "ò": "ị", "Ò": "Ị",
    ]

    private static let vowels: Set<Character> = ["a", "e", "o", "u", "y", "i", "ơ", "ư", "A", "E", "O", "U", "Y", "I", "Ơ", "Ư"]

    /// Vietnamese letters outside Latin-1 and Windows-1252 (ă, đ, ĩ, ũ, ơ, ư and capitals).
    static func isUnicodeOnly(_ v: UInt32) -> Bool {
        switch v {
        case 0x102, 0x103, 0x110, 0x111, 0x128, 0x129, 0x168, 0x169, 0x1A0, 0x1A1, 0x1AF, 0x1B0: return true
        default: return false
        }
    }

    /// TCVN3 (TCVN 5712) as Windows-1252 shows it ("NguyÔn V¨n Kh¸nh"): one character a letter,
    /// from Rules/vi/tcvn3.tsv.
    let tcvn3: [Character: String]
    /// The highest scalar of any character VNI or TCVN3 decoding replaces.
    private let highestLegacyScalar: UInt32

    init(_ rules: RuleFiles) {
        var table: [Character: String] = [:]
        for row in rules.rows("vi/tcvn3.tsv") where row.columns.count >= 2 {
            guard let shown = row.columns[0].first, row.columns[0].count == 1 else { continue }
            table[shown] = String(row.columns[1])
        }
        tcvn3 = table
        let keys = Array(Self.marks.keys) + Array(Self.letters.keys) + Array(table.keys)
        highestLegacyScalar = keys.flatMap { $0.unicodeScalars.map(\.value) }.max() ?? 0
    }

    /// True when `decode` must return nil, read off the scalars without Foundation's
    /// normalization: text with nothing past ASCII but characters above every legacy one (Han,
    /// kana, Hangul syllables), or text with a letter only Unicode Vietnamese has (ễ, ư, đ) and no
    /// combining mark or other character that composition could change.
    func certainlyNotLegacy(_ text: String) -> Bool {
        var onlyAsciiOrHigh = true, sawUnicodeOnly = false, composable = false
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x80 { continue }
            if v < 0x3000 || v <= highestLegacyScalar { onlyAsciiOrHigh = false }
            if (0x1EA0...0x1EF9).contains(v) || Self.isUnicodeOnly(v) {
                sawUnicodeOnly = true
            } else if !(v <= 0x2FF || (0x1E00...0x1EFF).contains(v) || (0x2000...0x206F).contains(v)) {
                composable = true
            }
        }
        return onlyAsciiOrHigh || (sawUnicodeOnly && !composable)
    }

    /// The decoded text and the encoding it was in ("vni", "tcvn3"), or nil when `text` reads
    /// as neither. `isSyllable` says whether a word is a Vietnamese syllable.
    func decode(_ text: String, isSyllable: (String) -> Bool) -> (text: String, encoding: String)? {
        if certainlyNotLegacy(text) { return nil }
        // Composed, one plain space between words, no invisible characters but the soft hyphen
        // (TCVN3's ư shows as U+00AD).
        let text = text.isComposedAndSingleSpaced ? text
            : String(scalars: text.precomposedStringWithCanonicalMapping.unicodeScalars.lazy.filter {
                !(0x200B...0x200F).contains($0.value) && $0.value != 0xFEFF && $0.value != 0x2060
            }).split(whereSeparator: { $0.isWhitespace }).joined(separator: " ")
        // Cheap test first: legacy bytes show as Latin-1 or Windows-1252 characters, and text
        // with a letter only Unicode has (ễ, ư, đ) is already Unicode Vietnamese.
        var legacy = false
        for scalar in text.unicodeScalars where scalar.value >= 0x80 {
            let v = scalar.value
            if (0x1EA0...0x1EF9).contains(v) || Self.isUnicodeOnly(v) { return nil }
            legacy = true
        }
        guard legacy else { return nil }
        // Decoding is kept only when some word is a syllable after it and was not before
        // (decodeWords' onlyDecoded): text whose every word is already a syllable stays.
        if text.parts(0x20).allSatisfy({ isSyllable(String($0)) }) { return nil }
        if let vni = Self.decodeWords(text, isSyllable: isSyllable, Self.vniWord) { return (vni, "vni") }
        if !tcvn3.isEmpty, text.contains(where: { tcvn3[$0] != nil }),
           let decoded = Self.decodeWords(text, isSyllable: isSyllable, { word in
               String(word.map { tcvn3[$0] ?? String($0) }.joined()) }) {
            return (decoded, "tcvn3")
        }
        return nil
    }

    /// One word of VNI: each mark byte joins the vowel before it.
    static func vniWord(_ word: Substring) -> String {
        var decoded = String.UnicodeScalarView()
        var last: Character? = nil
        for c in word {
            if let combining = marks[c], let l = last, vowels.contains(l) {
                decoded.append(contentsOf: combining)
                last = nil
            } else if let replacement = letters[c] {
                decoded.append(contentsOf: replacement.unicodeScalars)
                last = replacement.first
            } else {
                decoded.append(contentsOf: c.unicodeScalars)
                last = c
            }
        }
        return String(decoded)
    }

    /// Decodes word by word and keeps the result only when it is Vietnamese: every word a
    /// syllable after, at least one that was not before, and two changed words or a Đ
    /// ("Seán" alone decodes to a syllable by chance; "Thò" is Vietnamese either way).
    static func decodeWords(_ text: String, isSyllable: (String) -> Bool, _ decodeWord: (Substring) -> String) -> String? {
        var out: [String] = []
        var onlyDecoded = 0, either = 0, sawD = false
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            // Plain ASCII decodes to itself (every legacy character is past ASCII).
            if word.utf8.allSatisfy({ $0 < 0x80 }) {
                guard isSyllable(String(word)) else { return nil }
                out.append(String(word))
                continue
            }
            let decoded = decodeWord(word).precomposedStringWithCanonicalMapping
            if decoded == String(word).precomposedStringWithCanonicalMapping {
                // Every word of a Vietnamese name is a syllable ("Seán Ó Briain" is not one).
                guard isSyllable(decoded) else { return nil }
                out.append(decoded)
                continue
            }
            guard isSyllable(decoded) else { return nil }
            if decoded.contains(where: { $0 == "Đ" || $0 == "đ" }) { sawD = true }
            if isSyllable(String(word)) { either += 1 } else { onlyDecoded += 1 }
            out.append(decoded)
        }
        guard onlyDecoded >= 1, onlyDecoded + either >= 2 || sawD else { return nil }
        return out.joined(separator: " ")
    }
}
