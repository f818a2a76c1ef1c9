/// Every table NameCanon reads from `Rules/`, parsed once into lookups.
final class Tables: Sendable {
    // Latin
    /// Latin-ASCII folding (latin-ascii.tsv), read by scalar for the Latin ranges names use.
    let latinFold: LatinFold
    /// The folding table itself, character → ASCII.
    var asciiFold: [Character: String] { latinFold.table }
    // Titles, longest first.
    let titles: [Title]
    /// Latin-script titles by their first folded word (prefix) or last folded word (suffix).
    let prefixTitlesByWord: [String: [Title]]
    let suffixTitlesByWord: [String: [Title]]
    /// Folded words that may stand in a free-form description before a name, and the head
    /// nouns such a description needs ("chief", "minister") before it is stripped as a title.
    let titleVocabulary: Set<String>
    let titleHeads: Set<String>
    /// Han titles, longest first, and the characters they start or end with (a quick test).
    let hanTitles: [Title]
    let hanTitleEnds: ScalarSet
    /// The first and last scalar of each of `hanTitles`, in its order: in NFC text, a title can
    /// end (start) the text only where their scalars meet.
    let hanTitleScalars: [(first: Unicode.Scalar, last: Unicode.Scalar)]
    // Chinese
    // The tables keyed by one character are compiled (CompiledTables.swift): no rows parsed at start.
    let hanPinyin: ScalarTable<[String]>
    let givenReadings: ScalarTable<String>
    let nameReadings: [String: [String]]
    /// The first scalar of every key of `nameReadings`.
    let nameReadingFirsts: ScalarSet
    let zhSurnames: [String: ChineseSurname]
    /// The first scalar of every key of `zhSurnames` read as two syllables (欧阳, 司马).
    let compoundSurnameFirsts: ScalarSet
    /// Toneless pinyin of each surname ("xi", "ouyang") → best frequency rank.
    let zhSurnamePinyin: [String: Int]
    let pinyinSyllables: Set<String>
    /// True when every pinyin syllable is made of the letters a to z alone (as the built-in
    /// table is; an overlay may differ): `Pinyin.segment` then refuses other words at once.
    let pinyinSyllablesAreLetters: Bool

    /// `Pinyin.segment` over these tables' syllables.
    func pinyinSegments(_ word: String) -> [String]? {
        Pinyin.segment(word, syllables: pinyinSyllables, lettersOnly: pinyinSyllablesAreLetters)
    }
    let wadeGiles: [String: [String]]
    let romanizedSurnames: [String: [RomanizedSurname]]
    let hantToHans: ScalarTable<Unicode.Scalar>
    let hansToHant: ScalarTable<Unicode.Scalar>
    let tsExceptions: [TSException]
    /// Exceptions for several characters at once (compound surnames: 谷梁 → 穀梁).
    let tsSequenceExceptions: [(text: String, toTraditional: Bool, instead: String)]
    // Vietnamese
    let hanviet: ScalarTable<[String]>
    let hanvietOverrides: ScalarTable<String>
    /// Folded ASCII surname ("nguyen", "ton nu") → surname.
    let viSurnames: [String: VietnameseSurname]
    /// Surnames as written with diacritics, lowercased ("nguyễn", "tôn nữ").
    let viSurnamesExact: Set<String>
    /// Folded first and last words of the compound surnames ("ton", "au"; "nu", "duong").
    let viCompoundFirstWords: Set<String>
    let viCompoundLastWords: Set<String>
    let viMiddles: [String: Bool]
    /// Middle names as written with diacritics, lowercased.
    let viMiddlesExact: Set<String>
    /// Marker middle names (Văn, Thị) as written with diacritics, lowercased: folded, Văn is Vân too.
    let viMarkersExact: Set<String>
    let viGivens: Set<String>
    let viOnsetsFolded: Set<String>
    let viRhymesFolded: Set<String>
    /// Chinese syllables as other scripts transcribe them: Russian Palladius (си → xi) and the
    /// Korean standard transcription (시 → xi); a spelling may stand for several syllables.
    let palladius: [String: [String]]
    let hangulChinese: [String: [String]]
    /// Korean surnames by Hangul ("김" → rank) and by romanization ("kim" → Hangul).
    let koSurnamesHangul: [String: Int]
    let koSurnamesLatin: [String: String]
    /// Romanized syllables a Sino-Korean reading can have ("jeong", "i").
    let sinoKoreanSyllables: Set<String>
    /// ICU rules by file name (without .txt) under icu/.
    let icuRules: [String: String]

