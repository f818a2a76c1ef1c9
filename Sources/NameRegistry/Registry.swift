import Foundation
import NameCanon

/// Persistent person identities: every form of one person's name resolves to one stable ID.
///
/// The registry keeps an index of every stored name's text and keys in memory, loaded when it
/// opens and updated with each write; the store is written (and committed) before an operation
/// returns. One lock serializes operations within a process.
///
/// ```swift
/// let registry = try Registry(store: try SQLiteStore(inMemory: ()))
/// let xi = try registry.resolve("Xi Jinping", create: true)      // match: created
/// try registry.resolve("習近平").entity == xi.entity              // true, match: key
/// try registry.resolve("Xi", doc: "a1").match                     // .none: no full mention yet
/// ```
public final class Registry: @unchecked Sendable {
    // The index and its helpers are internal, not private, so that each concern of the registry
    // (comparison, curation, freshness across processes) lives in its own `Registry+X.swift` file.

    /// A key posting: which entity has a name with the key, and whether that name is in Han
    /// characters (Hán-Việt keys only match across Han and Latin).
    struct Posting: Hashable {
        var entity: String
        var han: Bool
    }

    /// Where the registry's entities are kept and every write is committed.
    public let store: any RegistryStore
    /// The engine that normalizes mentions and names and derives their keys.
    public let canon: NameCanon

    /// Recursive: a group commit (`grouped`) holds it while the operations inside take it again.
    let lock = NSRecursiveLock()
    /// How deep the calling thread is inside `grouped` (only read and written with the lock held).
    var groupDepth = 0
    /// Every live entity, compactly encoded (EntityTable.swift).
    var entities: EntityTable
    var redirects: [String: String] = [:]
    /// Entity → the entities someone judged to be other people (both directions).
    var judgedDistinct: [String: Set<String>] = [:]
    /// Text → the entities with a name of that text.
    var exact: ExactIndex
    /// Key → the entities with a name that has it.
    var postings: KeyIndex
    var contexts: DocumentContexts
    /// Han text → its simplified core (`simplifiedCore`).
    let simplifiedCores = BoundedCache<String, String>(limit: 100_000)
    /// Text → its words with their marks (`markedWordsRemembered`).
    var markedWordsCache: [String: [(folded: String, marks: MarkedWord?)]] = [:]
    /// Hán-Việt key → its loose readings (`looseReadings(forHanViet:)`); its own lock, as it
    /// is read with the registry's lock released.
    let looseReadingCache = BoundedCache<String, [String]>(limit: 100_000)
    /// How the index was last built: "image" (the store's index image, then the change log),
    /// "rows" (every row read) or "snapshot" (a store's `load`).
    var builtFrom = ""
    /// The texts' and keys' index pairs of an open, inserted together at its end.
    var pendingExact: [UInt64] = []
    var pendingKeys: [UInt64] = []
    /// Word and sound postings for fuzzy candidates; built on the first lookup that needs it.
    var fuzzyIndex: FuzzyIndex?
    /// Thresholds of fuzzy and phonetic candidates (see `FuzzySettings`).
    public var fuzzy = FuzzySettings()
    /// The sequence number of the last store change the index includes (see `catchUp`).
    var lastSeen: Int64 = 0
    /// Counts changes to the index, so an operation that released the lock can tell whether
    /// anything changed meanwhile.
    var indexGeneration = 0

    /// Opens a registry over a store, loading the store into the in-memory index.
    ///
    /// - Parameters:
    ///   - store: where the entities are kept; every write is committed to it.
    ///   - canon: the engine that normalizes mentions and derives their keys.
    ///   - documents: how many documents' mentions are kept for short forms.
    public init(store: any RegistryStore, canon: NameCanon = .shared, documents: Int = 10_000) throws(RegistryError) {
        self.store = store
        self.canon = canon
        self.contexts = DocumentContexts(capacity: documents)
        let table = EntityTable()
        entities = table
        exact = ExactIndex(table: table)
        postings = KeyIndex(table: table)
        try reload()
    }

    /// Rebuilds the in-memory index from the store.
    public func reload() throws(RegistryError) {
        lock.lock()
        defer { lock.unlock() }
        try replaceIndexFromStore()
    }

