import Foundation

/// Korean names in Latin letters ("Kim Jong Un", "Moon Jae-in"): a Korean surname spelling
/// followed by a given name whose syllables are Korean romanization and not Chinese.
extension NameCanon {
    /// Every syllable the Revised and McCune-Reischauer romanizations (as the press writes them,
    /// without breves) can produce: initial + vowel + final.
    static let koreanSyllableCodes: PackedCodeSet = {
        let initials = ["", "g", "k", "kk", "n", "d", "t", "tt", "r", "l", "m", "b", "p", "pp", "s", "ss", "sh", "j", "jj", "ch", "h"]
        let vowels = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
                      "yu", "eu", "ui", "i", "oo", "ee", "yoo", "ou", "eui", "yea", "you"]
        // "you" is a spelling people choose for 여/영: Kim Young-sam. (Not "ck": Jack Ma is not Korean.)
        let finals = ["", "k", "g", "n", "t", "d", "l", "r", "m", "p", "b", "ng"]
        // Packed numbers, not strings, in a set of its own: this runs on the first Latin name
        // of a process, and hashing 7,056 strings was most of that name's time (SipHash over
        // the numbers was still a million instructions).
        var codes: [UInt64] = []
        codes.reserveCapacity(initials.count * vowels.count * finals.count)
        // The parts packed once; a syllable's number is theirs shifted together.
        func parts(_ list: [String]) -> [(code: UInt64, bits: UInt64)] {
            list.map { (packedASCII($0.utf8)!, UInt64($0.utf8.count * 8)) }
        }
        let packedFinals = parts(finals), packedVowels = parts(vowels)
        for i in parts(initials) {
            for v in packedVowels {
                let iv = i.code &<< v.bits | v.code
                for f in packedFinals { codes.append(iv &<< f.bits | f.code) }
            }
        }
        return PackedCodeSet(codes)
    }()

    /// Up to eight ASCII bytes as one number (no byte is 0, so different texts differ); nil for
    /// anything longer or past ASCII.
    @inline(__always)
    static func packedASCII(_ bytes: some Collection<UInt8>) -> UInt64? {
        guard bytes.count <= 8 else { return nil }
        var v: UInt64 = 0
        for b in bytes {
            guard b < 0x80 else { return nil }
            v = v &<< 8 | UInt64(b)
        }
        return v
    }

    /// True for a romanized Korean syllable ("jae", "young", "kyeong"). A text past ASCII never
    /// is one: no other text is canonically equivalent to lower-case ASCII letters.
    static func isKoreanSyllable(_ text: some StringProtocol) -> Bool {
        guard let code = packedASCII(text.utf8) else { return false }
        return koreanSyllableCodes.contains(code)
    }

    /// Korean syllables of a given name ("jae-in" → jae in), or nil.
    func koreanSyllables(_ text: String) -> [String]? {
        var out: [String] = []
        for part in Self.withoutBreves(text.latinLowered).split(separator: "-") {
            let letters = String(part.filter { $0.isASCII && $0.isLetter })
            guard !letters.isEmpty, let s = Pinyin.segment(letters, isSyllable: { Self.isKoreanSyllable($0) }, lettersOnly: true) else { return nil }
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
        guard !tables.koSurnamesLatin.isEmpty, words.count >= 2, words.count <= 3,
              words[0].koreanSurname || words[words.count - 1].koreanSurname else { return nil }
        for index in [0, words.count - 1] {
            guard words[index].koreanSurname else { continue }
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
        let display = words.map { w -> String in w.text.hasHyphen ? capitalizeWord(w.text) : tidyCase(w.text) }
        let surname = display[surnameIndex]
        let given = display.enumerated().filter { $0.offset != surnameIndex }.map(\.element)
        let key = fold(surname) + " " + given.map { fold($0) }.joined()
        return Analysis(
            language: .ko, display: display.joined(separator: " "), latin: display.joined(separator: " "), key: key,
            surname: surname, given: given.joined(separator: " "), reference: surname,
            order: surnameIndex == 0 ? .surnameFirst : .givenFirst, confidence: 0.8)
    }
}
