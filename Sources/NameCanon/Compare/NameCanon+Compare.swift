import Foundation

/// The tables `compare` reads, loaded from the rules on first use.
struct CompareTables: Sendable {
    /// Han transcription character → its sound (skeleton segments), from `zh/transcription.tsv`.
    var transcription: [Character: String] = [:]
    /// Given name → the names it is a variant of (both directions), from `en/given-name-variants.tsv`.
    var givenVariants: [String: Set<String>] = [:]

    init(_ rules: RuleFiles) {
        for row in rules.rows("zh/transcription.tsv") where row.columns.count >= 4 {
            let sound = String(row.columns[3])
            for column in [row.columns[0], row.columns[1]] {
                if let c = column.first, column.count == 1 { transcription[c] = sound }
            }
        }
        for row in rules.rows("en/given-name-variants.tsv") where row.columns.count >= 2 {
            let full = String(row.columns[0]).trimmingCharacters(in: .whitespaces).latinLowered
            for variant in row.columns[1].parts(0x2C) {
                let v = variant.trimmingCharacters(in: .whitespaces).latinLowered
                guard !v.isEmpty, !full.isEmpty, v != full else { continue }
                givenVariants[full, default: []].insert(v)
                givenVariants[v, default: []].insert(full)
            }
        }
    }
}

extension NameCanon {
    var compareTables: CompareTables { compareTablesBox.get { CompareTables(rules) } }

    /// Scores how likely two written names are one person's, 0...1, with a verdict and an
    /// explanation of what was matched.
    ///
    /// Names with a key in common score 1 (XI Jinping and 習近平). Otherwise Western names are
    /// compared word by word, given name first and surname last: typos (Scholze, Scholz),
    /// spelling and transliteration variants (Sergey, Sergei; Zelensky, Zelenskyy), given-name
    /// variants (Joe for Joseph, from `Rules/en/given-name-variants.tsv`), initials (V. Putin),
    /// a middle name or patronymic on one side only, and glued or hyphenated words
    /// (SergeiLavrov). The same words in swapped order are different people for Western names,
    /// and the same person for Chinese, Vietnamese and Korean ones. A Latin name is compared
    /// by sound with a Han, Hangul, kana or Cyrillic transcription (Trump, 特朗普, 트럼프, トランプ,
    /// Трамп). Some differences rule a match out: Han names in different characters (李强, 李蔷),
    /// different Vietnamese vowels or tones (Hùng, Hưng), different Chinese, Vietnamese or Korean
    /// given names (Kim Jong-un, Kim Jong-il), a generational suffix on one side (Jr.).
    ///
    /// - Throws: `NameCanonError` when either name is empty or too long.
    ///
    /// ```swift
    /// try NameCanon.shared.compare("V. Putin", "Vladimir Putin").verdict    // .same
    /// try NameCanon.shared.compare("Hans Friedrich", "Friedrich Hans").verdict  // .different
    /// try NameCanon.shared.compare("Trump", "特朗普").method                   // .phonetic
    /// ```
    public func compare(_ a: String, _ b: String, hint: NameLanguage? = nil) throws -> NameComparison {
        compare(try normalize(a, hint: hint), try normalize(b, hint: hint))
    }

    /// Compares two names normalized already (see `compare(_:_:hint:)`).
    public func compare(_ a: NormalizedName, _ b: NormalizedName) -> NameComparison {
        NameComparer(canon: self, tables: compareTables, a: a, b: b).run()
    }

    /// The phonetic skeletons of a name's parts (given first for Western names), for indexing:
    /// empty when the name has no part to read by sound. Strong segments only.
    public func phoneticBlocks(_ n: NormalizedName) -> [String] {
        phoneticBlocks(text: n.display, script: n.script, language: n.language, key: n.key)
    }

    /// The same for a stored name, without normalizing it again: its text, script, language
    /// and ASCII key as the engine gave them.
    public func phoneticBlocks(text: String, script: Script, language: NameLanguage, key: String) -> [String] {
        // Two forms of each skeleton: strong segments only, and weak ones counted as strong, so
        // that Jackson (sKSN) meets 杰克逊 (SKSN) and Johnson (shNSN) meets 约翰逊 (hNSN).
        var out: [String] = []
        for skeleton in NameComparer.skeletons(text: text, script: script, language: language, key: key, tables: compareTables) ?? [] {
            for block in [skeleton.strong, skeleton.segments.uppercased()] where block.count >= 2 && !out.contains(block) { out.append(block) }
        }
        return out
    }