    /// Runs registry operations as one group commit: the writes of every operation inside `body`
    /// go to the store in one transaction, committed once when `body` returns, so a stream of
    /// new people costs one commit, not one each. Other threads' operations wait until the group
    /// ends (it holds the registry's lock), so keep a group short: a few hundred operations.
    ///
    /// Nothing a group wrote is durable before this returns; a caller acknowledges the results
    /// only then. When `body` throws or the commit fails, the store has rolled every write of the
    /// group back, the index is reloaded from the store, and the error is rethrown: the caller
    /// may repeat the operations one by one. Stores that cannot group run each write as usual.
    ///
    /// ```swift
    /// let results = try registry.grouped { try mentions.map { try registry.resolve($0, create: true) } }
    /// ```
    public func grouped<T>(_ body: () throws -> T) throws -> T {
        lock.lock()
        defer { lock.unlock() }
        if groupDepth > 0 { return try body() }
        do {
            let (value, sequence) = try store.grouped { () throws -> T in
                // Once caught up inside the group's transaction, no other process can write
                // until it commits, so the operations inside need not ask again.
                try catchUp(confirm: true)
                groupDepth += 1
                defer { groupDepth -= 1 }
                return try body()
            }
            if let sequence { lastSeen = sequence }
            return value
        } catch {
            try? reload()
            throw error
        }
    }

    // MARK: - Index

    /// Empties the in-memory index without freeing it, for a process about to exit: the index is
    /// handed to the process, which frees it at its end in one go. The registry answers nothing
    /// after this; its store closes when the registry is released.
    package func abandonIndex() {
        lock.lock()
        defer { lock.unlock() }
        final class Abandoned {
            let index: (EntityTable, ExactIndex, KeyIndex, FuzzyIndex?)
            init(_ index: (EntityTable, ExactIndex, KeyIndex, FuzzyIndex?)) { self.index = index }
        }
        _ = Unmanaged.passRetained(Abandoned((entities, exact, postings, fuzzyIndex)))
        resetIndex()
        fuzzyIndex = nil
    }

    /// An empty index, sized for `entities` entities, `names` names and `keys` keys (the text and
    /// key tables only when `sizeTables`: a bulk open sizes them by distinct keys, `insertAll`).
    func resetIndex(entities count: Int = 0, names: Int = 0, keys: Int = 0, sizeTables: Bool = true) {
        let table = EntityTable()
        // About 80 bytes a name encoded: its text, its keys and its share of the entity's ID and display.
        table.reserveCapacity(entities: count, bytes: names * 80)
        entities = table
        exact = ExactIndex(table: table)
        postings = KeyIndex(table: table)
        if sizeTables {
            exact.map.reserve(names)
            postings.map.reserve(keys)
        }
    }

    func index(_ entity: Entity) {
        index(entity.names, of: entity.id)
    }

    /// Indexes names added to an entity, without touching its other names.
    func index(_ names: some Sequence<StoredName>, of id: String) {
        guard let number = entities.number(of: id) else { return }
        index(names, of: id, number: number)
    }

    /// Indexes names of the entity `id`, whose number in `entities` is `number`.
    func index(_ names: some Sequence<StoredName>, of id: String, number: UInt32) {
        indexGeneration &+= 1
        for name in names {
            exact.insert(name.text, number)
            for key in name.keys { postings.insert(key, number) }
        }
        fuzzyIndex?.add(names, of: id)
    }

    func unindex(_ entity: Entity) {
        indexGeneration &+= 1
        fuzzyIndex?.remove(entity)
        guard let number = entities.number(of: entity.id) else { return }
        for name in entity.names {
            exact.remove(name.text, number)
            for key in name.keys { postings.remove(key, number) }
        }
    }

    /// Replaces an entity in the index (after its names or display changed).
    func reindex(_ entity: Entity) {
        if let old = entities[entity.id] { unindex(old) }
        entities[entity.id] = entity
        index(entity)
    }

    /// The live ID an ID stands for, following a redirect.
    func live(_ id: String) -> String? {
        if entities.contains(id) { return id }
        if let to = redirects[id], entities.contains(to) { return to }
        return nil
    }

    // MARK: - Names

    /// The text as stored: NFC, trimmed, inner white space collapsed to single spaces.
    public static func clean(_ text: String) -> String {
        if text.isComposedAndSingleSpaced { return text }
        return text.precomposedStringWithCanonicalMapping
            .split(whereSeparator: { $0.isWhitespace })
            .joined(separator: " ")
    }

    func storedName(_ n: NormalizedName, text: String, kind: NameKind, source: String) -> StoredName {
        StoredName(text: text, language: n.language, script: n.script, kind: kind, source: source, keys: n.keys)
    }

    /// A new ID: "p" and ten base-32 characters of a random 48-bit number, never one issued before.
    func newID() throws(RegistryError) -> String { try newIDs(1)[0] }

    /// `count` different new IDs, asking the store about all of them at once (a batch of
    /// creations on a server then costs one round trip for its IDs, not one each).
    func newIDs(_ count: Int) throws(RegistryError) -> [String] {
        var ids: [String] = []
        var chosen = Set<String>()
        for _ in 0..<32 where ids.count < count {
            var candidates: [String] = []
            while candidates.count < count - ids.count {
                let id = Self.randomID()
                if !entities.contains(id), redirects[id] == nil, chosen.insert(id).inserted { candidates.append(id) }
            }
            let taken = try store.takenIDs(candidates)
            ids += candidates.filter { !taken.contains($0) }
        }
        if ids.count < count { throw RegistryError(.store, "could not find an unused ID") }
        return ids
    }

