import Foundation
import NameCanon

/// The thresholds of fuzzy and phonetic candidates in `resolve`.
///
/// ```swift
/// registry.fuzzy.threshold = 0.95   // link only near-certain fuzzy matches
/// registry.fuzzy.threshold = 2      // never link by spelling or sound; report candidates only
/// ```
public struct FuzzySettings: Sendable, Hashable {
    /// The score a candidate needs to be linked automatically (`--fuzzy-threshold`). The
    /// default, 0.9, is the lowest score of `NameComparison.Verdict.same`.
    public var threshold: Double = NameComparison.Verdict.sameScore
    /// The score an entity needs to be reported as a candidate at all.
    public var candidateThreshold: Double = NameComparison.Verdict.possibleScore
    /// How far the best candidate must lead the second to be linked.
    public var margin: Double = 0.05
    /// At most this many candidates are reported.
    public var maxCandidates = 5
    /// Postings longer than this are too common to narrow anything down ("w:nguyen", "w:wang")
    /// and are skipped when other postings exist.
    public var maxPosting = 2_000
    /// At most this many entities are scored per mention, those sharing the most postings first.
    public var maxScored = 64

    /// The default settings: link at 0.9, report candidates from 0.6.
    public init() {}
}

/// Postings for fuzzy blocking: each word of a name's ASCII key, spelling-folded ("w:zelenski"),
/// and the strong sound skeleton of each part that can be read by sound ("p:TLNP" for Trump,
/// 特朗普, 트럼프, トランプ and Трамп alike). A mention's candidates are the entities sharing a
/// posting with it; only those are scored.
final class FuzzyIndex {
    var postings: [String: SmallSet<String>] = [:]
    let canon: NameCanon

    init(canon: NameCanon) { self.canon = canon }

    static func words(_ key: String) -> [String] {
        key.split(whereSeparator: { $0 == " " || $0 == "-" }).map { NameCanon.spellingFold(String($0)) }.filter { $0.count >= 2 }
    }

    func blocks(of name: StoredName) -> Set<String> {
        guard let key = name.keys.first(where: { $0.kind == .ascii })?.value else { return [] }
        var out = Set(Self.words(key).map { "w:" + $0 })
        let script = name.script
        let language = name.language
        for block in canon.phoneticBlocks(text: name.text, script: script, language: language, key: key) { out.insert("p:" + block) }
        return out
    }

    func add(_ entity: Entity) { add(entity.names, of: entity.id) }

    /// Adds names of an entity without revisiting its others (alias and merge stay linear).
    func add(_ names: some Sequence<StoredName>, of id: String) {
        for name in names { for block in blocks(of: name) { postings[block, default: []].insert(id) } }
    }

    func remove(_ entity: Entity) {
        for name in entity.names {
            for block in blocks(of: name) {
                postings[block]?.remove(entity.id)
                if postings[block]?.isEmpty == true { postings[block] = nil }
            }
        }
    }
}

extension Registry {
    /// What the fuzzy stage found: an entity it links, and the candidates it reports.
    struct FuzzyOutcome {
        var linked: Resolution?
        var candidates: [Candidate]
    }

    /// The entities a fuzzy stage compares, with their names as stored: gathered with the lock
    /// held, read and compared without it.
    struct FuzzyPool: Sendable {
        var entries: [(id: String, display: String, names: [StoredName])]
        /// The mention is one word that splits into two indexed words ("SergeiLavrov").
        var glued: Bool
    }

    // The fuzzy and phonetic stage, run only when every key stage found nothing: entities
    // sharing a word or a sound skeleton with the mention (`fuzzyPool`, lock held) are compared
    // name by name (`scoreFuzzy`, no lock: `NameCanon.compare`); those scoring at least
    // `fuzzy.candidateThreshold` are candidates. The best is linked (`finishFuzzy`, lock held)
    // only when it scores at least the threshold, leads the next by `fuzzy.margin`, and the
    // mention is a full name. `resolveMention` runs the three.

    /// The entities sharing a word or a sound skeleton with the mention, most shared first, at
    /// most `fuzzy.maxScored`; nil when there are none. Called with the lock held; `blocks` are
    /// the mention's phonetic blocks (`MentionReadings`).
    func fuzzyPool(_ n: NormalizedName, blocks phonetic: [String]) -> FuzzyPool? {
        if entities.isEmpty { return nil }
        if fuzzyIndex == nil {
            let built = FuzzyIndex(canon: canon)
            for entity in entities.values { built.add(entity) }
            fuzzyIndex = built
        }
        guard let index = fuzzyIndex else { return nil }
        var blocks = Set(FuzzyIndex.words(n.key).map { "w:" + $0 })
        for block in phonetic { blocks.insert("p:" + block) }
        // A glued name ("SergeiLavrov"): the splits of the one word into two indexed words.
        let words = FuzzyIndex.words(n.key)
        var glued = false
        if words.count == 1, let word = words.first, word.count >= 4 {
            for cut in 2...(word.count - 2) {
                let head = "w:" + word.prefix(cut), tail = "w:" + word.dropFirst(cut)
                if index.postings[head] != nil, index.postings[tail] != nil { blocks.insert(head); blocks.insert(tail); glued = true }
            }
        }
        let lists = blocks.compactMap { index.postings[$0] }.sorted { $0.count < $1.count }
        var hits: [String: Int] = [:]
        for (i, list) in lists.enumerated() where i == 0 || list.count <= fuzzy.maxPosting {
            if list.count > fuzzy.maxPosting * 4 { continue }
            for id in list { hits[id, default: 0] += 1 }
        }
        let scored = hits.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(fuzzy.maxScored)
        var pool = FuzzyPool(entries: [], glued: glued)
        for (id, _) in scored {
            guard let entity = entities[id] else { continue }
            pool.entries.append((id, entity.display, entity.names))
        }
        return pool.entries.isEmpty ? nil : pool
    }

