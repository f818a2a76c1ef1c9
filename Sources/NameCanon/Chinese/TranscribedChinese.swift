/// Chinese names written in other scripts by a fixed transcription of their syllables:
/// Russian Palladius ("Си Цзиньпин") and the Korean standard transcription ("시진핑"). The
/// syllables are read back to pinyin, so these meet the Han and Latin forms on the syllable key.
extension NameCanon {
    /// Splits `word` into pieces found in `table` (fewest pieces; longest first piece on ties).
    func segment(_ word: String, in table: [String: [String]], maxPiece: Int) -> [String]? {
        let chars = Array(word)
        if chars.isEmpty { return nil }
        return Segmenter.split(chars, maxPiece: maxPiece, isPiece: { table[$0] != nil }, cost: Self.transcriptionCost)
    }

    /// Fewest pieces first; then fewest pieces after the first that start with a vowel, as
    /// transcriptions of joined given names mark such breaks (Хунин is ху+нин, not хун+ин).
    static func transcriptionCost(_ pieces: [String]) -> Int {
        var vowelInitial = 0
        for piece in pieces.dropFirst() {
            guard let s = piece.unicodeScalars.first else { continue }
            if "аеёиоуыэюя".unicodeScalars.contains(s) { vowelInitial += 1 }
            if (0xAC00...0xD7A3).contains(s.value) && (s.value - 0xAC00) / 588 == 11 { vowelInitial += 1 }
        }
        return pieces.count * 100 + vowelInitial
    }

    /// The Revised Romanization of one Hangul syllable, as the Sino-Korean table writes it.
    static func romanize(_ s: Unicode.Scalar) -> String? {
        guard (0xAC00...0xD7A3).contains(s.value) else { return nil }
        let index = Int(s.value - 0xAC00)
        let initials = ["g", "kk", "n", "d", "tt", "r", "m", "b", "pp", "s", "ss", "", "j", "jj", "ch", "k", "t", "p", "h"]
        let medials = ["a", "ae", "ya", "yae", "eo", "e", "yeo", "ye", "o", "wa", "wae", "oe", "yo", "u", "wo", "we", "wi",
                       "yu", "eu", "ui", "i"]
        let finals = ["", "k", "k", "k", "n", "n", "n", "t", "l", "k", "m", "l", "l", "l", "p", "l", "m", "p", "p", "t", "t",
                      "ng", "t", "t", "k", "t", "p", "t"]
        return initials[index / 588] + medials[(index % 588) / 28] + finals[index % 28]
    }

    /// The pinyin syllables of each word of a transcribed name, or nil when a word does not read.
    func transcribedSyllables(_ words: [String], table: [String: [String]], maxPiece: Int) -> [[String]]? {
        var out: [[String]] = []
        for word in words {
            var syllables: [String] = []
            for part in word.latinLowered.split(separator: "-") {
                guard let pieces = segment(String(part), in: table, maxPiece: maxPiece) else { return nil }
                syllables += pieces.compactMap { table[$0]?.first }
            }
            if syllables.isEmpty { return nil }
            out.append(syllables)
        }
        return out.isEmpty ? nil : out
    }

    /// A Chinese name in Cyrillic (Palladius), or nil when it does not read as one.
    func analyzePalladius(_ text: String) -> Analysis? {
        guard !tables.palladius.isEmpty else { return nil }
        let words = text.parts(0x20)
        guard let syllables = transcribedSyllables(words, table: tables.palladius, maxPiece: 6) else { return nil }
        // Palladius writes a Chinese name as surname and given name apart (Си Цзиньпин); one
        // word of several syllables is a Russian name that happens to read (Путин, not Pu Ting).
        if words.count == 1, syllables[0].count > 1 { return nil }
        return transcribedChinese(words: words, syllables: syllables)
    }

    /// A Chinese name in Hangul (Korean standard transcription), or nil when it reads better
    /// as a Korean name or does not read at all.
    func analyzeHangulChinese(_ text: String, hinted: Bool) -> Analysis? {
        guard !tables.hangulChinese.isEmpty else { return nil }
        let original = text.parts(0x20)
        var words = original
        if words.count == 1 {
            // Written without a space: find the surname syllables at the start.
            guard let pieces = segment(words[0], in: tables.hangulChinese, maxPiece: 3), pieces.count >= 2 else { return nil }
            let readings = pieces.compactMap { tables.hangulChinese[$0]?.first }
            let compound = readings.count >= 3 && tables.zhSurnamePinyin[readings[0] + readings[1]] != nil
            let split = compound ? 2 : 1
            words = [pieces[0..<split].joined(), pieces[split...].joined()]
        }
        guard let syllables = transcribedSyllables(words, table: tables.hangulChinese, maxPiece: 3) else { return nil }
        // Korean or Chinese? A common Korean surname with a Korean-length name and no syllable
        // Sino-Korean lacks (tense consonants: 쩌, 짜, 띠 ...) is Korean.
        let all = words.joined()
        let firstBlock = String(all.prefix(1))
        let koRank = tables.koSurnamesHangul[firstBlock] ?? Int.max
        let hasTense = all.unicodeScalars.contains { s in
            // Initial consonant index of a Hangul syllable: ㄲ 1, ㄸ 4, ㅃ 8, ㅆ 10, ㅉ 13.
            guard (0xAC00...0xD7A3).contains(s.value) else { return false }
            return [1, 4, 8, 10, 13].contains((s.value - 0xAC00) / 588)
        }
        let blocks = all.count
        // Korean given names are Sino-Korean: a syllable no Hanja reads so (쿤, 츠, 펑) is Chinese.
        let sinoKorean = all.unicodeScalars.allSatisfy { s in
            Self.romanize(s).map { tables.sinoKoreanSyllables.isEmpty || tables.sinoKoreanSyllables.contains($0) } ?? false
        }
        // Korean given names have one or two syllables: four blocks after a one-block surname
        // (원자바오, 류사오치) are a Chinese name with a two-block syllable.
        let compoundKorean = tables.koSurnamesHangul[String(all.prefix(2))] != nil
        let koreanLength = (2...3).contains(blocks) || (blocks == 4 && compoundKorean)
        if !hinted && koRank <= 100 && koreanLength && !hasTense && sinoKorean { return nil }
        guard hinted || tables.zhSurnamePinyin[syllables[0].joined()] != nil || syllables.count == 1 else { return nil }
        guard var result = transcribedChinese(words: words, syllables: syllables) else { return nil }
        if original.count == 1 { result.display = original[0] }
        return result
    }

    /// Assembles a transcribed name read as pinyin: display as written, `latin` in press pinyin.
    private func transcribedChinese(words: [String], syllables: [[String]]) -> Analysis? {
        let pinyinText = syllables.map { Pinyin.capitalized(Pinyin.join($0.map(Pinyin.withUmlaut))) }.joined(separator: " ")
        let latinWords = pinyinText.parts(0x20).map { latinWord(String($0)) }
        guard latinWords.allSatisfy({ $0.pinyin != nil }) else { return nil }
        let zh = analyzeChineseLatin(latinWords, commaAt: nil)
        let display = words.map { capitalizeWord($0) }
        var result = zh
        result.display = display.joined(separator: " ")
        if words.count >= 2 {
            let surnameIndex = zh.order == .givenFirst ? words.count - 1 : 0
            result.surname = display[surnameIndex]
            result.given = display.enumerated().filter { $0.offset != surnameIndex }.map(\.element).joined(separator: " ")
            result.reference = result.surname
        } else {
            result.surname = ""
            result.given = result.display
            result.reference = result.display
        }
        result.romanization = nil
        return result
    }
}
