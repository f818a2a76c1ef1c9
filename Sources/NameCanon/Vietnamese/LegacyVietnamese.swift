import Foundation

/// Vietnamese typed in the VNI legacy font encoding and read as Windows-1252 ("Ñoàng Vaên
/// Khaùnh" for "Đồng Văn Khánh"): each base vowel is followed by the Latin-1 character whose
/// byte VNI used for its marks. Decoded only when every changed word becomes a Vietnamese
/// syllable, so "Noël", "Müller" and "Peña" are left alone.
enum LegacyVietnamese {
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

    /// The decoded text, or nil when `text` does not read as VNI Vietnamese. `isSyllable`
    /// says whether a word is a Vietnamese syllable.
    static func decode(_ text: String, isSyllable: (String) -> Bool) -> String? {
        guard text.unicodeScalars.contains(where: { $0.value >= 0xC0 && $0.value <= 0xFF }) else { return nil }
        // Each word with Latin-1 letters: decoded, and whether it read as Vietnamese before.
        var out: [String] = []
        var onlyAsVNI = 0, either = 0, sawD = false
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            // Every word of a Vietnamese name is a syllable ("Seán Ó Briain" is not one).
            guard word.unicodeScalars.contains(where: { $0.value >= 0xC0 && $0.value <= 0xFF }) else {
                guard isSyllable(String(word)) else { return nil }
                out.append(String(word))
                continue
            }
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
            let result = String(decoded).precomposedStringWithCanonicalMapping
            guard isSyllable(result) else { return nil }
            if word.contains(where: { $0 == "Ñ" || $0 == "ñ" }) { sawD = true }
            if isSyllable(String(word)) { either += 1 } else { onlyAsVNI += 1 }
            out.append(result)
        }
        // "Seán": one word that happens to decode is no evidence; "Thò" alone is Vietnamese.
        guard onlyAsVNI >= 1, onlyAsVNI + either >= 2 || sawD else { return nil }
        return out.joined(separator: " ")
    }
}
