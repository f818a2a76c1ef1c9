import Foundation

/// The Japanese name tables of `Rules/ja/`: surnames and given names in kanji with their
/// pronunciations (UniDic), and the kana → Hepburn table. A class: each Han name that asks for
/// them takes a reference, not a copy of every table.
final class JapaneseTables: Sendable {
    struct Entry: CompiledValue, Equatable {
        /// Katakana pronunciations, most frequent first, long vowels written ー.
        let readings: [String]
        /// UniDic's word cost of the first reading: lower is more frequent.
        let cost: Int

        /// Compiled as "READING,READING<TAB>COST" by embed_rules.py.
        static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Entry {
            let tab = bytes.firstIndex(of: 0x09)!
            var cost = 0
            for b in bytes[(tab + 1)...] { cost = cost * 10 + Int(b &- 0x30) }
            return Entry(readings: [String].decode(UnsafeBufferPointer(rebasing: bytes[..<tab])), cost: cost)
        }
    }

    // Compiled by embed_rules.py (CompiledTables.swift): the first kanji name reads no rows.
    let surnames: StringTable<Entry>
    let given: StringTable<Entry>
    /// Whole names read one way (岸田文雄 → キシダ, フミオ), above both tables.
    let names: [String: (surname: String, given: String)]
    let kana: [String: String]
    let longestSurname: Int
    private let latin = OnceBox<(surnames: StringTable<Int>, given: StringTable<String>)>()
    /// True when the three tables the Latin keys come from are the embedded ones, which
    /// embed_rules.py has romanized already (CompiledRules.jaLatinSurnames, jaLatinGiven).
    private let latinCompiled: Bool

    /// ASCII keys of the surnames' romanizations ("abe", "sato") → lowest cost, for Latin names;
    /// built on the first Latin Japanese name (kanji names never need it).
    var latinSurnames: StringTable<Int> { latinTables.surnames }
    /// ASCII keys of the given names' romanizations ("shinzo").
    var latinGiven: StringTable<String> { latinTables.given }

    private var latinTables: (surnames: StringTable<Int>, given: StringTable<String>) {
        latin.get {
            if latinCompiled {
                return (StringTable(compiled: CompiledRules.jaLatinSurnames), StringTable(compiled: CompiledRules.jaLatinGiven))
            }
            return romanizedLatinTables()
        }
    }

    /// The Latin keys romanized here, from the tables as loaded (for `--rules` overlays; tests
    /// compare them with the compiled ones).
    func romanizedLatinTables() -> (surnames: StringTable<Int>, given: StringTable<String>) {
        var surnames: [String: Int] = [:]
        for (_, entry) in self.surnames {
            for reading in entry.readings {
                guard let r = Hepburn.romanize(reading, table: kana) else { continue }
                let key = Hepburn.asciiKey(r)
                surnames[key] = min(surnames[key] ?? .max, entry.cost)
            }
        }
        var given = Set<String>()
        for (_, entry) in self.given {
            for reading in entry.readings { if let r = Hepburn.romanize(reading, table: kana) { given.insert(Hepburn.asciiKey(r)) } }
        }
        return (StringTable(surnames), StringTable(Dictionary(uniqueKeysWithValues: given.map { ($0, "") })))
    }

    init(_ rules: RuleFiles) {
        func entries(_ path: String) -> [String: Entry] {
            var out: [String: Entry] = [:]
            for row in rules.rows(path) where row.columns.count >= 2 {
                let readings = row.columns[1].parts(0x2C).map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
                guard !readings.isEmpty else { continue }
                let cost = row.columns.count > 2 ? Int(String(row.columns[2]).trimmingSpaces) ?? 20_000 : 20_000
                out[String(row.columns[0]).trimmingSpaces] = Entry(readings: readings, cost: cost)
            }
            return out
        }
        surnames = StringTable(CompiledRules.jaSurnames, rules) { entries("ja/surnames.tsv") }
        given = StringTable(CompiledRules.jaGiven, rules) { entries("ja/given-names.tsv") }
        var names: [String: (surname: String, given: String)] = [:]
        for row in rules.rows("ja/name-readings.tsv") where row.columns.count >= 2 {
            let readings = row.columns[1].parts(0x20)
            if readings.count == 2 { names[String(row.columns[0]).trimmingSpaces] = (readings[0], readings[1]) }
        }
        self.names = names
        var kana: [String: String] = [:]
        for row in rules.rows("ja/kana-hepburn.tsv") where row.columns.count >= 2 {
            kana[String(row.columns[0])] = String(row.columns[1])
        }
        self.kana = kana
        longestSurname = surnames.longestKey
        latinCompiled = rules.overlaidPaths.isDisjoint(with: ["ja/surnames.tsv", "ja/given-names.tsv", "ja/kana-hepburn.tsv"])
    }
}

