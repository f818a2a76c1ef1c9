/// Chinese names: Han characters read the way names are read, and romanized names parsed.
extension NameCanon {
    // MARK: - Han

    /// The reading of each character of a Han name, surname-aware: the surname table for the
    /// surname, the given-name table then the general table for the rest, per-name overrides
    /// above all. Numeric-tone pinyin; nil for a character with no reading.
    func hanReadings(_ chars: [Unicode.Scalar], surnameLength: Int, facts: [HanCharacter]? = nil) -> [String?] {
        // (The few whole-name readings are asked only of a name starting as one of them does.)
        if let first = chars.first, tables.nameReadingFirsts.contains(first),
           let override = tables.nameReadings[String(scalars: chars)], override.count == chars.count {
            return override
        }
        var out: [String?] = []
        if surnameLength > 0 {
            let surname = String(scalars: chars[0..<surnameLength])
            if let entry = tables.zhSurnames[surname], entry.pinyin.count == surnameLength {
                out = entry.pinyin
            }
        }
        for i in out.count..<chars.count {
            let c = facts?[i] ?? hanCharacter(chars[i])
            if i >= surnameLength, let g = c.givenReading {
                out.append(g)
            } else {
                out.append(c.reading)
            }
        }
        return out
    }

    /// The spellings a Han name's romanization is made of, worked out once per reading: the
    /// syllable without its tone ("lv"), as the key writes it ("lu") and as the name is written
    /// ("lü").
    final class PinyinForms {
        let plain: String
        let key: String
        let written: String
        init(plain: String) {
            self.plain = plain
            key = Pinyin.keyForm(plain)
            written = Pinyin.withUmlaut(plain)
        }
    }

    /// The forms of a numeric-tone reading ("lv3"), remembered by the reading.
    func pinyinForms(_ reading: String) -> PinyinForms {
        pinyinReadings.value(reading) { PinyinForms(plain: Pinyin.toneless(reading)) }
    }

    /// The simplified form of one character (itself when it has none).
    func simplified(_ c: Unicode.Scalar) -> Unicode.Scalar { tables.hantToHans[c] ?? c }

    /// How many leading characters of a Han name are its surname: compound surnames are taken
    /// whole when a given name follows; otherwise the first character.
    func hanSurnameLength(_ chars: [Unicode.Scalar]) -> Int {
        // Only a name starting as a compound surname does can start with one.
        guard let first = chars.first, tables.compoundSurnameFirsts.contains(first) else { return chars.isEmpty ? 0 : 1 }
        if chars.count >= 3 {
            let two = String(scalars: chars[0..<2])
            if let s = tables.zhSurnames[two], s.pinyin.count == 2 { return 2 }
        }
        if chars.count == 2 {
            let two = String(scalars: chars)
            if let s = tables.zhSurnames[two], s.pinyin.count == 2, tables.zhSurnames[String(chars[0])] == nil { return 2 }
        }
        return chars.isEmpty ? 0 : 1
    }

