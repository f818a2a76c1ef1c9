import Foundation

/// Vietnamese names in Latin letters: letters repaired, tone marks placed by one rule, parts
/// found from the surname and middle-name tables, keys folded.
extension NameCanon {
    /// How many words at the start (or end) of a name form a known surname: 0 to 4. A word
    /// written with diacritics must match them ("Đình" is not the surname Đinh); a bare word
    /// matches by its folded form.
    func vietnameseSurnameLength(_ words: [LatinWord], atStart: Bool) -> Int {
        guard let edge = atStart ? words.first : words.last else { return 0 }
        let compound = atStart ? edge.vietnameseCompoundFirst : edge.vietnameseCompoundLast
        // A simple surname at the edge or none: the word's own fact answers (the loop below
        // tries the one word alone, or the lone word of a one-word name).
        if !compound { return edge.vietnameseSurname ? 1 : 0 }
        for length in stride(from: min(compound ? 4 : 1, words.count - 1), through: 1, by: -1) {
            let slice = atStart ? words[0..<length] : words[(words.count - length)...]
            guard isVietnameseSurname(slice) else { continue }
            // "Nguyễn Phúc" is one surname only for the royal lineage (RoyalNames.swift).
            if length == 2, atStart, slice[slice.startIndex].folded == "nguyen", !royalNames.isRoyal(words.map(\.folded)) { continue }
            return length
        }
        if words.count == 1, isVietnameseSurname(words[...]) { return 1 }
        return 0
    }