    /// Lowercase ASCII with spelling variants folded: y and a j after a vowel read as i, doubled
    /// letters single, ph as f, w as v, kh as h ("Zelenskyy", "Zelenskiy", "Зеленский" →
    /// "zelenski"; "Emmanuel" → "emanuel"; "Sergej" → "sergei").
    public static func spellingFold(_ word: String) -> String {
        // Non-ASCII text goes through Unicode case mapping first: "K" (Kelvin) lowers to "k".
        if !word.utf8.allSatisfy({ $0 < 0x80 }) {
            return spellingFold(ascii: word.latinLowered.filter { $0.isASCII && $0.isLetter }.utf8)
        }
        return spellingFold(ascii: word.utf8)
    }

    /// `spellingFold` over ASCII bytes: letters are kept (lowercased), everything else dropped.
    /// Each rewrite is its own left-to-right pass, in the order the documentation gives, made in
    /// place in the result's own storage (a fold never lengthens the text).
    static func spellingFold(ascii bytes: String.UTF8View) -> String {
        let capacity = bytes.count
        if capacity == 0 { return "" }
        let (y, i, j, w, v, p, h, f, k, c) = (UInt8(ascii: "y"), UInt8(ascii: "i"), UInt8(ascii: "j"), UInt8(ascii: "w"), UInt8(ascii: "v"),
                                             UInt8(ascii: "p"), UInt8(ascii: "h"), UInt8(ascii: "f"), UInt8(ascii: "k"), UInt8(ascii: "c"))
        return String(unsafeUninitializedCapacity: capacity) { s in
            var n = 0
            for b in bytes {
                switch b {
                case 0x41...0x5A: s[n] = b | 0x20; n += 1
                case 0x61...0x7A: s[n] = b; n += 1
                default: continue
                }
            }
            // Pairs `a b` become `c`, left to right, without overlapping.
            func replacing(_ a: UInt8, _ b: UInt8, with c: UInt8) {
                guard n >= 2 else { return }
                var read = 0, write = 0
                while read < n {
                    if read + 1 < n, s[read] == a, s[read + 1] == b { s[write] = c; read += 2 } else { s[write] = s[read]; read += 1 }
                    write += 1
                }
                n = write
            }
            replacing(y, y, with: y)
            for at in 0..<n {
                if s[at] == y {
                    s[at] = i
                } else if s[at] == j, at > 0 {
                    switch s[at - 1] {
                    case UInt8(ascii: "a"), UInt8(ascii: "e"), i, UInt8(ascii: "o"), UInt8(ascii: "u"): s[at] = i
                    default: break
                    }
                }
            }
            replacing(p, h, with: f)
            replacing(k, h, with: h)
            replacing(c, k, with: k)
            for at in 0..<n where s[at] == w { s[at] = v }
            var kept = 0
            for at in 0..<n where kept == 0 || s[kept - 1] != s[at] {
                s[kept] = s[at]
                kept += 1
            }
            return kept
        }
    }
}

/// One comparison's working state. A class: its rules read the two names' fields many times,
/// and a struct's reads copied a whole `NormalizedName` each time.
final class NameComparer {
    let canon: NameCanon
    let tables: CompareTables
    let a: NormalizedName
    let b: NormalizedName

    init(canon: NameCanon, tables: CompareTables, a: NormalizedName, b: NormalizedName) {
        self.canon = canon
        self.tables = tables
        self.a = a
        self.b = b
    }

    static let eastAsian: Set<NameLanguage> = [.zh, .vi, .ko]
    static let suffixes: Set<String> = ["jr", "sr", "junior", "senior", "ii", "iii", "iv"]

