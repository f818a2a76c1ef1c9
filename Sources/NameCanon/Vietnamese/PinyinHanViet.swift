extension NameCanon {
    /// The toneless ASCII Hán-Việt syllables (as in `hanviet` keys) of the Han characters whose
    /// name reading is the pinyin `syllable`: "hu" → [..., "ho", ...], "tao" → [..., "dao", ...].
    ///
    /// The other direction of `pinyinSyllables(forHanViet:)`, so that a pinyin form ("Hu Jintao")
    /// can reach a person known so far only by a Vietnamese press form ("Hồ Cẩm Đào"). Each
    /// character counts with the reading its Han name would be keyed with: its first pinyin
    /// reading and its name Hán-Việt reading.
    ///
    /// ```swift
    /// NameCanon.shared.hanvietSyllables(forPinyin: "jin").contains("cam")   // true (锦)
    /// ```
    public func hanvietSyllables(forPinyin syllable: String) -> [String] {
        pinyinHanVietTable[syllable] ?? []
    }

    /// Both directions' table, built once: "jin" → readings of every character read jin, and
    /// "surname:hu" → readings of the surnames read hu.
    private var pinyinHanVietTable: [String: [String]] {
        pinyinHanViet.get {
            var table: [String: Set<String>] = [:]
            for (c, readings) in tables.hanPinyin {
                guard let first = readings.first, let hv = hanvietReading(c) else { continue }
                let pinyin = Pinyin.keyForm(Pinyin.toneless(first))
                table[pinyin, default: []].insert(vietnameseKeyWord(hanvietNameSyllable(hv)))
            }
            for (han, surname) in tables.zhSurnames where surname.pinyin.count == 1 {
                guard let c = han.unicodeScalars.first, let hv = hanvietReading(c) else { continue }
                let pinyin = Pinyin.keyForm(Pinyin.toneless(surname.pinyin[0]))
                table["surname:" + pinyin, default: []].insert(vietnameseKeyWord(hanvietNameSyllable(hv)))
            }
            return table.mapValues { $0.sorted() }
        }
    }

    /// The toneless Hán-Việt syllables of the Chinese surnames read as the pinyin `syllable`
    /// ("zhang" → truong, chuong): the first syllable of a Chinese name is its surname, so only
    /// these need to be tried there.
    ///
    /// ```swift
    /// NameCanon.shared.hanvietSurnameSyllables(forPinyin: "hu").contains("ho")   // true (胡)
    /// ```
    public func hanvietSurnameSyllables(forPinyin syllable: String) -> [String] {
        pinyinHanVietTable["surname:" + syllable] ?? []
    }
}
