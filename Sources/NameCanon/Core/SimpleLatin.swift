/// The short way through `normalize` for the commonest input: a name of Latin letters alone,
/// composed, one space between words ("Nguyễn Phú Trọng", "Xi Jinping", "Angela Merkel").
///
/// For such text each step before the analyzer provably changes nothing: cleaning (no space,
/// invisible, quote, dash or width to fold, nothing to compose), confusables (one script),
/// asides (no parenthesis, quote or apostrophe), "also known as" glosses, and, when no
/// descriptor or title row matches where those steps look and no word reads as a generation
/// suffix, descriptors and titles too. Those facts are properties of single words, remembered
/// with each word (`LatinWord.simple`), so the short way asks a few flags per word instead of
/// splitting, folding and looking up every word again at each step. Whatever the short way
/// cannot vouch for goes the whole way (`normalizeWhole`). `SimpleLatinTests` holds the two
/// ways to the same answers, field by field.
extension NameCanon {
    /// What the steps before the analyzer would ask of one word, worked out once.
    final class SimpleFacts {
        /// The descriptor rows a chain of descriptors can start with at this word, as the first
        /// word of a name (`latinChain`: a Vietnamese country, body or link needs a post before it).
        let chainStarts: [DescriptorTables.Entry]
        /// The rows that make this word a post in the middle of a mention ("NPC Chairman Zhao
        /// Leji"): roles and jobs, English or of more than one word.
        let middlePosts: [DescriptorTables.Entry]
        /// The word lowercased, and with its tone mark placed the new way, as `latinMatch` compares.
        let lower: String
        let lowerNewStyle: String
        /// `hasLatinMarks(lower)`: lowercasing can take a letter out of the blocks that test reads.
        let lowerHasMarks: Bool
        /// The prefix (suffix) title rows that may match with this word first (last): longer
        /// rows, and one-word rows unless they need the exact spelling and the word has another
        /// (Ông the title is not Ong the surname).
        let prefixTitles: [Tables.Title]
        let suffixTitles: [Tables.Title]
        /// In the vocabulary of free-form descriptions ("party chief"), and whether a head noun.
        let inTitleVocabulary: Bool
        let titleHead: Bool
        /// As a last word, it may be a generation suffix (Jr, III).
        let mayBeGeneration: Bool

        init(chainStarts: [DescriptorTables.Entry], middlePosts: [DescriptorTables.Entry], lower: String,
             lowerNewStyle: String, lowerHasMarks: Bool, prefixTitles: [Tables.Title], suffixTitles: [Tables.Title],
             inTitleVocabulary: Bool, titleHead: Bool, mayBeGeneration: Bool) {
            self.chainStarts = chainStarts
            self.middlePosts = middlePosts
            self.lower = lower
            self.lowerNewStyle = lowerNewStyle
            self.lowerHasMarks = lowerHasMarks
            self.prefixTitles = prefixTitles
            self.suffixTitles = suffixTitles
            self.inTitleVocabulary = inTitleVocabulary
            self.titleHead = titleHead
            self.mayBeGeneration = mayBeGeneration
        }
    }

    /// True for the scalars of a simple word: ASCII letters, and precomposed letters of
    /// Latin-1 to Latin Extended-B and Latin Extended Additional, except the lookalikes of Đ
    /// (Ð ð Ɖ, which the analyzer repairs) and ŉ (which cleaning rewrites). None of them is a
    /// mark, a space, a quote, a dash, or needs composing.
    @inline(__always)
    static func isSimpleLatinScalar(_ v: UInt32) -> Bool {
        if v < 0x80 { return (v | 0x20) >= 0x61 && (v | 0x20) <= 0x7A }
        if v >= 0x1E00 { return v <= 0x1EFF }
        return v >= 0xC0 && v <= 0x24F && v != 0xD7 && v != 0xF7 && v != 0xD0 && v != 0xF0 && v != 0x149 && v != 0x189
    }

