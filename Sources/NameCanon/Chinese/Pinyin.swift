/// Pinyin spelling: numeric tones as stored in the tables, tone marks, the press form, keys.
enum Pinyin {
    private static let marks: [Character: [Character]] = [
        "a": ["ā", "á", "ǎ", "à"], "e": ["ē", "é", "ě", "è"], "i": ["ī", "í", "ǐ", "ì"],
        "o": ["ō", "ó", "ǒ", "ò"], "u": ["ū", "ú", "ǔ", "ù"], "ü": ["ǖ", "ǘ", "ǚ", "ǜ"],
    ]

    /// Tone-marked vowel → (plain vowel, tone 1-4).
    static let unmark: [Character: (Character, Int)] = {
        var map: [Character: (Character, Int)] = [:]
        for (base, forms) in marks {
            for (i, f) in forms.enumerated() {
                map[f] = (base, i + 1)
                if let upperF = f.uppercased().first, let upperB = base.uppercased().first { map[upperF] = (upperB, i + 1) }
            }
        }
        return map
    }()

    /// "xi2" → "xi"; "lv4" → "lv".
    static func toneless(_ numeric: String) -> String {
        // ASCII (as the tables' readings are): a Character is a byte and a number a digit.
        let u = numeric.utf8
        if let last = u.last, last < 0x80, u.allSatisfy({ $0 < 0x80 }) {
            guard last >= 0x30 && last <= 0x39 else { return numeric }
            var end = u.count
            while end > 0, case let b = u[u.index(u.startIndex, offsetBy: end - 1)], b >= 0x30 && b <= 0x39 { end -= 1 }
            return String(numeric.utf8.prefix(end))!  // bytes, not Characters: "\r\n" is one
        }
        var s = numeric
        while let last = s.last, last.isNumber { s.removeLast() }
        return s
    }

    /// "xi2" → 2; no digit → 5 (neutral).
    static func tone(_ numeric: String) -> Int {
        if let last = numeric.last, let digit = last.wholeNumberValue { return digit }
        return 5
    }

    /// Spelling with ü: "lv" → "lü"; after j, q, x, y the ü is written u ("jv" → "ju").
    static func withUmlaut(_ plain: String) -> String {
        // Without the byte there is no "v" Character to replace (Foundation's search is skipped).
        guard plain.utf8.contains(0x76) else { return plain }
        if let first = plain.first, "jqxy".contains(first) { return plain.replacingCharacter("v", with: "u") }
        return plain.replacingCharacter("v", with: "ü")
    }

    /// The ASCII key spelling: ü and v become u.
    static func keyForm(_ plain: String) -> String {
        // ASCII (as readings are): a "v" is its byte, and there is no ü.
        let u = plain.utf8
        if u.allSatisfy({ $0 < 0x80 }) {
            guard u.contains(0x76) else { return plain }
            return String(decoding: u.map { $0 == 0x76 ? 0x75 : $0 }, as: UTF8.self)
        }
        return plain.replacingCharacter("v", with: "u").replacingCharacter("ü", with: "u")
    }

    /// "lv3" → "lǚ", "xi2" → "xí": the tone mark goes on a or e, on the o of ou, else on the last vowel.
    static func marked(_ numeric: String) -> String {
        let tone = tone(numeric)
        var chars = Array(withUmlaut(toneless(numeric)))
        guard (1...4).contains(tone) else { return String(chars) }
        let vowelSet: Set<Character> = ["a", "e", "i", "o", "u", "ü"]
        var target: Int? = chars.firstIndex(of: "a") ?? chars.firstIndex(of: "e")
        if target == nil, let o = chars.firstIndex(of: "o"), o + 1 < chars.count, chars[o + 1] == "u" { target = o }
        if target == nil { target = chars.lastIndex(where: { vowelSet.contains($0) }) }
        // Syllabic n, m and ng have no vowel to carry a mark; names never use them.
        if let t = target, let forms = marks[chars[t]] { chars[t] = forms[tone - 1] }
        return String(chars)
    }

    /// Joins given-name syllables the way names are written: "jin"+"ping" → "jinping", with an
    /// apostrophe before a syllable starting with a, o or e ("wan"+"er" → "wan'er").
    static func join(_ syllables: [String]) -> String {
        var out = ""
        for (i, s) in syllables.enumerated() {
            if i > 0, let b = s.utf8.first {
                // A syllable starting with an ASCII letter other than a, o, e needs none, and
                // that byte is its first Character (no mark follows: the next byte is ASCII).
                let plainStart = b < 0x80 && b != 0x61 && b != 0x6F && b != 0x65 && s.utf8.dropFirst().first.map { $0 < 0x80 } ?? true
                if !plainStart, let f = s.first, Self.startsWithVowelNeedingApostrophe(f) { out += "'" }
            }
            out += s
        }
        return out
    }

