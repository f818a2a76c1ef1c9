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
        pinyinHanViet.get {
            var table: [String: Set<String>] = [:]
            for (c, readings) in tables.hanPinyin {
                guard let first = readings.first, let hv = hanvietReading(c) else { continue }
                let pinyin = Pinyin.keyForm(Pinyin.toneless(first))
                table[pinyin, default: []].insert(vietnameseKeyWord(hanvietNameSyllable(hv)))
            }
            return table.mapValues { $0.sorted() }
        }[syllable] ?? []
    }
}
