import Foundation
import GRDB

/// An entity's identity in a reference source: the seed, Wikidata, an OpenSanctions dataset.
///
/// A link remembers which entity a source's record became and every name text the source has
/// offered for it, so loading the source again updates the entity instead of duplicating it,
/// and never brings back a name a user forgot (it was offered before) or undoes a merge (the
/// entity it names redirects to the one kept).
public struct ExternalLink: Sendable, Hashable {
    /// "seed", "wikidata", "ftm".
    public var source: String
    /// The record's ID in the source: "習近平_1953", "Q15031", "NK-2ZbFdhq4hpsEE5BQ4yM7Yd".
    public var id: String
    /// The entity the record became (it may since have been merged into another).
    public var entity: String
    /// The name texts the source has offered for this record.
    public var offered: Set<String>

    /// A link of record `id` of `source` to `entity`, which has been offered the texts in `offered`.
    public init(source: String, id: String, entity: String, offered: Set<String>) {
        self.source = source
        self.id = id
        self.entity = entity
        self.offered = offered
    }
}

/// A store that keeps external IDs beside the entities. Seeding and reference imports need one;
/// a store without it answers them with an error.
public protocol ExternalIDStore: RegistryStore {
    /// The links of these records of `source` that exist.
    func links(source: String, ids: [String]) throws(RegistryError) -> [String: ExternalLink]

    /// The links naming an entity (by its own ID; merged-away IDs keep their links).
    func links(entity: String) throws(RegistryError) -> [ExternalLink]

    /// Every link, without the offered texts (for export), sorted by entity, source and ID.
    func allLinks() throws(RegistryError) -> [ExternalLink]

    /// True when some record of `source` is linked to `entity`.
    func isLinked(entity: String, source: String) throws(RegistryError) -> Bool

    /// Applies the changes and writes the links (adding offered texts to existing ones) in one
    /// transaction: all of it or, on error, none. Each change is logged with `source`.
    func apply(_ changes: [StoreChange], links: [ExternalLink], source: ChangeSource) throws(RegistryError)
}

extension SQLiteStore: ExternalIDStore {
    static func registerExternalIDMigration(_ migrator: inout DatabaseMigrator) {
        migrator.registerMigration("v2-external-ids") { db in
            try db.execute(sql: """
                -- A record of a reference source and the entity it became. No foreign key: an entity
                -- merged away stays a redirect, and the link follows it.
                CREATE TABLE external_id (
                    source TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    entity_id TEXT NOT NULL,
                    PRIMARY KEY (source, external_id)
                );
                CREATE INDEX external_id_by_entity ON external_id(entity_id, source);
                -- Every name text a source has offered for a record: offered once, never re-added.
                CREATE TABLE external_name (
                    source TEXT NOT NULL,
                    external_id TEXT NOT NULL,
                    text TEXT NOT NULL,
                    PRIMARY KEY (source, external_id, text),
                    FOREIGN KEY (source, external_id) REFERENCES external_id(source, external_id) ON DELETE CASCADE
                );
                """)
        }
    }

    private func readLinks<T>(_ body: (Database) throws -> T) throws(RegistryError) -> T {
        try read("read external IDs", body)
    }

    private static func offered(_ source: String, _ id: String, _ db: Database) throws -> Set<String> {
        Set(try String.fetchAll(db, sql: "SELECT text FROM external_name WHERE source = ? AND external_id = ?", arguments: [source, id]))
    }

    /// Reads each record's link and offered texts in one read transaction; IDs without a link
    /// are left out.
    public func links(source: String, ids: [String]) throws(RegistryError) -> [String: ExternalLink] {
        try readLinks { db in
            var out: [String: ExternalLink] = [:]
            for id in ids {
                guard let entity = try String.fetchOne(db, sql: "SELECT entity_id FROM external_id WHERE source = ? AND external_id = ?",
                                                       arguments: [source, id]) else { continue }
                out[id] = ExternalLink(source: source, id: id, entity: entity, offered: try Self.offered(source, id, db))
            }
            return out
        }
    }

    /// Reads the entity's links with their offered texts, sorted by source and ID.
    public func links(entity: String) throws(RegistryError) -> [ExternalLink] {
        try readLinks { db in
            try Row.fetchAll(db, sql: "SELECT source, external_id FROM external_id WHERE entity_id = ? ORDER BY source, external_id",
                             arguments: [entity]).map { row in
                ExternalLink(source: row[0], id: row[1], entity: entity, offered: try Self.offered(row[0], row[1], db))
            }
        }
    }

    /// Reads the whole `external_id` table, without the offered texts.
    public func allLinks() throws(RegistryError) -> [ExternalLink] {
        try readLinks { db in
            var out: [ExternalLink] = []
            let rows = try Row.fetchCursor(db, sql: "SELECT source, external_id, entity_id FROM external_id ORDER BY entity_id, source, external_id")
            while let row = try rows.next() { out.append(ExternalLink(source: row[0], id: row[1], entity: row[2], offered: [])) }
            return out
        }
    }

    /// Answers from the `external_id` index by entity and source.
    public func isLinked(entity: String, source: String) throws(RegistryError) -> Bool {
        try readLinks { db in
            try Bool.fetchOne(db, sql: "SELECT EXISTS (SELECT 1 FROM external_id WHERE entity_id = ? AND source = ?)",
                              arguments: [entity, source]) ?? false
        }
    }

    /// Applies and logs the changes and writes the links in one write transaction; nothing to
    /// do when both are empty.
    public func apply(_ changes: [StoreChange], links: [ExternalLink], source: ChangeSource) throws(RegistryError) {
        if changes.isEmpty && links.isEmpty { return }
        do {
            try writing { db in
                for change in changes {
                    try Self.apply(change, db)
                    _ = try Self.log(change, source: source, db)
                }
                for link in links {
                    try db.execute(sql: """
                        INSERT INTO external_id (source, external_id, entity_id) VALUES (?, ?, ?)
                        ON CONFLICT (source, external_id) DO UPDATE SET entity_id = excluded.entity_id
                        """, arguments: [link.source, link.id, link.entity])
                    for text in link.offered.sorted() {
                        try db.execute(sql: "INSERT OR IGNORE INTO external_name (source, external_id, text) VALUES (?, ?, ?)",
                                       arguments: [link.source, link.id, text])
                    }
                }
            }
        } catch let error as RegistryError { throw error } catch {
            throw RegistryError(.store, "cannot write to the registry \(location)", cause: error)
        }
    }
}