/// Modified Hepburn romanization of kana, as in the Library of Congress table: 佐藤 サトー "satō",
/// 純一郎 ジュンイチロー "jun'ichirō", 服部 ハットリ "hattori".
enum Hepburn {
    /// Romanizes hiragana or katakana (lowercase, macrons for long vowels); nil when a character
    /// is not kana. `longVowels` also merges ou, oo and uu into ō and ū, for kana written as
    /// spelled (さとう) rather than as pronounced (サトー).
    /// In a pronunciation (UniDic's pron, the tables' readings) ー after e stands for the
    /// spelled い of えい, which Hepburn keeps: 角栄 カクエー "kakuei", 恵子 ケーコ "keiko".
    static func romanize(_ text: String, table: [String: String], longVowels: Bool = false) -> String? {
        let scalars = text.unicodeScalars.map { s -> Unicode.Scalar in
            (0x3041...0x3096).contains(s.value) ? Unicode.Scalar(s.value + 0x60)! : s
        }
        var out = ""
        var geminate = false
        var afterN = false
        var lastSyllableVowel: Character? = nil
        var i = 0
        while i < scalars.count {
            let s = scalars[i]
            if s == "ッ" { geminate = true; i += 1; continue }
            if s == "ー" {
                if !longVowels, out.last == "e" {
                    out.append("i")
                } else if let last = out.last, let long = macron[last] {
                    out.removeLast()
                    out.append(long)
                }
                i += 1
                continue
            }
            var romaji: String? = nil
            if i + 1 < scalars.count, let r = table[String(scalars: [s, scalars[i + 1]])] {
                romaji = r
                i += 2
            } else if let r = table[String(s)] {
                romaji = r
                i += 1
            }
            guard var r = romaji else { return nil }
            if geminate, let first = r.first, !"aiueon".contains(first) {
                r = (r.hasPrefix("ch") ? "t" : String(first)) + r
            }
            geminate = false
            if afterN, let first = r.first, "aiueoy".contains(first) { out += "'" }
            if longVowels, r.count == 1, let last = out.last, let previous = lastSyllableVowel, previous == last,
               (last == "o" && (r == "u" || r == "o")) || (last == "u" && r == "u") {
                out.removeLast()
                out.append(macron[last]!)
                lastSyllableVowel = nil
                afterN = false
                continue
            }
            out += r
            afterN = r == "n"
            lastSyllableVowel = r == "n" ? nil : r.last
        }
        return out
    }

    static let macron: [Character: Character] = ["a": "ā", "i": "ī", "u": "ū", "e": "ē", "o": "ō"]

    /// The ASCII form of a romanization: macrons and apostrophes dropped ("jun'ichirō" → "junichiro").
    static func asciiKey(_ romaji: String) -> String {
        // ASCII text (every Latin name that is not Japanese already) keeps its letters and
        // digits, lowercased: the loop below gives that, reading Characters a good deal slower.
        if romaji.utf8.allSatisfy({ $0 < 0x80 }) {
            return String(unsafeUninitializedCapacity: romaji.utf8.count) { out in
                var n = 0
                for b in romaji.utf8 {
                    let lower = b >= 0x41 && b <= 0x5A ? b &+ 0x20 : b
                    if (lower >= 0x61 && lower <= 0x7A) || (lower >= 0x30 && lower <= 0x39) { out[n] = lower; n &+= 1 }
                }
                return n
            }
        }
        var out = ""
        for c in romaji.latinLowered {
            switch c {
            case "ā": out.append("a")
            case "ī": out.append("i")
            case "ū": out.append("u")
            case "ē": out.append("e")
            case "ō": out.append("o")
            case "â", "î", "û", "ê", "ô":
                out += String(c).decomposedStringWithCanonicalMapping.unicodeScalars.first.map { String($0) } ?? ""
            default: if c.isASCII && (c.isLetter || c.isNumber) { out.append(c) }
            }
        }
        return out
    }