    func isVietnameseSurname(_ words: ArraySlice<LatinWord>) -> Bool {
        if words.count == 1 { return words[words.startIndex].vietnameseSurname }
        let folded = words.map(\.folded).joined(separator: " ")
        guard let entry = tables.viSurnames[folded], entry.words == words.count else { return false }
        // Whether the words as written spell the surname (no array of them unless asked).
        let text = words.map(\.text).joined(separator: " ")
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return true }
        return surnameSpellingCache.value(for: ExactText(text)) { isVietnameseSurnameSpellingUncached(words.map(\.text), text: text) }
    }

    /// `isVietnameseSurname` of one word, from its text and fold (worked out with the word:
    /// `LatinWord.vietnameseSurname`).
    func isVietnameseSurname(text: String, folded: String) -> Bool {
        guard let entry = tables.viSurnames[folded], entry.words == 1 else { return false }
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return true }
        // (Asked once per word, `LatinWord.vietnameseSurname` remembers it: no cache here.)
        return isVietnameseSurnameSpellingUncached([text], text: text)
    }

    private func isVietnameseSurnameSpellingUncached(_ words: [String], text: String) -> Bool {
        let lowered = text.latinLowered.repairingDLookalikes
        if tables.viSurnamesExact.contains(lowered) { return true }
        // Old/new tone placement must not hide a surname ("Hoà" style never affects surnames much,
        // but compare with the tone re-placed to be sure).
        let replaced = words.map { VietnameseSyllable.newStyle($0.latinLowered) }.joined(separator: " ")
        return tables.viSurnamesExact.contains(replaced)
    }

    /// One Vietnamese word for display: lookalike letters of Đ repaired, tone placed by style,
    /// capitalized. (Asked once per word: `LatinWord.vietnameseDisplay` remembers it.)
    func vietnameseDisplayWord(_ word: String, lookalikes: inout Bool) -> String {
        // (`repairingDLookalikes` gives the word itself when it holds none.)
        var w = word.repairingDLookalikes
        if w != word { lookalikes = true }
        w = capitalizeWord(w)
        if toneStyle != .keep, let syllable = VietnameseSyllable(w) { w = syllable.written(toneStyle) }
        return w
    }

    /// The key form of one Vietnamese word: ASCII, đ → d, and the i/y spelling variation after
    /// h, k, l, m, s, t, v (and qu) folded to y, so Lý, Lí and Ly meet.
    func vietnameseKeyWord(_ word: String) -> String {
        let f = fold(word)
        // (A fold is ASCII: its bytes are its characters.)
        let bytes = f.utf8
        if bytes.count == 2, bytes.last == 0x69, let c = bytes.first, "hklmstv".utf8.contains(c) {
            return String(UnicodeScalar(c)) + "y"
        }
        if f == "qui" { return "quy" }
        return f
    }

    func analyzeVietnameseLatin(_ words: [LatinWord], commaAt: Int?, repairs: inout [String]) -> Analysis {
        // (Each word's display and key forms were worked out with the word: `LatinWord`.)
        if words.contains(where: \.vietnameseLookalike) { repairs.append("lookalike-letter") }
        let n = words.count
        // Where is the surname, and how long is it?
        var surnameFirst = true
        var confidence = 0.5
        var surnameLength = 1
        let startLength = vietnameseSurnameLength(words, atStart: true)
        let endLength = n > 1 ? vietnameseSurnameLength(words, atStart: false) : 0
        var capsCount = 0, firstCaps = -1
        for i in 0..<n where words[i].allCaps {
            if firstCaps < 0 { firstCaps = i }
            capsCount += 1
        }
        if let c = commaAt {
            surnameFirst = true; surnameLength = c; confidence = 0.95
        } else if capsCount >= 1 && capsCount < n && n > 1 {
            surnameFirst = firstCaps == 0
            surnameLength = capsCount
            confidence = 0.9
        } else if startLength > 0 && (endLength == 0 || n == 1) {
            surnameLength = startLength; confidence = endLength == 0 ? 0.9 : 0.6
        } else if endLength > 0 && startLength == 0 && westernOrderIsLikely(words, surnameLength: endLength) {
            surnameFirst = false; surnameLength = endLength; confidence = 0.85
        } else if startLength > 0 {
            // A surname at both ends ("Le Van Lam"): Vietnamese order is the norm.
            surnameLength = startLength
            confidence = tables.viMiddles[n > 1 ? words[1].folded : ""] != nil ? 0.85 : 0.65
        } else if n == 1 {
            surnameLength = 0; confidence = 0
        }
        if n == 1 {
            let isSurname = startLength == 1
            let word = words[0].vietnameseDisplay
            let key = words[0].vietnameseKey
            return Analysis(
                language: .vi, display: word, latin: word, key: key, extraKeys: [NameKey(.hanviet, key)],
                surname: isSurname ? word : "", given: isSurname ? "" : word, reference: word, order: .unknown,
                confidence: 0)
        }
        // Shown and keyed in Vietnamese order: the surname, the middle names, and the given
        // name, which is the last word outside the surname (every branch above leaves one; if
        // none were left, the name would be its surname alone, with no given name).
        let surnameStart = surnameFirst ? 0 : n - surnameLength, surnameEnd = surnameStart + surnameLength
        let givenIndex = surnameEnd < n ? n - 1 : surnameStart - 1  // -1: no given name
        var surname = "", middle = "", key = ""
        var keyed = 0
        func addKey(_ i: Int) {
            if keyed > 0 { key.append(" ") }
            key.append(words[i].vietnameseKey)
            keyed += 1
        }
        for i in surnameStart..<surnameEnd {
            if i > surnameStart { surname.append(" ") }
            surname.append(words[i].vietnameseDisplay)
            addKey(i)
        }
        for i in 0..<n where (i < surnameStart || i >= surnameEnd) && i != givenIndex {
            if !middle.isEmpty { middle.append(" ") }
            middle.append(words[i].vietnameseDisplay)
            addKey(i)
        }
        let given = givenIndex >= 0 ? words[givenIndex].vietnameseDisplay : ""
        if givenIndex >= 0 { addKey(givenIndex) }
        var text = surname
        text.reserveCapacity(surname.utf8.count + middle.utf8.count + given.utf8.count + 2)
        if !middle.isEmpty { text.append(" "); text.append(middle) }
        if givenIndex >= 0 { text.append(" "); text.append(given) }
        return Analysis(
            language: .vi, display: text, latin: text, key: key, extraKeys: [NameKey(.hanviet, key)],
            surname: surname, middle: middle, given: given, reference: givenIndex >= 0 ? given : surname,
            order: surnameFirst ? .surnameFirst : .givenFirst, confidence: confidence)
    }

    /// Western order ("Phu Trong Nguyen") is how names are written without diacritics for
    /// Western databases. A name written with full Vietnamese diacritics is nearly always in
    /// Vietnamese order, so there it takes one of the most common surnames at the end.
    func westernOrderIsLikely(_ words: [LatinWord], surnameLength: Int) -> Bool {
        // "Văn Lâm", "Thị Hà": a marker middle name and a given name, as the Vietnamese press
        // refers to a person (Đặng Văn Lâm). Western order would put the given name first, and
        // Văn and Thị are not given names, so the surname at the end is only a given name.
        if words.count == 2, tables.viMarkersExact.contains(words[0].text.latinLowered) { return false }
        // "Cáp Duy Vương": a middle name second and none first is Vietnamese order, whatever
        // the ends look like (Western order puts the middle name first: "Duy Vương Cáp").
        if words.count >= 3, tables.viMiddles[words[1].folded] != nil, tables.viMiddles[words[0].folded] == nil,
           words[0].vietnamese { return false }
        guard words.contains(where: { $0.vietnameseLetters }), let first = words.first else { return true }
        // "Tưởng Giới Thạch", "Tập Cận Bình": the Vietnamese press's reading of a Chinese name
        // starts with the Hán-Việt reading of a Chinese surname and is in Chinese order.
        // Not when the first word is a Vietnamese middle name (Văn is also the surname 文) or the
        // last is one of the commonest Vietnamese surnames.
        let lowered = first.text.latinLowered
        let key = VietnameseSyllable.newStyle(lowered)
        guard sinoVietnameseSurnames.contains(key), !tables.viMiddlesExact.contains(key) else { return true }
        let last = words.suffix(surnameLength).map(\.folded).joined(separator: " ")
        return (tables.viSurnames[last]?.rank ?? Int.max) <= 20
    }

    // MARK: - Hán-Việt

    /// The Sino-Vietnamese reading of one Han character, name-preferred, or nil.
    func hanvietReading(_ c: Unicode.Scalar) -> String? { Self.hanvietReading(c, tables) }

    static func hanvietReading(_ c: Unicode.Scalar, _ tables: Tables) -> String? {
        if let o = tables.hanvietOverrides[c] { return o }
        if let r = tables.hanviet[c]?.first { return r }
        if let t = tables.hansToHant[c] {
            if let o = tables.hanvietOverrides[t] { return o }
            if let r = tables.hanviet[t]?.first { return r }
        }
        return nil
    }

    /// Every Hán-Việt reading of each Han character of `text`, as name syllables, the
    /// name-preferred one first (沪 → Hộ, Hỗ): papers disagree where a character has several, so a
    /// check of a Vietnamese spelling against a Han name must accept any of them. Nil when a
    /// character is not Han or has no reading.
    public func hanvietSyllableChoices(_ text: String) -> [[String]]? {
        var out: [[String]] = []
        for c in text.unicodeScalars where !c.properties.isWhitespace && c != "·" && c != "・" {
            var readings: [String] = []
            for form in [c] + (tables.hansToHant[c].map { [$0] } ?? []) {
                if let o = tables.hanvietOverrides[form] { readings.append(o) }
                readings += tables.hanviet[form] ?? []
            }
            var seen = Set<String>()
            let syllables = readings.map { hanvietNameSyllable($0) }.filter { seen.insert($0.latinLowered).inserted }
            if syllables.isEmpty { return nil }
            out.append(syllables)
        }
        return out.isEmpty ? nil : out
    }

    /// What a Han name asks of each of its characters, worked out once per character
    /// (`hanCharacter`): its Hán-Việt reading as a name syllable and that syllable's key form
    /// (`hanvietNameSyllable(hanvietReading(c))`, `vietnameseKeyWord`), whether it is written
    /// only in traditional or only in simplified characters (`hanVariant`), and its readings
    /// in a given name and elsewhere (`hanReadings`).
    final class HanCharacter {
        let hanviet: (display: String, key: String)?
        let traditionalOnly: Bool
        let simplifiedOnly: Bool
        let givenReading: String?
        let reading: String?

        init(hanviet: (display: String, key: String)?, traditionalOnly: Bool, simplifiedOnly: Bool, givenReading: String?,
             reading: String?) {
            self.hanviet = hanviet; self.traditionalOnly = traditionalOnly; self.simplifiedOnly = simplifiedOnly
            self.givenReading = givenReading; self.reading = reading
        }
    }

    func hanCharacter(_ c: Unicode.Scalar) -> HanCharacter {
        hanCharacters.value(c) {
            var hanviet: (display: String, key: String)? = nil
            if let reading = hanvietReading(c) {
                let display = hanvietNameSyllable(reading)
                hanviet = (display, vietnameseKeyWord(display))
            }
            return HanCharacter(
                hanviet: hanviet, traditionalOnly: tables.hantToHans[c] != nil, simplifiedOnly: tables.hansToHant[c] != nil,
                givenReading: tables.givenReadings[c] ?? tables.givenReadings[simplified(c)],
                reading: tables.hanPinyin[c]?.first ?? tables.hanPinyin[simplified(c)]?.first ?? icuHanReading(c))
        }
    }

    /// A reading as written in a name: capitalized, tone placed by style, "i" after h, k, l, m,
    /// s, t written "y" as names write it (Lý, Kỳ, Mỹ).
    func hanvietNameSyllable(_ reading: String) -> String {
        hanvietSyllableCache.value(for: ExactText(reading)) { hanvietNameSyllableUncached(reading) }
    }

    private func hanvietNameSyllableUncached(_ reading: String) -> String {
        var w = reading.latinLowered
        if let syllable = VietnameseSyllable(w), syllable.vowels.count == 1, syllable.coda.isEmpty,
           syllable.vowels[0] == "i", let onset = syllable.onset.first, syllable.onset.count == 1, "hklmst".unicodeScalars.contains(onset) {
            var s = syllable
            s.vowels = ["y"]
            w = s.written(toneStyle == .keep ? .new : toneStyle)
        } else if toneStyle != .keep, let syllable = VietnameseSyllable(w) {
            w = syllable.written(toneStyle)
        }
        return capitalizeWord(w)
    }
}