    private static func randomID() -> String {
        let alphabet = Array("0123456789abcdefghjkmnpqrstvwxyz")
        var generator = SystemRandomNumberGenerator()
        var value = UInt64.random(in: 0..<(1 << 48), using: &generator)
        var chars: [Character] = []
        for _ in 0..<10 {
            chars.append(alphabet[Int(value & 31)])
            value >>= 5
        }
        return "p" + String(chars.reversed())
    }

    /// True when `id` has the shape of a registry ID: 1 to 64 URL-safe characters.
    public static func isValidID(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= 64 && id.utf8.allSatisfy {
            ($0 >= 0x30 && $0 <= 0x39) || ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || $0 == 0x2D || $0 == 0x5F
        }
    }

    // MARK: - Resolve

    struct Lookup {
        var match: MatchKind
        var entities: [String]
        /// What was compared, for the explanation: "key xi jinping".
        var via: String
        /// A Hán-Việt reading matched through the table read backwards: weaker than forwards.
        var backwards = false
    }

    /// The candidates through the keys, strongest first; the first stage with any candidate wins.
    ///
    /// The bridge stages read the mention's `readings`, worked out with the lock released. When
    /// a stage needs them and `readings` is nil, `needsReadings` is set and nil returned: the
    /// caller works them out and looks again (`lookupWithReadings`). Reads the index only.
    func lookup(_ n: NormalizedName, text: String, short: Bool, readings: MentionReadings?,
                needsReadings: inout Bool) -> Lookup? {
        func stage(_ match: MatchKind, _ via: String, _ ids: some Sequence<String>) -> Lookup? {
            var found = Set(ids.compactMap { live($0) })
            if found.isEmpty { return nil }
            // People judged different from the one found, whom the mention fits as well.
            if found.count == 1, let partners = judgedDistinct[found.first!] {
                found.formUnion(partners.filter { fitsDistinctPartner(n, text: text, entity: $0) })
            }
            return Lookup(match: match, entities: found.sorted(), via: via)
        }
        if let ids = exact[text], var hit = stage(.exact, "exact text", ids) {
            // A form the resolver learned by itself ("Le Van Hung" for Lê Văn Hùng) is no
            // evidence against another person it fits as well (Lê Văn Hưng): tie them.
            if hit.entities.count == 1, !isAsserted(text, entity: hit.entities[0]) {
                let others = Set((postings[NameKey(.ascii, n.key)] ?? []).compactMap { live($0.entity) })
                    .subtracting(hit.entities).filter { writingCompatible(n, span: text, entity: $0) }
                if !others.isEmpty {
                    hit.entities = (others + hit.entities).sorted()
                    hit.via = "exact text, learned, and key \(n.key)"
                }
            }
            return hit
        }
        // Keys cannot tell homophones apart (李强 and 李蔷 are both "li qiang"; Lê Văn Hùng and
        // Lê Văn Hưng both "le van hung"), so a mention only meets entities whose writing agrees
        // (see Registry+Precision.swift).
        let sameHan: (String) -> Bool = { self.writingCompatible(n, span: text, entity: $0) }
        if let ids = postings[NameKey(.ascii, n.key)], let hit = stage(.key, "key \(n.key)", ids.map(\.entity).filter(sameHan)) { return hit }
        if let syllables = n.key(.syllable), let ids = postings[NameKey(.syllable, syllables)],
           let hit = stage(.syllables, "syllables \(syllables)", ids.map(\.entity).filter(sameHan)) { return hit }
        if short { return nil }
        if let hit = romanizationLookup(n) { return hit }
        let mentionIsHan = n.script == .han
        // Hán-Việt keys have no marks either: the marked reading must agree (黎文雄 is Lê Văn Hùng).
        if mentionIsHan, readings == nil, let hanviet = n.key(.hanviet), postings[NameKey(.hanviet, hanviet)] != nil {
            needsReadings = true
            return nil
        }
        let sameReading: (String) -> Bool = !mentionIsHan ? sameHan : { id in
            readings?.hanvietReading.map { self.marksCompatible($0, vietnamese: true, entity: id) } ?? true
        }
        if let hanviet = n.key(.hanviet), let ids = postings[NameKey(.hanviet, hanviet)],
           let hit = stage(.hanviet, "hanviet \(hanviet)", ids.filter { $0.han != mentionIsHan }.map(\.entity).filter(sameReading)) { return hit }
        // Only Chinese, Vietnamese and Korean names mean one person in either order ("Ryan Paul" is
        // not Paul Ryan), and a surname in capitals first says the order ("YELLEN Janet"): see
        // Registry+Fuzzy.swift.
        for swapped in Self.swappedKeys(n.key) {
            if let ids = postings[NameKey(.ascii, swapped)],
               let hit = stage(.order, "order swapped \(swapped)",
                               ids.map(\.entity).filter { orderSwapAllowed(n, entity: $0, key: swapped) && sameHan($0) }) { return hit }
        }
        // Backwards: a Vietnamese reading of a Chinese name meets the pinyin syllables of a
        // person whose Han form was never seen. Every syllable must agree.
        guard let readings else {
            needsReadings = true
            return nil
        }
        if !mentionIsHan, let hanviet = n.key(.hanviet), !postings.isEmpty {
            var ids: [String] = []
            var via: [String] = []
            for syllables in readings.pinyinKeys {
                guard let hits = postings[NameKey(.syllable, syllables)] else { continue }
                ids += hits.map(\.entity).filter(sameHan)
                via.append(syllables)
            }
            if var hit = stage(.hanviet, "hanviet \(hanviet) read back as syllables \(via.joined(separator: " or "))", ids) {
                hit.backwards = true
                return hit
            }
        }
        return hanvietAcrossRomanizations(n, readings)
    }

