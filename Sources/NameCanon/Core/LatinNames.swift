/// Names written in Latin letters: deciding between Vietnamese, romanized Chinese and other
/// origins from the evidence in the letters, then handing over to the language's parser.
extension NameCanon {
    /// A word of a Latin name with the facts the language decision needs, and the facts of
    /// the word alone that the steps before and after it ask of every name (descriptor rows,
    /// titles, its Vietnamese display and key forms), worked out once per word: words repeat
    /// far more than names. Immutable, so remembered words are shared between threads.
    final class LatinWord {
        let text: String
        /// Lowercase ASCII, hyphens and apostrophes removed (`fold`).
        let folded: String
        let allCaps: Bool
        /// Pinyin syllables if the word is pinyin ("Jin-ping" → jin ping), ü as v.
        let pinyin: [String]?
        let pinyinTones: Bool
        /// Pinyin syllables through Wade-Giles, if every hyphen part is a Wade-Giles syllable.
        let wadeGiles: [String]?
        let wadeGilesOnly: Bool
        let vietnamese: Bool
        let vietnameseLetters: Bool
        /// Korean romanized syllables of the word ("jae-in" → jae in), if it reads so.
        let korean: [String]?
        /// Facts for `normalizeSimpleLatin` (SimpleLatin.swift), nil when a letter of the word
        /// is outside what that path accepts.
        let simple: SimpleFacts?
        /// The word as a Vietnamese name shows it (`vietnameseDisplayWord`), whether that
        /// repaired a lookalike of Đ, and its key form (`vietnameseKeyWord` of the display).
        let vietnameseDisplay: String
        let vietnameseLookalike: Bool
        let vietnameseKey: String
        /// The word alone is a Vietnamese surname (`isVietnameseSurname` of it), and it is
        /// the first or last word of a compound one (Tôn Thất, Công Tằng Tôn Nữ).
        let vietnameseSurname: Bool
        let vietnameseCompoundFirst: Bool
        let vietnameseCompoundLast: Bool
        /// Its fold is a Korean surname in Latin letters.
        let koreanSurname: Bool

        init(text: String, folded: String, allCaps: Bool, pinyin: [String]?, pinyinTones: Bool, wadeGiles: [String]?,
             wadeGilesOnly: Bool, vietnamese: Bool, vietnameseLetters: Bool, korean: [String]?, simple: SimpleFacts?,
             vietnameseDisplay: String, vietnameseLookalike: Bool, vietnameseKey: String, vietnameseSurname: Bool,
             vietnameseCompoundFirst: Bool, vietnameseCompoundLast: Bool, koreanSurname: Bool) {
            self.vietnameseSurname = vietnameseSurname; self.vietnameseCompoundFirst = vietnameseCompoundFirst
            self.vietnameseCompoundLast = vietnameseCompoundLast; self.koreanSurname = koreanSurname
            self.text = text; self.folded = folded; self.allCaps = allCaps; self.pinyin = pinyin
            self.pinyinTones = pinyinTones; self.wadeGiles = wadeGiles; self.wadeGilesOnly = wadeGilesOnly
            self.vietnamese = vietnamese; self.vietnameseLetters = vietnameseLetters; self.korean = korean
            self.simple = simple; self.vietnameseDisplay = vietnameseDisplay
            self.vietnameseLookalike = vietnameseLookalike; self.vietnameseKey = vietnameseKey
        }
    }

    func analyzeLatin(_ text: String, hint: NameLanguage?, repairs: inout [String]) -> Analysis {
        var comma = false
        var raw: [String]
        if !text.utf8.contains(0x2C) {
            // No comma byte, so no comma Character: the words between spaces.
            raw = text.parts(0x20)
        } else if let c = text.firstIndex(of: ","), text[text.index(after: c)...].contains(where: { $0.isLetter }),
           text[..<c].contains(where: { $0.isLetter }) {
            comma = true
            let before = text[..<c].parts(0x20)
            let after = String(text[text.index(after: c)...]).replacingCharacter(",", with: " ").parts(0x20)
            raw = before + ["\u{1}"] + after
        } else {
            raw = text.replacingCharacter(",", with: " ").parts(0x20)
        }
        // Words of a comma form: the surname part comes first; remember where the break was.
        // (Without a 01 byte in the text no word is the break mark: the words are not compared.)
        var commaAt: Int? = nil
        if comma || text.utf8.contains(0x01) {
            commaAt = raw.firstIndex(of: "\u{1}")
            raw.removeAll { $0 == "\u{1}" }
        }
        return analyzeLatinWords(raw.map { latinWord($0) }, commaAt: comma ? commaAt : nil, hint: hint, repairs: &repairs,
                                 koreanAllowed: commaAt == nil)
    }