    /// The pool's candidates, best first: each entity scored by its best-comparing name, none
    /// when a name rules the mention out. Needs no lock: it reads only the pool, the engine and
    /// the simplified cores' own memo.
    func scoreFuzzy(_ n: NormalizedName, _ pool: FuzzyPool, settings: FuzzySettings) -> [Candidate] {
        var candidates: [Candidate] = []
        for (id, display, stored) in pool.entries {
            // A Han mention never meets a person whose Han name is written otherwise (李蔷, 李强).
            if n.script == .han, !hanCompatible(n, names: stored) { continue }
            // The stored keys stand in for a fresh normalize; a Han name's display is its
            // simplified core, as `hanCompatible` compares it (cached).
            let names = stored.prefix(32).map { name in
                NormalizedName(storedText: name.script == .han ? simplifiedCore(name.text) : name.text,
                               script: name.script, language: name.language, keys: name.keys)
            }
            var best: NameComparison? = nil
            var ruledOut = false
            for stored in names {
                let c = canon.compare(n, stored)
                if c.method == .conflict { ruledOut = true; break }
                if c.score > (best?.score ?? -1) { best = c }
            }
            guard !ruledOut, let best, best.score >= settings.candidateThreshold else { continue }
            let match: MatchKind = best.method == .phonetic ? .phonetic : .fuzzy
            candidates.append(Candidate(entity: id, canonical: display, score: best.score, match: match,
                                        explain: "\(best.b.display): \(best.explanation)"))
        }
        candidates.sort { $0.score != $1.score ? $0.score > $1.score : $0.entity < $1.entity }
        return Array(candidates.prefix(settings.maxCandidates))
    }

    /// Links the best candidate when it clearly wins and is still a live entity. Called with the
    /// lock held.
    func finishFuzzy(_ n: NormalizedName, _ reported: [Candidate], glued: Bool, text: String, mention: String,
                     short: Bool, threshold: Double) -> FuzzyOutcome {
        guard let top = reported.first else { return FuzzyOutcome(linked: nil, candidates: []) }
        let second = reported.dropFirst().first?.score ?? 0
        // A one-word mention is linked only when it is a full name glued together (SergeiLavrov).
        let gluedFullName = glued && top.explain.contains("(glued words)")
        guard !short || gluedFullName, top.score >= threshold, top.score - second >= fuzzy.margin, let entity = entities[top.entity] else {
            return FuzzyOutcome(linked: nil, candidates: reported)
        }
        let why = "\(text) → \(top.match.rawValue) \(top.score) ≥ \(threshold) = \(entity.display) (\(entity.id)): \(top.explain)"
            + (reported.count > 1 ? "; next best \(second)" : "") + "; not learned as a name"
        let linked = Resolution(mention: mention, entity: entity.id, canonical: entity.display, score: top.score, match: top.match,
                                explain: why, candidates: reported, learned: false, name: n)
        return FuzzyOutcome(linked: linked, candidates: reported)
    }
}

extension Registry {
    static let eastAsian: Set<NameLanguage> = [.zh, .vi, .ko]

    /// True when a mention may meet an entity through its key in the other order: the mention
    /// or the entity's name with that key is Chinese, Vietnamese or Korean. Western names in
    /// swapped order (Friedrich Hans, Hans Friedrich) are different people.
    /// A surname written in capitals before the given name ("YELLEN Janet", as lists and
    /// passports write it) says the order too.
    func orderSwapAllowed(_ n: NormalizedName, entity id: String, key: String) -> Bool {
        if Self.eastAsian.contains(n.language) || Self.capitalSurnameFirst(n.input) { return true }
        guard let entity = entities[id] else { return false }
        return entity.names.contains {
            $0.keys.first?.value == key && (Self.eastAsian.contains($0.language) || Self.capitalSurnameFirst($0.text))
        }
    }

    static func capitalSurnameFirst(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        func caps(_ w: Substring) -> Bool {
            let letters = w.filter(\.isLetter)
            return letters.count > 1 && letters.allSatisfy(\.isUppercase)
        }
        guard words.count >= 2, let first = words.first, caps(first) else { return false }
        return words.dropFirst().contains { !caps($0) }
    }
}