    struct Title: Sendable {
        let text: String
        let words: [String]  // folded, for matching
        /// Lowercased as written: a one-word title with diacritics must match them exactly
        /// ("Tướng" the title is not "Tưởng" the surname; "Ông" is not the surname Ong).
        let exactWords: [String]
        var needsExactMatch: Bool { exactWords.count == 1 && exactWords != words }
        let prefix: Bool
        let language: NameLanguage?
    }

    struct ChineseSurname: Sendable {
        let han: String
        let pinyin: [String]  // numeric-tone syllables
        let rank: Int
    }

    struct RomanizedSurname: Sendable {
        let spelling: String
        let system: String
        let pinyin: String
        let han: String
    }

    struct TSException: Sendable {
        let char: Unicode.Scalar
        let toTraditional: Bool
        let scope: String  // surname, given, name
        let instead: Unicode.Scalar?
    }

    struct VietnameseSurname: Sendable {
        let text: String
        let words: Int
        let rank: Int
    }

    init(_ rules: RuleFiles) throws {
        func scalar(_ s: Substring) -> Unicode.Scalar? {
            let scalars = s.unicodeScalars
            return scalars.count == 1 ? scalars.first : nil
        }
        func col(_ c: [Substring], _ i: Int) -> String { i < c.count ? String(c[i]).trimmingSpaces : "" }

        var fold: [Character: String] = [:]
        fold.reserveCapacity(rules.rowBound("latin-ascii.tsv"))
        rules.forEachRow("latin-ascii.tsv") { row in
            guard row.count >= 2 else { return }
            let key = row.raw(0)
            if let c = key.first, key.count == 1 { fold[c] = row.raw(1) }
        }
        // Folding through the worked-out table: the same answers, without hashing a Character
        // for every letter (FastPathTests checks them equal).
        let latin = LatinFold(fold)
        latinFold = latin

        var titles: [Title] = []
        rules.forEachRow("titles.tsv") { row in
            guard row.count >= 2 else { return }
            let text = row[0]
            // A row without a title (an overlay's stray tab) has nothing to match.
            guard !text.isEmpty else { return }
            let words = text.parts(0x20).map { Self.foldWord(String($0), latin) }
            let lang = row[2]
            titles.append(Title(text: text, words: words, exactWords: text.latinLowered.parts(0x20),
                                prefix: row[1] != "suffix",
                                language: lang == "-" || lang.isEmpty ? nil : NameLanguage(rawValue: lang)))
        }
        // (Sorted by keys worked out once: `text.count` counts Characters at every comparison.)
        self.titles = titles.map { ($0, $0.words.count, $0.text.count) }
            .sorted { ($0.1, $0.2) > ($1.1, $1.2) }.map(\.0)
        var vocabulary = Set<String>()
        var heads = Set<String>()
        rules.forEachRow("title-words.tsv") { row in
            guard row.count >= 2 else { return }
            let word = Self.foldWord(row[0], latin)
            vocabulary.insert(word)
            if row[1] == "head" { heads.insert(word) }
        }
        // English titles only: a Vietnamese one-word title must match its diacritics exactly
        // ("Tướng" is a title, "Tưởng" a surname), which the title list itself does.
        for t in titles where t.prefix && t.text.unicodeScalars.allSatisfy({ $0.isASCII }) {
            vocabulary.formUnion(t.words)
            if t.words.count == 1 { heads.insert(t.words[0]) }
        }
        titleVocabulary = vocabulary
        titleHeads = heads
        var prefixIndex: [String: [Title]] = [:], suffixIndex: [String: [Title]] = [:]
        var han: [Title] = []
        for t in self.titles {
            if t.text.unicodeScalars.allSatisfy({ Script.of($0) == .han }) { han.append(t); continue }
            if t.prefix, let w = t.words.first { prefixIndex[w, default: []].append(t) }
            if !t.prefix, let w = t.words.last { suffixIndex[w, default: []].append(t) }
        }
        prefixTitlesByWord = prefixIndex
        suffixTitlesByWord = suffixIndex
        hanTitles = han
        hanTitleScalars = han.map { ($0.text.unicodeScalars.first!, $0.text.unicodeScalars.last!) }
        hanTitleEnds = ScalarSet(hanTitleScalars.flatMap { [$0.first.value, $0.last.value] })

        hanPinyin = ScalarTable(CompiledRules.hanPinyin, rules) {
            var hanPinyin: [Unicode.Scalar: [String]] = [:]
            for row in rules.rows("zh/han-pinyin.tsv") where row.columns.count >= 2 {
                guard let s = scalar(row.columns[0]) else { continue }
                hanPinyin[s] = row.columns[1].parts(0x2C).map { String($0).trimmingSpaces }
            }
            return hanPinyin
        }

        givenReadings = ScalarTable(CompiledRules.givenReadings, rules) {
            var given: [Unicode.Scalar: String] = [:]
            for row in rules.rows("zh/given-readings.tsv") where row.columns.count >= 2 {
                if let s = scalar(row.columns[0]) { given[s] = col(row.columns, 1) }
            }
            return given
        }

        var names: [String: [String]] = [:]
        rules.forEachRow("zh/name-readings.tsv") { row in
            guard row.count >= 2 else { return }
            names[row[0]] = row[1].parts(0x20)
        }
        nameReadings = names
        nameReadingFirsts = ScalarSet(names.keys.compactMap { $0.unicodeScalars.first?.value })

        var surnames: [String: ChineseSurname] = [:]
        var surnamePinyin: [String: Int] = [:]
        // (Traditional forms add keys: room for two a row.)
        let surnameRows = rules.rowBound("zh/surnames.tsv")
        surnames.reserveCapacity(2 * surnameRows)
        surnamePinyin.reserveCapacity(surnameRows)
        rules.forEachRow("zh/surnames.tsv") { row in
            guard row.count >= 3 else { return }
            let simplified = row[0]
            let pinyin = row[2].parts(0x20)
            let rank = Int(row[3]) ?? 10_000
            let entry = ChineseSurname(han: simplified, pinyin: pinyin, rank: rank)
            surnames[simplified] = entry
            for trad in row[1].parts(0x2C) {
                let t = String(trad).trimmingSpaces
                if !t.isEmpty && t != "=" { surnames[t] = ChineseSurname(han: t, pinyin: pinyin, rank: rank) }
            }
            let plain = pinyin.map { Pinyin.toneless($0) }.joined()
            surnamePinyin[plain] = min(surnamePinyin[plain] ?? Int.max, rank)
        }
        zhSurnames = surnames
        compoundSurnameFirsts = ScalarSet(surnames.lazy.filter { $0.value.pinyin.count == 2 }.compactMap { $0.key.unicodeScalars.first?.value })
        zhSurnamePinyin = surnamePinyin

        var syllables = Set<String>(minimumCapacity: rules.rowBound("zh/pinyin-syllables.txt"))
        rules.forEachRow("zh/pinyin-syllables.txt") { row in syllables.insert(row[0]) }
        pinyinSyllables = syllables
        pinyinSyllablesAreLetters = syllables.allSatisfy { $0.utf8.allSatisfy { $0 >= 0x61 && $0 <= 0x7A } }

        var wg: [String: [String]] = [:]
        wg.reserveCapacity(rules.rowBound("zh/wade-giles.tsv"))
        rules.forEachRow("zh/wade-giles.tsv") { row in
            guard row.count >= 2 else { return }
            wg[row[0].latinLowered, default: []].append(row[1])
        }
        wadeGiles = wg

        var romanized: [String: [RomanizedSurname]] = [:]
        romanized.reserveCapacity(rules.rowBound("zh/romanized-surnames.tsv"))
        rules.forEachRow("zh/romanized-surnames.tsv") { row in
            guard row.count >= 3 else { return }
            let spelling = row[0]
            romanized[Self.foldWord(spelling, latin), default: []].append(
                RomanizedSurname(spelling: spelling, system: row[1], pinyin: row[2],
                                 han: row[3]))
        }
        romanizedSurnames = romanized

        hantToHans = ScalarTable(CompiledRules.hantToHans, rules) {
            var t2s: [Unicode.Scalar: Unicode.Scalar] = [:]
            for row in rules.rows("zh/hant-hans.tsv") where row.columns.count >= 2 {
                if let a = scalar(row.columns[0]), let b = scalar(row.columns[1]) { t2s[a] = b }
            }
            return t2s
        }
        hansToHant = ScalarTable(CompiledRules.hansToHant, rules) {
            var s2t: [Unicode.Scalar: Unicode.Scalar] = [:]
            for row in rules.rows("zh/hans-hant.tsv") where row.columns.count >= 2 {
                if let a = scalar(row.columns[0]), let b = scalar(row.columns[1]) { s2t[a] = b }
            }
            return s2t
        }
        var exceptions: [TSException] = []
        var sequences: [(String, Bool, String)] = []
        rules.forEachRow("zh/ts-exceptions.tsv") { row in
            guard row.count >= 3 else { return }
            let text = row[0]
            guard let c = text.unicodeScalars.first else { return }
            let instead = row[3]
            if text.unicodeScalars.count > 1 {
                sequences.append((text, row[1] == "s2t", instead == "=" || instead.isEmpty ? text : instead))
                return
            }
            exceptions.append(TSException(
                char: c, toTraditional: row[1] == "s2t", scope: row[2],
                instead: instead == "=" || instead.isEmpty ? nil : instead.unicodeScalars.first))
        }
        tsExceptions = exceptions
        tsSequenceExceptions = sequences.sorted { $0.0.unicodeScalars.count > $1.0.unicodeScalars.count }

        hanviet = ScalarTable(CompiledRules.hanviet, rules) {
            var hv: [Unicode.Scalar: [String]] = [:]
            for row in rules.rows("vi/hanviet.tsv") where row.columns.count >= 2 {
                guard let s = scalar(row.columns[0]) else { continue }
                hv[s] = row.columns[1].parts(0x2C).map { String($0).trimmingSpaces }
            }
            return hv
        }
        hanvietOverrides = ScalarTable(CompiledRules.hanvietOverrides, rules) {
            var hvo: [Unicode.Scalar: String] = [:]
            for row in rules.rows("vi/hanviet-overrides.tsv") where row.columns.count >= 2 {
                if let s = scalar(row.columns[0]) { hvo[s] = col(row.columns, 1) }
            }
            return hvo
        }

        var viSurnames: [String: VietnameseSurname] = [:]
        var exact = Set<String>()
        rules.forEachRow("vi/surnames.tsv") { row in
            let text = row[0]
            guard !text.isEmpty else { return }
            let rank = Int(row[4]) ?? 10_000
            let words = text.parts(0x20).count
            let key = text.parts(0x20).map { Self.foldWord(String($0), latin) }.joined(separator: " ")
            exact.insert(text.latinLowered)
            for v in row[3].parts(0x2C) where !v.isEmpty { exact.insert(String(v).trimmingSpaces.latinLowered) }
            if let existing = viSurnames[key], existing.rank <= rank { return }
            viSurnames[key] = VietnameseSurname(text: text, words: words, rank: rank)
        }
        self.viSurnames = viSurnames
        // (Keys are folded ASCII: a space is its byte.)
        let compounds = viSurnames.keys.filter { $0.utf8.contains(0x20) }.map { $0.parts(0x20) }
        viCompoundFirstWords = Set(compounds.compactMap(\.first))
        viCompoundLastWords = Set(compounds.compactMap(\.last))
        viSurnamesExact = exact
        var middles: [String: Bool] = [:]
        var middlesExact = Set<String>(), markersExact = Set<String>()
        rules.forEachRow("vi/middle-names.tsv") { row in
            let text = row[0]
            let marker = row[2] == "marker"
            middlesExact.insert(text.latinLowered)
            if marker { markersExact.insert(text.latinLowered) }
            guard !text.isEmpty else { return }
            middles[Self.foldWord(text, latin)] = marker
        }
        viMiddles = middles
        viMiddlesExact = middlesExact
        viMarkersExact = markersExact
        var givens = Set<String>(minimumCapacity: rules.rowBound("vi/given-names.tsv"))
        rules.forEachRow("vi/given-names.tsv") { row in
            let text = row[0]
            if !text.isEmpty { givens.insert(Self.foldWord(text, latin)) }
        }
        viGivens = givens
        var onsets = Set<String>(), rhymes = Set<String>()
        rules.forEachRow("vi/syllable-parts.tsv") { row in
            guard row.count >= 2 else { return }
            let part = row[1]
            let value = part == "-" || part == "∅" ? "" : part.latinLowered
            if row[0] == "onset" { onsets.insert(value) } else if row[0] == "rhyme" { rhymes.insert(value) }
        }
        viOnsetsFolded = Set(onsets.map { Self.foldWord($0, latin) })
        viRhymesFolded = Set(rhymes.map { Self.foldWord($0, latin) })

        var palladius: [String: [String]] = [:]
        palladius.reserveCapacity(rules.rowBound("zh/palladius.tsv"))
        rules.forEachRow("zh/palladius.tsv") { row in
            guard row.count >= 2 else { return }
            palladius[row[0].latinLowered, default: []].append(row[1])
        }
        self.palladius = palladius
        var hangulChinese: [String: [String]] = [:]
        hangulChinese.reserveCapacity(rules.rowBound("zh/hangul-chinese.tsv"))
        rules.forEachRow("zh/hangul-chinese.tsv") { row in
            guard row.count >= 2 else { return }
            hangulChinese[row[0], default: []].append(row[1])
        }
        self.hangulChinese = hangulChinese
        var koHangul: [String: Int] = [:]
        var koLatin: [String: String] = [:]
        rules.forEachRow("ko/surnames.tsv") { row in
            guard row.count >= 3 else { return }
            let hangul = row[0]
            let rank = Int(row[3]) ?? 10_000
            koHangul[hangul] = min(koHangul[hangul] ?? Int.max, rank)
            for r in row[2].parts(0x2C) {
                let key = Self.foldWord(String(r).trimmingSpaces, latin)
                if !key.isEmpty, koLatin[key] == nil { koLatin[key] = hangul }
            }
        }
        koSurnamesHangul = koHangul
        koSurnamesLatin = koLatin
        var sino = Set<String>(minimumCapacity: rules.rowBound("ko/sino-korean-syllables.txt"))
        rules.forEachRow("ko/sino-korean-syllables.txt") { row in sino.insert(row[0]) }
        sinoKoreanSyllables = sino

        var icu: [String: String] = [:]
        for path in rules.paths where path.hasPrefix("icu/") && path.hasSuffix(".txt") {
            let name = String(path.dropFirst(4).dropLast(4))
            icu[name] = rules.texts(path).joined(separator: "\n")
        }
        icuRules = icu
    }