    /// `lookup`, working out the mention's readings with the lock released when a stage needs
    /// them or nothing was found (the fuzzy, context and creation steps read them too), then looking
    /// again: the index may have changed meanwhile. Called with the lock held; `readings` keeps
    /// what was worked out for the caller's later stages.
    func lookupWithReadings(_ n: NormalizedName, text: String, short: Bool, readings: inout MentionReadings?) -> Lookup? {
        var needs = false
        let found = lookup(n, text: text, short: short, readings: readings, needsReadings: &needs)
        guard readings == nil, needs || found == nil else { return found }
        lock.unlock()
        let worked = mentionReadings(n, text: text)
        lock.lock()
        readings = worked
        return lookup(n, text: text, short: short, readings: worked, needsReadings: &needs)
    }

    /// True when the entity has no Han name, or a Han name written with the same characters as
    /// the Han mention once both are simplified (習近平 and 习近平 agree; 李强 and 李蔷 do not).
    func hanCompatible(_ n: NormalizedName, entity id: String) -> Bool {
        guard let entity = entities[id] else { return false }
        return hanCompatible(n, names: entity.names)
    }

    /// The same for an entity's names as read from the index (needs no lock).
    func hanCompatible(_ n: NormalizedName, names: [StoredName]) -> Bool {
        let hanNames = names.filter { $0.script == .han }
        if hanNames.isEmpty { return true }
        let mention = simplifiedCore(n.display)
        return hanNames.contains { simplifiedCore($0.text) == mention }
    }

    /// A Han name without its titles, in simplified characters; cached by text (in a memo with
    /// its own lock: the fuzzy stage asks with the registry's lock released).
    func simplifiedCore(_ text: String) -> String {
        simplifiedCores.value(for: text) {
            let core = (try? canon.normalize(text).display) ?? text
            return (try? canon.transliterate(core, to: .simplified)) ?? core
        }
    }

    /// The score of a Hán-Việt match through the table read backwards: a Vietnamese syllable
    /// stands for several Han characters, so it is trusted less than the forward match.
    static let backwardsScore = 0.6

    /// The key with its last token moved to the front, and with its first moved to the end.
    static func swappedKeys(_ key: String) -> [String] {
        let tokens = key.split(separator: " ")
        guard tokens.count >= 2 else { return [] }
        let lastFirst = ([tokens.last!] + tokens.dropLast()).joined(separator: " ")
        let firstLast = (tokens.dropFirst() + [tokens.first!]).joined(separator: " ")
        return lastFirst == firstLast ? [lastFirst] : [lastFirst, firstLast]
    }