    /// The facts of `word` for the short way, or nil when it holds a scalar the short way
    /// does not take.
    func simpleFacts(_ word: String, folded: String) -> SimpleFacts? {
        guard !word.isEmpty, word.unicodeScalars.allSatisfy({ Self.isSimpleLatinScalar($0.value) }) else { return nil }
        let entries = descriptors.latin[folded] ?? []
        // (A simple word has no trailing period, comma or colon for `stripTitles` to drop.)
        let lower = word.latinLowered
        func titles(_ rows: [Tables.Title]?) -> [Tables.Title] {
            (rows ?? []).filter { t in t.words.count > 1 || !t.needsExactMatch || lower == t.exactWords[0] }
        }
        return SimpleFacts(
            chainStarts: entries.filter { e in !(e.language == "vi" && (e.kind == .country || e.kind == .org || e.kind == .link)) },
            middlePosts: entries.filter { e in (e.kind == .role || e.kind == .job) && (e.language == "en" || e.folded.count > 1) },
            lower: lower, lowerNewStyle: VietnameseSyllable.newStyle(lower), lowerHasMarks: Self.hasLatinMarks(lower),
            prefixTitles: titles(tables.prefixTitlesByWord[folded]), suffixTitles: titles(tables.suffixTitlesByWord[folded]),
            inTitleVocabulary: tables.titleVocabulary.contains(folded), titleHead: tables.titleHeads.contains(folded),
            mayBeGeneration: Self.generations[lower] != nil)
    }

    /// `latinMatch` of a descriptor row at word `i` of a simple name; `marks` says whether any
    /// word of the name, lowercased, has a letter with a diacritic.
    private func simpleDescriptorMatch(_ e: DescriptorTables.Entry, _ words: [LatinWord], at i: Int, marks: Bool) -> Bool {
        guard i + e.folded.count <= words.count else { return false }
        if e.needsExact { return words[i].simple!.lower == e.exact[0] }
        if e.language == "vi", marks {
            guard i + e.exact.count <= words.count else { return false }
            for k in 0..<e.exact.count where words[i + k].simple!.lowerNewStyle != e.exactNewStyle[k] { return false }
            return true
        }
        if e.language == "en", words[i..<(i + e.folded.count)].contains(where: { $0.simple!.lowerHasMarks }) {
            return false
        }
        for k in 0..<e.folded.count where words[i + k].folded != e.folded[k] { return false }
        return true
    }

    /// Whether a title row matches the first (`prefix`) or last words of a simple name
    /// (`stripTitles`: its folded words, and a shorter row than the name).
    private func simpleTitleMatch(_ t: Tables.Title, _ words: [LatinWord], prefix: Bool) -> Bool {
        let n = words.count, count = t.words.count
        guard count < n else { return false }
        let start = prefix ? 0 : n - count
        for k in 0..<count where words[start + k].folded != t.words[k] { return false }
        return true
    }

