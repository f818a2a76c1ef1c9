import Foundation
/// The descriptors of Rules/descriptors.tsv (and the titles of titles.tsv) indexed for finding
/// the name span inside a mention: "Chủ tịch Trung Quốc Tập Cận Bình", "越南国家主席阮富仲",
/// "시진핑 주석", "NPC Chairman Zhao Leji".
struct DescriptorTables: Sendable {
    enum Kind: String, Sendable {
        case honorific, former, role, job, org, country, link

        /// A run of descriptors is stripped only when it holds one of these: countries,
        /// bodies and links alone are also ordinary words of names ("Trung Quốc", "Đức").
        var anchors: Bool { self == .honorific || self == .former || self == .role || self == .job }
    }

    struct Entry: Sendable {
        let text: String
        let kind: Kind
        let before: Bool
        let after: Bool
        let language: String
        /// The language of the name the descriptor introduces, when it says (越南 → vi).
        var implies: NameLanguage? = nil
        /// Folded words (Latin), for matching that ignores case and diacritics.
        let folded: [String]
        /// Lowercased words as written: one-word Vietnamese rows must match them exactly
        /// (Mỹ the country is not My the given name).
        let exact: [String]
        /// `exact` with tone marks placed the new way (hoà → hòa), for comparing in either style.
        let exactNewStyle: [String]
        var needsExact: Bool { language == "vi" && exact.count == 1 && exact != folded }
    }

    /// Latin descriptors written before a name, by their first folded word.
    let latin: [String: [Entry]]
    /// Han and kana descriptors by their text (simplified and traditional).
    let cjk: [String: Entry]
    /// The first character of every key of `cjk`: a position whose character is not among them
    /// starts no descriptor, and no string need be made to ask.
    let cjkFirsts: Set<Character>
    /// The first scalar of each of `cjkFirsts` in NFC: in NFC text, a character is one of
    /// `cjkFirsts` only if its first scalar is one of these.
    let cjkFirstScalars: ScalarSet
    let cjkLongest: Int
    /// Hangul descriptors by their words joined with a space.
    let hangul: [String: Entry]
    /// Cyrillic descriptors by their first lowercased word (see Descriptors+Cyrillic.swift).
    let cyrillic: [String: [Entry]]