    /// Lowercase ASCII letters and digits of a Latin word: diacritics removed by the folding
    /// table (đ → d, ß → ss), everything else dropped. Tables and names fold the same way, so
    /// a table entry and a word of a name meet however either was cased or punctuated.
    static func foldWord(_ word: some StringProtocol, _ fold: [Character: String]) -> String {
        foldWord(word) { LatinFold.letters(of: fold[Character($0)]) }
    }

    /// The loop of both `foldWord`s: ASCII letters lowercased and digits kept here, every other
    /// scalar replaced by what `folded` gives (nothing when nil).
    /// (The hot path goes through the `LatinFold` overload, which writes packed bytes; this loop
    /// serves a plain table and the scalars that one leaves to it.)
    @inline(__always)
    static func foldWord(_ word: some StringProtocol, folding folded: (Unicode.Scalar) -> String?) -> String {
        var out = ""
        out.reserveCapacity(word.utf8.count)
        for scalar in word.unicodeScalars {
            let v = scalar.value
            if v < 0x80 {
                if v >= 0x41 && v <= 0x5A { out.unicodeScalars.append(Unicode.Scalar(v + 0x20)!) }
                else if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) { out.unicodeScalars.append(scalar) }
                continue
            }
            if let f = folded(scalar) { out += f }
        }
        return out
    }
}