    /// `analyzeLatin` once the words are known: `commaAt` is where a comma form's given name
    /// starts. A Korean reading is tried only when `koreanAllowed` (no comma break).
    func analyzeLatinWords(_ words: [LatinWord], commaAt: Int?, hint: NameLanguage?, repairs: inout [String],
                           koreanAllowed: Bool = true) -> Analysis {
        if hint == nil || hint == .ko, koreanAllowed, let index = koreanSurnameIndex(words),
           hint == .ko || decideLatinLanguage(words) != .vi {
            return analyzeKoreanLatin(words, surnameIndex: index)
        }
        let language = hint ?? decideLatinLanguage(words)
        switch language {
        case .vi:
            return analyzeVietnameseLatin(words, commaAt: commaAt, repairs: &repairs)
        case .zh:
            return analyzeChineseLatin(words, commaAt: commaAt)
        default:
            return analyzeOtherLatin(words, commaAt: commaAt, language: language)
        }
    }

    func latinWord(_ text: String) -> LatinWord {
        latinWords.value(text) { analyzeLatinWord(text) }
    }

    /// The word whose UTF-8 bytes these are (valid UTF-8, as a slice of a `String`'s).
    func latinWord(_ bytes: UnsafeBufferPointer<UInt8>) -> LatinWord {
        latinWords.value(bytes) { analyzeLatinWord(String(decoding: bytes, as: UTF8.self)) }
    }

    private func analyzeLatinWord(_ text: String) -> LatinWord {
        let folded = fold(text)
        var (plain, tones) = Pinyin.stripTones(text)
        plain = plain.filter { $0.isLetter || $0 == "-" || $0 == "'" }
        // "Lyu", "Nyu" are the passport spellings of lü, nü.
        for (from, to) in [("lyue", "lve"), ("nyue", "nve"), ("lyu", "lv"), ("nyu", "nv")] where plain.hasPrefix(from) {
            plain = to + plain.dropFirst(from.count)
            break
        }
        var pinyin: [String]? = []
        for part in plain.split(separator: "-") {
            guard let s = tables.pinyinSegments(String(part)) else { pinyin = nil; break }
            pinyin! += s
        }
        if pinyin?.isEmpty ?? true { pinyin = nil }
        if let p = pinyin, p.count > 4 { pinyin = nil }
        var wg: [String]? = []
        var wgOnly = false
        let lowered = text.latinLowered
        for part in lowered.split(separator: "-") {
            let key = String(part).filter { $0.isLetter || $0 == "'" }
            guard let candidates = tables.wadeGiles[key] ?? tables.wadeGiles[key.replacingCharacter("ü", with: "u")],
                  let first = candidates.first
            else { wg = nil; break }
            wg!.append(first)
            if !tables.pinyinSyllables.contains(key) { wgOnly = true }
        }
        if wg?.isEmpty ?? true { wg = nil }
        let vietnameseLetters = text.contains { VietnameseLetters.isDistinctivelyVietnamese($0) || $0 == "Ð" || $0 == "Ɖ" || $0 == "ð" }
        var lookalike = false
        let display = vietnameseDisplayWord(text, lookalikes: &lookalike)
        return LatinWord(
            text: text, folded: folded, allCaps: isAllCaps(text), pinyin: pinyin, pinyinTones: tones,
            wadeGiles: wg, wadeGilesOnly: wgOnly, vietnamese: isVietnameseWord(text), vietnameseLetters: vietnameseLetters,
            korean: koreanSyllables(text), simple: simpleFacts(text, folded: folded),
            vietnameseDisplay: display, vietnameseLookalike: lookalike, vietnameseKey: vietnameseKeyWord(display),
            vietnameseSurname: isVietnameseSurname(text: text, folded: folded),
            vietnameseCompoundFirst: tables.viCompoundFirstWords.contains(folded),
            vietnameseCompoundLast: tables.viCompoundLastWords.contains(folded),
            koreanSurname: tables.koSurnamesLatin[folded] != nil)
    }