    init(_ rules: RuleFiles, _ tables: Tables) {
        var latin: [String: [Entry]] = [:], cjk: [String: Entry] = [:], hangul: [String: Entry] = [:]
        var cyrillic: [String: [Entry]] = [:]
        var seen = Set<String>(minimumCapacity: rules.rowBound("descriptors.tsv") + tables.titles.count)
        func add(_ text: String, _ kind: Kind, _ position: String, _ language: String, implies: NameLanguage? = nil) {
            let words = text.parts(0x20)
            let lowered = text.latinLowered
            guard !words.isEmpty, seen.insert(lowered).inserted else { return }
            let script = Script.of(text)
            let hanOrKana = script != .hangul && script != .cyrillic
                && text.unicodeScalars.contains(where: { Script.of($0) == .han || Script.of($0) == .japanese })
            // Only the rows filed under `latin` are matched by their folded words.
            let folded = script == .hangul || script == .cyrillic || hanOrKana ? [] : words.map { Tables.foldWord($0, tables.latinFold) }
            let exact = lowered.parts(0x20)
            let entry = Entry(text: text, kind: kind, before: position != "after", after: position != "before", language: language,
                              implies: implies, folded: folded, exact: exact,
                              exactNewStyle: language == "vi" ? exact.map { VietnameseSyllable.newStyle($0) } : [])
            if script == .hangul {
                hangul[words.joined(separator: " ")] = entry
            } else if script == .cyrillic, let first = entry.exact.first {
                cyrillic[first, default: []].append(entry)
            } else if hanOrKana {
                // One row covers both character sets: its traditional and simplified forms.
                var forms: Set<String> = [text]
                forms.insert(String(scalars: text.unicodeScalars.map { tables.hansToHant[$0] ?? $0 }))
                forms.insert(String(scalars: text.unicodeScalars.map { tables.hantToHans[$0] ?? $0 }))
                for form in forms {
                    if let old = cjk[form] {
                        cjk[form] = Entry(text: form, kind: old.kind.anchors ? old.kind : kind, before: old.before || entry.before,
                                          after: old.after || entry.after, language: old.language, implies: old.implies ?? implies,
                                          folded: [], exact: [], exactNewStyle: [])
                    } else {
                        cjk[form] = Entry(text: form, kind: kind, before: entry.before, after: entry.after, language: language,
                                          implies: implies, folded: [], exact: [], exactNewStyle: [])
                    }
                }
            } else if entry.before, let first = folded.first, !first.isEmpty {
                latin[first, default: []].append(entry)
            }
        }
        rules.forEachRow("descriptors.tsv") { row in
            guard row.count >= 3, let kind = Kind(rawValue: row[1]) else { return }
            add(row[0], kind, row[2], row[3], implies: NameLanguage(rawValue: row[4]))
        }
        // Every title of titles.tsv not listed above is a post written on its side of the name.
        for t in tables.titles {
            let ascii = t.text.unicodeScalars.allSatisfy(\.isASCII)
            let language = ascii ? "en" : (t.language?.rawValue ?? "zh")
            if Script.of(t.text) == .latin, !t.prefix { continue }  // Jr, Sr stay with stripTitles
            add(t.text, .role, t.prefix ? "before" : "after", language)
        }
        for key in latin.keys { latin[key]!.sort { $0.folded.count > $1.folded.count } }
        self.latin = latin
        self.cjk = cjk
        self.cjkFirsts = Set(cjk.keys.compactMap(\.first))
        self.cjkFirstScalars = ScalarSet(cjkFirsts.compactMap { c in
            // (Foundation's NFC only for a character that may need it: it loads ICU's data.)
            c.unicodeScalars.allSatisfy { TextCleaner.isSurelyNFC($0.value) } ? c.unicodeScalars.first?.value
                : String(c).precomposedStringWithCanonicalMapping.unicodeScalars.first?.value
        })
        self.cjkLongest = cjk.keys.map(\.count).max() ?? 0
        self.hangul = hangul
        self.cyrillic = cyrillic.mapValues { $0.sorted { $0.exact.count > $1.exact.count } }
    }
}

extension NameCanon {
    /// What `normalize` reports when descriptor words surround a name it cannot find with
    /// confidence; the registry creates no person from such a mention.
    public static let nameSpanUncertain = "name-span-uncertain"

    /// Finds the name span inside a mention and moves what surrounds it (titles, posts, bodies,
    /// countries, former markers, honorifics, jobs) into `title`. Adds `nameSpanUncertain` to
    /// `repairs` when descriptor words are present but the name cannot be told apart from them.
    func stripDescriptors(_ text: String, title: inout String, language: inout NameLanguage?,
                          repairs: inout [String]) -> String {
        var before: [String] = [], after: [String] = []
        var uncertain = false
        var split: SplitWords? = nil
        var core = text
        var hasHangul = false, hasCJK = false, hasCyrillic = false
        // (Cyrillic starts at U+0400; Hangul and CJK count from U+3000.)
        for s in text.unicodeScalars where s.value >= 0x400 {
            let script = Script.of(s)
            if script == .cyrillic {
                hasCyrillic = true
            } else if s.value >= 0x3000 {
                switch script {
                case .hangul?: hasHangul = true
                case .han?, .japanese?: hasCJK = true
                default: break
                }
            }
        }
        if hasHangul {
            core = stripHangulDescriptors(core, before: &before, after: &after, uncertain: &uncertain)
            if language == nil {
                language = (before + after).lazy.flatMap { $0.parts(0x20) }
                    .compactMap { self.descriptors.hangul[String($0)]?.implies }.first
            }
        } else if hasCJK {
            core = stripCJKDescriptors(core, before: &before, after: &after, uncertain: &uncertain)
            if language == nil, let front = before.first {
                language = descriptors.cjk.first { $0.value.implies != nil && front.contains($0.key) }?.value.implies
            }
        } else if hasCyrillic {
            core = stripCyrillicDescriptors(core, before: &before, after: &after)
        } else {
            core = stripLatinDescriptors(core, before: &before, after: &after, uncertain: &uncertain, split: &split)
        }
        // Middle dots and katakana separators split the parts of a name written in a script
        // without spaces (바락·오바마, 펠리페·칼데론); Han names keep theirs for analyzeHan, and kana
        // names for the Japanese analyzer, to which a dot says "a foreign name, given name first"
        // (ドナルド・トランプ: surname トランプ).
        if core.containsMiddleDot, !core.unicodeScalars.contains(where: { Script.of($0) == .han || Script.of($0) == .japanese }) {
            core = core.split(whereSeparator: { $0 == "·" || $0 == " " }).joined(separator: " ")
        }
        // A dot left at an edge by a stripped descriptor (プーチン・ロシア大統領) separates nothing.
        if core.mayHoldMiddleDot, core.hasPrefix("·") || core.hasSuffix("·") {
            core = core.trimmingCharacters(in: CharacterSet(charactersIn: "· "))
        }
        var inner = ""
        core = stripTitles(core, title: &inner, language: &language, split: split)
        title = (before + (inner.isEmpty ? [] : [inner]) + after).joined(separator: " ")
        if uncertain { repairs.append(Self.nameSpanUncertain) }
        return core
    }

