import Foundation
import NameCanon
import NameRegistry
import PostgresNIO

/// Writing many changes in few round trips.
///
/// Each statement costs a round trip to the server, and an import is mostly creations: one by
/// one, an entity cost an ID check, its row, a row and a key statement per name and a log row.
/// Here a run of consecutive creations is written with one statement per table per chunk of
/// `batchSize` entities (arrays bound as parameters and expanded with `unnest`), and the log rows
/// of a whole `apply` with one statement per chunk. Other changes still go one by one, in order,
/// between the runs. What ends up stored, and every error, is what the one-by-one path gave.
extension PostgresStore {
    /// Entities (or log rows, or links) per statement.
    static let batchSize = 1_000

    /// Applies the changes in order inside the caller's write transaction and logs them; returns
    /// the sequence number of the last log row (0 when there are no changes).
    static func applyAll(_ changes: [StoreChange], source: ChangeSource, _ s: Session) throws -> Int64 {
        var i = 0
        while i < changes.count {
            var run: [Entity] = []
            while i < changes.count, run.count < batchSize, case .createEntity(let entity) = changes[i] {
                run.append(entity)
                i += 1
            }
            if run.isEmpty {
                try apply(changes[i], s)
                i += 1
            } else {
                try create(run, s)
            }
        }
        var last: Int64 = 0
        var start = 0
        while start < changes.count {
            let end = min(start + batchSize, changes.count)
            last = try log(changes[start..<end], source: source, s)
            start = end
        }
        return last
    }

    /// Creates the entities in four statements, failing as the first creation one by one would
    /// have: `conflict` for the first ID that is taken, or that an earlier entity of the run took.
    static func create(_ entities: [Entity], _ s: Session) throws {
        let ids = entities.map(\.id)
        var taken = Set<String>()
        for row in try s.query("""
            SELECT id FROM entity WHERE id = ANY(\(ids)::text[])
            UNION ALL SELECT from_id FROM redirect WHERE from_id = ANY(\(ids)::text[])
            """) { taken.insert(try row.decode(String.self)) }
        var seen = Set<String>()
        for id in ids where taken.contains(id) || !seen.insert(id).inserted {
            throw RegistryError(.conflict, "the ID \(id) is taken")
        }
        try s.query("""
            INSERT INTO entity (id, display, display_fixed)
            SELECT * FROM unnest(\(ids)::text[], \(entities.map(\.display))::text[], \(entities.map(\.displayFixed))::boolean[])
            """)

        // Names: a text an entity already has is skipped (the table's unique constraint would
        // have refused it one by one), and positions count the names kept.
        var owners: [String] = [], texts: [String] = [], languages: [String] = [], scripts: [String] = []
        var kinds: [String] = [], sources: [String] = [], positions: [Int32] = []
        var keysOf: [[NameKey]] = []
        for entity in entities {
            var kept = Set<String>()
            for name in entity.names where kept.insert(name.text).inserted {
                owners.append(entity.id)
                texts.append(name.text)
                languages.append(name.language.rawValue)
                scripts.append(name.script.rawValue)
                kinds.append(name.kind.rawValue)
                sources.append(name.source)
                positions.append(Int32(kept.count - 1))
                keysOf.append(name.keys)
            }
        }
        if texts.isEmpty { return }
        var nameIDs: [String: [String: Int64]] = [:]
        for row in try s.query("""
            INSERT INTO name (entity_id, text, language, script, kind, source, position)
            SELECT * FROM unnest(\(owners)::text[], \(texts)::text[], \(languages)::text[], \(scripts)::text[],
                                 \(kinds)::text[], \(sources)::text[], \(positions)::integer[])
            RETURNING id, entity_id, text
            """) {
            let (id, owner, text) = try row.decode((Int64, String, String).self)
            nameIDs[owner, default: [:]][text] = id
        }

        // Keys: a key a name already has is skipped; each keeps its place in the name's list.
        var keyNames: [Int64] = [], keyKinds: [String] = [], keyValues: [String] = [], keyOrds: [Int32] = []
        for (n, keys) in keysOf.enumerated() where !keys.isEmpty {
            guard let nameID = nameIDs[owners[n]]?[texts[n]] else {
                throw RegistryError(.store, "the server did not return the ID of the name \"\(texts[n])\" of \(owners[n])")
            }
            var kept = Set<NameKey>()
            for (k, key) in keys.enumerated() where kept.insert(key).inserted {
                keyNames.append(nameID)
                keyKinds.append(key.kind.rawValue)
                keyValues.append(key.value)
                keyOrds.append(Int32(k + 1))
            }
        }
        if keyNames.isEmpty { return }
        try s.query("""
            INSERT INTO name_key (name_id, kind, value, ord)
            SELECT * FROM unnest(\(keyNames)::bigint[], \(keyKinds)::text[], \(keyValues)::text[], \(keyOrds)::integer[])
            ON CONFLICT DO NOTHING
            """)
    }