    /// True for a, o, e with or without a tone mark: a syllable starting so is set off by an
    /// apostrophe inside a word (Xi'an). A one-scalar character is looked up by its scalar.
    @inline(__always)
    static func startsWithVowelNeedingApostrophe(_ c: Character) -> Bool {
        let scalars = c.unicodeScalars
        guard let s = scalars.first, scalars.index(after: scalars.startIndex) == scalars.endIndex else {
            return "aoeāáǎàōóǒòēéěè".contains(c)
        }
        switch s {
        case "a", "o", "e", "ā", "á", "ǎ", "à", "ō", "ó", "ǒ", "ò", "ē", "é", "ě", "è": return true
        default: return false
        }
    }

    /// Capitalizes the first letter.
    static func capitalized(_ s: String) -> String {
        // ASCII: upper-casing the first byte is upper-casing the first character (a letter is
        // one byte; "\r\n", the one two-byte character, has no case).
        let u = s.utf8
        if let b = u.first, u.allSatisfy({ $0 < 0x80 }) {
            guard b >= 0x61 && b <= 0x7A else { return s }
            var source = s
            return source.withUTF8 { bytes in
                String(unsafeUninitializedCapacity: bytes.count) { out in
                    _ = out.initialize(from: bytes)
                    out[0] = b &- 0x20
                    return bytes.count
                }
            }
        }
        guard let first = s.first else { return s }
        return first.uppercased() + s.dropFirst()
    }

    /// Removes tone marks and tone digits from a Latin word, keeping ü as v, lowercased.
    /// "Jìnpíng" → "jinping", "Lǚ" → "lv", "Xi2" → "xi". Also reports whether any tone was seen.
    static func stripTones(_ word: String) -> (plain: String, hadTones: Bool) {
        var out = ""
        var had = false
        for c in word.latinLowered {
            if let (base, _) = unmark[c] { out.append(base == "ü" ? "v" : base); had = true; continue }
            if c == "ü" { out.append("v"); continue }
            if c.isNumber { had = true; continue }
            out.append(c)
        }
        return (out, had)
    }

    /// Splits a word of plain pinyin ("jinping", "xi'an") into syllables using the syllable set,
    /// preferring the fewest syllables and, among those, the longest first syllable; an
    /// apostrophe forces a break. Nil when the word is not pinyin.
    ///
    /// `lettersOnly` says every syllable is made of the letters a to z alone: then a word with any
    /// other character (a Vietnamese "nguyễn") is not pinyin without trying every split (no
    /// character past ASCII is canonically equivalent to a lowercase ASCII letter).
    static func segment(_ word: String, syllables: Set<String>, lettersOnly: Bool = false) -> [String]? {
        segment(word, isSyllable: { syllables.contains($0) }, lettersOnly: lettersOnly)
    }

    /// ``segment(_:syllables:lettersOnly:)`` with the syllables given by a test.
    static func segment(_ word: String, isSyllable: (String) -> Bool, lettersOnly: Bool = false) -> [String]? {
        if lettersOnly, !word.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x27 }) { return nil }
        var result: [String] = []
        for part in word.split(separator: "'", omittingEmptySubsequences: true) {
            guard let s = segmentRun(Array(part), isSyllable) else { return nil }
            result += s
        }
        return result.isEmpty ? nil : result
    }

    /// Fewest syllables first; then fewest vowel-initial syllables after the first, since
    /// written pinyin would have put an apostrophe there ("jinan" is ji+nan, not jin+an).
    private static func cost(_ s: [String]) -> Int {
        var vowelInitial = 0
        for piece in s.dropFirst() where "aoe".contains(piece.first!) { vowelInitial += 1 }
        return s.count * 100 + vowelInitial
    }

    private static func segmentRun(_ chars: [Character], _ isSyllable: (String) -> Bool) -> [String]? {
        Segmenter.split(chars, maxPiece: 6, isPiece: isSyllable, allow: { split in
            // Written pinyin puts an apostrophe before a/o/e inside a word; without one,
            // only the common "er" (Wan'er written Waner) is accepted there.
            guard split.count > 1 else { return true }
            let next = split[1]
            return !("aoe".contains(next.first!) && next != "er")
        }, cost: cost)
    }
}
