import Foundation

/// The NameCanon engine: normalization and transliteration of person names over the rule
/// tables, with system ICU as the fallback for scripts the tables do not cover.
///
/// ```swift
/// let canon = NameCanon.shared
/// let name = try canon.normalize("NGUYEN Phu Trong")
/// print(name.key)        // "nguyen phu trong"
/// print(try canon.transliterate("習近平", to: .pinyin))  // "Xi Jinping"
/// ```
public final class NameCanon: Sendable {
    /// An engine over the embedded rules with the default tone style.
    public static let shared: NameCanon = {
        do { return try NameCanon() } catch { fatalError("embedded rules do not load: \(error)") }
    }()

    let tables: Tables
    /// Words around a name that are not the name (Descriptors.swift).
    let descriptors: DescriptorTables
    /// When "Nguyễn Phúc" is the royal surname (RoyalNames.swift).
    let royalNames: VietnameseRoyalNames
    /// VNI and TCVN3 text read as Windows-1252 (LegacyVietnamese.swift).
    let legacyVietnamese: LegacyVietnamese
    /// The rule files this engine was built from.
    public let rules: RuleFiles
    /// Where Vietnamese tone marks go in `display` (keys never depend on it).
    public let toneStyle: ToneStyle
    let icu: ICUTransliterators
    /// Recent results by (input, hint); see `BoundedCache`. Every cache is keyed by exact bytes
    /// (`ExactText`): cheaper to hash than `String`, and canonically equivalent spellings are
    /// answered for themselves.
    let nameCache: BoundedCache<NameCacheKey, NormalizedName>
    /// Analysis of single Latin words ("Nguyen", "Jinping"), which repeat far more than names,
    /// by their bytes (WordTable.swift).
    let latinWords: WordTable<LatinWord>
    /// Whether a word or words (the text as written) spell a Vietnamese surname: asked for every
    /// Vietnamese name, of a few hundred surnames.
    let surnameSpellingCache: BoundedCache<ExactText, Bool>
    /// Whether a word is a Vietnamese syllable (`isVietnameseWord`), by its exact spelling.
    let vietnameseSyllableCache: BoundedCache<ExactText, Bool>
    let hanvietSyllableCache: BoundedCache<ExactText, String>
    /// `hanCharacter`'s answers, by the character's scalar value.
    let hanCharacters: WordTable<HanCharacter>
    /// `pinyinForms`' answers, by the numeric-tone reading ("jin4").
    let pinyinReadings: WordTable<PinyinForms>
    /// ICU's readings of Han characters outside the tables (HanFallback.swift).
    let hanFallbackCache: BoundedCache<ExactText, String>
    /// Hán-Việt readings of the Chinese single-character surnames ("tưởng", "tập"), lowercase.
    let sinoVietnameseSurnames: Set<String>
    /// Toneless Hán-Việt syllable → pinyin syllables, built on first use.
    let hanvietReverse = OnceBox<[String: [String]]>()
    /// The Japanese tables, read on the first Japanese name (they are large and most runs need none).
    let japaneseTables = OnceBox<JapaneseTables>()
    /// Cantonese, Sino-Korean and Wade-Giles tables for the loose romanization keys, built on first use.
    let romanizationTables = OnceBox<RomanizationTables>()
    /// Toneless pinyin syllable → the Hán-Việt name syllables of the characters (and, under
    /// "surname:", of the surnames) read so, built on first use.
    let pinyinHanViet = OnceBox<[String: [String]]>()
    /// The tables of `compare` (transcription characters, given-name variants), loaded on first use.
    let compareTablesBox = OnceBox<CompareTables>()
    /// What `compare` works out of each name, by the name's key or display (`ComparisonMemo`).
    let comparisonMemo: ComparisonMemo

    struct NameCacheKey: Hashable {
        let name: ExactText
        let hint: NameLanguage?
    }

