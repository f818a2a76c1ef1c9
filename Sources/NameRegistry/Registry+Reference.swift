import Foundation
import NameCanon

/// One person of a reference source (the seed, a Wikidata or FollowTheMoney file): its ID in
/// the source and the names the source gives, the display form first.
public struct ReferenceRecord: Sendable, Hashable {
    /// One name a source gives a person, with the language the source claims for it.
    public struct Name: Sendable, Hashable {
        /// The name as the source writes it.
        public var text: String
        /// The language the source says the name is in, when it says.
        public var language: NameLanguage?

        /// A name with `text`, in `language` when the source says which.
        public init(_ text: String, language: NameLanguage? = nil) {
            self.text = text
            self.language = language
        }
    }

    /// "seed", "wikidata", "ftm": the source's label, stored with the names and the link.
    public var source: String
    /// The record's ID in the source.
    public var id: String
    /// The names, the display form first.
    public var names: [Name]
    /// The line the record came from, for messages (0 when it came from no file).
    public var line: Int

    /// A record of `source` with its ID and names, from `line` (0: from no file).
    public init(source: String, id: String, names: [Name], line: Int = 0) {
        self.source = source
        self.id = id
        self.names = names
        self.line = line
    }
}

/// What loading reference records did.
public struct ReferenceSummary: Sendable, Hashable {
    /// Records read (people and others).
    public var records = 0
    /// Records of another kind than a person (FollowTheMoney schema, Wikidata P31), skipped.
    public var skipped = 0
    /// Records that could not be read, skipped and reported with their line numbers.
    public var bad = 0
    /// Records that became a new entity.
    public var entitiesCreated = 0
    /// Records that became an entity the registry already had (by their names), and linked to it.
    public var entitiesLinked = 0
    /// Records already linked (from an earlier load) that this load updated or left as they were.
    public var entitiesKnown = 0
    /// Names added to entities, new or existing (texts the source offered before are not re-added).
    public var namesAdded = 0
    /// Batches committed to the store.
    public var batches = 0

    /// A summary with every count at zero.
    public init() {}
}

