/// Japanese names as the foreign press writes them: given name first in Latin letters with no
/// language hint ("Prime Minister Shigeru Ishiba"), and the surname alone in kanji once the
/// person was named (石破首相 after 石破茂).
extension NameCanon {
    /// A two-word Latin name read as Japanese without a hint, when the words say so clearly:
    /// one is a surname of the Japanese table and not a given name, the other a given name of
    /// it, and neither is a Chinese or Korean surname (Jun Ma, Ken Lee stay as they are).
    /// Returns the surname-first reading of `analyzeJapaneseLatin`, nil otherwise.
    func unhintedJapaneseLatin(_ analysis: Analysis) -> Analysis? {
        let words = analysis.latin.split(separator: " ").map(String.init)
        guard words.count == 2, words.allSatisfy({ $0.count >= 2 && $0.first?.isUppercase == true }) else { return nil }
        let keys = words.map(Hepburn.asciiKey)
        guard !keys.contains(where: { tables.zhSurnamePinyin[$0] != nil || tables.koSurnamesLatin[$0] != nil }) else { return nil }
        let t = japanese
        let surnameOnly = keys.map { t.latinSurnames[$0] != nil && !t.latinGiven.contains($0) }
        let given = keys.map { t.latinGiven.contains($0) }
        guard (surnameOnly[0] && given[1]) || (surnameOnly[1] && given[0]) else { return nil }
        let out = analyzeJapaneseLatin(analysis)
        return out.language == .ja ? out : nil
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