    func run() -> NameComparison {
        if let conflict = conflict() { return conflict }
        if let shared = sharedKey() {
            return NameComparison(score: shared.kind == .hanviet ? 0.9 : 1, method: .key,
                                  matched: ["same \(shared.kind.rawValue) key \(shared.value)"], a: a, b: b)
        }
        var best: NameComparison? = nil
        let eastAsian = Self.eastAsian.contains(a.language) || Self.eastAsian.contains(b.language)
        if eastAsian {
            best = eastAsianWords()
        } else if a.script == b.script || a.script == .latin || b.script == .latin {
            best = westernWords()
        }
        if let phonetic = phonetic(), phonetic.score > (best?.score ?? -1) { best = phonetic }
        return best ?? NameComparison(score: 0, method: .fuzzy, matched: ["nothing to compare: \(a.script.rawValue) and \(b.script.rawValue)"], a: a, b: b)
    }

    // MARK: - Keys and conflicts

    /// A strict key both names have. The loose romanization keys (`reading`, `spelled`) are not
    /// evidence on their own: they fold homophones together on purpose (김정은 and 김종은 are both
    /// `ko:kim congon`), and the registry's romanization stage weighs them with its own rules.
    func sharedKey() -> NameKey? {
        for ka in a.keys where ka.kind != .reading && ka.kind != .spelled {
            for kb in b.keys where ka == kb { return ka }
        }
        return nil
    }

    /// The generational suffix of a name (Jr., III), which the engine keeps in `title`.
    func suffix(_ n: NormalizedName) -> String? {
        if let inTitle = Self.suffixWord(in: n.title, canon) { return inTitle }
        return Self.suffixWord(in: n.key, canon)
    }

    /// The first word of `text` (split at spaces and commas) that folds to a generational
    /// suffix, folded. ASCII text is read on bytes: `fold` keeps an ASCII word's letters
    /// (lowercased) and digits, and a suffix has at most six letters.
    static func suffixWord(in text: String, _ canon: NameCanon) -> String? {
        if text.isEmpty { return nil }
        guard text.utf8.allSatisfy({ $0 < 0x80 }) else {
            return text.split(whereSeparator: { $0 == " " || $0 == "," }).lazy.map { canon.fold($0) }.first { suffixes.contains($0) }
        }
        var word: UInt64 = 0, length = 0
        for b in text.utf8 {
            switch b {
            case 0x20, 0x2C:
                if length >= 2 && length <= 6, let suffix = packedSuffixes[word] { return suffix }
                word = 0
                length = 0
            case 0x41...0x5A, 0x61...0x7A, 0x30...0x39:
                length += 1
                if length <= 8 { word = word << 8 | UInt64(b >= 0x41 && b <= 0x5A ? b | 0x20 : b) }
            default: continue
            }
        }
        if length >= 2 && length <= 6, let suffix = packedSuffixes[word] { return suffix }
        return nil
    }

    /// The suffixes by their bytes packed into a word (first byte highest).
    static let packedSuffixes: [UInt64: String] = Dictionary(uniqueKeysWithValues: suffixes.map { suffix in
        (suffix.utf8.reduce(UInt64(0)) { $0 << 8 | UInt64($1) }, suffix)
    })

    /// Differences that rule a match out even when the keys agree.
    func conflict() -> NameComparison? {
        // Donald Trump Jr. is not Donald Trump.
        let sa = suffix(a), sb = suffix(b)
        if sa != sb {
            return NameComparison(score: 0.5, method: .conflict,
                                  matched: ["suffix \(sa ?? "none") ≠ \(sb ?? "none"): a generational suffix names another person"], a: a, b: b)
        }
        // Pinyin keys cannot tell Han homophones apart: 李强 and 李蔷 are two people.
        if a.script == .han, b.script == .han {
            let sa = (try? canon.transliterate(a.display, to: .simplified)) ?? a.display
            let sb = (try? canon.transliterate(b.display, to: .simplified)) ?? b.display
            if sa != sb {
                let same = a.key == b.key ? "the same reading \(a.key), " : ""
                return NameComparison(score: a.key == b.key ? 0.4 : 0.1, method: .conflict,
                                      matched: ["\(a.display) ≠ \(b.display): \(same)different Han characters"], a: a, b: b)
            }
        }
        // Vietnamese tones and vowels tell names apart (Hùng, Hưng; Lan, Lân) when both names are
        // written with them: a name with diacritics anywhere is taken as fully marked.
        if a.script == .latin, b.script == .latin, a.language == .vi || b.language == .vi,
           !a.display.utf8.allSatisfy({ $0 < 0x80 }), !b.display.utf8.allSatisfy({ $0 < 0x80 }) {
            // Tone marks placed either way (hòa, hoà) are one spelling.
            let wa = canon.comparisonMemo.toneWords(a.display), wb = canon.comparisonMemo.toneWords(b.display)
            if wa.count == wb.count {
                for (x, y) in zip(wa, wb) where x != y && canon.fold(x) == canon.fold(y) {
                    return NameComparison(score: 0.45, method: .conflict,
                                          matched: ["\(x) ≠ \(y): the same letters with different Vietnamese vowels or tones"], a: a, b: b)
                }
            }
        }
        return nil
    }