extension Registry {
    /// Loads a batch of reference records in one store transaction: each record's names go to
    /// the entity its source ID is linked to, or to the one existing entity its names fit, or to
    /// a new entity; the link to the source ID is stored with them.
    ///
    /// What a user did wins: a record linked before only adds names its source never offered
    /// (a forgotten name is not re-added), follows the merges made since, and never changes a
    /// display form. Records that share a name with another record of the batch (two 李强 with
    /// different dates) are never attached to an existing entity, so they stay apart.
    ///
    /// - Throws: `RegistryError` `.store` when the store cannot keep external IDs or the write
    ///   fails; the batch is then not written at all.
    @discardableResult
    ///
    /// - Parameter complete: the batch is the source's whole current list (the seed): an entity
    ///   linked only to IDs of the source that are not in it (a record renamed by a newer seed)
    ///   may be taken over by a record whose names fit it, instead of getting a duplicate.
    public func load(_ batch: [ReferenceRecord], into summary: inout ReferenceSummary, complete: Bool = false,
                     report: ((ReferenceRecord, String) -> Void)? = nil) throws -> [String: String] {
        guard let store = store as? any ExternalIDStore else {
            throw RegistryError(.store, "this store keeps no external IDs, so it cannot be seeded or import reference data")
        }
        // Normalize outside the lock: it is the slow part.
        var prepared: [(ReferenceRecord, [(String, NormalizedName)])] = []
        for record in batch {
            var names: [(String, NormalizedName)] = []
            for name in record.names {
                let text = Self.clean(name.text)
                guard !text.isEmpty, !names.contains(where: { $0.0 == text }),
                      let n = try? canon.normalize(text, hint: name.language) else { continue }
                names.append((text, n))
            }
            if names.isEmpty {
                summary.bad += 1
                report?(record, "no name of \(record.id) is a usable person name")
            } else {
                prepared.append((record, names))
            }
        }
        let current = Set(batch.map { $0.source + "\u{1F}" + $0.id })
        /// True when the entity stands for another record of the source (one still current, when
        /// the batch is the complete list).
        func linkedElsewhere(_ id: String, source: String) throws -> Bool {
            guard complete else { return try store.isLinked(entity: id, source: source) }
            let members = [id] + redirects.filter { $0.value == id }.map(\.key)
            for member in members {
                for link in try store.links(entity: member) where link.source == source {
                    if current.contains(source + "\u{1F}" + link.id) { return true }
                }
            }
            return false
        }
        var nameUses: [String: Int] = [:]
        for (_, names) in prepared { for (text, _) in names { nameUses[text, default: 0] += 1 } }

        lock.lock()
        defer { lock.unlock() }
        var byIDs: [String: [String]] = [:]
        for (record, _) in prepared { byIDs[record.source, default: []].append(record.id) }
        var links: [String: ExternalLink] = [:]
        for (source, ids) in byIDs {
            for (id, link) in try store.links(source: source, ids: ids) { links[source + "\u{1F}" + id] = link }
        }
        var changes: [StoreChange] = []
        var newLinks: [ExternalLink] = []
        var touched: [String: Entity] = [:]
        var claimed: Set<String> = []
        var result: [String: String] = [:]
        var local = ReferenceSummary()
        // IDs for the batch's new entities, asked for together on the first creation.
        var freshIDs: [String] = []
        for (record, names) in prepared {
            let linkKey = record.source + "\u{1F}" + record.id
            let texts = Set(names.map(\.0))
            if let link = links[linkKey], let id = live(link.entity), var entity = touched[id] ?? entities[id] {
                let new = names.filter { candidate in
                    !link.offered.contains(candidate.0) && !entity.names.contains { $0.text == candidate.0 }
                }
                let stored = new.map { storedName($0.1, text: $0.0, kind: .alias, source: record.source) }
                if !stored.isEmpty {
                    changes.append(.addNames(entity: id, names: stored))
                    entity.names += stored
                    touched[id] = entity
                }
                if !texts.isSubset(of: link.offered) {
                    newLinks.append(ExternalLink(source: record.source, id: record.id, entity: link.entity, offered: texts))
                }
                local.entitiesKnown += 1
                local.namesAdded += stored.count
                result[record.id] = id
                continue
            }
            // An existing entity the names fit: exactly one, not linked to this source already.
            var found: Set<String> = []
            let shared = names.contains { nameUses[$0.0, default: 0] > 1 }
            if !shared {
                for (text, n) in names {
                    for id in exact[text] ?? [] { if let l = live(id) { found.insert(l) } }
                    for posting in postings[NameKey(.ascii, n.key)] ?? [] {
                        guard let l = live(posting.entity), n.script != .han || hanCompatible(n, entity: l) else { continue }
                        found.insert(l)
                    }
                }
            }
            if found.count == 1, let id = found.first, !claimed.contains(id), try !linkedElsewhere(id, source: record.source),
               var entity = touched[id] ?? entities[id] {
                let stored = names.filter { t in !entity.names.contains { $0.text == t.0 } }
                    .map { storedName($0.1, text: $0.0, kind: .alias, source: record.source) }
                if !stored.isEmpty { changes.append(.addNames(entity: id, names: stored)) }
                entity.names += stored
                touched[id] = entity
                claimed.insert(id)
                newLinks.append(ExternalLink(source: record.source, id: record.id, entity: id, offered: texts))
                local.entitiesLinked += 1
                local.namesAdded += stored.count
                result[record.id] = id
                continue
            }
            var stored: [StoredName] = []
            for (i, (text, n)) in names.enumerated() {
                stored.append(storedName(n, text: text, kind: i == 0 ? .primary : .alias, source: record.source))
            }
            if freshIDs.isEmpty { freshIDs = try newIDs(prepared.count) }
            var id = freshIDs.removeLast()
            while touched[id] != nil { id = try newID() }
            let entity = Entity(id: id, display: Self.clean(names[0].1.latin), names: stored)
            changes.append(.createEntity(entity))
            touched[id] = entity
            claimed.insert(id)
            newLinks.append(ExternalLink(source: record.source, id: record.id, entity: id, offered: texts))
            local.entitiesCreated += 1
            local.namesAdded += stored.count
            result[record.id] = id
        }
        try store.apply(changes, links: newLinks, source: batch.first?.source == "seed" ? .seed : .import)
        for entity in touched.values { reindex(entity) }
        local.batches = changes.isEmpty && newLinks.isEmpty ? 0 : 1
        summary.entitiesCreated += local.entitiesCreated
        summary.entitiesLinked += local.entitiesLinked
        summary.entitiesKnown += local.entitiesKnown
        summary.namesAdded += local.namesAdded
        summary.batches += local.batches
        return result
    }

    /// The external IDs of an entity and of every ID merged into it, as (source, ID) pairs.
    public func externalIDs(_ id: String) throws(RegistryError) -> [(source: String, id: String)] {
        guard let store = store as? any ExternalIDStore else { return [] }
        let (entity, _, merged) = try get(id)
        var out: [(String, String)] = []
        for member in [entity.id] + merged { out += try store.links(entity: member).map { ($0.source, $0.id) } }
        return out.sorted { ($0.0, $0.1) < ($1.0, $1.1) }
    }
}