    /// Loads the rules; `rules` may be the embedded set laid over with a directory.
    ///
    /// - Parameters:
    ///   - rules: the rule tables; `.embedded`, the copy built into the binary, unless given.
    ///   - toneStyle: where Vietnamese tone marks go in display forms (keys never depend on it).
    ///   - cacheSize: how many recent names to remember (words get twice as many);
    ///     memory stays bounded at roughly 1 KB per remembered name. 0 turns the caches off.
    /// - Throws: `NameCanonError` `.badRules` for a malformed rule file, or ICU rules in the
    ///   overlay that ICU cannot compile.
    public init(rules: RuleFiles = .embedded, toneStyle: ToneStyle = .new, cacheSize: Int = 10_000) throws {
        nameCache = BoundedCache(limit: cacheSize)
        latinWords = WordTable(limit: cacheSize * 2)
        surnameSpellingCache = BoundedCache(limit: cacheSize)
        vietnameseSyllableCache = BoundedCache(limit: cacheSize * 2)
        hanvietSyllableCache = BoundedCache(limit: max(cacheSize, 1) * 2)
        hanCharacters = WordTable(limit: cacheSize * 2)
        pinyinReadings = WordTable(limit: cacheSize * 2)
        hanFallbackCache = BoundedCache(limit: max(cacheSize, 1))
        comparisonMemo = ComparisonMemo(limit: cacheSize)
        self.tables = try Tables(rules)
        self.descriptors = DescriptorTables(rules, tables)
        self.royalNames = VietnameseRoyalNames(rules, fold: tables.asciiFold)
        self.legacyVietnamese = LegacyVietnamese(rules)
        self.rules = rules
        self.toneStyle = toneStyle
        self.icu = ICUTransliterators(rules: tables.icuRules)
        var readings = Set<String>()
        for (han, surname) in tables.zhSurnames where surname.pinyin.count == 1 && surname.rank <= 400 {
            guard let c = han.unicodeScalars.first, let r = Self.hanvietReading(c, tables) else { continue }
            let lowered = r.latinLowered
            readings.insert(VietnameseSyllable.newStyle(lowered))
        }
        sinoVietnameseSurnames = readings
        try compileOverlaidICURules()
    }

    /// Normalizes one person name.
    ///
    /// - Parameters:
    ///   - name: the name as found, in any script, case, order or diacritic state.
    ///   - hint: the caller's knowledge of the language; it wins over the guess.
    /// - Throws: `NameCanonError` with code `.emptyName` when nothing is left after cleaning.
    ///
    /// ```swift
    /// try NameCanon.shared.normalize("習近平").latin   // "Xi Jinping"
    /// ```
    public func normalize(_ name: String, hint: NameLanguage? = nil) throws -> NormalizedName {
        try nameCache.value(for: NameCacheKey(name: ExactText(name), hint: hint)) { try normalizeUncached(name, hint: hint) }
    }

    /// `normalize`, remembering the answer among the engine's recent names only when
    /// `remember` is true: for callers that remember their finished output for the same input
    /// themselves (`normalize`'s rows, `serve`'s answers), for which the engine's memory would
    /// only repeat theirs at the cost of keeping every new name twice.
    ///
    /// - Parameters:
    ///   - name: the name as found.
    ///   - hint: the caller's knowledge of the language.
    ///   - remember: whether to look the name up among, and add it to, the recent names.
    /// - Throws: as `normalize(_:hint:)`.
    public func normalize(_ name: String, hint: NameLanguage? = nil, remember: Bool) throws -> NormalizedName {
        remember ? try normalize(name, hint: hint) : try normalizeUncached(name, hint: hint)
    }

    func normalizeUncached(_ name: String, hint: NameLanguage?) throws -> NormalizedName {
        if hint == nil, let simple = normalizeSimpleLatin(name) { return simple }
        return try normalizeWhole(name, hint: hint)
    }