    // MARK: - Latin (Vietnamese, English)

    /// The words of one mention as ``latinMatch`` compares them: lowercased, whether any word
    /// carries marks, and each word's new-style spelling, computed once per mention and only
    /// when a Vietnamese row asks for it.
    final class LatinWords {
        let lower: [String]
        let hasMarks: Bool
        private var styled: [String?]

        init(_ lower: [String]) {
            self.lower = lower
            hasMarks = lower.contains(where: NameCanon.hasLatinMarks)
            styled = Array(repeating: nil, count: lower.count)
        }

        func newStyle(_ i: Int) -> String {
            if let s = styled[i] { return s }
            let s = VietnameseSyllable.newStyle(lower[i])
            styled[i] = s
            return s
        }
    }

    private func latinMatch(_ e: DescriptorTables.Entry, _ folded: [String], _ words: LatinWords, at i: Int) -> Bool {
        guard i + e.folded.count <= folded.count else { return false }
        let lower = words.lower
        if e.needsExact { return lower[i] == e.exact[0] }
        // A name written with Vietnamese marks spells its words exactly: Hoàng Tú Cường is a
        // person, not hoàng tử (prince) Cường; only text without marks matches a folded title.
        if e.language == "vi", words.hasMarks {
            // Either tone style (hoà, hòa) is the same word.
            guard i + e.exact.count <= lower.count else { return false }
            for k in 0..<e.exact.count where words.newStyle(i + k) != e.exactNewStyle[k] { return false }
            return true
        }
        // English descriptors are written without Vietnamese marks: Thái (a surname) is not Thai.
        if e.language == "en", lower[i..<(i + e.folded.count)].contains(where: Self.hasLatinMarks) { return false }
        for k in 0..<e.folded.count where folded[i + k] != e.folded[k] { return false }
        return true
    }

    /// The longest chain of descriptors at the start of `words` that leaves at least one word,
    /// as (entries, words consumed). Vietnamese writes the post first and the body or country
    /// after it (Chủ tịch Trung Quốc), English the other way round (Chinese President); a
    /// Vietnamese country or body must follow a post, never an honorific (ông Đức Anh).
    /// Whether a word carries letters with diacritics (Latin-1 Supplement to Latin Extended
    /// Additional), as Vietnamese words do.
    static func hasLatinMarks(_ word: String) -> Bool {
        word.unicodeScalars.contains { (0xC0...0x24F).contains($0.value) || (0x1E00...0x1EFF).contains($0.value) }
    }

    private func latinChain(_ folded: [String], _ lower: LatinWords, from i: Int, previous: DescriptorTables.Entry?,
                            depth: Int = 0) -> [DescriptorTables.Entry] {
        guard i < folded.count - 1, depth < 12, let entries = descriptors.latin[folded[i]] else { return [] }
        var best: [DescriptorTables.Entry] = []
        var bestWords = 0
        for e in entries where latinMatch(e, folded, lower, at: i) && i + e.folded.count < folded.count {
            if e.language == "vi", e.kind == .country || e.kind == .org || e.kind == .link {
                guard let p = previous, p.kind == .role || p.kind == .org || p.kind == .country || p.kind == .link
                        || (p.kind == .job && e.kind != .country)
                else { continue }
            }
            let rest = latinChain(folded, lower, from: i + e.folded.count, previous: e, depth: depth + 1)
            let words = e.folded.count + rest.reduce(0) { $0 + $1.folded.count }
            if words > bestWords { best = [e] + rest; bestWords = words }
        }
        return best
    }