    func analyzeHan(_ text: String, hint: NameLanguage?) -> Analysis {
        // Foreign names in Han separate their parts with a middle dot: 迪丽热巴·迪力木拉提.
        // (Most names hold no separator at all: then the text is the one piece, found without
        // reading it by Character.)
        let separated = text.utf8.contains { $0 == 0x20 || $0 == 0x2D || $0 == 0x2C } || text.mayHoldMiddleDot
        let pieces = separated ? text.split(whereSeparator: { $0 == "·" || $0 == " " || $0 == "-" || $0 == "," })
            : text.isEmpty ? [] : [text[...]]
        var segments: [[Unicode.Scalar]] = []
        segments.reserveCapacity(pieces.count)
        for piece in pieces {
            var segment: [Unicode.Scalar] = []
            segment.reserveCapacity(piece.utf8.count / 3 + 1)
            for c in piece.unicodeScalars where Script.of(c) == .han { segment.append(c) }
            if !segment.isEmpty { segments.append(segment) }
        }
        // Every Han character of the text is in a segment, in order: their facts, asked once.
        let facts = segments.flatMap { $0.map(hanCharacter) }
        let variant = hanVariant(facts)
        // "习 近平", "欧阳 娜娜": a space between surname and given name marks the surname.
        let spacedSurname = segments.count == 2 && !text.containsMiddleDot && segments[0].count <= 2
        if segments.count != 1 && !spacedSurname {
            let readings = segments.map { seg in hanReadings(seg, surnameLength: 0).map { $0 ?? "" } }
            let latin = readings.map { Pinyin.capitalized(Pinyin.join($0.map { Pinyin.withUmlaut(Pinyin.toneless($0)) })) }
            let key = readings.map { $0.map { Pinyin.keyForm(Pinyin.toneless($0)) }.joined() }.joined(separator: " ")
            let syllables = readings.flatMap { $0 }.map { Pinyin.keyForm(Pinyin.toneless($0)) }.joined(separator: " ")
            return Analysis(
                language: hint ?? .zh, display: text, latin: latin.joined(separator: " "), key: key,
                extraKeys: [NameKey(.syllable, syllables)], given: text, reference: text, order: .unknown,
                hanVariant: variant)
        }
        let chars = spacedSurname ? segments[0] + segments[1] : segments[0]
        let surnameLength = spacedSurname ? segments[0].count : hanSurnameLength(chars)
        let display = spacedSurname ? String(scalars: chars) : text
        let readings = hanReadings(chars, surnameLength: surnameLength, facts: facts)
        let surnameChars = String(scalars: chars[0..<surnameLength])
        let givenChars = String(scalars: chars[surnameLength...])
        let forms = readings.enumerated().map { i, r in r.map(pinyinForms) ?? PinyinForms(plain: Self.unreadableToken(chars[i])) }
        let plain = forms.map(\.plain)
        let givenPlain = Array(plain[surnameLength...])
        // The surname's syllables run together, the given name's are joined as pinyin joins
        // them (Xi'an); the key spells each part without ü, the syllable key every syllable.
        var surnameWritten = "", surnameKey = "", givenKey = "", syllables = ""
        for (i, f) in forms.enumerated() {
            if i < surnameLength {
                surnameWritten += f.written
                surnameKey += f.key
            } else {
                givenKey += f.key
            }
            if i > 0 { syllables += " " }
            syllables += f.key
        }
        let surnameLatin = Pinyin.capitalized(surnameWritten)
        let givenLatin = Pinyin.capitalized(Pinyin.join(forms[surnameLength...].map(\.written)))
        let latinPinyin = givenLatin.isEmpty ? surnameLatin : surnameLatin + " " + givenLatin
        let key = surnameKey.isEmpty ? givenKey : givenKey.isEmpty ? surnameKey : surnameKey + " " + givenKey
        var extra = [NameKey(.syllable, syllables)]
        var hanvietLatin: String? = nil
        var hanvietKey = ""
        for (i, fact) in facts.enumerated() {
            guard let hv = fact.hanviet else { hanvietLatin = nil; break }
            if i == 0 {
                hanvietLatin = hv.display
            } else {
                hanvietLatin!.append(" ")
                hanvietLatin!.append(hv.display)
                hanvietKey.append(" ")
            }
            hanvietKey.append(hv.key)
        }
        if hanvietLatin != nil { extra.append(NameKey(.hanviet, hanvietKey)) }
        let vietnamese = hint == .vi && hanvietLatin != nil
        var alternates: [String] = []
        for (i, c) in chars.enumerated() where i >= surnameLength && alternates.count < 8 {
            guard let all = tables.hanPinyin[c] ?? tables.hanPinyin[simplified(c)], all.count > 1 else { continue }
            for other in all {
                let otherPlain = pinyinForms(other).plain
                guard otherPlain != plain[i] else { continue }
                var alt = givenPlain
                alt[i - surnameLength] = otherPlain
                let form = surnameLatin + " " + Pinyin.capitalized(Pinyin.join(alt.map(Pinyin.withUmlaut)))
                if form != latinPinyin && !alternates.contains(form) && alternates.count < 8 { alternates.append(form) }
            }
        }
        let confidence = chars.count == 1 ? 0.0 : (tables.zhSurnames[surnameChars] != nil ? 0.95 : 0.7)
        return Analysis(
            language: hint == .vi ? .vi : .zh, display: display,
            latin: vietnamese ? hanvietLatin! : latinPinyin,
            key: vietnamese ? extra.last!.value : key, extraKeys: extra,
            surname: surnameChars, given: givenChars, reference: surnameChars.isEmpty ? text : surnameChars,
            order: chars.count > 1 ? .surnameFirst : .unknown, confidence: confidence,
            hanVariant: variant, alternates: alternates)
    }

