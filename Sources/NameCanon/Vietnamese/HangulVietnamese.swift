/// Vietnamese names written in Hangul by the Korean transcription rules (호찌민 Hồ Chí Minh,
/// 응우옌푸쫑 Nguyễn Phú Trọng): read back to the ASCII key of the Vietnamese name.
extension NameCanon {
    /// The ASCII keys ("nguyen phu trong") a Hangul name can transcribe, or none when it does not
    /// read as a Vietnamese name: every piece must be in Rules/ko/vietnamese-hangul.tsv, the first a
    /// Vietnamese surname, and some syllable must be one no Hanja reads (so 민, 남, 선 alone, which
    /// Korean names use, do not make a Korean name Vietnamese).
    func vietnameseFromHangul(_ text: String) -> [String] {
        vietnameseSyllablesFromHangul(text).map { options in
            RomanizationTables.product(options.map { RomanizationTables.unique($0.map { fold($0) }) }, limit: 16)
        } ?? []
    }

    /// A Vietnamese name in Hangul, or nil: shown as written, its Latin form and key those of the
    /// Vietnamese name (with diacritics, the first reading of each piece), surname first.
    func analyzeHangulVietnamese(_ text: String) -> Analysis? {
        guard let options = vietnameseSyllablesFromHangul(text), let key = vietnameseFromHangul(text).first else { return nil }
        let syllables = options.map { capitalizeWord($0[0]) }
        let latin = syllables.joined(separator: " ")
        let pieces = options.count
        let given = syllables.last!
        return Analysis(
            language: .vi, display: text, latin: latin, key: key, surname: syllables[0],
            middle: pieces > 2 ? syllables[1..<(pieces - 1)].joined(separator: " ") : "", given: given,
            reference: given, order: .surnameFirst, confidence: 0.7)
    }

    /// The Vietnamese syllables (with diacritics) each piece of a Hangul name can stand for, or nil.
    private func vietnameseSyllablesFromHangul(_ text: String) -> [[String]]? {
        let t = romanizationTables.get { RomanizationTables(rules: rules, tables: tables) }
        guard !t.hangulVietnamese.isEmpty else { return nil }
        let all = text.unicodeScalars.filter { $0 != " " }
        guard all.allSatisfy({ (0xAC00...0xD7A3).contains($0.value) }) else { return nil }
        let sinoKorean = all.allSatisfy { s in Self.romanize(s).map { tables.sinoKoreanSyllables.contains($0) } ?? false }
        if sinoKorean { return nil }
        var options: [[String]] = []
        for word in text.parts(0x20) {
            let chars = Array(String(word))
            guard let pieces = Segmenter.split(chars, maxPiece: 3, isPiece: { t.hangulVietnamese[$0] != nil },
                                               cost: { $0.count }) else { return nil }
            for piece in pieces { options.append(t.hangulVietnamese[piece]!) }
        }
        guard options.count >= 2, options.count <= 5 else { return nil }
        options[0] = options[0].filter { tables.viSurnames[fold($0)] != nil }
        return options[0].isEmpty ? nil : options
    }
}