    /// The number of words of a chain that may be stripped: it holds an anchor, does not end
    /// with a link, and a former marker (nguyên, cố are names too; "Late Show") is followed by a
    /// post; only "the late" stands alone.
    private func chainIsTitle(_ chain: [DescriptorTables.Entry]) -> Int {
        var chain = chain
        while let last = chain.last, last.kind == .link || (last.kind == .former && last.language == "vi") { chain.removeLast() }
        guard chain.contains(where: { $0.kind.anchors && $0.kind != .former })
                || chain.contains(where: { $0.kind == .former && $0.language == "en" && $0.folded.count > 1 })  // "the late X"
        else { return 0 }
        return chain.reduce(0) { $0 + $1.folded.count }
    }

    /// A text's words (`parts(0x20)`) and their folds, worked out by one step and handed to
    /// the next, which uses them only for the same text.
    struct SplitWords {
        let text: String
        let words: [String]
        let folded: [String]

        /// The words of `text`, when these are its words.
        func words(of text: String) -> SplitWords? { ExactText(text) == ExactText(self.text) ? self : nil }
    }

    func stripLatinDescriptors(_ text: String, before: inout [String], after: inout [String], uncertain: inout Bool,
                               split: inout SplitWords?) -> String {
        var text = text
        // "Zhao Leji, chairman of the NPC": a description after a comma.
        if text.utf8.contains(0x2C), let comma = text.firstIndex(of: ",") {
            let head = String(text[..<comma]).trimmingSpaces, tail = String(text[text.index(after: comma)...]).trimmingSpaces
            let tailWords = tail.parts(0x20)
            let f = tailWords.map { fold($0) }, l = tailWords.map { $0.latinLowered }
            let chain = latinChain(f + ["x"], LatinWords(l + ["x"]), from: 0, previous: nil)
            if !head.isEmpty, !tailWords.isEmpty, chainIsTitle(chain) == tailWords.count, head.contains(where: \.isLetter) {
                after.append(tail)
                text = head
            }
        }
        var words = text.parts(0x20)
        guard words.count >= 2 else { return text }
        // Most names hold no descriptor at all: no word but the last starts a row of the tables
        // whose folded words follow it (every match below, latinMatch, needs them: a marked
        // or exact spelling folds to them too), and none is a possessive. Then nothing below
        // could strip anything. Vietnamese given names share their first folded word with many
        // rows (Thanh, thành phố; Văn, vận động viên), so the first word alone says little.
        var folded = words.map { fold($0) }
        let mayStart = { (i: Int) -> Bool in
            guard let entries = self.descriptors.latin[folded[i]] else { return false }
            return entries.contains { e in
                i + e.folded.count <= folded.count && (1..<Swift.max(e.folded.count, 1)).allSatisfy { folded[i + $0] == e.folded[$0] }
            }
        }
        if !Self.mayBePossessive(words[0]), !(0..<(words.count - 1)).contains(where: mayStart) {
            guard text.isSingleSpaced else { return words.joined(separator: " ") }
            split = SplitWords(text: text, words: words, folded: folded)
            return text
        }
        // An owner in the possessive before a name ("Tencent's Ma Huateng", "Taiwan's
        // President ..."): a name never ends in 's, so the word is description.
        if words.count >= 3, let first = words.first, case let lowered = first.latinLowered,
           lowered.hasSuffix("'s") || lowered.hasSuffix("\u{2019}s"), first.count > 3 {
            before.append(first)
            words.removeFirst()
            folded.removeFirst()
        }
        var lower = words.map { w -> String in
            var w = w.latinLowered
            while let c = w.last, c == "." || c == "," || c == ":" { w.removeLast() }
            return w
        }
        let chain = latinChain(folded, LatinWords(lower), from: 0, previous: nil)
        let consumed = chainIsTitle(chain)
        var vietnamese = false
        if consumed > 0 {
            before.append(words.prefix(consumed).joined(separator: " "))
            vietnamese = chain.contains { $0.language == "vi" }
            words.removeFirst(consumed); folded.removeFirst(consumed); lower.removeFirst(consumed)
        }
        // Vietnamese: a body or place the tables do not know sits between the post and the
        // name ("Chủ tịch UBND tỉnh Quảng Nam Lê Trí Thanh"): the name is the last 2 to 4
        // words that start with a Vietnamese surname.
        // (A country ends the chain cleanly: "Chủ tịch Trung Quốc Tập Cận Bình".)
        // (A surname first keeps the words whole: "bà Công Tằng Tôn Nữ Tâm Tâm".)
        let openBody = chain.last?.kind == .org
        let surnameFirst = tables.viSurnamesExact.contains(lower[0]) || tables.viCompoundFirstWords.contains(folded[0])
        if vietnamese, words.count >= 3, !surnameFirst && (words.count > 4 || openBody) {
            // The commonest surname wins ("Nghệ An Nguyễn Đức Trung": An is a surname too).
            let candidates = (1..<words.count).filter { isVietnameseSurname(words[$0]) && (2...4).contains(words.count - $0) }
            if let j = candidates.min(by: { (tables.viSurnames[folded[$0]]?.rank ?? 10_000, $0) < (tables.viSurnames[folded[$1]]?.rank ?? 10_000, $1) }) {
                before.append(words.prefix(j).joined(separator: " "))
                words.removeFirst(j); folded.removeFirst(j); lower.removeFirst(j)
            } else if words.count > 4 {
                uncertain = true
            }
        }
        // A post in the middle: words before it the tables do not know ("NPC Chairman Zhao
        // Leji" with an unknown body). Acronyms and descriptor words go to the title; other
        // words leave the span uncertain.
        if words.count >= 3 {
            let latinWords = LatinWords(lower)
            for k in 1..<(words.count - 1) {
                guard let entries = descriptors.latin[folded[k]] else { continue }
                guard let e = entries.first(where: {
                    ($0.kind == .role || $0.kind == .job) && ($0.language == "en" || $0.folded.count > 1)
                        && ($0.folded.count > 1 || !Self.namelikePosts.contains($0.folded[0])
                            || looksLikeEastAsianName(words[(k + 1)...]))
                        && latinMatch($0, folded, latinWords, at: k) && k + $0.folded.count < words.count
                }) else { continue }
                let head = words[0..<k]
                // An acronym stands out only in text that is not all capitals.
                let allCaps = words.allSatisfy { w in w.filter(\.isLetter).allSatisfy(\.isUppercase) }
                let known = head.allSatisfy { w in
                    let letters = w.filter(\.isLetter)
                    let acronym = !allCaps && letters.count >= 2 && letters.count <= 6 && letters.allSatisfy(\.isUppercase)
                    return acronym || descriptors.latin[fold(w)] != nil
                }
                // A company or city the tables cannot know ("Xiaomi CEO Lei Jun", "Samsung
                // Chairman Lee Jae-yong"): one or two words, then the post, then
                // what is clearly a whole Chinese or Korean name.
                let end = k + e.folded.count
                let owner = k <= 2 && looksLikeEastAsianName(words[end...])
                if known || owner {
                    before.append(words.prefix(end).joined(separator: " "))
                    words.removeFirst(end)
                } else {
                    uncertain = true
                }
                break
            }
        }
        return words.joined(separator: " ")
    }