/// The folding table of ``Tables/foldWord(_:_:)`` for one table, with its answers for Latin-1
/// Supplement to Latin Extended-B and Latin Extended Additional worked out once: what the
/// table gives for the scalar as a `Character`, its letters and digits only, lowercased.
struct LatinFold: Sendable {
    private static let ranges: [ClosedRange<UInt32>] = [0x80...0x24F, 0x1E00...0x1EFF]
    private let low: [String?]
    private let additional: [String?]
    /// `low` then `additional` as bytes: up to seven bytes of the folded letters from the second
    /// byte up, their count in the lowest byte (0xFF: longer, ask `callAsFunction`).
    private let packedEntries: [UInt64]
    let table: [Character: String]

    init(_ table: [Character: String]) {
        self.table = table
        func entry(_ v: UInt32) -> String? { Unicode.Scalar(v).flatMap { Self.letters(of: table[Character($0)]) } }
        low = Self.ranges[0].map(entry)
        additional = Self.ranges[1].map(entry)
        packedEntries = (low + additional).map { entry in
            let bytes = Array((entry ?? "").utf8)
            guard bytes.count <= 7 else { return 0xFF }
            return bytes.reversed().reduce(0) { $0 &<< 8 | UInt64($1) } &<< 8 | UInt64(bytes.count)
        }
    }

