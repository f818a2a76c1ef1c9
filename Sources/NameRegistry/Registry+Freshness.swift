import Foundation
import NameCanon

/// Freshness across processes: before a decision the registry reads what other processes have
/// committed since it last looked (the store's change log) and reindexes just those entities.
extension Registry {
    /// Past this many unseen changes a full reload is cheaper than reindexing entity by entity.
    static let catchUpReloadThreshold = 50_000

    /// Brings the in-memory index up to the store's latest change. Call with the lock held.
    ///
    /// - Parameter confirm: read the change log even when the store's cheap check says nothing
    ///   changed (before a decision that could create, learn or merge).
    func catchUp(confirm: Bool) throws(RegistryError) {
        // Inside a group commit the store's write lock is held: only this process writes.
        if groupDepth > 0 && store.groupCommits { return }
        var pending = try store.changes(after: lastSeen, limit: 1_000, confirm: confirm)
        var seen = 0
        while !pending.isEmpty {
            seen += pending.count
            if seen > Self.catchUpReloadThreshold {
                try replaceIndexFromStore(refreshingKeys: false, image: false)
                return
            }
            var touched: Set<String> = []
            for record in pending {
                touched.insert(record.entity)
                if let other = record.other { touched.insert(other) }
                switch record.operation {
                case "merge":
                    guard let into = record.other else { break }
                    for (old, to) in redirects where to == record.entity { redirects[old] = into }
                    redirects[record.entity] = into
                case "redirect":
                    if let to = record.other { redirects[record.entity] = to }
                case "add_distinct":
                    if let other = record.other { noteDistinct(DistinctPair(record.entity, other)) }
                case "remove_distinct":
                    if let other = record.other { dropDistinct(DistinctPair(record.entity, other)) }
                default:
                    break
                }
            }
            // The store's current state of each touched entity, whatever the changes were: a new
            // kind of change needs nothing here as long as its log row names the entities it touches.
            for id in touched {
                if let fresh = try store.entity(id) {
                    reindex(fresh)
                    redirects[id] = nil
                } else if let gone = entities[id] {
                    unindex(gone)
                    entities[id] = nil
                }
            }
            lastSeen = pending[pending.count - 1].sequence
            pending = try store.changes(after: lastSeen, limit: 1_000, confirm: true)
        }
    }

    /// Takes note of this process's own write (`count` log records ending at `last`): when nothing
    /// from another process came between, the index already has it and the log need not be read.
    func noteOwn(_ last: Int64, count: Int) {
        if count > 0, last - Int64(count) == lastSeen { lastSeen = last }
    }

    /// Replaces the whole index with what the store holds, read entity by entity (no snapshot of
    /// every entity is built). Call with the lock held. With `refreshingKeys`, keys written by
    /// an older engine are refreshed first (`refreshingKeys`), through a whole snapshot.
    /// With `image`, a SQLite store's index image is read when it has one this engine can use,
    /// and the index catches up from its sequence number (IndexImage.swift).
    func replaceIndexFromStore(refreshingKeys refresh: Bool = true, image: Bool = true) throws(RegistryError) {
        if refresh, try store.keyVersion() != NameCanonVersion.keys {
            replaceIndex(with: try refreshingKeys(try store.load()))
            return
        }
        if image, let sqlite = store as? SQLiteStore, try replaceIndexFromImage(sqlite) {
            let sequence = lastSeen
            finishReplace(try sqlite.loadLinks())
            lastSeen = sequence
            builtFrom = "image"
            // The sections were read whole before their arrays were made from them.
            Self.returnFreedMemory()
            try catchUp(confirm: true)
            return
        }
        indexGeneration &+= 1
        fuzzyIndex = nil
        resetIndex()
        if let sqlite = store as? SQLiteStore {
            let rest = try sqlite.loadIndex(into: self)
            entities.endRecords()
            exact.map.insertAll(&pendingExact)
            postings.map.insertAll(&pendingKeys)
            finishReplace(rest)
            builtFrom = "rows"
            Self.returnFreedMemory()
            return
        }
        let rest = try store.load(expecting: { entities, names, keys in
            // Sized once: growing the tables of a million names rehashes them twenty times.
            resetIndex(entities: entities, names: names, keys: keys)
        }, each: { entity in
            // A store holds each ID once, so the table need not look it up.
            index(entity.names, of: entity.id, number: entities.storeNew(entity))
        })
        finishReplace(rest)
        builtFrom = "snapshot"
        Self.returnFreedMemory()
    }