/// A value computed once, on first use, safely across threads.
final class OnceBox<Value>: @unchecked Sendable {
    private var value: Value?
    private let lock = NSLock()

    func get(_ make: () -> Value) -> Value {
        lock.lock()
        defer { lock.unlock() }
        if let value { return value }
        let made = make()
        value = made
        return made
    }
}

extension NameCanon {
    /// The toneless pinyin syllables of every Han character with the Hán-Việt reading `syllable`
    /// (toneless ASCII, as in `hanviet` keys): "tap" → ["ji", "xi", ...], "binh" → ["bing", "ping"].
    /// This is the Hán-Việt table read backwards, so that a Vietnamese-press form of a Chinese
    /// name ("Tập Cận Bình") can meet the person's pinyin syllable key before any Han form is seen.
    ///
    /// ```swift
    /// NameCanon.shared.pinyinSyllables(forHanViet: "can")   // [..., "jin", ...]
    /// ```
    public func pinyinSyllables(forHanViet syllable: String) -> [String] {
        hanvietReverse.get {
            var table: [String: Set<String>] = [:]
            func add(_ c: Unicode.Scalar, _ reading: String) {
                let key = vietnameseKeyWord(hanvietNameSyllable(reading))
                for p in tables.hanPinyin[c] ?? tables.hanPinyin[simplified(c)] ?? [] {
                    table[key, default: []].insert(Pinyin.keyForm(Pinyin.toneless(p)))
                }
            }
            for (c, readings) in tables.hanviet { for r in readings { add(c, r) } }
            for (c, r) in tables.hanvietOverrides { add(c, r) }
            return table.mapValues { $0.sorted() }
        }[syllable] ?? []
    }
}