    /// The folded letters of a scalar past ASCII packed as `packedEntries` holds them, or nil
    /// outside the worked-out ranges.
    @inline(__always)
    func packed(_ v: UInt32) -> UInt64? {
        if v <= 0x24F { return packedEntries[Int(v &- 0x80)] }
        if v >= 0x1E00 && v <= 0x1EFF { return packedEntries[Int(v &- 0x1E00) &+ 0x1D0] }
        return nil
    }

    /// The folded letters for a scalar past ASCII, nil when the table drops it.
    @inline(__always)
    func callAsFunction(_ scalar: Unicode.Scalar) -> String? {
        let v = scalar.value
        if v <= 0x24F { return low[Int(v - 0x80)] }
        if v >= 0x1E00 && v <= 0x1EFF { return additional[Int(v - 0x1E00)] }
        return Self.letters(of: table[Character(scalar)])
    }

    /// What a folding-table entry contributes to a folded word: its letters and digits, ASCII
    /// capitals lowercased; nil for no entry.
    static func letters(of entry: String?) -> String? {
        guard let entry else { return nil }
        // ASCII: letters and digits are exactly what the properties below keep.
        if entry.utf8.allSatisfy({ $0 < 0x80 }) {
            var bytes: [UInt8] = []
            for b in entry.utf8 {
                if b >= 0x41 && b <= 0x5A { bytes.append(b &+ 0x20) }
                else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { bytes.append(b) }
            }
            return String(decoding: bytes, as: UTF8.self)
        }
        var out = String.UnicodeScalarView()
        for c in entry.unicodeScalars where c.properties.isAlphabetic || c.properties.numericType != nil {
            out.append(c.value >= 0x41 && c.value <= 0x5A ? Unicode.Scalar(c.value + 0x20)! : c)
        }
        return String(out)
    }
}