    /// `normalizeWhole(name, hint: nil)` for a simple Latin name, or nil when the name is
    /// not one (the caller then goes the whole way).
    func normalizeSimpleLatin(_ name: String) -> NormalizedName? {
        // Words of simple scalars between single spaces, no space at either end, at most
        // maxNameLength scalars, read off the bytes; each word is looked up by its bytes as
        // soon as it ends.
        var words: [LatinWord] = []
        // Past ASCII; with a Latin-1 letter (mojibake reads those back); with a letter that
        // Windows-1252 lacks (then mojibake cannot be); with a letter only Unicode has (then
        // legacy Vietnamese cannot be).
        var nonASCII = false, latin1 = false, notWindows1252 = false, unicodeOnly = false
        var scalarCount = 0
        var text = name
        let ok = text.withUTF8 { u -> Bool in
            var start = 0
            var i = 0
            while i < u.count {
                let b = u[i]
                scalarCount += 1
                if b < 0x80 {
                    if b == 0x20 {
                        guard i > start else { return false }
                        let word = latinWord(UnsafeBufferPointer(rebasing: u[start..<i]))
                        guard word.simple != nil else { return false }
                        words.append(word)
                        start = i + 1
                    } else if (b | 0x20) < 0x61 || (b | 0x20) > 0x7A {
                        return false
                    }
                    i += 1
                    continue
                }
                // The text is valid UTF-8: a lead byte and the next say which scalar it is
                // (`isSimpleLatinScalar`, in bytes).
                guard i + 1 < u.count else { return false }
                let c = u[i + 1]
                nonASCII = true
                switch b {
                case 0xC3:  // U+00C0–U+00FF; not × ÷ Ð ð
                    guard c != 0x97 && c != 0xB7 && c != 0x90 && c != 0xB0 else { return false }
                    latin1 = true
                    i += 2
                case 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9:  // U+0100–U+024F; not ŉ Ɖ
                    let v = UInt32(b & 0x1F) << 6 | UInt32(c & 0x3F)
                    guard v <= 0x24F, v != 0x149, v != 0x189 else { return false }
                    if !Mojibake.isWindows1252Letter(v) { notWindows1252 = true }
                    if LegacyVietnamese.isUnicodeOnly(v) { unicodeOnly = true }
                    i += 2
                case 0xE1:  // Latin Extended Additional, U+1E00–U+1EFF: E1 B8–BB
                    guard c >= 0xB8 && c <= 0xBB, i + 2 < u.count else { return false }
                    notWindows1252 = true
                    let d = u[i + 2]
                    if (c == 0xBA && d >= 0xA0) || (c == 0xBB && d <= 0xB9) { unicodeOnly = true }
                    i += 3
                default:
                    return false
                }
            }
            guard start < u.count else { return false }
            let word = latinWord(UnsafeBufferPointer(rebasing: u[start..<u.count]))
            guard word.simple != nil else { return false }
            words.append(word)
            return true
        }
        guard ok, scalarCount <= Self.maxNameLength else { return nil }
        let n = words.count
        let first = words[0].simple!, last = words[n - 1].simple!
        // Mojibake: only text with a Latin-1 letter, and every letter in Windows-1252, can
        // read back as UTF-8.
        if latin1, !notWindows1252, Mojibake.repair(name) != nil { return nil }
        // Legacy Vietnamese: never ASCII, never text with a letter only Unicode has.
        if nonASCII, !unicodeOnly, legacyVietnamese.decode(name, isSyllable: isVietnameseWord) != nil { return nil }
        // "also known as": the byte test the gloss step starts with.
        if Glosses.mayHoldAkaPhrase(written: name) { return nil }
        // (Han titles start and end with Han characters, and a possessive needs an apostrophe:
        // neither can be in a simple name. A possessive-looking first word only sends the
        // descriptor step the long way round to the same words.)
        if n >= 2 {
            if n >= 3 && last.mayBeGeneration { return nil }
            // Titles (`stripTitles`): a row at the start or the end.
            if first.prefixTitles.contains(where: { simpleTitleMatch($0, words, prefix: true) })
                || last.suffixTitles.contains(where: { simpleTitleMatch($0, words, prefix: false) }) { return nil }
            // A free-form description: leading words of the vocabulary, one of them a head.
            var k = 0
            while k < n - 1, let f = words[k].simple, f.inTitleVocabulary {
                if f.titleHead { return nil }
                k += 1
            }
            // Descriptors (`stripLatinDescriptors`): a chain from the first word, or a post in
            // the middle. With neither, the step gives back the words it split, joined again.
            let marks = nonASCII && words.contains { $0.simple!.lowerHasMarks }
            if first.chainStarts.contains(where: { simpleDescriptorMatch($0, words, at: 0, marks: marks) && $0.folded.count < n }) {
                return nil
            }
            if n >= 3 {
                for i in 1..<(n - 1) {
                    let posts = words[i].simple!.middlePosts
                    if !posts.isEmpty, posts.contains(where: { simpleDescriptorMatch($0, words, at: i, marks: marks) && i + $0.folded.count < n }) {
                        return nil
                    }
                }
            }
        }
        var repairs: [String] = []
        var analysis = analyzeLatinWords(words, commaAt: nil, hint: nil, repairs: &repairs)
        if analysis.language != .vi, let ja = unhintedJapaneseKey(analysis) { analysis.extraKeys.append(ja) }
        return assemble(name: name, core: name, script: .latin, analysis: analysis, title: "", generation: nil,
                        repairs: repairs, glosses: [])
    }
}