    // MARK: - Western names, word by word

    /// Words of the ASCII key, given name first as written, hyphens split.
    static func words(_ n: NormalizedName) -> [String] {
        n.key.split(whereSeparator: { $0 == " " || $0 == "-" }).map(String.init).filter { !$0.isEmpty }
    }

    /// True when two words of one length differ only by two neighbouring letters swapped
    /// (Merkle, Merkel): a slip of the fingers, not another name.
    static func adjacentSwap(_ a: [UInt8], _ b: [UInt8]) -> Bool {
        let diff = a.indices.filter { a[$0] != b[$0] }
        return diff.count == 2 && diff[1] == diff[0] + 1 && a[diff[0]] == b[diff[1]] && a[diff[1]] == b[diff[0]]
    }

    /// One word against another: the score and what it was.
    func word(_ x: String, _ y: String, given: Bool) -> (score: Double, why: String) {
        if x == y { return (1, "\(x) = \(y)") }
        let fx = NameCanon.spellingFold(x), fy = NameCanon.spellingFold(y)
        if fx == fy { return (0.96, "\(x) ~ \(y) (spelling variant)") }
        if given, tables.givenVariants[x]?.contains(y) == true { return (0.93, "\(x) ~ \(y) (given-name variant)") }
        if given, x.count == 1 || y.count == 1 {
            let (initial, full) = x.count == 1 ? (x, y) : (y, x)
            if full.hasPrefix(initial), full.count > 1 { return (0.85, "\(initial). = \(full) (initial)") }
            return (0, "\(x) ≠ \(y) (initial)")
        }
        let bx = Array(fx.utf8), by = Array(fy.utf8)
        let d = Self.editDistance(bx, by)
        let shorter = min(bx.count, by.count), longer = max(bx.count, by.count)
        // A letter dropped or added (Scholze, Scholz) is the commoner typo; one letter replaced by
        // another in a surname is as often another family (Ishiba, Ishida): a candidate, never a link.
        if d == 1 && shorter >= 5 && bx.count == by.count && !given && !Self.adjacentSwap(bx, by) {
            return (0.8, "\(x) ~ \(y) (one letter replaced)")
        }
        // A first letter added, dropped or changed is rarely a slip (it is the letter readers
        // check) and often another name (Inseo, Minseo; Ryan, Bryan): a candidate, never a link.
        if d == 1 && shorter >= 5 && bx.first != by.first { return (0.8, "\(x) ~ \(y) (first letter differs)") }
        if d == 1 && shorter >= 5 { return (0.9, "\(x) ~ \(y) (one letter differs)") }
        if d == 1 && shorter >= 3 { return (0.75, "\(x) ~ \(y) (one letter differs in a short word)") }
        if d == 2 && shorter >= 7 { return (0.75, "\(x) ~ \(y) (two letters differ)") }
        let similarity = longer == 0 ? 0 : 1 - Double(d) / Double(longer)
        return (max(0, similarity) * 0.6, "\(x) ≠ \(y)")
    }