    /// The first letter uppercased: "shinzō" → "Shinzō".
    static func capitalized(_ romaji: String) -> String {
        guard let first = romaji.first else { return romaji }
        return first.uppercased() + romaji.dropFirst()
    }
}

extension NameCanon {
    var japanese: JapaneseTables { japaneseTables.get { JapaneseTables(rules) } }

    /// True when a Han name with no language hint reads as Japanese: its surname is in the
    /// Japanese table and is not a Chinese surname, and the rest is a Japanese given name
    /// (田中角栄, 安倍晋三; not 林志玲, whose 林 is Chinese too, nor 王中华).
    func looksJapanese(_ text: String) -> Bool {
        guard let split = japaneseSplit(text) else { return false }
        return split.givenKnown && tables.zhSurnames[split.surname] == nil && !split.given.isEmpty
    }

    /// The surname / given split of a kanji name: a space if there is one, else the longest
    /// Japanese surname whose rest is a known given name, else the longest surname.
    func japaneseSplit(_ text: String) -> (surname: String, given: String, givenKnown: Bool)? {
        let t = japanese
        // A space: the words either side, or (spaces at an edge only) the one word read as
        // below. (Most names written in kanji hold none: no parts are made.)
        if text.utf8.contains(0x20) {
            let parts = text.parts(0x20)
            // (Membership only: `contains` decodes no value.)
            if parts.count == 2, t.surnames.contains(parts[0]) {
                return (parts[0], parts[1], t.given.contains(parts[1]))
            }
            guard parts.count == 1 else { return nil }
        } else if text.isEmpty {
            return nil
        }
        // The longest surname whose rest is a known given name, else the longest surname,
        // searched over the text's bytes: each candidate is a run of the UTF-8 between scalars,
        // looked up without making a String of it.
        var text = text
        return text.withUTF8 { bytes -> (surname: String, given: String, givenKnown: Bool)? in
            var cuts: [Int] = []
            cuts.reserveCapacity(bytes.count &+ 1)
            for i in 0..<bytes.count where bytes[i] & 0xC0 != 0x80 { cuts.append(i) }
            cuts.append(bytes.count)
            func text(_ range: Range<Int>) -> String { String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self) }
            var fallback: Int? = nil
            for length in stride(from: min(t.longestSurname, cuts.count &- 1), through: 1, by: -1) {
                let cut = cuts[length]
                guard t.surnames.contains(utf8: UnsafeBufferPointer(rebasing: bytes[0..<cut])) else { continue }
                let givenEmpty = cut == bytes.count
                if givenEmpty || t.given.contains(utf8: UnsafeBufferPointer(rebasing: bytes[cut...])) {
                    return (text(0..<cut), text(cut..<bytes.count), !givenEmpty)
                }
                if fallback == nil { fallback = cut }
            }
            return fallback.map { (text(0..<$0), text($0..<bytes.count), false) }
        }
    }

    /// A Japanese name in kanji: 安倍晋三 → latin "Abe Shinzō", key "abe shinzo", surname first.
    /// A given name not in the table is read character by character from the tables' one-kanji
    /// names; nil when even that fails.
    func analyzeJapaneseHan(_ text: String, hinted: Bool) -> Analysis? {
        let t = japanese
        guard let split = japaneseSplit(text), var surnameEntry = t.surnames[split.surname] else { return nil }
        var givenReadings: [String] = []
        if let person = t.names[split.surname + split.given] {
            surnameEntry = JapaneseTables.Entry(readings: [person.surname], cost: surnameEntry.cost)
            givenReadings = [person.given]
        } else if split.given.isEmpty {
            givenReadings = []
        } else if let entry = t.given[split.given] {
            givenReadings = entry.readings
        } else {
            var reading = ""
            for c in split.given.unicodeScalars {
                guard let r = t.given[String(c)]?.readings.first ?? t.surnames[String(c)]?.readings.first else { return nil }
                reading += r
            }
            givenReadings = [reading]
        }
        func roman(_ kana: String) -> String? { Hepburn.romanize(kana, table: t.kana).map(Hepburn.capitalized) }
        guard let surnameLatin = roman(surnameEntry.readings[0]) else { return nil }
        let givenLatin = givenReadings.first.flatMap(roman) ?? ""
        let latin = givenLatin.isEmpty ? surnameLatin : surnameLatin + " " + givenLatin
        let key = [Hepburn.asciiKey(surnameLatin), Hepburn.asciiKey(givenLatin)].filter { !$0.isEmpty }.joined(separator: " ")
        var alternates: [String] = []
        for s in surnameEntry.readings.prefix(3) {
            for g in (givenReadings.isEmpty ? [""] : Array(givenReadings.prefix(3))) {
                guard let sl = roman(s) else { continue }
                let alt = g.isEmpty ? sl : roman(g).map { sl + " " + $0 } ?? sl
                if alt != latin && !alternates.contains(alt) { alternates.append(alt) }
            }
        }
        return Analysis(
            language: .ja, display: split.surname + split.given, latin: latin, key: key,
            surname: split.surname, given: split.given, reference: split.surname, order: .surnameFirst,
            confidence: hinted ? 0.95 : (split.givenKnown ? 0.85 : 0.6), hanVariant: hanVariant(text),
            alternates: alternates)
    }

    /// A name in kana (あべ しんぞう, ドナルド・トランプ), romanized by Hepburn. Parts separated
    /// by a space are Japanese order (surname first); by a middle dot, a foreign name given first.
    func analyzeJapaneseKana(_ text: String) -> Analysis? {
        let t = japanese
        let dotted = text.contains("·")
        let parts = text.split(whereSeparator: { $0 == " " || $0 == "·" || $0 == "=" }).map(String.init)
        var romanized: [String] = []
        for part in parts {
            guard let r = Hepburn.romanize(part, table: t.kana, longVowels: true), !r.isEmpty else { return nil }
            romanized.append(Hepburn.capitalized(r))
        }
        guard !romanized.isEmpty else { return nil }
        let latin = romanized.joined(separator: " ")
        let key = romanized.map(Hepburn.asciiKey).joined(separator: " ")
        let order: NameOrder = parts.count < 2 ? .unknown : dotted ? .givenFirst : .surnameFirst
        let surname = parts.count < 2 ? "" : dotted ? parts.last! : parts.first!
        let given = parts.count < 2 ? parts.joined() : dotted ? parts.dropLast().joined(separator: "·") : parts.dropFirst().joined(separator: " ")
        // Shown as Japanese writes it: parts of a foreign name joined by the katakana middle dot.
        let display = dotted ? parts.joined(separator: "・") : parts.joined(separator: " ")
        return Analysis(language: .ja, display: display, latin: latin, key: key, surname: surname, given: given,
                        reference: surname.isEmpty ? text : surname, order: order, confidence: parts.count < 2 ? 0.3 : 0.8)
    }

    /// A Japanese name in Latin letters, in either order: "Shinzo Abe" and "Abe Shinzō" are both
    /// shown and keyed surname first ("Abe Shinzo", key "abe shinzo"), the surname found in the
    /// Japanese table. Names of other than two words, or with no known surname, are left as read.
    func analyzeJapaneseLatin(_ analysis: Analysis) -> Analysis {
        let words = analysis.latin.parts(0x20)
        guard words.count == 2 else { return analysis }
        let t = japanese
        let keys = words.map(Hepburn.asciiKey)
        let firstSurname = t.latinSurnames[keys[0]], secondSurname = t.latinSurnames[keys[1]]
        let firstGiven = t.latinGiven.contains(keys[0]), secondGiven = t.latinGiven.contains(keys[1])
        let surnameFirst: Bool
        switch (firstSurname, secondSurname) {
        case (.some, nil): surnameFirst = true
        case (nil, .some): surnameFirst = false
        case (.some(let a), .some(let b)):
            if secondGiven != firstGiven { surnameFirst = secondGiven } else { surnameFirst = a <= b }
        default: return analysis
        }
        var out = analysis
        let (surname, given) = surnameFirst ? (words[0], words[1]) : (words[1], words[0])
        out.display = surname + " " + given
        out.latin = out.display
        out.key = Hepburn.asciiKey(surname) + " " + Hepburn.asciiKey(given)
        out.surname = surname
        out.given = given
        out.middle = ""
        out.reference = surname
        out.order = surnameFirst ? .surnameFirst : .givenFirst
        out.confidence = 0.8
        out.language = .ja
        out.extraKeys = []
        return out
    }
}
