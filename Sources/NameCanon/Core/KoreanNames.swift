import Foundation

/// Korean names in Latin letters ("Kim Jong Un", "Moon Jae-in"): a Korean surname spelling
/// followed by a given name whose syllables are Korean romanization and not Chinese.
extension NameCanon {
    /// Every syllable the Revised and McCune-Reischauer romanizations (as the press writes them,
    /// without breves) can produce: initial + vowel + final.
    static let koreanSyllables: Set<String> = {
        let initials = ["", "g", "k", "kk", "n", "d", "t", "tt", "r", "l", "m", "b", "p", "pp", "s", "ss", "sh", "j", "jj", "ch", "h"]
        let vowels = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
                      "yu", "eu", "ui", "i", "oo", "ee", "yoo", "ou", "eui", "yea", "you"]
        // "you" is a spelling people choose for 여/영: Kim Young-sam. (Not "ck": Jack Ma is not Korean.)
        let finals = ["", "k", "g", "n", "t", "d", "l", "r", "m", "p", "b", "ng"]
        var set = Set<String>()
        for i in initials { for v in vowels { for f in finals { set.insert(i + v + f) } } }
        return set
    }()

    /// Korean syllables of a given name ("jae-in" → jae in), or nil.
    func koreanSyllables(_ text: String) -> [String]? {
        var out: [String] = []
        for part in Self.withoutBreves(text.latinLowered).split(separator: "-") {
            let letters = String(part.filter { $0.isASCII && $0.isLetter })
            guard !letters.isEmpty, let s = Pinyin.segment(letters, syllables: Self.koreanSyllables, lettersOnly: true) else { return nil }
            out += s
        }
        return out.isEmpty ? nil : out
    }

    /// McCune-Reischauer as scholars and North Korean sources write it, with breves (Kim
    /// Jŏng-ŭn, Yun Sŏk-yŏl): ŏ and ŭ are the vowels the Revised system spells eo and eu.
    static func withoutBreves(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: { $0.value == 0x306 || (0x14E...0x14F).contains($0.value) || (0x16C...0x16D).contains($0.value) })
        else { return text }
        return text.precomposedStringWithCanonicalMapping
            .replacingOccurrences(of: "ŏ", with: "eo").replacingOccurrences(of: "ŭ", with: "eu")
            .replacingOccurrences(of: "Ŏ", with: "Eo").replacingOccurrences(of: "Ŭ", with: "Eu")
    }

    /// The index of the surname if `words` read as a Korean name, else nil.
    func koreanSurnameIndex(_ words: [LatinWord]) -> Int? {
        guard !tables.koSurnamesLatin.isEmpty, words.count >= 2, words.count <= 3 else { return nil }
        for index in [0, words.count - 1] {
            guard tables.koSurnamesLatin[words[index].folded] != nil else { continue }
            let given = words.enumerated().filter { $0.offset != index }.map(\.element)
            let syllables = given.compactMap(\.korean)
            guard syllables.count == given.count else { continue }
            let count = syllables.reduce(0) { $0 + $1.count }
            guard (1...3).contains(count) else { continue }
            // A given name that is all pinyin or Wade-Giles is Chinese ("Ko Wen-je", "Han Zheng").
            if given.allSatisfy({ $0.pinyin != nil || $0.wadeGiles != nil }) { continue }
            // A surname Chinese spells the same way (Sun, Lee, Kim) needs a Korean-looking given
            // name: eo, eu, ae, oo or an initial j (Jae-in, Geun-hye, Jong Un; not Yat-sen).
            let sharedSurname = tables.zhSurnamePinyin[words[index].folded] != nil || romanizedSurname(words[index]) != nil
            if sharedSurname {
                let korean = syllables.joined().contains { s in
                    s.contains("eo") || s.contains("eu") || s.contains("ae") || s.contains("oo") || s.hasPrefix("j")
                        || (s.count > 2 && s.dropFirst().hasPrefix("yu"))  // myung, hyun, kyung
                }
                if !korean { continue }
            }
            // Given-first only when the first word cannot be a surname and is hyphenated or joined.
            if index == words.count - 1 && tables.koSurnamesLatin[words[0].folded] != nil { continue }
            return index
        }
        return nil
    }

    func analyzeKoreanLatin(_ words: [LatinWord], surnameIndex: Int) -> Analysis {
        let display = words.map { w -> String in w.text.contains("-") ? capitalizeWord(w.text) : tidyCase(w.text) }
        let surname = display[surnameIndex]
        let given = display.enumerated().filter { $0.offset != surnameIndex }.map(\.element)
        let key = fold(surname) + " " + given.map { fold($0) }.joined()
        return Analysis(
            language: .ko, display: display.joined(separator: " "), latin: display.joined(separator: " "), key: key,
            surname: surname, given: given.joined(separator: " "), reference: surname,
            order: surnameIndex == 0 ? .surnameFirst : .givenFirst, confidence: 0.8)
    }
}