extension Tables {
    /// ``foldWord(_:_:)`` through a ``LatinFold``: the same answer, without hashing a
    /// `Character` for every letter with a diacritic.
    static func foldWord(_ word: some StringProtocol, _ fold: LatinFold) -> String {
        let capacity = word.utf8.count &* 2 &+ 8
        let fast: String? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer -> String? in
            var n = 0
            for scalar in word.unicodeScalars {
                guard n &+ 7 <= capacity else { return nil }
                let v = scalar.value
                if v < 0x80 {
                    if v >= 0x41 && v <= 0x5A { buffer[n] = UInt8(v &+ 0x20); n &+= 1 }
                    else if (v >= 0x61 && v <= 0x7A) || (v >= 0x30 && v <= 0x39) { buffer[n] = UInt8(v); n &+= 1 }
                    continue
                }
                guard let p = fold.packed(v), p & 0xFF != 0xFF else { return nil }
                var count = Int(p & 0xFF), bytes = p &>> 8
                while count > 0 {
                    buffer[n] = UInt8(truncatingIfNeeded: bytes)
                    bytes = bytes &>> 8
                    n &+= 1
                    count &-= 1
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<n]), as: UTF8.self)
        }
        return fast ?? foldWord(word) { fold($0) }
    }
}

extension StringProtocol {
    /// Without spaces, tabs and carriage returns at either end (as characters: a space that a
    /// combining mark joins stays). Read off the bytes; text where a trimmed byte would have
    /// been part of a larger character takes the character route.
    var trimmingSpaces: String {
        let whole = Substring(self)
        let u = whole.utf8
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
        var lo = u.startIndex, hi = u.endIndex
        while lo < hi, blank(u[lo]) { lo = u.index(after: lo) }
        while hi > lo, blank(u[u.index(before: hi)]) { hi = u.index(before: hi) }
        let joinsAtStart = lo != u.startIndex && lo < hi && (u[lo] >= 0x80 || u[lo] == 0x0A)
        let joinsAtEnd = hi != u.endIndex && hi > lo && u[u.index(before: hi)] >= 0x80
        if !joinsAtStart && !joinsAtEnd { return String(whole[lo..<hi]) }
        var s = whole
        while let f = s.first, f == " " || f == "\t" || f == "\r" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" || l == "\r" { s.removeLast() }
        return String(s)
    }
}