    /// True unless the word surely does not end in "'s" or "’s" (in any case), as the
    /// possessive test below asks: its last byte is an ASCII s (a Character that ends in a byte
    /// past ASCII is never "s": no other text is canonically equivalent to it), and the byte
    /// before is an apostrophe or ends a character past ASCII (’).
    static func mayBePossessive(_ word: String) -> Bool {
        let u = word.utf8
        guard let last = u.last, last == UInt8(ascii: "s") || last == UInt8(ascii: "S") else { return false }
        let end = u.index(before: u.endIndex)
        guard end > u.startIndex else { return false }
        let previous = u[u.index(before: end)]
        return previous == UInt8(ascii: "'") || previous >= 0x80
    }

    /// One-word posts that are also names (Federico Mayor Zaragoza, Richard Chief, Alec
    /// Guinness's General): inside a name they are not evidence of a description.
    static let namelikePosts: Set<String> = [
        "mayor", "general", "chief", "leader", "director", "commander", "founder", "governor", "admiral", "colonel",
        "manager", "member", "king", "prince", "princess", "queen", "judge", "justice", "major", "captain", "marshal",
        "sen", "rep", "gen", "col", "lt", "ambassador", "author", "writer", "poet", "actor", "coach", "striker",
        "defender", "chair", "sir", "lord", "dame", "emperor", "premier", "ceo", "cfo",
    ]