    func westernWords() -> NameComparison? {
        var wa = Self.words(a), wb = Self.words(b)
        guard !wa.isEmpty, !wb.isEmpty else { return nil }
        var notes: [String] = []
        // Glued words: "sergeilavrov" against "sergei lavrov".
        if wa.count == 1, wb.count >= 2, let split = unglue(wa[0], like: wb) { wa = split; notes.append("\(Self.words(a)[0]) read as \(split.joined(separator: " ")) (glued words)") }
        if wb.count == 1, wa.count >= 2, let split = unglue(wb[0], like: wa) { wb = split; notes.append("\(Self.words(b)[0]) read as \(split.joined(separator: " ")) (glued words)") }
        let sa = wa.last.flatMap { Self.suffixes.contains($0) && wa.count > 1 ? $0 : nil }
        let sb = wb.last.flatMap { Self.suffixes.contains($0) && wb.count > 1 ? $0 : nil }
        if sa != nil { wa.removeLast() }
        if sb != nil { wb.removeLast() }
        var cap = 1.0
        if sa != sb {
            notes.append("suffix \(sa ?? "none") ≠ \(sb ?? "none"): a generational suffix names another person")
            cap = 0.5
        }
        if wa.count == 1 || wb.count == 1 {
            // One word against a full name: it can only be the surname.
            let (one, full) = wa.count == 1 ? (wa[0], wb) : (wb[0], wa)
            let s = word(one, full.last!, given: false)
            if full.count == 1 {
                return NameComparison(score: min(cap, s.score), method: .fuzzy, matched: notes + ["name \(s.why)"], a: a, b: b)
            }
            return NameComparison(score: min(cap, s.score * 0.7), method: .fuzzy,
                                  matched: notes + ["surname \(s.why)", "only one name has a given name"], a: a, b: b)
        }
        let surname = word(wa.last!, wb.last!, given: false)
        let given = word(wa.first!, wb.first!, given: true)
        var score = 0.55 * surname.score + 0.45 * given.score
        var matched = notes + ["given \(given.why)", "surname \(surname.why)"]
        let ma = Array(wa.dropFirst().dropLast()), mb = Array(wb.dropFirst().dropLast())
        if ma.isEmpty != mb.isEmpty {
            score *= 0.95
            matched.append("middle name or patronymic \((ma + mb).joined(separator: " ")) in one name only")
        } else if !ma.isEmpty {
            var total = 0.0
            for (x, y) in zip(ma, mb) {
                let m = word(x, y, given: true)
                total += m.score
                matched.append("middle \(m.why)")
            }
            let mean = total / Double(max(ma.count, mb.count))
            score *= mean >= 0.85 ? 1 : 0.7
        }
        if surname.score < 0.7 { score = min(score, 0.5) }
        if given.score < 0.5 { score = min(score, 0.55) }
        // The same words in the other order are another person in Western naming.
        if score < 0.6, word(wa.first!, wb.last!, given: false).score >= 0.9, word(wa.last!, wb.first!, given: false).score >= 0.9 {
            score = min(score, 0.3)
            matched = notes + ["\(wa.joined(separator: " ")) and \(wb.joined(separator: " ")): the same words in swapped order, which for Western names is another person"]
        }
        return NameComparison(score: min(cap, score), method: .fuzzy, matched: matched, a: a, b: b)
    }

    /// A glued word split so its parts match `words` in order, when its spelling-folded form is
    /// their concatenation.
    func unglue(_ glued: String, like words: [String]) -> [String]? {
        let target = NameCanon.spellingFold(glued)
        if words.count > 2, [words.first!, words.last!].map(NameCanon.spellingFold).joined() == target { return [words.first!, words.last!] }
        for n in stride(from: words.count, through: 2, by: -1) {
            for start in 0...(words.count - n) {
                let slice = Array(words[start..<(start + n)])
                if slice.map(NameCanon.spellingFold).joined() == target { return slice }
            }
        }
        return nil
    }

    // MARK: - Chinese, Vietnamese, Korean

    /// Surname-first syllables: the syllable key where there is one, else the ASCII key's words.
    static func eastAsianParts(key: String, vietnamese: Bool) -> (surname: String, middle: [String], given: String)? {
        let words = key.parts(0x20)
        guard words.count >= 2 else { return nil }
        let clean = words.map { $0.replacingCharacter("-", with: "") }
        if vietnamese {
            return (clean[0], Array(clean.dropFirst().dropLast()), clean.last!)
        }
        return (clean[0], [], clean.dropFirst().joined())
    }

