/// The shape of an East Asian name, used to find the name span after an organisation the
/// descriptor tables cannot know ("Xiaomi CEO Lei Jun", "小米集团董事长雷军", "이재용 삼성전자 회장").
///
/// Companies, cities and bodies are open-ended, so a table of them can never be complete; the
/// name after (or, in Korean, before) the post can be recognized instead: a surname from the
/// tables and a short given name. Only when that shape is clear is the rest treated as
/// description; otherwise the span stays uncertain and no person is created.
extension NameCanon {
    /// Whether Latin words read as one whole Chinese or Korean name: a surname of the tables
    /// (pinyin, Wade-Giles or Korean romanization) then a given name of one or two syllables,
    /// hyphenated or run together ("Ren Zhengfei", "Lee Jae-yong", "Chiang Wan-an").
    func looksLikeEastAsianName(_ words: ArraySlice<String>) -> Bool {
        guard words.count == 2, let surname = words.first, let given = words.last else { return false }
        let s = fold(surname)
        let chineseSurname = tables.zhSurnamePinyin[s] != nil
            || (tables.wadeGiles[s] ?? []).contains { tables.zhSurnamePinyin[$0] != nil }
        guard chineseSurname || tables.koSurnamesLatin[s] != nil else { return false }
        func syllable(_ p: String) -> Bool {
            tables.pinyinSyllables.contains(p) || tables.wadeGiles[p] != nil || tables.sinoKoreanSyllables.contains(p)
        }
        let parts = given.split(separator: "-").map { fold($0) }
        // Hyphenated: Wade-Giles, Taiwan, Hong Kong or Korean syllables (Eui-sun, Ching-te).
        if parts.count == 2 { return parts.allSatisfy { !$0.isEmpty && (syllable($0) || Self.isKoreanSyllable($0)) } }
        guard parts.count == 1, let g = parts.first else { return false }
        if syllable(g) { return true }
        guard let split = tables.pinyinSegments(g) else { return false }
        return split.count == 2
    }

    /// Whether Han characters read as one whole Chinese name: a surname of the tables then one
    /// or two given characters (雷军, 蔣萬安, 欧阳娜娜).
    func looksLikeHanName(_ chars: ArraySlice<Character>) -> Bool {
        guard chars.allSatisfy({ $0.unicodeScalars.allSatisfy { Script.of($0) == .han } }) else { return false }
        for surnameLength in [2, 1] where chars.count > surnameLength && chars.count - surnameLength <= 2 {
            if tables.zhSurnames[String(chars.prefix(surnameLength))] != nil { return true }
        }
        return false
    }

    /// Whether a Hangul word reads as one whole Korean name written the usual way: a Korean
    /// surname and a two-syllable given name in one word (이재용, 정의선).
    func looksLikeHangulName(_ word: String) -> Bool {
        word.count == 3 && word.unicodeScalars.allSatisfy { Script.of($0) == .hangul }
            && tables.koSurnamesHangul[String(word.prefix(1))] != nil
    }
}