    func isVietnameseSurname(_ word: String) -> Bool {
        let lower = word.latinLowered
        return tables.viSurnamesExact.contains(lower) || sinoVietnameseSurnames.contains(lower)
            || (tables.viSurnames[fold(word)] != nil && lower == fold(word))
    }

    // MARK: - Hangul

    func stripHangulDescriptors(_ text: String, before: inout [String], after: inout [String], uncertain: inout Bool) -> String {
        var words = text.parts(0x20)
        var anchored = false
        var front: [String] = [], back: [String] = []
        func entry(_ ws: ArraySlice<String>) -> DescriptorTables.Entry? { descriptors.hangul[ws.joined(separator: " ")] }
        // After the name: "시진핑 주석", "트럼프 미국 대통령", "문재인 전 대통령".
        var changed = true
        while changed && words.count > 1 {
            changed = false
            for n in [2, 1] where words.count > n {
                if let e = entry(words.suffix(n)), e.after {
                    back.insert(words.suffix(n).joined(separator: " "), at: 0)
                    words.removeLast(n)
                    anchored = anchored || e.kind.anchors
                    changed = true
                    break
                }
            }
        }
        // A company or body the tables cannot know between the name and the post ("이재용
        // 삼성전자 회장"): Korean writes the name first, as one word of surname and two
        // syllables. Japanese and Western names written in Hangul take several words (이시바
        // 시게루), so the words after count as a body only when long (4+ syllables) or Latin.
        if !back.isEmpty, words.count >= 2, looksLikeHangulName(words[0]),
           words.dropFirst().allSatisfy({ $0.count >= 4 || $0.contains(where: { $0.isASCII && $0.isLetter }) }) {
            back.insert(words.dropFirst().joined(separator: " "), at: 0)
            words = [words[0]]
            anchored = true
        }
        // Before it: "중국 국가주석 시진핑", "전 대통령 문재인", "고 노무현".
        changed = true
        while changed && words.count > 1 {
            changed = false
            for n in [2, 1] where words.count > n {
                guard let e = entry(words.prefix(n)), e.before else { continue }
                // 고 and 전 are also surnames: a former marker needs a whole name after it.
                if e.kind == .former, words[n].count < 2 { continue }
                front.append(words.prefix(n).joined(separator: " "))
                words.removeFirst(n)
                anchored = anchored || e.kind.anchors
                changed = true
                break
            }
        }
        // Glued to the name: "김정은위원장", "홍길동씨".
        if words.count == 1, let word = words.first, word.count >= 2 {
            let chars = Array(word)
            for cut in stride(from: min(chars.count - 1, 5), through: 1, by: -1) {
                let suffix = String(chars.suffix(cut)), stem = String(chars.prefix(chars.count - cut))
                guard let e = descriptors.hangul[suffix], e.after, e.kind == .role || e.kind == .honorific || e.kind == .job,
                      cut >= 2 || e.kind == .honorific && (suffix == "씨" || suffix == "님") else { continue }
                guard tables.koSurnamesHangul[String(stem.prefix(1))] != nil || hangulChineseSurname(String(stem.prefix(1))) else { continue }
                back.insert(suffix, at: 0)
                words = [stem]
                anchored = true
                break
            }
        }
        guard anchored else { return text }
        before += front
        after += back
        if words.count > 3 || words.contains(where: { descriptors.hangul[$0] != nil }) { uncertain = true }
        return words.joined(separator: " ")
    }