    /// Finds the person a mention names.
    ///
    /// Full names go through the keys, strongest first: exact text, ASCII key, syllable key,
    /// Hán-Việt key (across Han and Latin only), then surname and given name swapped. A short
    /// form (one token: "Xi", "President Xi", "Trong", "Nguyen") with a `doc` first looks for
    /// the most recent full mention in that document it can stand for; it never creates a person.
    /// Several entities at the first stage that finds any give `ambiguous`, never a pick.
    ///
    /// - Parameters:
    ///   - mention: the name as found.
    ///   - language: the caller's knowledge of the language.
    ///   - doc: the document the mention is in, for short forms.
    ///   - create: make an entity when nothing matches, and learn new forms of matched entities.
    ///   - source: recorded with names this call adds.
    ///   - fuzzyThreshold: the score a fuzzy or phonetic candidate needs to be linked (default
    ///     `fuzzy.threshold`); more than 1 turns linking off and keeps the candidates.
    ///
    /// ```swift
    /// let r = try registry.resolve("Nguyen Phu Trong")
    /// r.canonical   // "Nguyễn Phú Trọng" once that form is known
    /// ```
    /// (The public `resolve` in Registry+Glosses.swift first weighs the mention's glosses and the
    /// caller's aliases, then calls this.)
    func resolveMention(_ mention: String, language: NameLanguage? = nil, doc: String? = nil,
                        create: Bool = false, source: String = "resolve", fuzzyThreshold: Double? = nil) throws -> Resolution {
        let written = Self.clean(mention)
        let n = try canon.normalize(written, hint: language)
        // The name without its titles and descriptors is what is compared and stored.
        let text = n.span.isEmpty ? written : Self.clean(n.span)
        let short = !n.key.utf8.contains(0x20)  // keys hold no marks: a space byte is a space
        lock.lock()
        defer { lock.unlock() }
        // Other processes' writes first: a person one of them just created must be found here.
        try catchUp(confirm: create)

        func answer(_ match: MatchKind, _ entity: Entity?, _ explain: String, learned: Bool = false) -> Resolution {
            Resolution(mention: mention, entity: entity?.id, canonical: entity?.display, score: match.score, match: match,
                       explain: explain, candidates: [], learned: learned, name: n)
        }

        // A short form tries its key, then its other readings (시 → Si, then Xi for 시진핑).
        let shortTokens = short ? [n.key] + n.alternates.map { $0.lowercased().filter { $0.isASCII && $0.isLetter } } : []
        if short, let doc,
           let tied = shortTokens.lazy.compactMap({ t in self.contexts.lookup(doc: doc, token: t).map { (token: t, mention: $0) } }).first,
           let id = live(tied.mention.entity), let entity = entities[id],
           n.script != .latin || marksCompatible(text, vietnamese: n.language == .vi, entity: id) {
            return answer(.context, entity, "\(text) → context: the most recent full mention in \(doc) with \(tied.token) = \(entity.display) (\(id))")
        }
        var readings: MentionReadings? = nil
        var found = lookupWithReadings(n, text: text, short: short, readings: &readings)
        if found == nil, let doc, let hit = japaneseSurnameInContext(n, keys: readings?.japaneseSurnameKeys ?? [], doc: doc),
           let entity = entities[hit.entity] {
            return answer(.context, entity, "\(text) → context: a Japanese surname read \(hit.token), of the most recent full mention in \(doc) = \(entity.display) (\(hit.entity))")
        }
        if found == nil, let doc, let hit = givenNameInContext(n, doc: doc), let entity = entities[hit.entity] {
            return answer(.context, entity, "\(text) → context: \(hit.part) of the most recent full mention in \(doc) with \(hit.token) = \(entity.display) (\(hit.entity))")
        }
        // Only after every key stage failed: close names by spelling or sound (Registry+Fuzzy.swift).
        // The comparisons, the engine's heaviest work here, run with the lock released, so other
        // threads' operations go on meanwhile; when the index changed in between, the key stages
        // run again before anything is decided (a person another thread just created is found).
        var fuzzy: FuzzyOutcome? = nil
        if found == nil, let pool = fuzzyPool(n, blocks: readings?.phoneticBlocks ?? []) {
            let generation = indexGeneration, settings = self.fuzzy
            lock.unlock()
            let scored = scoreFuzzy(n, pool, settings: settings)
            lock.lock()
            if generation != indexGeneration { found = lookupWithReadings(n, text: text, short: short, readings: &readings) }
            if found == nil {
                fuzzy = finishFuzzy(n, scored, glued: pool.glued, text: text, mention: mention, short: short,
                                    threshold: fuzzyThreshold ?? self.fuzzy.threshold)
            }
        }
        if let linked = fuzzy?.linked {
            if let doc, !short, let id = linked.entity { contexts.record(doc: doc, key: n.key, entity: id) }
            return linked
        }
        let similar = fuzzy?.candidates ?? []
        func withSimilar(_ r: Resolution) -> Resolution {
            guard !similar.isEmpty else { return r }
            var r = r
            r.candidates = similar
            r.explain += "; close by spelling or sound: " + similar.map { "\($0.canonical) (\($0.entity)) \($0.score)" }.joined(separator: ", ")
            return r
        }
        for attempt in 0..<3 {
            if let found, found.entities.count > 1 {
                var result = answer(.ambiguous, nil, "")
                result.score = found.backwards ? Self.backwardsScore : found.match.score
                result.candidates = found.entities.map { Candidate(entity: $0, canonical: entities[$0]?.display ?? "", score: result.score, match: found.match) }
                let list = result.candidates.map { "\($0.canonical) (\($0.entity))" }.joined(separator: ", ")
                result.explain = "\(text) → \(found.via) fits \(found.entities.count) entities: \(list); none chosen"
                return result
            }
            if let hit = found, let id = hit.entities.first, var entity = entities[id] {
                var learned = false
                if create, exact[text]?.contains(id) != true {
                    do { entity = try learn(n, text: text, source: source, into: entity) } catch let error as RegistryError
                        where error.code == .notFound && attempt < 2 {
                        // Another process merged the entity away a moment ago: catch up, look again.
                        try catchUp(confirm: true)
                        found = lookupWithReadings(n, text: text, short: short, readings: &readings)
                        continue
                    }
                    learned = true
                }
                if create { entity = try learnEnglishName(n, source: source, into: entity) }
                if let doc, !short { contexts.record(doc: doc, tokens: contextTokens(n, entity: entity), entity: id) }
                let note = learned ? "; learned as a new name" : ""
                var result = answer(hit.match, entity, "\(text) → \(hit.via) = \(entity.display) (\(id))\(note)", learned: learned)
                if hit.backwards { result.score = Self.backwardsScore }
                return result
            }
            if short {
                let why = doc == nil ? "no document to tie it to" : "no full mention in \(doc!) it can stand for"
                return withSimilar(answer(.none, nil, "\(text) → a one-word name alone: \(why); no person is created from it"))
            }
            guard create else { return withSimilar(answer(.none, nil, "\(text) → no entity has this name or any of its keys")) }
            if n.repairs.contains(NameCanon.nameSpanUncertain) {
                return withSimilar(answer(.none, nil, "\(text) → descriptor words surround a name that cannot be told apart from them (\(n.display)); no person is created"))
            }
            var entity = Entity(id: try newID(), display: Self.clean(n.latin),
                                names: [storedName(n, text: text, kind: .primary, source: source)])
            entity.display = bestDisplay(entity)
            // Every key of the name is re-checked inside the store's transaction, so two processes
            // meeting one new person in different written forms end with one entity. Inside a group
            // that holds the store's write lock the index is the store (caught up when the group
            // began, and no other process can write): nothing is left to re-check.
            let existing: [String]
            if groupDepth > 0 && store.groupCommits {
                noteOwn(try store.apply([.createEntity(entity)], source: .learned), count: 1)
                existing = []
            } else {
                let keys = Self.storeKeys(n) + Self.bridgeKeys(n, readings)
                let known = Set(keys.flatMap { key in
                    (postings[NameKey(NameKey.Kind(rawValue: key.kind) ?? .ascii, key.value)] ?? []).map(\.entity)
                })
                existing = try store.create(entity, unlessAnyKeyOf: keys, besides: known, source: .learned)
            }
            if existing.isEmpty {
                reindex(entity)
                let entity = try learnEnglishName(n, source: source, into: entity)
                if let doc { contexts.record(doc: doc, tokens: contextTokens(n, entity: entity), entity: entity.id) }
                return withSimilar(answer(.created, entity, "\(text) → no match; created \(entity.id) as \(entity.display)"))
            }
            // Another process created the person after this one looked: take it in and look again.
            try catchUp(confirm: true)
            for id in existing { if let fresh = try store.entity(id) { reindex(fresh) } }
            found = lookupWithReadings(n, text: text, short: short, readings: &readings)
        }
        return answer(.none, nil, "\(text) → the store and the index disagree; try again")
    }

