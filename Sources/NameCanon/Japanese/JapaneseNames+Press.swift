/// Japanese names as the foreign press writes them: given name first in Latin letters with no
/// language hint ("Prime Minister Shigeru Ishiba"), and the surname alone in kanji once the
/// person was named (石破首相 after 石破茂).
extension NameCanon {
    /// The `ja:` key of a two-word Latin name that reads as Japanese without a hint, when the
    /// words say so clearly: one is a surname of the Japanese table and not a given name, the
    /// other a given name of it, and neither is a Chinese or Korean surname (Jun Ma, Ken Lee get
    /// none). The value is surname first ("Shigeru Ishiba" → ja:ishiba shigeru); a `spelled` key
    /// when written given name first, a `reading` key when written surname first, so it meets a
    /// kanji name's reading key (石破茂) and the other Latin order. The name itself stays as read:
    /// without a hint, a Latin name keeps its written order and key.
    func unhintedJapaneseKey(_ analysis: Analysis) -> NameKey? {
        let words = analysis.latin.parts(0x20)
        guard words.count == 2, words.allSatisfy(Self.isCapitalizedWord) else { return nil }
        let keys = words.map(Hepburn.asciiKey)
        guard !keys.contains(where: { tables.zhSurnamePinyin[$0] != nil || tables.koSurnamesLatin[$0] != nil }) else { return nil }
        let t = japanese
        let surnameOnly = keys.map { t.latinSurnames[$0] != nil && !t.latinGiven.contains($0) }
        let given = keys.map { t.latinGiven.contains($0) }
        guard (surnameOnly[0] && given[1]) || (surnameOnly[1] && given[0]) else { return nil }
        let ja = analyzeJapaneseLatin(analysis)
        guard ja.language == .ja else { return nil }
        return NameKey(ja.order == .surnameFirst ? .reading : .spelled, "ja:" + ja.key)
    }

    /// Two Characters or more, the first upper case. (ASCII without CR, by its bytes: a byte is
    /// a Character there, and only A–Z are upper case.)
    static func isCapitalizedWord(_ word: String) -> Bool {
        let u = word.utf8
        if u.allSatisfy({ $0 < 0x80 && $0 != 0x0D }) {
            guard let first = u.first else { return false }
            return u.count >= 2 && first >= 0x41 && first <= 0x5A
        }
        return word.count >= 2 && word.first?.isUppercase == true
    }

    /// The `ja:` reading key of a Japanese name in kanji or kana (石破茂 → ja:ishiba shigeru), which
    /// a given-name-first Latin form's `spelled` key meets.
    func japaneseReadingKey(_ analysis: Analysis, script: Script) -> NameKey? {
        guard analysis.language == .ja, script == .han || script == .japanese, analysis.key.contains(" ") else { return nil }
        return NameKey(.reading, "ja:" + analysis.key)
    }

    /// The ASCII keys of the Japanese surname readings of a kanji mention that is a surname of
    /// the Japanese table and nothing more (石破 → ishiba), for tying it to a person the
    /// document named; empty for anything else.
    public func japaneseSurnameKeys(_ text: String) -> [String] {
        guard (1...3).contains(text.count),
              text.unicodeScalars.allSatisfy({ Script.of($0) == .han }),
              let entry = japanese.surnames[text] else { return [] }
        return entry.readings.prefix(3).compactMap { Hepburn.romanize($0, table: japanese.kana).map(Hepburn.asciiKey) }
    }
}