    /// A titled Hangul surname alone ("시 주석") may stand for a Chinese person the article
    /// named in Korean transcription (시진핑 → Xi Jinping): its Chinese readings become
    /// alternates, which the registry tries when it ties a short form to the document.
    func addChineseSurnameReadings(_ core: String, to analysis: inout Analysis) {
        guard core.count == 1, let readings = tables.hangulChinese[core] else { return }
        for r in readings where tables.zhSurnamePinyin[r] != nil {
            let latin = Pinyin.capitalized(r)
            if latin != analysis.latin, !analysis.alternates.contains(latin) { analysis.alternates.append(latin) }
        }
    }

    /// True when a Hangul syllable is the Korean transcription of a Chinese surname (시 → Xi).
    func hangulChineseSurname(_ syllable: String) -> Bool {
        guard let readings = tables.hangulChinese[syllable] else { return false }
        return readings.contains { tables.zhSurnamePinyin[$0] != nil }
    }

    // MARK: - Han and kana

    func stripCJKDescriptors(_ text: String, before: inout [String], after: inout [String], uncertain: inout Bool) -> String {
        // Most Han names hold no character that starts a descriptor: asked of the scalars of
        // text that is surely NFC, before any Character is made (`cjkFirstScalars`).
        if text.unicodeScalars.allSatisfy({ TextCleaner.isSurelyNFC($0.value) && !descriptors.cjkFirstScalars.contains($0.value) }) {
            return text
        }
        let chars = Array(text)
        let n = chars.count
        guard n >= 2, descriptors.cjkLongest > 0 else { return text }
        let starts = chars.map { descriptors.cjkFirsts.contains($0) }
        func token(_ i: Int, _ j: Int) -> DescriptorTables.Entry? {
            starts[i] && j - i <= descriptors.cjkLongest ? descriptors.cjk[String(chars[i..<j])] : nil
        }
        // A post starts at i, perhaps after further former markers (已故前总理).
        func postStarts(at i: Int, depth: Int = 0) -> Bool {
            guard i < n, depth < 3 else { return false }
            for j in (i + 1)...min(n, i + descriptors.cjkLongest) {
                guard let e = token(i, j) else { continue }
                if e.kind == .role || e.kind == .job || e.kind == .org { return true }
                if e.kind == .former, e.before, postStarts(at: j, depth: depth + 1) { return true }
            }
            return false
        }
        // Quick test: most Han names hold no descriptor at all.
        var any = false
        outer: for i in 0..<n {
            for j in (i + 1)...min(n, i + descriptors.cjkLongest) where token(i, j) != nil { any = true; break outer }
        }
        guard any else { return text }
        // prefixes[i]: a way to read chars[0..<i] as descriptors written before a name;
        // suffixes[j]: chars[j..<n] as descriptors written after it. Each holds the cut points
        // and whether an anchor (post, honorific, job, former marker) is among them.
        var prefixes: [[Int]?] = Array(repeating: nil, count: n + 1)
        var prefixAnchor = Array(repeating: false, count: n + 1)
        prefixes[0] = []
        for i in 0..<n where prefixes[i] != nil {
            for j in (i + 1)...min(n, i + descriptors.cjkLongest) {
                guard let e = token(i, j), e.before, chars[j - 1] != "·" else { continue }
                // 前, 原, 故 are also the first characters of names (前田, 原田, 故宫): a former
                // marker counts only right before a post (前总理).
                if e.kind == .former && !postStarts(at: j) { continue }
                let anchor = prefixAnchor[i] || (e.kind.anchors && e.kind != .former)
                if prefixes[j] == nil || (anchor && !prefixAnchor[j]) {
                    prefixes[j] = prefixes[i]! + [j]
                    prefixAnchor[j] = anchor
                }
            }
        }
        var suffixes: [[Int]?] = Array(repeating: nil, count: n + 1)
        var suffixAnchor = Array(repeating: false, count: n + 1)
        suffixes[n] = []
        for j in stride(from: n, through: 1, by: -1) where suffixes[j] != nil {
            for i in stride(from: j - 1, through: max(0, j - descriptors.cjkLongest), by: -1) {
                guard let e = token(i, j), e.after else { continue }
                let anchor = suffixAnchor[j] || (e.kind.anchors && e.kind != .former)
                if suffixes[i] == nil || (anchor && !suffixAnchor[i]) {
                    suffixes[i] = [i] + suffixes[j]!
                    suffixAnchor[i] = anchor
                }
            }
        }
        // The name span: a Chinese surname and 0 to 2 given characters (0 only beside a post:
        // 习主席, 王外长), the longest such span whose both sides are descriptors.
        var best: (i: Int, j: Int, score: Int)? = nil
        for i in 0..<n where prefixes[i] != nil {
            for surnameLength in [2, 1] where i + surnameLength <= n {
                guard tables.zhSurnames[String(chars[i..<(i + surnameLength)])] != nil else { continue }
                for given in 0...2 {
                    let j = i + surnameLength + given
                    guard j <= n, suffixes[j] != nil, i > 0 || j < n else { continue }
                    guard prefixAnchor[i] || suffixAnchor[j] else { continue }
                    if chars[i..<j].contains(where: { !$0.unicodeScalars.allSatisfy { Script.of($0) == .han } }) { continue }
                    if given == 0 && !(suffixAnchor[j] && j < n || prefixAnchor[i] && i > 0) { continue }
                    let score = given * 10 + surnameLength
                    if best == nil || score > best!.score { best = (i, j, score) }
                }
            }
        }
        if let best {
            if best.i > 0 { before.append(String(chars[0..<best.i])) }
            if best.j < n { after.append(String(chars[best.j..<n])) }
            return String(chars[best.i..<best.j])
        }
        // An organisation or place the tables cannot know before a post (小米集团董事长雷军,
        // 臺北市長蔣萬安): the name is what follows the post, when it is a whole Chinese name
        // reaching the end of the mention.
        for length in [3, 2, 4] where n - length >= 2 {
            let k = n - length
            guard looksLikeHanName(chars[k..<n]) else { continue }
            let post = (1...min(k, descriptors.cjkLongest)).contains { len in
                guard let e = token(k - len, k) else { return false }
                return e.before && (e.kind == .role || e.kind == .job)
            }
            if post {
                before.append(String(chars[0..<k]))
                return String(chars[k..<n])
            }
        }
        // No Chinese surname fits (a Japanese or transcribed name: 岸田文雄首相, オバマ氏):
        // peel descriptors off both ends, keeping at least two characters.
        var i = 0, j = n, anchored = false
        var front: [String] = [], back: [String] = []
        var frontKinds: [DescriptorTables.Kind] = []
        var changed = true
        while changed {
            changed = false
            for len in stride(from: min(descriptors.cjkLongest, j - i - 2), through: 1, by: -1) {
                if let e = token(j - len, j), e.after {
                    back.insert(String(chars[(j - len)..<j]), at: 0); j -= len; anchored = anchored || e.kind.anchors; changed = true; break
                }
                if let e = token(i, i + len), e.before, e.kind != .former || postStarts(at: i + len) {
                    front.append(String(chars[i..<(i + len)])); frontKinds.append(e.kind); i += len
                    anchored = anchored || (e.kind.anchors && e.kind != .former); changed = true; break
                }
            }
        }
        // The name follows a post, an honorific or a particle (米国のバイデン), never a bare
        // country or body: 米 of 米倉涼子 is the name's own.
        while let last = frontKinds.last, last == .country || last == .org || last == .former {
            frontKinds.removeLast()
            i -= front.removeLast().count
        }
        let rest = String(chars[i..<j])
        // What is left holds a post or a country itself (中国外交部发言人 names no one).
        var restHasPost = false
        for a in i..<j where !restHasPost {
            var b = a + 2
            while b <= min(j, a + descriptors.cjkLongest) {
                if let e = token(a, b), e.kind == .role || e.kind == .country || e.kind == .org { restHasPost = true; break }
                b += 1
            }
        }
        if !anchored {
            if restHasPost && n > 4 { uncertain = true }
            return text
        }
        if !front.isEmpty { before.append(front.joined()) }
        if !back.isEmpty { after.append(back.joined()) }
        if restHasPost { uncertain = true }
        return rest
    }
}
