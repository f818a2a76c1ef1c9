import Foundation
import NameRegistry
import PostgresNIO

/// External IDs in PostgreSQL: the same two tables and rules as the SQLite store's (see
/// `ExternalIDStore`), so seeding and reference imports work on a shared server too.
extension PostgresStore: ExternalIDStore {
    /// The migration that adds the tables, after the store's own (see `migrations`).
    static let externalIDMigration: (name: String, statements: [String]) = ("v4-external-ids", [
        // A record of a reference source and the entity it became. No foreign key: an entity
        // merged away stays a redirect, and the link follows it.
        """
        CREATE TABLE external_id (
            source TEXT NOT NULL,
            external_id TEXT NOT NULL,
            entity_id TEXT NOT NULL,
            PRIMARY KEY (source, external_id)
        )
        """,
        "CREATE INDEX external_id_by_entity ON external_id(entity_id, source)",
        // Every name text a source has offered for a record: offered once, never re-added.
        """
        CREATE TABLE external_name (
            source TEXT NOT NULL,
            external_id TEXT NOT NULL,
            text TEXT NOT NULL,
            PRIMARY KEY (source, external_id, text),
            FOREIGN KEY (source, external_id) REFERENCES external_id(source, external_id) ON DELETE CASCADE
        )
        """,
    ])

    private static func offered(_ source: String, _ id: String, _ s: Session) throws -> Set<String> {
        var out = Set<String>()
        for row in try s.query("SELECT text FROM external_name WHERE source = \(source) AND external_id = \(id)") {
            out.insert(try row.decode(String.self))
        }
        return out
    }

    /// Reads the links and then all their offered texts in two queries; IDs without a link are left out.
    public func links(source: String, ids: [String]) throws(RegistryError) -> [String: ExternalLink] {
        try transaction("read external IDs", write: false) { s in
            var out: [String: ExternalLink] = [:]
            for row in try s.query("SELECT external_id, entity_id FROM external_id WHERE source = \(source) AND external_id = ANY(\(ids))") {
                let (id, entity) = try row.decode((String, String).self)
                out[id] = ExternalLink(source: source, id: id, entity: entity, offered: [])
            }
            if out.isEmpty { return out }
            // Every record's offered names in one statement, not one each.
            for row in try s.query("SELECT external_id, text FROM external_name WHERE source = \(source) AND external_id = ANY(\(Array(out.keys)))") {
                let (id, text) = try row.decode((String, String).self)
                out[id]?.offered.insert(text)
            }
            return out
        }
    }

    /// Reads the entity's links with their offered texts, sorted by source and ID in byte order.
    public func links(entity: String) throws(RegistryError) -> [ExternalLink] {
        try transaction("read external IDs", write: false) { s in
            var pairs: [(String, String)] = []
            for row in try s.query(#"SELECT source, external_id FROM external_id WHERE entity_id = \#(entity) ORDER BY source COLLATE "C", external_id COLLATE "C""#) {
                pairs.append(try row.decode((String, String).self))
            }
            return try pairs.map { ExternalLink(source: $0.0, id: $0.1, entity: entity, offered: try Self.offered($0.0, $0.1, s)) }
        }
    }

    /// Reads the whole `external_id` table, without the offered texts, in byte order.
    public func allLinks() throws(RegistryError) -> [ExternalLink] {
        try transaction("read external IDs", write: false) { s in
            var out: [ExternalLink] = []
            for row in try s.query(#"SELECT source, external_id, entity_id FROM external_id ORDER BY entity_id COLLATE "C", source COLLATE "C", external_id COLLATE "C""#) {
                let (source, id, entity) = try row.decode((String, String, String).self)
                out.append(ExternalLink(source: source, id: id, entity: entity, offered: []))
            }
            return out
        }
    }

    /// Answers from the `external_id` index by entity and source.
    public func isLinked(entity: String, source: String) throws(RegistryError) -> Bool {
        try transaction("read external IDs", write: false) { s in
            try s.query("SELECT EXISTS (SELECT 1 FROM external_id WHERE entity_id = \(entity) AND source = \(source))")
                .first?.decode(Bool.self) ?? false
        }
    }

    /// Applies and logs the changes and writes the links in one write transaction under the
    /// write lock, notifying other processes when a change was logged.
    public func apply(_ changes: [StoreChange], links: [ExternalLink], source: ChangeSource) throws(RegistryError) {
        if changes.isEmpty && links.isEmpty { return }
        _ = try transaction("write to the registry", write: true) { s in
            let last = try Self.applyAll(changes, source: source, s)
            try Self.write(links, s)
            if last > 0 { try s.query("SELECT pg_notify(\(Self.channel), \(String(last)))") }
            return last
        }
    }
}