    /// Simplified, traditional, both or mixed, from the conversion tables.
    func hanVariant(_ text: String) -> HanVariant {
        hanVariant(text.unicodeScalars.lazy.filter { Script.of($0) == .han }.map(hanCharacter))
    }

    /// The variant of the characters whose facts these are.
    func hanVariant(_ facts: some Sequence<HanCharacter>) -> HanVariant {
        var simplifiedOnly = false
        var traditionalOnly = false
        for fact in facts {
            if fact.traditionalOnly { traditionalOnly = true }
            if fact.simplifiedOnly { simplifiedOnly = true }
        }
        switch (simplifiedOnly, traditionalOnly) {
        case (true, true): return .mixed
        case (true, false): return .simplified
        case (false, true): return .traditional
        default: return .both
        }
    }

    /// Converts Han text to simplified or traditional characters, one character at a time,
    /// honouring the name exceptions (朴 stays 朴; the surname 于 is not 於).
    func convertHan(_ text: String, toTraditional: Bool) -> String {
        let chars = Array(text.unicodeScalars)
        let hanChars = chars.filter { Script.of($0) == .han }
        let surnameLength = hanSurnameLength(hanChars)
        var out = String.UnicodeScalarView()
        var hanIndex = 0
        var skip = 0
        // A compound surname with its own written form (谷梁 → 穀梁) is converted whole.
        let hanText = String(scalars: hanChars)
        if let first = chars.first, Script.of(first) == .han,
           let seq = tables.tsSequenceExceptions.first(where: { $0.toTraditional == toTraditional && hanText.hasPrefix($0.text) && hanChars.count > $0.text.unicodeScalars.count }) {
            out.append(contentsOf: seq.instead.unicodeScalars)
            skip = seq.text.unicodeScalars.count
            hanIndex = skip
        }
        for c in chars.dropFirst(skip) {
            guard Script.of(c) == .han else { out.append(c); continue }
            let inSurname = hanIndex < surnameLength
            hanIndex += 1
            if let e = tables.tsExceptions.first(where: {
                $0.char == c && $0.toTraditional == toTraditional
                    && ($0.scope == "name" || $0.scope == "always" || ($0.scope == "surname") == inSurname)
            }) {
                out.append(e.instead ?? c)
                continue
            }
            out.append((toTraditional ? tables.hansToHant[c] : tables.hantToHans[c]) ?? c)
        }
        return String(out)
    }

    // MARK: - Romanized