    func eastAsianWords() -> NameComparison? {
        let ka = canon.comparisonMemo.eastAsianKey(a), kb = canon.comparisonMemo.eastAsianKey(b)
        guard let pa = ka.parts, let pb = kb.parts else {
            if ka.spaceless == kb.spaceless { return NameComparison(score: 0.95, method: .fuzzy, matched: ["\(a.key) = \(b.key) (spacing differs)"], a: a, b: b) }
            return NameComparison(score: 0.2, method: .fuzzy, matched: ["\(a.key) ≠ \(b.key)"], a: a, b: b)
        }
        if ka.joined == kb.joined {
            return NameComparison(score: 0.95, method: .fuzzy, matched: ["\(a.key) = \(b.key) (spacing or hyphens differ)"], a: a, b: b)
        }
        // Surname at the other end: the engine's keys put it first; a name written the other way round.
        if ka.words == kb.rotated || ka.words == kb.rotatedBack {
            return NameComparison(score: 0.95, method: .fuzzy,
                                  matched: ["\(a.key) and \(b.key): the same names with the surname at the other end, the same person for Chinese, Vietnamese and Korean names"], a: a, b: b)
        }
        var matched: [String] = []
        let surnameSame = pa.surname == pb.surname
        matched.append(surnameSame ? "surname \(pa.surname) = \(pb.surname)" : "surname \(pa.surname) ≠ \(pb.surname)")
        guard surnameSame else { return NameComparison(score: 0.15, method: .fuzzy, matched: matched, a: a, b: b) }
        if pa.given == pb.given {
            if pa.middle.isEmpty != pb.middle.isEmpty {
                matched.append("given \(pa.given) = \(pb.given)")
                matched.append("middle name \((pa.middle + pb.middle).joined(separator: " ")) in one name only")
                return NameComparison(score: 0.75, method: .fuzzy, matched: matched, a: a, b: b)
            }
            matched.append("given \(pa.given) = \(pb.given)")
            matched.append("middle \(pa.middle.joined(separator: " ")) ≠ \(pb.middle.joined(separator: " "))")
            return NameComparison(score: 0.45, method: .fuzzy, matched: matched, a: a, b: b)
        }
        matched.append("given \(pa.given) ≠ \(pb.given): a different given name is a different person")
        return NameComparison(score: 0.4, method: .fuzzy, matched: matched, a: a, b: b)
    }

    // MARK: - By sound

    /// The skeleton of each part of a name that can be read by sound: Latin names not taken
    /// for Chinese, Vietnamese or Korean, and Han (transcription characters only), Hangul, kana
    /// and Cyrillic. Given name first, as such names are written.
    static func skeletons(of n: NormalizedName, tables: CompareTables) -> [PhoneticSkeleton]? {
        skeletons(text: n.display, script: n.script, language: n.language, key: n.key, tables: tables)
    }

    /// What separates the parts of a name read by sound.
    static let partSeparators: Set<Character> = [" ", "·", "・", "‧", "･", "-", "=", "•"]

    static func skeletons(text: String, script: Script, language: NameLanguage, key: String, tables: CompareTables) -> [PhoneticSkeleton]? {
        let source = script == .latin ? key : text
        let parts = source.split(whereSeparator: { partSeparators.contains($0) }).map(String.init)
        guard !parts.isEmpty else { return nil }
        var out: [PhoneticSkeleton] = []
        for part in parts {
            let skeleton: PhoneticSkeleton?
            switch script {
            case .latin:
                guard !eastAsian.contains(language) else { return nil }
                skeleton = PhoneticSkeleton(latin: part)
            case .han: skeleton = PhoneticSkeleton(han: part, table: tables.transcription)
            case .hangul: skeleton = PhoneticSkeleton(hangul: part)
            case .japanese: skeleton = PhoneticSkeleton(kana: part)
            case .cyrillic: skeleton = PhoneticSkeleton(cyrillic: part)
            default: skeleton = nil
            }
            guard let skeleton, !skeleton.segments.isEmpty else { return nil }
            out.append(skeleton)
        }
        return out
    }