    /// True when `word` can be one Vietnamese syllable (with or without its diacritics).
    func isVietnameseWord(_ word: String) -> Bool {
        vietnameseSyllableCache.value(for: ExactText(word)) { isVietnameseWordUncached(word) }
    }

    private func isVietnameseWordUncached(_ word: String) -> Bool {
        let repaired = word.repairingDLookalikes
        guard let syllable = VietnameseSyllable(repaired) else { return false }
        if tables.viRhymesFolded.isEmpty { return true }
        let onset = fold(VietnameseSyllable.string(syllable.onset))
        let rhyme = fold(VietnameseSyllable.string(syllable.vowels + syllable.coda))
        guard viOnsetsFolded.contains(onset) else { return false }
        if viRhymesFolded.contains(rhyme) { return true }
        // After qu a rhyme's own u is not written again (Quỳnh = qu + uynh); after gi a rhyme's
        // i is not (gìn = gi + in).
        if onset == "qu" { return viRhymesFolded.contains("u" + rhyme) }
        if onset == "gi" { return viRhymesFolded.contains("i" + rhyme) }
        return false
    }

    var viOnsetsFolded: Set<String> { tables.viOnsetsFolded }
    var viRhymesFolded: Set<String> { tables.viRhymesFolded }

    /// Weighs the evidence for Vietnamese, Chinese or another origin.
    func decideLatinLanguage(_ words: [LatinWord]) -> NameLanguage {
        guard let first = words.first, let last = words.last else { return .other }
        let allVietnamese = words.allSatisfy { $0.vietnamese }
        if allVietnamese && words.contains(where: { $0.vietnameseLetters }) { return .vi }
        let allPinyin = words.allSatisfy { $0.pinyin != nil }
        if allPinyin && words.contains(where: { $0.pinyinTones }) && !words.contains(where: { $0.vietnameseLetters }) { return .zh }
        let viSurnameFirst = vietnameseSurnameLength(words, atStart: true) > 0
        let viSurnameLast = vietnameseSurnameLength(words, atStart: false) > 0
        let viSurname = viSurnameFirst || (words.count > 1 && viSurnameLast)
        let hasMarker = words.count >= 3 && words.dropFirst().dropLast().contains { tables.viMiddles[$0.folded] == true }
        if allVietnamese && (viSurname || hasMarker) && !allPinyin { return .vi }
        let zhSurname = isChineseSurnameWord(first) || (words.count > 1 && isChineseSurnameWord(last))
        let allWG = words.allSatisfy { $0.wadeGiles != nil }
        if allPinyin && zhSurname {
            if allVietnamese && viSurname {
                let zhRank = min(tables.zhSurnamePinyin[first.pinyin!.joined()] ?? 10_000, tables.zhSurnamePinyin[last.pinyin!.joined()] ?? 10_000)
                let viRank = min(tables.viSurnames[first.folded]?.rank ?? 10_000, tables.viSurnames[last.folded]?.rank ?? 10_000)
                return viRank < zhRank ? .vi : .zh
            }
            return .zh
        }
        if allWG && (zhSurname || words.contains(where: { $0.wadeGilesOnly }) || romanizedSurname(first) != nil) { return .zh }
        if words.count >= 2 && looksRomanizedChinese(words) { return .zh }
        if allVietnamese && viSurname { return .vi }
        if words.count == 1 {
            if viSurnameFirst && !(first.pinyin != nil && zhSurname) { return .vi }
            if zhSurname { return .zh }
            // A lone Vietnamese given name ("Trong", "Mr. Hue"): a Vietnamese syllable that is
            // neither pinyin nor a name of another origin we know.
            if first.vietnamese && first.pinyin == nil && first.wadeGiles == nil && first.folded.count > 2 { return .vi }
        }
        return .other
    }

    func isChineseSurnameWord(_ word: LatinWord) -> Bool {
        guard let p = word.pinyin else { return false }
        return tables.zhSurnamePinyin[p.joined()] != nil
    }