    /// `normalizeUncached` without the short way for simple Latin names (SimpleLatin.swift):
    /// every step, whatever the input.
    func normalizeWhole(_ name: String, hint: NameLanguage?) throws -> NormalizedName {
        var repairs: [String] = []
        var text = name
        if let fixed = Mojibake.repair(text) {
            text = fixed
            repairs.append("mojibake")
        }
        if let decoded = legacyVietnamese.decode(text, isSyllable: isVietnameseWord) {
            text = decoded.text
            repairs.append("legacy-vietnamese")
        }
        let (cleaned, report) = TextCleaner.clean(text)
        try TextCleaner.checkMarks(report)
        guard cleaned.unicodeScalars.count <= Self.maxNameLength else {
            throw NameCanonError(.badInput, "the name is longer than \(Self.maxNameLength) characters (\(cleaned.unicodeScalars.count))")
        }
        if report.removedInvisible { repairs.append("invisible-characters") }
        if report.foldedWidth { repairs.append("fullwidth") }
        if Confusables.check(cleaned) != nil { repairs.append(Confusables.repair) }
        var title = ""
        var titleLanguage: NameLanguage? = nil
        let (unglossed, glosses) = Glosses.split(cleaned)
        let bare = stripAsides(unglossed, repairs: &repairs)
        let (named, generation) = detachGeneration(bare)
        let core = stripDescriptors(named, title: &title, language: &titleLanguage, repairs: &repairs)
        guard core.contains(where: { $0.isLetter }) else {
            throw NameCanonError(.emptyName, cleaned.isEmpty ? "the name is empty" : "the name has no letters: \(cleaned)")
        }
        let script = Script.of(core)
        let language = hint ?? titleLanguage
        var analysis: Analysis
        switch script {
        case .han where language == .ja || (language == nil && looksJapanese(core)):
            analysis = analyzeJapaneseHan(core, hinted: language == .ja) ?? analyzeHan(core, hint: language)
        case .japanese where analyzeJapaneseKana(core) != nil:
            analysis = analyzeJapaneseKana(core)!
        case .han:
            analysis = analyzeHan(core, hint: language)
        case .latin where language == .ja:
            analysis = analyzeJapaneseLatin(analyzeLatin(core, hint: language, repairs: &repairs))
        case .latin:
            analysis = analyzeLatin(core, hint: language, repairs: &repairs)
            if language == nil, analysis.language != .vi, let ja = unhintedJapaneseKey(analysis) { analysis.extraKeys.append(ja) }
        case .cyrillic where language == nil || language == .zh:
            analysis = try analyzePalladius(core) ?? analyzeOther(core, script: script, hint: language)
        case .hangul where language == nil || language == .zh:
            analysis = try analyzeHangulChinese(core, hinted: language == .zh) ?? analyzeHangulVietnamese(core)
                ?? analyzeOther(core, script: script, hint: language)
        default:
            analysis = try analyzeOther(core, script: script, hint: language)
        }
        if let hint, analysis.language != hint, script != .han { analysis.language = hint }
        if let generation { attachGeneration(generation, to: &analysis) }
        if script == .hangul, !title.isEmpty { addChineseSurnameReadings(core, to: &analysis) }
        return assemble(name: name, core: core, script: script, analysis: analysis, title: title, generation: generation,
                        repairs: repairs, glosses: glosses)
    }

    /// The keys of an analysis, and the name made of it: the last step of `normalize`.
    func assemble(name: String, core: String, script: Script, analysis: Analysis, title: String, generation: Generation?,
                  repairs: [String], glosses: [String]) -> NormalizedName {
        var keys = [NameKey(.ascii, analysis.key)]
        for k in analysis.extraKeys where !keys.contains(k) { keys.append(k) }
        for k in romanizationKeys(analysis, script: script) where !keys.contains(k) { keys.append(k) }
        if let k = japaneseReadingKey(analysis, script: script), !keys.contains(k) { keys.append(k) }
        return NormalizedName(
            input: name, display: analysis.display, latin: analysis.latin, key: analysis.key, keys: keys,
            surname: analysis.surname, middle: analysis.middle, given: analysis.given, title: title,
            reference: analysis.reference, script: script, language: analysis.language, order: analysis.order,
            orderConfidence: analysis.confidence, hanVariant: analysis.hanVariant, romanization: analysis.romanization,
            alternates: analysis.alternates, repairs: repairs + analysis.repairs,
            span: generation.map { core + " " + $0.display } ?? core, glosses: glosses)
    }

    /// The longest name `normalize` accepts, in Unicode scalars after cleaning: far beyond any
    /// person's name (with titles), and a bound on the work one bad input can cause.
    public static let maxNameLength = 512

    /// The most combining marks one character of a name may carry (`too_many_marks` beyond).
    public static var maxMarksPerCharacter: Int { TextCleaner.maxMarksPerCharacter }

    /// What an analyzer found; assembled into a `NormalizedName` by `normalize`.
    struct Analysis {
        var language: NameLanguage
        var display: String
        var latin: String
        var key: String
        var extraKeys: [NameKey] = []
        var surname = ""
        var middle = ""
        var given = ""
        var reference = ""
        var order = NameOrder.unknown
        var confidence = 0.0
        var hanVariant: HanVariant? = nil
        var romanization: Romanization? = nil
        var alternates: [String] = []
        var repairs: [String] = []
    }

    // MARK: - Asides