    func phonetic() -> NameComparison? {
        guard (a.script == .latin) != (b.script == .latin) else { return nil }
        let (latin, other) = a.script == .latin ? (a, b) : (b, a)
        guard let ls = Self.skeletons(of: latin, tables: tables), let os = Self.skeletons(of: other, tables: tables) else { return nil }
        var lwords = Self.words(latin)
        var lskel = ls
        if lwords.count == lskel.count, lwords.count > 1, Self.suffixes.contains(lwords.last!) {
            lwords.removeLast()
            lskel.removeLast()
        }
        func part(_ x: PhoneticSkeleton, _ y: PhoneticSkeleton) -> Double {
            let confidence = min(1, 0.8 + 0.05 * Double(min(x.strength, y.strength)))
            return x.similarity(to: y) * confidence
        }
        var scores: [Double] = []
        var matched: [String] = []
        var factor = 0.95  // a transcription is lossy: never as sure as a key
        if lskel.count == os.count {
            for (i, (x, y)) in zip(lskel, os).enumerated() {
                scores.append(part(x, y))
                matched.append("\(lwords.indices.contains(i) ? lwords[i] : "?") [\(x.segments)] ~ [\(y.segments)] by sound")
            }
        } else {
            // One side has the surname only (特朗普 for Donald Trump): compare last parts.
            scores.append(part(lskel.last!, os.last!))
            matched.append("\(lwords.last ?? "?") [\(lskel.last!.segments)] ~ [\(os.last!.segments)] by sound, surname only")
            factor *= 0.95
        }
        let score = scores.reduce(0, +) / Double(scores.count) * factor
        matched.insert("\(latin.display) against the \(other.script.rawValue) transcription \(other.display)", at: 0)
        return NameComparison(score: score, method: .phonetic, matched: matched, a: a, b: b)
    }

    // MARK: - Helpers

    /// Damerau-Levenshtein distance (adjacent transpositions count one), over the bytes of
    /// spelling-folded words (ASCII letters), three rows at a time.
    static func editDistance(_ x: [UInt8], _ y: [UInt8]) -> Int {
        if x.isEmpty { return y.count }
        if y.isEmpty { return x.count }
        let m = y.count
        var beforeLast = [Int](repeating: 0, count: m + 1)
        var last = Array(0...m)
        var row = [Int](repeating: 0, count: m + 1)
        for i in 1...x.count {
            row[0] = i
            for j in 1...m {
                let cost = x[i - 1] == y[j - 1] ? 0 : 1
                var d = min(last[j] + 1, row[j - 1] + 1, last[j - 1] + cost)
                if i > 1, j > 1, x[i - 1] == y[j - 2], x[i - 2] == y[j - 1] { d = min(d, beforeLast[j - 2] + 1) }
                row[j] = d
            }
            swap(&beforeLast, &last)
            swap(&last, &row)
        }
        return last[m]
    }
}

extension NameCanon {
    /// Why a stored name cannot be the person a mention names although their keys agree, or nil:
    /// a generational suffix on one side only (Donald Trump, Donald Trump Jr.), or, when both are
    /// Vietnamese written with diacritics, a word with the same letters and other vowels or tones
    /// (Nguyễn Văn Hùng, Nguyễn Văn Hưng). Cheap: no normalization of the stored name.
    public func keyConflict(_ n: NormalizedName, storedText text: String) -> String? {
        guard n.script == .latin else { return nil }
        let words = text.split(whereSeparator: { $0 == " " || $0 == "," })
        func isSuffix(_ w: some StringProtocol) -> Bool { NameComparer.suffixes.contains(fold(w)) }
        let mentionSuffix = n.title.parts(0x20).contains { isSuffix($0) } || n.key.parts(0x20).dropFirst().contains { isSuffix($0) }
        let storedSuffix = words.count > 1 && words.dropFirst().contains { isSuffix($0) }
        if mentionSuffix != storedSuffix { return "a generational suffix on one name only" }
        guard n.language == .vi, !text.allSatisfy(\.isASCII), !n.display.allSatisfy(\.isASCII) else { return nil }
        let mentionWords = n.display.latinLowered.parts(0x20)
        var storedWords = words.map { w -> String in
            let lowered = w.latinLowered
            return VietnameseSyllable(lowered)?.written(toneStyle) ?? lowered
        }
        guard storedWords.count == mentionWords.count else { return nil }
        // The stored text may be written given-first; the display is surname-first.
        if storedWords.last.map(fold) == mentionWords.first.map(fold), storedWords.first.map(fold) != mentionWords.first.map(fold) {
            storedWords = [storedWords.last!] + storedWords.dropLast()
        }
        for (x, y) in zip(mentionWords, storedWords) where String(x) != y && fold(x) == fold(y) {
            return "\(x) ≠ \(y): other Vietnamese vowels or tones"
        }
        return nil
    }
}