    func romanizedSurname(_ word: LatinWord) -> [Tables.RomanizedSurname]? {
        tables.romanizedSurnames[word.folded]
    }

    /// Hong Kong, Taiwan and Southeast Asian spellings: a known surname spelling at one end and,
    /// beside it, a hyphenated given name or a Western given name.
    func looksRomanizedChinese(_ words: [LatinWord]) -> Bool {
        let first = words[0], last = words[words.count - 1]
        let chineseLike: (LatinWord) -> Bool = { w in
            w.text.hasHyphen || w.pinyin != nil || w.wadeGiles != nil
        }
        if romanizedSurname(first) != nil && words.dropFirst().allSatisfy({ chineseLike($0) || $0.text.hasHyphen }) { return true }
        // Singapore and Hong Kong write the two given syllables apart: "Lee Hsien Loong", "Lee Kuan Yew".
        if words.count == 3, romanizedSurname(first) != nil, words.dropFirst().contains(where: chineseLike),
           words.dropFirst().allSatisfy({ $0.folded.count <= 6 || chineseLike($0) }) { return true }
        if romanizedSurname(last) != nil && words.count == 2 && !Self.westernSurnames.contains(last.folded) { return true }
        if isChineseSurnameWord(first) && words.dropFirst().contains(where: { $0.text.hasHyphen }) { return true }
        if isWesternPlusHongKongName(words) { return true }
        return false
    }

    /// "John Lee Ka-chiu", "Carrie Lam Cheng Yuet-ngor": an English given name, then the
    /// surname and the hyphenated Chinese given name, as Hong Kong writes official names.
    func isWesternPlusHongKongName(_ words: [LatinWord]) -> Bool {
        guard words.count >= 3, let last = words.last, last.text.hasHyphen,
              romanizedSurname(words[1]) != nil, words[0].pinyin == nil, words[0].wadeGiles == nil,
              romanizedSurname(words[0]) == nil else { return false }
        return true
    }

    /// Surnames as common in English as in Hong Kong romanization: "Kevin Lee" is no evidence.
    static let westernSurnames: Set<String> = ["lee", "young", "long", "law", "lau", "ho", "man", "king", "fong", "hall", "may"]

    /// Lowercase words that belong to the surname that follows them ("van Beethoven").
    static let surnameParticles: Set<String> = [
        "van", "von", "de", "da", "del", "della", "der", "den", "di", "du", "la", "le", "bin", "binti", "al", "el",
        "ibn", "dos", "das", "ter", "st", "do",
    ]

    /// Names of other origins: kept as written, capitalization tidied, key ASCII-folded.
    func analyzeOtherLatin(_ words: [LatinWord], commaAt: Int?, language: NameLanguage) -> Analysis {
        var ordered = words.enumerated().map { i, w in
            i > 0 && i < words.count - 1 && Self.surnameParticles.contains(w.text) ? w.text : tidyCase(w.text)
        }
        var surnameWords: [String]
        var givenWords: [String]
        var order = NameOrder.givenFirst
        if let c = commaAt, c > 0, c < ordered.count {
            // "Yellen, Janet": written surname first; shown and keyed in the usual order.
            surnameWords = Array(ordered[..<c])
            givenWords = Array(ordered[c...])
            ordered = givenWords + surnameWords
            order = .surnameFirst
        } else if ordered.count == 1 {
            surnameWords = ordered
            givenWords = []
            order = .unknown
        } else {
            var split = ordered.count - 1
            while split > 1, Self.surnameParticles.contains(ordered[split - 1].latinLowered) { split -= 1 }
            surnameWords = Array(ordered[split...])
            givenWords = Array(ordered[..<split])
        }
        let display = ordered.joined(separator: " ")
        let key = ordered.map { fold($0) }.filter { !$0.isEmpty }.joined(separator: " ")
        let surname = surnameWords.joined(separator: " ")
        return Analysis(
            language: language, display: display, latin: display, key: key.isEmpty ? display.latinLowered : key,
            surname: surname, given: givenWords.joined(separator: " "), reference: surname, order: order,
            confidence: commaAt != nil ? 0.9 : (ordered.count > 1 ? 0.6 : 0))
    }
}