    /// Adds a matched mention's new form to the entity as a learned name, and chooses the display
    /// again unless someone fixed it: "Nguyen Phu Trong" gives way to "Nguyễn Phú Trọng" (see
    /// Registry+Display.swift).
    func learn(_ n: NormalizedName, text: String, source: String, into entity: Entity) throws -> Entity {
        var entity = entity
        let name = storedName(n, text: text, kind: .learned, source: source)
        var changes: [StoreChange] = [.addNames(entity: entity.id, names: [name])]
        entity.names.append(name)
        if let better = betterDisplay(entity) {
            entity.display = better
            changes.append(.setDisplay(entity: entity.id, display: better, fixed: false))
        }
        noteOwn(try store.apply(changes, source: .learned), count: changes.count)
        entities[entity.id] = entity
        index([name], of: entity.id)
        return entity
    }

    /// Forgets the documents' mentions (one document, or all).
    public func clearContext(doc: String? = nil) {
        lock.lock()
        defer { lock.unlock() }
        contexts.clear(doc: doc)
    }

    // MARK: - Writes

    /// Registers a person under a name, with optional aliases and a chosen display form.
    ///
    /// A known person (the same text, or a name that matches exactly one entity through its ASCII
    /// or syllable key and whose writing agrees) gets what is new added to that entity; a name
    /// that fits several is a `conflict`. With `newEntity` a new entity is made regardless: a
    /// second person who carries the same name. Titles are not stored: "President Joe Biden"
    /// registers "Joe Biden".
    ///
    /// ```swift
    /// let r = try registry.register("Nguyễn Phú Trọng", aliases: ["阮富仲"])
    /// let namesake = try registry.register("Zhang Wei", newEntity: true)
    /// ```
    public func register(_ name: String, aliases: [String] = [], display: String? = nil,
                         language: NameLanguage? = nil, newEntity: Bool = false, source: String = "register") throws -> Registration {
        let written = Self.clean(name)
        let n = try canon.normalize(written, hint: language)
        let text = n.span.isEmpty ? written : Self.clean(n.span)
        let aliasNames = try aliases.map { alias -> (String, NormalizedName) in
            let an = try canon.normalize(Self.clean(alias), hint: language)
            return (an.span.isEmpty ? Self.clean(alias) : Self.clean(an.span), an)
        }
        let chosen = display.map(Self.clean).flatMap { $0.isEmpty ? nil : $0 }
        lock.lock()
        defer { lock.unlock() }
        try catchUp(confirm: true)
        var existing: Set<String> = []
        // A display change reached only through a key (not the exact text) is checked for lookalikes.
        var byKeyOnly = true
        // Only the key stages count here, and they come first: no readings are needed.
        var unused = false
        if !newEntity, let found = lookup(n, text: text, short: false, readings: nil, needsReadings: &unused),
           [.exact, .key, .syllables].contains(found.match) {
            existing = Set(found.entities)
            // A mention whose titles were stripped reached the entity through less than its text.
            byKeyOnly = found.match != .exact || written != text
        }
        if existing.count > 1 {
            throw RegistryError(.conflict, "\"\(text)\" already names several entities: \(existing.sorted().joined(separator: ", ")); use alias with an ID, or register a new person with --new")
        }
        var added: [String] = []
        if let id = existing.first, var entity = entities[id] {
            let previous = entity.display
            if let chosen, chosen != entity.display, byKeyOnly { try checkDisplayChange(written, key: n.key, display: chosen, of: entity) }
            var changes: [StoreChange] = []
            var names: [StoredName] = []
            for (t, an) in [(text, n)] + aliasNames where exact[t]?.contains(id) != true && !names.contains(where: { $0.text == t }) {
                names.append(storedName(an, text: t, kind: .alias, source: source))
            }
            if !names.isEmpty { changes.append(.addNames(entity: id, names: names)) }
            entity.names += names
            if let chosen, chosen != entity.display || !entity.displayFixed {
                changes.append(.setDisplay(entity: id, display: chosen, fixed: true))
                entity.display = chosen
                entity.displayFixed = true
            } else if let better = betterDisplay(entity) {
                changes.append(.setDisplay(entity: id, display: better, fixed: false))
                entity.display = better
            }
            noteOwn(try store.apply(changes), count: changes.count)
            entities[id] = entity
            index(names, of: id)
            var registration = Registration(entity: id, canonical: entity.display, created: false, added: names.map(\.text))
            if entity.display != previous { registration.previousCanonical = previous }
            return registration
        }
        var names = [storedName(n, text: text, kind: .primary, source: source)]
        for (t, an) in aliasNames where !names.contains(where: { $0.text == t }) {
            names.append(storedName(an, text: t, kind: .alias, source: source))
        }
        added = names.map(\.text)
        var entity = Entity(id: try newID(), display: chosen ?? Self.clean(n.latin), displayFixed: chosen != nil, names: names)
        if chosen == nil { entity.display = bestDisplay(entity) }
        noteOwn(try store.apply([.createEntity(entity)]), count: 1)
        reindex(entity)
        return Registration(entity: entity.id, canonical: entity.display, created: true, added: added)
    }