extension NormalizedName {
    /// A name as a registry stores it (its text, script, language and keys, all from an earlier
    /// `normalize`), ready for `compare` without normalizing it again. The parts are not known;
    /// a generational suffix in the text goes to `title`.
    public init(storedText text: String, script: Script, language: NameLanguage, keys: [NameKey]) {
        let key = keys.first { $0.kind == .ascii }?.value ?? ""
        let suffix = NameCanon.shared.comparisonMemo.storedSuffixes(text)
        self.init(input: text, display: text, latin: text, key: key, keys: keys, surname: "", middle: "", given: "",
                  title: suffix, reference: "", script: script, language: language, order: .unknown, orderConfidence: 0,
                  hanVariant: nil, romanization: nil, alternates: [], repairs: [])
    }
}

/// What `compare` works out of one name for its Chinese, Vietnamese and Korean rules, kept by
/// the name's key: the fuzzy stage of a registry compares one mention with dozens of stored
/// names, and the same stored names with many mentions.
final class EastAsianKey: Sendable {
    /// Surname, middle syllables and given name (`NameComparer.eastAsianParts`).
    let parts: (surname: String, middle: [String], given: String)?
    /// The parts joined without separators (empty without parts).
    let joined: String
    /// The key without its spaces.
    let spaceless: String
    /// The key's words, and the same with the first moved to the end and the last to the front.
    let words: [String]
    let rotated: [String]
    let rotatedBack: [String]

    init(key: String, vietnamese: Bool) {
        parts = NameComparer.eastAsianParts(key: key, vietnamese: vietnamese)
        joined = parts.map { ([$0.surname] + $0.middle + [$0.given]).joined() } ?? ""
        spaceless = key.replacingCharacter(" ", with: "")
        words = key.parts(0x20)
        rotated = words.isEmpty ? [] : Array(words.dropFirst()) + [words[0]]
        rotatedBack = words.isEmpty ? [] : [words.last!] + Array(words.dropLast())
    }
}

/// A Vietnamese name's words as `compare` weighs tones: lowercase, tone marks placed the new way.
final class ToneWords: Sendable {
    let words: [String]
    init(_ display: String) {
        words = display.latinLowered.parts(0x20).map { VietnameseSyllable.newStyle(String($0)) }
    }
}

/// A stored name's generational suffixes (`ComparisonMemo.storedSuffixes`).
final class StoredSuffixes: Sendable {
    let text: String
    init(_ text: String) { self.text = text }
}

/// The per-name memos of `compare`, by the bytes of the text each depends on.
final class ComparisonMemo: Sendable {
    private let vietnameseKeys: WordTable<EastAsianKey>
    private let otherKeys: WordTable<EastAsianKey>
    private let tones: WordTable<ToneWords>
    private let suffixes: WordTable<StoredSuffixes>

    init(limit: Int) {
        suffixes = WordTable(limit: limit)
        vietnameseKeys = WordTable(limit: limit)
        otherKeys = WordTable(limit: limit)
        tones = WordTable(limit: limit)
    }

    /// The name's key read as Chinese, Vietnamese or Korean syllables (its language decides
    /// whether the syllables between surname and given name are middle names).
    func eastAsianKey(_ n: NormalizedName) -> EastAsianKey {
        let key = n.key, vietnamese = n.language == .vi
        return (vietnamese ? vietnameseKeys : otherKeys).value(key) { EastAsianKey(key: key, vietnamese: vietnamese) }
    }

    /// The generational suffixes after a stored name's first word ("Jr."), folded and joined
    /// by spaces: what `NormalizedName(storedText:...)` keeps as the title.
    func storedSuffixes(_ text: String) -> String {
        suffixes.value(text) {
            let words = text.split(whereSeparator: { $0 == " " || $0 == "," })
            return StoredSuffixes(words.dropFirst().filter {
                NameComparer.suffixes.contains(Tables.foldWord($0, NameCanon.shared.tables.latinFold))
            }.joined(separator: " "))
        }.text
    }

    func toneWords(_ display: String) -> [String] {
        tones.value(display) { ToneWords(display) }.words
    }
}