    /// What running text wraps around a name: a possessive ("Xi's"), a parenthetical gloss
    /// ("Xi Jinping (习近平)"), a quoted nickname (Dwayne "The Rock" Johnson). The name is what
    /// is left; a gloss alone (nothing outside the parentheses) is kept.
    func stripAsides(_ text: String, repairs: inout [String]) -> String {
        // Most names have none of ( " ': check the bytes once before any String work.
        var hasParen = false, hasQuote = false, hasApostrophe = false
        for b in text.utf8 {
            if b == 0x28 { hasParen = true } else if b == 0x22 { hasQuote = true } else if b == 0x27 { hasApostrophe = true }
        }
        if !hasParen && !hasQuote && !hasApostrophe { return text }
        var out = text
        if hasParen, let open = out.firstIndex(of: "("), let close = out[open...].firstIndex(of: ")") {
            let outside = (String(out[..<open]) + " " + String(out[out.index(after: close)...])).trimmingSpaces
            if outside.contains(where: { $0.isLetter }) {
                out = outside.parts(0x20).joined(separator: " ")
                repairs.append("parenthetical")
            } else {
                out = String(out[out.index(after: open)..<close]).trimmingSpaces
            }
        }
        if hasQuote {
            let parts = out.split(separator: "\"", omittingEmptySubsequences: false)
            if parts.count >= 3 {
                // Even pieces are outside quotes, odd ones inside.
                let outside = parts.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).joined(separator: " ")
                if outside.contains(where: { $0.isLetter }) {
                    out = outside.parts(0x20).joined(separator: " ")
                    repairs.append("nickname")
                }
            } else {
                out = out.replacingCharacter("\"", with: "")
            }
        }
        // Possessive: "Xi's", "Nguyen Phu Trong's" (not O'Brien, not Wan'er).
        if hasApostrophe, out.hasSuffix("'s") || out.hasSuffix("'S"), out.count > 3 {
            let stem = out.dropLast(2)
            if let last = stem.last, last.isLetter {
                out = String(stem)
                repairs.append("possessive")
            }
        }
        return out
    }

    // MARK: - Titles

    /// Strips titles before (and for Han, after) the name. Returns the rest.
    func stripTitles(_ text: String, title: inout String, language: inout NameLanguage?, split: SplitWords? = nil) -> String {
        var rest = text
        var found: [String] = []
        // Han titles touch the name without a space: 习近平主席, 国家主席习近平.
        if let first = rest.unicodeScalars.first, let last = rest.unicodeScalars.last,
           tables.hanTitleEnds.contains(first) || tables.hanTitleEnds.contains(last) {
            var changed = true
            while changed {
                changed = false
                // (The text is NFC, as the titles are: a title whose first or last scalar is
                // not the text's cannot be its prefix or suffix, and Characters need not be
                // compared to know it.)
                guard let firstScalar = rest.unicodeScalars.first, let lastScalar = rest.unicodeScalars.last else { break }
                for (t, ends) in zip(tables.hanTitles, tables.hanTitleScalars) {
                    if !t.prefix, ends.last == lastScalar, rest.hasSuffix(t.text), rest.count > t.text.count {
                        rest = String(rest.dropLast(t.text.count)).trimmingSpaces
                        found.insert(t.text, at: 0); language = language ?? t.language; changed = true; break
                    }
                    if t.prefix, ends.first == firstScalar, rest.hasPrefix(t.text), rest.count > t.text.count + 1 {
                        rest = String(rest.dropFirst(t.text.count)).trimmingSpaces
                        found.append(t.text); language = language ?? t.language; changed = true; break
                    }
                }
            }
        }
        // One word (no space: a Han name, a single Latin word): no Latin title can be taken
        // off, as the loops below need two words or more, and the text is its one word.
        if !rest.utf8.contains(0x20) {
            title = found.joined(separator: " ")
            return rest
        }
        // The words and folds the descriptor step found, when it left the text as it was.
        let known = split?.words(of: rest)
        var words = known?.words ?? rest.parts(0x20)
        var prefixTitles: [String] = []
        var suffixTitles: [String] = []
        var changed = true
        var stripped = 0
        // The first word folded, while `words` is as split (it is looked up again below).
        var firstFolded: String? = nil
        while changed && words.count > 1 && stripped < 6 {
            stripped += 1
            changed = false
            let firstWord = stripped == 1 ? known?.folded.first ?? foldTitleWord(words[0]) : foldTitleWord(words[0])
            let lastWord = stripped == 1 ? known?.folded.last ?? foldTitleWord(words[words.count - 1]) : foldTitleWord(words[words.count - 1])
            if stripped == 1 { firstFolded = firstWord }
            let candidates = (tables.prefixTitlesByWord[firstWord] ?? []) + (tables.suffixTitlesByWord[lastWord] ?? [])
            if candidates.isEmpty { break }
            firstFolded = nil
            let folded = words.map { foldTitleWord($0) }
            for t in candidates where t.words.count < words.count {
                if t.needsExactMatch {
                    let word = t.prefix ? words[0] : words[words.count - 1]
                    var w = word.latinLowered
                    while let l = w.last, l == "." || l == "," || l == ":" { w.removeLast() }
                    if w != t.exactWords[0] { continue }
                }
                if t.prefix, Array(folded.prefix(t.words.count)) == t.words {
                    prefixTitles.append(words.prefix(t.words.count).joined(separator: " "))
                    words.removeFirst(t.words.count)
                    language = language ?? t.language
                    changed = true
                    break
                }
                if !t.prefix, Array(folded.suffix(t.words.count)) == t.words {
                    suffixTitles.insert(words.suffix(t.words.count).joined(separator: " "), at: 0)
                    words.removeLast(t.words.count)
                    if let last = words.last, last.hasSuffix(",") { words[words.count - 1] = String(last.dropLast()) }
                    changed = true
                    break
                }
            }
        }
        // Free-form descriptions before a name ("Vietnamese Communist Party chief Nguyen Phu
        // Trong", "Chinese state media commentator ..."): leading words from the title
        // vocabulary, as long as one of them is a head noun (chief, leader, minister ...).
        var k = 0
        var sawHead = false
        while k < words.count - 1 {
            // (`known`'s folds hold while no title was taken off.)
            let untouched = prefixTitles.isEmpty && suffixTitles.isEmpty
            let folded = k == 0 ? firstFolded ?? fold(words[0]) : untouched && known != nil ? known!.folded[k] : fold(words[k])
            guard tables.titleVocabulary.contains(folded) else { break }
            if tables.titleHeads.contains(folded) { sawHead = true }
            k += 1
        }
        if k > 0 && sawHead {
            prefixTitles.append(words.prefix(k).joined(separator: " "))
            words.removeFirst(k)
        }
        found = prefixTitles + found + suffixTitles
        title = found.joined(separator: " ")
        // Nothing stripped from text already spaced as the words would be joined: the text itself.
        if found.isEmpty, rest.isSingleSpaced { return rest }
        return words.joined(separator: " ")
    }

    private func foldTitleWord(_ word: String) -> String { fold(word) }

    // MARK: - Latin helpers

    /// Lowercase ASCII of a Latin word: diacritics removed by the table, đ → d, other
    /// characters kept only if ASCII letters or digits.
    func fold(_ word: some StringProtocol) -> String { Tables.foldWord(word, tables.latinFold) }

    /// "xi" → "Xi", "NGUYỄN" → "Nguyễn", "o'brien" → "O'Brien", "jin-ping" → "Jin-ping".
    func capitalizeWord(_ word: String, afterHyphen: Bool = false) -> String {
        var out = ""
        var start = true
        for c in word.latinLowered {
            if start && c.isLetter {
                // Title case, not upper case: ß → Ss and ǆ → ǅ, so a name keeps its letters and
                // reads the same when normalized again (upper case made ß into SS, a new word).
                let scalars = c.unicodeScalars
                out += scalars.first!.properties.titlecaseMapping
                out.unicodeScalars.append(contentsOf: scalars.dropFirst())
                start = false
            } else {
                out.append(c)
            }
            if c == "'" && out.count == 2 { start = true }  // O'Brien, D'Arcy
            if c == "-" && afterHyphen { start = true }
        }
        return out
    }

    /// Capitalization for names NameCanon does not parse: words written all in one case are
    /// capitalized, mixed-case words (McDonald, DeSantis) are kept.
    func tidyCase(_ word: String) -> String {
        let letters = word.filter { $0.isLetter }
        if letters.isEmpty { return word }
        let upper = letters.allSatisfy { $0.isUppercase }
        let lower = letters.allSatisfy { $0.isLowercase }
        if (upper && letters.count > 1) || lower { return capitalizeWord(word, afterHyphen: true) }
        return word
    }

    /// True when a word is written all in capitals (and has more than one letter).
    func isAllCaps(_ word: String) -> Bool {
        let letters = word.filter { $0.isLetter }
        return letters.count > 1 && letters.allSatisfy { $0.isUppercase }
    }
}