    /// Hands the heap pages the open freed (every row's strings, read and encoded) back to the
    /// system: glibc keeps them otherwise, and a million-name open would stay ~100 MB larger than
    /// its index for the life of the process. Nothing elsewhere.
    static func returnFreedMemory() {
        #if canImport(Glibc)
        // glibc's malloc_trim, which the Glibc module does not export.
        typealias Trim = @convention(c) (Int) -> Int32
        if let symbol = dlsym(nil, "malloc_trim") { _ = unsafeBitCast(symbol, to: Trim.self)(0) }
        #endif
    }

    /// Replaces the whole index with a snapshot. Call with the lock held.
    func replaceIndex(with snapshot: RegistrySnapshot) {
        indexGeneration &+= 1
        fuzzyIndex = nil
        var names = 0, keys = 0
        for entity in snapshot.entities {
            names += entity.names.count
            for name in entity.names { keys += name.keys.count }
        }
        resetIndex(entities: snapshot.entities.count, names: names, keys: keys)
        for entity in snapshot.entities {
            index(entity.names, of: entity.id, number: entities.store(entity))
        }
        finishReplace(snapshot)
        builtFrom = "snapshot"
    }

    private func finishReplace(_ snapshot: RegistrySnapshot) {
        redirects = snapshot.redirects
        judgedDistinct = [:]
        for pair in snapshot.distinct { noteDistinct(pair) }
        lastSeen = snapshot.sequence
    }

    /// Every recorded change of an entity, oldest first: its own, those of the IDs merged into it,
    /// and the merges themselves (an old, merged-away ID works too).
    ///
    /// ```swift
    /// for change in try registry.history("p0k2x8m4q7z") { print(change.operation, change.detail) }
    /// ```
    public func history(_ id: String) throws(RegistryError) -> (entity: String, changes: [ChangeRecord]) {
        lock.lock()
        defer { lock.unlock() }
        try catchUp(confirm: false)
        guard let live = live(id) else { throw RegistryError(.notFound, "no entity \(id)") }
        let ids = [live] + redirects.filter { $0.value == live }.map(\.key).sorted()
        return (live, try store.history(of: ids))
    }

    /// The keys another entity's names would need for the lookup to bridge to this name: the
    /// pinyin syllables a Latin Hán-Việt reading stands for (the table read backwards). Checked
    /// at creation with the name's own keys, so a person created a moment ago by another process
    /// in pinyin is found through the Vietnamese reading too.
    /// (The pinyin keys are the mention's `readings`, worked out before the check.)
    static func bridgeKeys(_ n: NormalizedName, _ readings: MentionReadings?) -> [NameKeyValue] {
        (readings?.pinyinKeys ?? []).map { NameKeyValue(kind: NameKey.Kind.syllable.rawValue, value: $0) }
    }

    /// The keys of a name as the store's creation check takes them: every key kind the normalizer
    /// yields, so a new kind of key guards creation without a change here.
    static func storeKeys(_ n: NormalizedName) -> [NameKeyValue] {
        var keys = n.keys.map { NameKeyValue(kind: $0.kind.rawValue, value: $0.value) }
        if !keys.contains(where: { $0.kind == NameKey.Kind.ascii.rawValue }) {
            keys.append(NameKeyValue(kind: NameKey.Kind.ascii.rawValue, value: n.key))
        }
        return keys
    }
}

extension Registry: RawIndexBuilder {
    func expect(entities count: Int, names: Int, keys: Int) -> EntityTable {
        // The hash tables are sized by `insertAll`, which counts the distinct fingerprints: many
        // people share a key, and sizing by every key doubled the key table of a million names.
        resetIndex(entities: count, names: names, keys: keys, sizeTables: false)
        pendingExact.reserveCapacity(names)
        pendingKeys.reserveCapacity(keys)
        return entities
    }

    // Gathered, and inserted together once every record is read (`HashMultimap.insertAll`).
    func indexName(_ number: UInt32, text: UnsafeRawBufferPointer) {
        pendingExact.append(HashMultimap.pair(stableHash(text), number))
    }

    func indexKey(_ number: UInt32, kind: UInt8, value: UnsafeRawBufferPointer) {
        pendingKeys.append(HashMultimap.pair(stableHash(value, seed: kind &+ 1), number))
    }
}