extension String {
    /// Replaces single characters without Foundation: `"Jin-ping".replacingCharacter("-", with: "")`.
    /// Returns self untouched (no copy) when `from` does not occur.
    @inline(__always)
    func replacingCharacter(_ from: Character, with to: String) -> String {
        // Cheap refusals before reading Characters: an ASCII character is its one byte (nothing
        // else is canonically equal to it), and a character past ASCII never matches text all
        // in ASCII (its equivalents hold a scalar past ASCII too: ü, u + U+0308). ("\r\n" is
        // neither: two bytes, both ASCII.)
        // (The character's one byte, not `asciiValue`, which costs hundreds of instructions.)
        if from.utf8.count == 1, let ascii = from.utf8.first, ascii < 0x80 {
            guard utf8.contains(ascii) else { return self }
        } else if from.utf8.contains(where: { $0 >= 0x80 }), !utf8.contains(where: { $0 >= 0x80 }) {
            return self
        }
        guard contains(from) else { return self }
        var out = ""
        out.reserveCapacity(utf8.count)
        for c in self { if c == from { out += to } else { out.append(c) } }
        return out
    }

    /// Đ lookalikes (Ð U+00D0, Ɖ U+0189, ð, ɖ) written as the Vietnamese letter.
    var repairingDLookalikes: String {
        // Ð C3 90, ð C3 B0, Ɖ C6 89, ɖ C9 96 in UTF-8: one byte scan before any Character work.
        var lead: UInt8 = 0
        var found = false
        for b in utf8 {
            if (lead == 0xC3 && (b == 0x90 || b == 0xB0)) || (lead == 0xC6 && b == 0x89) || (lead == 0xC9 && b == 0x96) {
                found = true
                break
            }
            lead = b
        }
        guard found else { return self }
        return String(map { c -> Character in
            switch c { case "Ð", "Ɖ": return "Đ"; case "ð", "ɖ": return "đ"; default: return c }
        })
    }
}