    /// Writes the changes' log rows with the next sequence numbers, in order (the write lock is
    /// held); returns the last one.
    static func log(_ changes: ArraySlice<StoreChange>, source: ChangeSource, _ s: Session) throws -> Int64 {
        if changes.isEmpty { return 0 }
        let entries = changes.map(\.logEntry)
        let rows = try s.query("""
            WITH written AS (
                INSERT INTO change_log (seq, at, source, op, entity, other, detail)
                SELECT prev.seq + e.ord, \(ChangeRecord.now()), \(source.rawValue), e.op, e.entity,
                       CASE WHEN e.has_other THEN e.other END, e.detail
                FROM (SELECT COALESCE(MAX(seq), 0) AS seq FROM change_log) AS prev,
                     unnest(\(entries.map(\.operation))::text[], \(entries.map(\.entity))::text[],
                            \(entries.map { $0.other ?? "" })::text[], \(entries.map { $0.other != nil })::boolean[],
                            \(entries.map(\.detail))::text[]) WITH ORDINALITY AS e(op, entity, other, has_other, detail, ord)
                RETURNING seq
            )
            SELECT MAX(seq)::BIGINT FROM written
            """)
        return try rows.first?.decode(Int64.self) ?? 0
    }

    /// Records the links (the last one wins for a source's record, as one upsert after another
    /// would) and the name texts they offered, a statement per table per chunk.
    static func write(_ links: [ExternalLink], _ s: Session) throws {
        var start = 0
        while start < links.count {
            let chunk = links[start..<min(start + batchSize, links.count)]
            start += chunk.count
            // One row per record in a statement (an upsert cannot touch a row twice): the chunk's last.
            var latest: [String: [String: Int]] = [:]
            for i in chunk.indices { latest[links[i].source, default: [:]][links[i].id] = i }
            let owners = chunk.indices.filter { latest[links[$0].source]?[links[$0].id] == $0 }.map { links[$0] }
            if !owners.isEmpty {
                try s.query("""
                    INSERT INTO external_id (source, external_id, entity_id)
                    SELECT * FROM unnest(\(owners.map(\.source))::text[], \(owners.map(\.id))::text[], \(owners.map(\.entity))::text[])
                    ON CONFLICT (source, external_id) DO UPDATE SET entity_id = excluded.entity_id
                    """)
            }
            var sources: [String] = [], ids: [String] = [], texts: [String] = []
            var seen = Set<[String]>()
            for link in chunk {
                for text in link.offered.sorted() where seen.insert([link.source, link.id, text]).inserted {
                    sources.append(link.source)
                    ids.append(link.id)
                    texts.append(text)
                }
            }
            if !texts.isEmpty {
                try s.query("""
                    INSERT INTO external_name (source, external_id, text)
                    SELECT * FROM unnest(\(sources)::text[], \(ids)::text[], \(texts)::text[])
                    ON CONFLICT DO NOTHING
                    """)
            }
        }
    }
}