    func analyzeChineseLatin(_ words: [LatinWord], commaAt: Int?) -> Analysis {
        let n = words.count
        let allPinyin = words.allSatisfy { $0.pinyin != nil }
        let allWG = words.allSatisfy { $0.wadeGiles != nil }
        var system: Romanization
        if allPinyin && allWG {
            let wgScore = words.filter { $0.wadeGilesOnly }.count
                + words.filter { $0.text.hasApostrophe || $0.text.hasUUmlaut }.count
                + (romanizedSurname(words[0])?.contains { $0.system == "wade-giles" } == true && !isChineseSurnameWord(words[0]) ? 1 : 0)
                // Hyphenated given names are Wade-Giles's convention ("Hua Kuo-feng"); pinyin
                // written with a hyphen usually has a syllable Wade-Giles lacks ("Xi Jin-ping").
                + (words.contains { $0.text.hasHyphen } ? 1 : 0)
            system = wgScore > 0 ? .wadeGiles : .pinyin
        } else if allPinyin {
            system = .pinyin
        } else if allWG {
            system = .wadeGiles
        } else {
            system = .other
        }
        // A Taiwan or Hong Kong surname spelling makes the whole name that system's, not pinyin.
        if system == .wadeGiles, let r = romanizedSurname(words[0]) ?? (n > 1 ? romanizedSurname(words[n - 1]) : nil),
           r.allSatisfy({ $0.system != "wade-giles" }) {
            system = .other
        }
        let syllables: [[String]?] = words.map { system == .pinyin ? $0.pinyin : (system == .wadeGiles ? $0.wadeGiles : nil) }
        // Which end is the surname?
        func isSurname(_ i: Int) -> Bool {
            let w = words[i]
            switch system {
            case .pinyin: return isChineseSurnameWord(w)
            case .wadeGiles: return romanizedSurname(w) != nil || (w.wadeGiles.map { tables.zhSurnamePinyin[$0.joined()] != nil } ?? false)
            case .other: return romanizedSurname(w) != nil || isChineseSurnameWord(w)
            }
        }
        var surnameFirst = true
        var confidence = 0.5
        let caps = words.indices.filter { words[$0].allCaps }
        if let c = commaAt, c > 0 {
            confidence = 0.95
        } else if n == 1 {
            confidence = 0
        } else if caps.count == 1 {
            surnameFirst = caps[0] == 0
            confidence = 0.9
        } else {
            let first = isSurname(0), last = isSurname(n - 1)
            let firstSyllables = syllables[0]?.count ?? 1
            let lastSyllables = syllables[n - 1]?.count ?? 1
            if first && !last { confidence = 0.9 }
            else if last && !first { surnameFirst = false; confidence = 0.85 }
            else if first && last {
                if firstSyllables > 1 && lastSyllables == 1 && tables.zhSurnamePinyin[(syllables[0] ?? []).joined()] == nil {
                    surnameFirst = false; confidence = 0.7
                } else if firstSyllables == 1 && lastSyllables == 2 && n == 2 {
                    // A compound surname at the end is rarely a given name: "Liang Zhuge".
                    surnameFirst = false; confidence = 0.6
                } else {
                    confidence = 0.6
                }
            } else if system == .other, !words[0].text.hasHyphen, words[n - 1].text.hasHyphen == false,
                      romanizedSurname(words[n - 1]) != nil {
                surnameFirst = false
            }
        }
        if system == .other, n >= 2, commaAt == nil, caps.count != 1, romanizedSurname(words[n - 1]) != nil,
           romanizedSurname(words[0]) == nil, !isChineseSurnameWord(words[0]) {
            surnameFirst = false; confidence = 0.8
        }
        var surnameCount = commaAt ?? 1
        var englishName: [Int] = []
        if commaAt == nil, isWesternPlusHongKongName(words) {
            // The English name leads; the Chinese name (surname, given) follows as written.
            englishName = [0]
            surnameFirst = true
            surnameCount = n - 2
            confidence = 0.85
        }
        let surnameIdx: [Int] = n == 1 ? [0] : (surnameFirst ? Array(englishName.count..<min(englishName.count + surnameCount, n - 1)) : [n - 1])
        let givenIdx = words.indices.filter { !surnameIdx.contains($0) && !englishName.contains($0) }
        let surnameWords = surnameIdx.map { words[$0] }
        let givenWords = givenIdx.map { words[$0] }

        switch system {
        case .pinyin:
            var sSyl: [String] = [], gSyl: [String] = []
            for w in surnameWords { sSyl += w.pinyin ?? [] }
            for w in givenWords { gSyl += w.pinyin ?? [] }
            let hadTones = words.contains { $0.pinyinTones }
            // The written forms and keys in one pass: the surname's syllables run together, the
            // key spells each part without ü, the syllable key every syllable.
            var surnameWritten = "", givenWritten: [String] = [], surnameKey = "", givenKey = "", syllableKey = ""
            givenWritten.reserveCapacity(gSyl.count)
            for (i, syllable) in (sSyl + gSyl).enumerated() {
                let key = Pinyin.keyForm(syllable)
                if i < sSyl.count {
                    surnameWritten += Pinyin.withUmlaut(syllable)
                    surnameKey += key
                } else {
                    givenWritten.append(Pinyin.withUmlaut(syllable))
                    givenKey += key
                }
                if i > 0 { syllableKey += " " }
                syllableKey += key
            }
            let surnameLatin = Pinyin.capitalized(surnameWritten)
            let givenLatin = Pinyin.capitalized(Pinyin.join(givenWritten))
            let latin = surnameLatin.isEmpty ? givenLatin : givenLatin.isEmpty ? surnameLatin : surnameLatin + " " + givenLatin
            var display = latin
            // A given name written with a hyphen ("Chen Shui-bian") keeps it in the display: that
            // is how the person writes it. The pinyin form (`latin`) and the key have none.
            if givenWords.count == 1, givenWords[0].text.hasHyphen,
               let parts = hyphenatedPinyin(givenWords[0].text), Array(parts.joined()) == gSyl {
                let hyphenated = Pinyin.capitalized(parts.map { Pinyin.join($0.map(Pinyin.withUmlaut)) }.joined(separator: "-"))
                display = [surnameLatin, hyphenated].filter { !$0.isEmpty }.joined(separator: " ")
            }
            if hadTones {
                // Keep the writer's tone marks: rebuild each word from its letters.
                let sDisp = surnameWords.map { capitalizeWord(tonedWord($0.text)) }.joined()
                let gDisp = Pinyin.capitalized(givenWords.map { tonedWord($0.text).latinLowered }.joined())
                display = [sDisp, gDisp].filter { !$0.isEmpty }.joined(separator: " ")
            }
            let key = surnameKey.isEmpty ? givenKey : givenKey.isEmpty ? surnameKey : surnameKey + " " + givenKey
            let surname = surnameLatin
            return Analysis(
                language: .zh, display: display, latin: latin, key: key,
                extraKeys: [NameKey(.syllable, syllableKey)],
                surname: n == 1 && !isSurname(0) ? "" : surname, given: n == 1 && !isSurname(0) ? display : givenLatin,
                reference: surname, order: n == 1 ? .unknown : (surnameFirst ? .surnameFirst : .givenFirst),
                confidence: confidence, romanization: .pinyin)
        case .wadeGiles, .other:
            let sDisp = surnameWords.map { capitalizeWord($0.text, afterHyphen: false) }
            let gDisp = givenWords.map { w -> String in
                // "Chin-p'ing", "Ing-wen": capital only at the start; Western given names tidied.
                w.text.hasHyphen ? capitalizeWord(w.text) : tidyCase(w.text)
            }
            let westernGiven = system == .other && !surnameFirst
            let english = englishName.map { tidyCase(words[$0].text) }
            let display = (english + (westernGiven ? gDisp + sDisp : sDisp + gDisp)).joined(separator: " ")
            let key = (surnameWords.map(\.folded) + [givenWords.map(\.folded).joined()]).filter { !$0.isEmpty }.joined(separator: " ")
            var extra: [NameKey] = []
            var alternates: [String] = []
            if system == .wadeGiles {
                let sSyl = surnameWords.flatMap { $0.wadeGiles ?? [] }
                let gSyl = givenWords.flatMap { $0.wadeGiles ?? [] }
                extra.append(NameKey(.syllable, (sSyl + gSyl).map(Pinyin.keyForm).joined(separator: " ")))
                let py = [Pinyin.capitalized(sSyl.map(Pinyin.withUmlaut).joined()),
                          Pinyin.capitalized(Pinyin.join(gSyl.map(Pinyin.withUmlaut)))].filter { !$0.isEmpty }.joined(separator: " ")
                alternates.append(py)
            }
            let surname = sDisp.joined(separator: " ")
            return Analysis(
                language: .zh, display: display, latin: display, key: key, extraKeys: extra,
                surname: surname, middle: english.joined(separator: " "), given: gDisp.joined(separator: " "), reference: surname,
                order: n == 1 ? .unknown : (surnameFirst ? .surnameFirst : .givenFirst), confidence: confidence,
                romanization: system, alternates: alternates)
        }
    }

    /// The pinyin syllables of each hyphen-separated part of a word ("Shui-bian" → [[shui], [bian]]).
    func hyphenatedPinyin(_ text: String) -> [[String]]? {
        var parts: [[String]] = []
        for part in text.split(separator: "-") {
            guard let syllables = latinWord(String(part)).pinyin else { return nil }
            parts.append(syllables)
        }
        return parts.count > 1 ? parts : nil
    }

    /// A pinyin word with tone digits turned into tone marks ("Jin4ping2" → "Jìnpíng").
    func tonedWord(_ text: String) -> String {
        guard text.contains(where: { $0.isNumber }) else { return text.replacingCharacter("-", with: "") }
        let (plain, _) = Pinyin.stripTones(text)
        var syllables: [String] = tables.pinyinSegments(plain.replacingCharacter("-", with: "")) ?? []
        // Each tone digit closes the syllable before it, in order.
        let digits: [Int] = text.compactMap { $0.wholeNumberValue }
        guard digits.count == syllables.count else { return plain }
        for i in syllables.indices { syllables[i] = Pinyin.marked(syllables[i] + String(digits[i])) }
        return Pinyin.join(syllables)
    }
}