    /// Adds a name to an entity (an old, merged-away ID works too). Returns the live ID and
    /// whether the name was new.
    @discardableResult
    public func alias(_ id: String, name: String, language: NameLanguage? = nil, kind: NameKind = .alias,
                      source: String = "alias") throws -> (entity: String, added: Bool) {
        let written = Self.clean(name)
        let n = try canon.normalize(written, hint: language)
        let text = n.span.isEmpty ? written : Self.clean(n.span)
        lock.lock()
        defer { lock.unlock() }
        try catchUp(confirm: true)
        guard let live = live(id), entities.contains(live) else { throw RegistryError(.notFound, "no entity \(id)") }
        // The exact-text index answers "has it this name?" without reading the entity's names,
        // and only the new name is indexed: adding to a large entity costs what one name costs.
        if exact[text]?.contains(live) == true { return (live, false) }
        let stored = storedName(n, text: text, kind: kind, source: source)
        var entity = entities[live]!
        entity.names.append(stored)
        var changes: [StoreChange] = [.addNames(entity: live, names: [stored])]
        if let better = betterDisplay(entity) {
            entity.display = better
            changes.append(.setDisplay(entity: live, display: better, fixed: false))
        }
        noteOwn(try store.apply(changes), count: changes.count)
        entities[live] = entity
        index([stored], of: live)
        return (live, true)
    }

    /// Merges entity `from` into `into`: `into` takes `from`'s names, and `from` (and every ID that
    /// redirected to it) redirects to `into` forever. Merging again is a no-op.
    @discardableResult
    public func merge(_ from: String, into: String) throws(RegistryError) -> String {
        lock.lock()
        defer { lock.unlock() }
        try catchUp(confirm: true)
        guard let source = live(from) else { throw RegistryError(.notFound, "no entity \(from)") }
        guard let target = live(into) else { throw RegistryError(.notFound, "no entity \(into)") }
        if source == target {
            if from != source { return target }  // already merged
            throw RegistryError(.conflict, "cannot merge \(from) into itself")
        }
        guard let gone = entities[source], var kept = entities[target] else {
            noteOwn(try store.apply([.merge(from: source, into: target)]), count: 1)
            return target
        }
        // Linear in both entities' names: a set of the kept texts, appended in place.
        var texts = Set(kept.names.map(\.text))
        var moved: [StoredName] = []
        for var name in gone.names where texts.insert(name.text).inserted {
            if name.kind == .primary { name.kind = .alias }
            moved.append(name)
        }
        kept.names.append(contentsOf: moved)
        var changes: [StoreChange] = [.merge(from: source, into: target)]
        if let better = betterDisplay(kept, also: moved) {
            kept.display = better
            changes.append(.setDisplay(entity: target, display: better, fixed: false))
        }
        noteOwn(try store.apply(changes), count: changes.count)
        unindex(gone)
        entities[source] = nil
        entities[target] = kept
        index(moved, of: target)
        moveDistinct(from: source, into: target)
        for (old, to) in redirects where to == source { redirects[old] = target }
        redirects[source] = target
        return target
    }

    /// Removes one name (not the primary one) from an entity.
    public func forget(_ id: String, name: String) throws(RegistryError) {
        let text = Self.clean(name)
        lock.lock()
        defer { lock.unlock() }
        try catchUp(confirm: true)
        guard let live = live(id), var entity = entities[live] else { throw RegistryError(.notFound, "no entity \(id)") }
        guard let i = entity.names.firstIndex(where: { $0.text == text }) else {
            throw RegistryError(.notFound, "entity \(live) has no name \"\(text)\"")
        }
        if entity.names[i].kind == .primary {
            throw RegistryError(.conflict, "\"\(text)\" is the primary name of \(live); it cannot be forgotten")
        }
        entity.names.remove(at: i)
        var changes: [StoreChange] = [.removeName(entity: live, text: text)]
        if let better = betterDisplay(entity) {
            entity.display = better
            changes.append(.setDisplay(entity: live, display: better, fixed: false))
        }
        noteOwn(try store.apply(changes), count: changes.count)
        reindex(entity)
    }

    // MARK: - Reads

    /// An entity with all its names; `redirectedFrom` is set when `id` was merged away.
    public func get(_ id: String) throws(RegistryError) -> (entity: Entity, redirectedFrom: String?, redirects: [String]) {
        lock.lock()
        defer { lock.unlock() }
        try catchUp(confirm: false)
        guard let live = live(id), let entity = entities[live] else { throw RegistryError(.notFound, "no entity \(id)") }
        let olds = redirects.filter { $0.value == live }.map(\.key).sorted()
        return (entity, live == id ? nil : id, olds)
    }

    /// Counts of what the store holds, and the number of documents whose mentions are held in
    /// memory for short forms.
    ///
    /// - Throws: `RegistryError` `.store` when the store cannot be read.
    public func stats() throws(RegistryError) -> RegistryStats {
        let counts = try store.counts()
        lock.lock()
        defer { lock.unlock() }
        return RegistryStats(entities: counts.entities, names: counts.names, keys: counts.keys,
                             redirects: counts.redirects, documents: contexts.count)
    }
}

extension Registry {
    /// The entity and canonical display form of a full name the registry knows, or nil.
    ///
    /// Only full names that match one entity through the text or its keys count (no document
    /// context, no creation), so `normalize` can show "Nguyễn Phú Trọng" for "Nguyen Phu Trong"
    /// without ever guessing the diacritics itself.
    public func knownCanonical(_ name: String, language: NameLanguage? = nil) -> (entity: String, canonical: String)? {
        guard let r = try? resolve(name, language: language, doc: nil, create: false),
              let entity = r.entity, let canonical = r.canonical else { return nil }
        switch r.match {
        case .exact, .key, .syllables: return (entity, canonical)
        default: return nil
        }
    }
}
