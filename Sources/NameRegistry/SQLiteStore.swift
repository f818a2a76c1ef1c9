import Foundation
import GRDB
import GRDBSQLite
import NameCanon

/// A registry store in SQLite through GRDB: a file opened as a WAL `DatabasePool` (readers never
/// wait for the writer), or a throwaway `DatabaseQueue` in memory.
///
/// ```swift
/// let store = try SQLiteStore(path: "namecanon-registry.sqlite")
/// let registry = try Registry(store: store)
/// ```
///
/// Several processes may share one file: writes take SQLite's write lock (GRDB opens write
/// transactions IMMEDIATE) and wait for another process's lock up to the busy timeout, and
/// `changes(after:limit:confirm:)` asks `PRAGMA data_version` on the writer connection whether
/// another connection has committed before it reads the change log.
public final class SQLiteStore: RegistryStore, @unchecked Sendable {
    let writer: any DatabaseWriter
    /// `PRAGMA data_version` of the writer connection when the change log was last read.
    private var seenDataVersion: Int64?
    private let versionLock = NSLock()
    /// A connection of its own that tells, without GRDB's writer queue, whether any connection
    /// has committed since it last looked (nil for a store in memory).
    private let commitProbe: CommitProbe?
    /// The writer connection inside an open group commit, and the thread running the group:
    /// only that thread's calls use it (see `grouped`).
    private var group: (db: Database, thread: pthread_t)?
    private let groupLock = NSLock()

    /// Where the store lives, for messages: a path or ":memory:".
    public let location: String

    /// Opens (creating if needed) the registry file at `path` and migrates it.
    ///
    /// - Parameters:
    ///   - path: the registry file, created 0600 when missing (its directory is not created).
    ///   - busyTimeout: how long a write waits for another process's write lock.
    public init(path: String, busyTimeout: TimeInterval = 10) throws(RegistryError) {
        location = path
        var config = Self.configuration()
        config.busyMode = .timeout(busyTimeout)
        try Self.createPrivately(path)
        do {
            writer = try DatabasePool(path: path, configuration: config)
        } catch {
            throw RegistryError(.store, "cannot open the registry \(path)", cause: error)
        }
        commitProbe = CommitProbe(path: path)
        try migrate()
    }

    /// A store in memory, gone when it is released.
    public init(inMemory: Void = ()) throws(RegistryError) {
        location = ":memory:"
        do {
            writer = try DatabaseQueue(configuration: Self.configuration())
        } catch {
            throw RegistryError(.store, "cannot open an in-memory registry", cause: error)
        }
        commitProbe = nil
        try migrate()
    }

    /// Creates a missing registry file readable by its owner only (0600), before SQLite opens it.
    ///
    /// A registry holds people's names, so no other local user may read it. SQLite gives the
    /// `-wal` and `-shm` files it creates beside a database the database file's permissions,
    /// so creating this one 0600 keeps all three private whatever the umask.
    static func createPrivately(_ path: String) throws(RegistryError) {
        let fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        if fd >= 0 {
            close(fd)
            return
        }
        if errno == EEXIST { return }
        throw RegistryError(.store, "cannot create the registry \(path): \(String(cString: strerror(errno)))")
    }

    private static func configuration() -> Configuration {
        var config = Configuration()
        config.foreignKeysEnabled = true
        config.label = "NameRegistry"
        return config
    }

    /// The schema, by named migrations run in order once per database file.
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-entities-names-keys") { db in
            try db.execute(sql: """
                CREATE TABLE entity (
                    id TEXT PRIMARY KEY NOT NULL,
                    display TEXT NOT NULL,
                    display_fixed INTEGER NOT NULL DEFAULT 0
                );
                -- A merged-away ID stays here forever, so it is never issued again and still resolves.
                CREATE TABLE redirect (
                    from_id TEXT PRIMARY KEY NOT NULL,
                    to_id TEXT NOT NULL REFERENCES entity(id)
                );
                CREATE TABLE name (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    entity_id TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
                    text TEXT NOT NULL,
                    language TEXT NOT NULL,
                    script TEXT NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('primary', 'alias', 'transliteration', 'learned')),
                    source TEXT NOT NULL,
                    position INTEGER NOT NULL,
                    UNIQUE (entity_id, text)
                );
                CREATE INDEX name_by_text ON name(text);
                CREATE TABLE name_key (
                    name_id INTEGER NOT NULL REFERENCES name(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (name_id, kind)
                );
                CREATE INDEX name_key_by_value ON name_key(kind, value);
                """)
        }
        migrator.registerMigration("v2-name-position-index") { db in
            // The next position of an entity's names is read on every write that adds one:
            // without this index it scanned all the entity's names, so adding to a large one slowed.
            try db.execute(sql: "CREATE INDEX name_by_entity_position ON name(entity_id, position)")
        }
        migrator.registerMigration("v2-distinct") { db in
            try db.execute(sql: """
                -- Judgements that two entities are different people (issue 14), first_id < second_id.
                CREATE TABLE distinct_pair (
                    first_id TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
                    second_id TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
                    PRIMARY KEY (first_id, second_id),
                    CHECK (first_id < second_id)
                );
                CREATE INDEX distinct_pair_by_second ON distinct_pair(second_id);
                """)
        }
        registerExternalIDMigration(&migrator)
        // A name may have several keys of one kind (the reading and spelled keys of loose
        // romanizations: a Wade-Giles and a Cantonese reading of one Han name).
        migrator.registerMigration("v2-several-keys-per-kind") { db in
            try db.execute(sql: """
                CREATE TABLE name_key_v2 (
                    name_id INTEGER NOT NULL REFERENCES name(id) ON DELETE CASCADE,
                    kind TEXT NOT NULL,
                    value TEXT NOT NULL,
                    PRIMARY KEY (name_id, kind, value)
                );
                INSERT INTO name_key_v2 (name_id, kind, value) SELECT name_id, kind, value FROM name_key ORDER BY rowid;
                DROP TABLE name_key;
                ALTER TABLE name_key_v2 RENAME TO name_key;
                CREATE INDEX name_key_by_value ON name_key(kind, value);
                """)
        }
        // Store-wide facts: the version of the keys (the registry recomputes keys when it changes).
        migrator.registerMigration("v3-meta") { db in
            try db.execute(sql: "CREATE TABLE meta (key TEXT PRIMARY KEY NOT NULL, value TEXT NOT NULL)")
        }
        // One row per applied change, never pruned: other processes catch up from it, and
        // `registry history` shows it. The sequence is the rowid, so it follows commit order.
        migrator.registerMigration("v2-change-log") { db in
            try db.execute(sql: """
                CREATE TABLE change_log (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    at TEXT NOT NULL,
                    source TEXT NOT NULL,
                    op TEXT NOT NULL,
                    entity TEXT NOT NULL,
                    other TEXT,
                    detail TEXT NOT NULL
                );
                CREATE INDEX change_log_by_entity ON change_log(entity);
                CREATE INDEX change_log_by_other ON change_log(other) WHERE other IS NOT NULL;
                """)
        }
        // The index's image (IndexImage.swift): sections of bytes, and the sequence number and
        // key version they were taken at.
        migrator.registerMigration("v4-index-image") { db in
            try db.execute(sql: """
                CREATE TABLE index_image (
                    section TEXT PRIMARY KEY NOT NULL,
                    data BLOB NOT NULL,
                    checksum INTEGER NOT NULL
                );
                CREATE TABLE index_image_meta (
                    id INTEGER PRIMARY KEY CHECK (id = 1),
                    format INTEGER NOT NULL,
                    key_version TEXT NOT NULL,
                    sequence INTEGER NOT NULL
                );
                """)
        }
        return migrator
    }

    /// Replaces the stored index image (in the caller's group commit, or its own transaction).
    func saveIndexImage(_ image: IndexImage) throws {
        try writing { db in
            try db.execute(sql: "DELETE FROM index_image")
            try db.execute(sql: "DELETE FROM index_image_meta")
            for (section, bytes) in image.sections.sorted(by: { $0.key < $1.key }) {
                try db.execute(sql: "INSERT INTO index_image (section, data, checksum) VALUES (?, ?, ?)",
                               arguments: [section, Data(bytes), IndexImage.checksum(bytes)])
            }
            try db.execute(sql: "INSERT INTO index_image_meta (id, format, key_version, sequence) VALUES (1, ?, ?, ?)",
                           arguments: [IndexImage.format, image.keyVersion, image.sequence])
        }
    }

    /// The stored index image, when there is one of this format taken with keys of
    /// `keyVersion`, whose sequence number the change log has reached, and whose sections match
    /// their checksums; nil otherwise. Each section's bytes are read straight into their array.
    func loadIndexImage(keyVersion: String) throws(RegistryError) -> IndexImage? {
        try read("read the index image") { db -> IndexImage? in
            guard let connection = db.sqliteConnection,
                  let meta = try Row.fetchOne(db, sql: "SELECT format, key_version, sequence FROM index_image_meta WHERE id = 1"),
                  meta[0] as Int == IndexImage.format, meta[1] as String == keyVersion else { return nil }
            let sequence: Int64 = meta[2]
            let last = try Int64.fetchOne(db, sql: "SELECT COALESCE(MAX(seq), 0) FROM change_log") ?? 0
            guard sequence <= last else { return nil }
            var sections: [String: [UInt8]] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT rowid, section, length(data), checksum FROM index_image") {
                let rowid: Int64 = row[0], length: Int = row[2], checksum: Int64 = row[3]
                guard let bytes = Self.readBlob(connection, rowid: rowid, length: length),
                      IndexImage.checksum(bytes) == checksum else { return nil }
                sections[row[1]] = bytes
            }
            return IndexImage(sequence: sequence, keyVersion: keyVersion, sections: sections)
        }
    }

    /// A blob of `index_image` read with SQLite's incremental blob I/O into a new array.
    private static func readBlob(_ connection: OpaquePointer, rowid: Int64, length: Int) -> [UInt8]? {
        var blob: OpaquePointer?
        guard sqlite3_blob_open(connection, "main", "index_image", "data", rowid, 0, &blob) == SQLITE_OK, let blob else { return nil }
        defer { sqlite3_blob_close(blob) }
        guard Int(sqlite3_blob_bytes(blob)) == length else { return nil }
        var failed = false
        let bytes = [UInt8](unsafeUninitializedCapacity: length) { buffer, initialized in
            var offset = 0
            while offset < length {
                let chunk = min(length - offset, 1 << 30)
                if sqlite3_blob_read(blob, buffer.baseAddress! + offset, Int32(chunk), Int32(offset)) != SQLITE_OK {
                    failed = true
                    break
                }
                offset += chunk
            }
            initialized = failed ? 0 : length
        }
        return failed ? nil : bytes
    }

    /// The redirects, distinct pairs and last sequence number, for an open from an image.
    func loadLinks() throws(RegistryError) -> RegistrySnapshot {
        try read("load the registry's redirects") { db in
            guard let connection = db.sqliteConnection else { throw RegistryError(.store, "the registry \(location) is closed") }
            return try Self.links(connection)
        }
    }

    /// What a snapshot holds besides its entities: redirects, distinct pairs, and the sequence
    /// number of the last change.
    static func links(_ connection: OpaquePointer) throws -> RegistrySnapshot {
        var redirects: [String: String] = [:]
        try RawRows(connection, "SELECT from_id, to_id FROM redirect").forEach { redirects[$0.text(0)] = $0.text(1) }
        var distinct: [DistinctPair] = []
        try RawRows(connection, "SELECT first_id, second_id FROM distinct_pair ORDER BY first_id, second_id").forEach {
            distinct.append(DistinctPair($0.text(0), $0.text(1)))
        }
        let sequence = try RawRows(connection, "SELECT COALESCE(MAX(seq), 0) FROM change_log").first { Int64($0.int(0)) } ?? 0
        return RegistrySnapshot(entities: [], redirects: redirects, distinct: distinct, sequence: sequence)
    }

    /// Reads the `key_version` row of the `meta` table.
    public func keyVersion() throws(RegistryError) -> String? {
        try read("read the key version") { db in
            try String.fetchOne(db, sql: "SELECT value FROM meta WHERE key = 'key_version'")
        }
    }

    private func migrate() throws(RegistryError) {
        do { try Self.retryingBusy { try Self.migrator.migrate(writer) } } catch {
            throw RegistryError(.store, "cannot migrate the registry \(location)", cause: error)
        }
    }

    /// Runs a read, mapping errors.
    func read<T>(_ what: String, _ body: (Database) throws -> T) throws(RegistryError) -> T {
        do {
            // Inside a group the writer connection answers, so the group's own writes are seen.
            if let db = groupDatabase() { return try body(db) }
            return try writer.read(body)
        } catch let error as RegistryError { throw error } catch {
            throw RegistryError(.store, "cannot \(what) in \(location)", cause: error)
        }
    }

    /// Runs a write in its own IMMEDIATE transaction, repeated whole while SQLite reports the
    /// database busy; inside a group, in a savepoint of the group's transaction.
    func writing<T>(_ body: (Database) throws -> T) throws -> T {
        if let db = groupDatabase() {
            // SQLite ends a transaction by itself on some faults (disk full, I/O error): a write
            // after that would commit on its own, outside the group. Fail the group instead.
            guard db.isInsideTransaction else {
                throw RegistryError(.store, "the group's transaction in \(location) ended early")
            }
            var result: T?
            try db.inSavepoint {
                result = try body(db)
                return .commit
            }
            return result!
        }
        return try Self.retryingBusy { try writer.write(body) }
    }

    /// True: a group is one IMMEDIATE transaction.
    public var groupCommits: Bool { true }

    /// The group's connection when the calling thread runs a group commit.
    private func groupDatabase() -> Database? {
        groupLock.lock()
        defer { groupLock.unlock() }
        guard let group, pthread_equal(group.thread, pthread_self()) != 0 else { return nil }
        return group.db
    }

    /// One IMMEDIATE write transaction for every write `body` makes on this thread: a stream of
    /// creations then costs one commit (and one sync), not one each. Other threads' writes wait
    /// for the commit, as they wait for any writer. A group inside a group joins it.
    public func grouped<T>(_ body: () throws -> T) throws -> (value: T, sequence: Int64?) {
        if groupDatabase() != nil { return (try body(), nil) }
        do {
            return try writer.write { db in
                groupLock.lock()
                group = (db, pthread_self())
                groupLock.unlock()
                defer {
                    groupLock.lock()
                    group = nil
                    groupLock.unlock()
                }
                let value = try body()
                let sequence = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) FROM change_log")) ?? 0
                return (value, sequence)
            }
        } catch let error as DatabaseError {
            throw RegistryError(.store, "cannot write to the registry \(location)", cause: error)
        }
    }

    /// Reads every table in one read transaction, so the snapshot and its sequence number agree.
    public func load() throws(RegistryError) -> RegistrySnapshot {
        try read("load the registry") { db in
            var entities: [Entity] = []
            var position: [String: Int] = [:]
            let entityRows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT id, display, display_fixed FROM entity ORDER BY id"))
            while let row = try entityRows.next() {
                let id: String = row[0]
                position[id] = entities.count
                entities.append(Entity(id: id, display: row[1], displayFixed: row[2], names: []))
            }
            var keysByName: [Int64: [NameKey]] = [:]
            let keyRows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT name_id, kind, value FROM name_key ORDER BY name_id, rowid"))
            while let row = try keyRows.next() {
                guard let kind = NameKey.Kind(rawValue: row[1]) else { continue }
                keysByName[row[0], default: []].append(NameKey(kind, row[2]))
            }
            let sql = "SELECT id, entity_id, text, language, script, kind, source FROM name ORDER BY entity_id, position, id"
            let nameRows = try Row.fetchCursor(db.cachedStatement(sql: sql))
            while let row = try nameRows.next() {
                let entity: String = row[1]
                guard let i = position[entity] else { continue }
                entities[i].names.append(Self.name(row, keys: keysByName[row[0]] ?? []))
            }
            var redirects: [String: String] = [:]
            let redirectRows = try Row.fetchCursor(db.cachedStatement(sql: "SELECT from_id, to_id FROM redirect"))
            while let row = try redirectRows.next() { redirects[row[0]] = row[1] }
            let distinct = try Row.fetchAll(db.cachedStatement(sql: "SELECT first_id, second_id FROM distinct_pair ORDER BY first_id, second_id"))
                .map { DistinctPair($0[0], $0[1]) }
            let sequence = try Int64.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(seq), 0) FROM change_log")) ?? 0
            return RegistrySnapshot(entities: entities, redirects: redirects, distinct: distinct, sequence: sequence)
        }
    }

    /// The registry's own open of a SQLite file: what `load()` reads, written
    /// straight from SQLite's bytes into the builder's entity table and indexes, with no `String`,
    /// `NameKey` or `Entity` made for a row.
    ///
    /// Every table is read in its own order (a plain scan), and put in order here. Reading names
    /// in entity order through the index on `(entity_id, position)` would look up each row by its
    /// ID, and in a registry grown by creations, whose random IDs are not in row order, those
    /// lookups were 2 of a 7-second open. Names are counting-sorted by entity, then by position
    /// within one; keys are counting-sorted by name.
    func loadIndex(into builder: some RawIndexBuilder) throws(RegistryError) -> RegistrySnapshot {
        try read("load the registry") { db in
            guard let connection = db.sqliteConnection else { throw RegistryError(.store, "the registry \(location) is closed") }
            // Keys: values in one pool, in table order, then ordered by name ID.
            var pool: [UInt8] = [], keyEnds: [Int] = [], kinds: [UInt8] = [], owners: [Int] = []
            let kindNames = NameKey.Kind.allCases.map { (Array($0.rawValue.utf8), EntityTable.keyKindCode($0)) }
            try RawRows(connection, "SELECT name_id, kind, value FROM name_key ORDER BY rowid").forEach { row in
                guard let kind = row.withBytes(1, { bytes in kindNames.first { $0.0.elementsEqual(bytes) }?.1 }) else { return }
                owners.append(row.int(0))
                kinds.append(kind)
                row.withBytes(2) { pool.append(contentsOf: $0) }
                keyEnds.append(pool.count)
            }
            let (firstKey, keyOrder) = Self.countingSort(owners)
            owners = []

            // Entities: ID and display in one pool, found by ID through a hash table.
            var entityBytes: [UInt8] = [], entityEnds: [(id: Int, display: Int)] = [], fixed: [Bool] = []
            var byID = HashMultimap()
            try RawRows(connection, "SELECT id, display, display_fixed FROM entity ORDER BY rowid").forEach { row in
                let index = UInt32(entityEnds.count)
                row.withBytes(0) { id in
                    byID.insert(stableHash(id), index)
                    entityBytes.append(contentsOf: id)
                }
                let idEnd = entityBytes.count
                row.withBytes(1) { entityBytes.append(contentsOf: $0) }
                entityEnds.append((idEnd, entityBytes.count))
                fixed.append(row.int(2) != 0)
            }
            func start(of entity: Int) -> Int { entity == 0 ? 0 : entityEnds[entity - 1].display }

            // Names: text and codes in one pool, in table order, each with its entity.
            var nameBytes: [UInt8] = []
            var names: [(entity: Int, position: Int, id: Int, end: Int, codes: (UInt8, UInt8, UInt8), source: Int)] = []
            var sources: [[UInt8]] = [], lastSource = -1
            var codes = (language: CodeReader(NameLanguage.allCases, NameLanguage.other),
                         script: CodeReader(Script.allCases, Script.unknown), kind: CodeReader(NameKind.allCases, NameKind.alias))
            try RawRows(connection, "SELECT id, entity_id, position, text, language, script, kind, source FROM name ORDER BY rowid").forEach { row in
                var entity = -1
                entityBytes.withUnsafeBytes { all in
                    row.withBytes(1) { id in
                        byID.forEach(stableHash(id)) { index in
                            let i = Int(index), from = start(of: i)
                            if entity < 0, entityEnds[i].id - from == id.count,
                               id.isEmpty || memcmp(all.baseAddress! + from, id.baseAddress!, id.count) == 0 { entity = i }
                        }
                    }
                }
                guard entity >= 0 else { return }  // no such entity: never kept (the foreign key forbids it)
                row.withBytes(3) { nameBytes.append(contentsOf: $0) }
                let language = row.withBytes(4) { codes.language.code($0) }
                let script = row.withBytes(5) { codes.script.code($0) }
                let kind = row.withBytes(6) { codes.kind.code($0) }
                let source = row.withBytes(7) { bytes -> Int in
                    if lastSource >= 0, sources[lastSource].elementsEqual(bytes) { return lastSource }
                    if let known = sources.firstIndex(where: { $0.elementsEqual(bytes) }) { lastSource = known } else {
                        sources.append(Array(bytes))
                        lastSource = sources.count - 1
                    }
                    return lastSource
                }
                names.append((entity, row.int(2), row.int(0), nameBytes.count, (language, script, kind), source))
            }
            byID = HashMultimap()
            let (firstName, nameOrder) = Self.countingSort(names.map(\.entity))
            let sourceTexts = sources.map { String(decoding: $0, as: UTF8.self) }

            // Records in the entity table's order (an entity's number says nothing about it).
            let table = builder.expect(entities: entityEnds.count, names: names.count, keys: keyOrder.count)
            entityBytes.withUnsafeBytes { all in
                nameBytes.withUnsafeBytes { text in
                    pool.withUnsafeBytes { keyBytes in
                        var group: [Int] = []
                        for e in entityEnds.indices {
                            // The entity's names, by position (then ID): mostly in that order already.
                            group.removeAll(keepingCapacity: true)
                            for k in Int(firstName[e])..<Int(firstName[e + 1]) { group.append(Int(nameOrder[k])) }
                            if group.count > 1 {
                                group.sort { (names[$0].position, names[$0].id) < (names[$1].position, names[$1].id) }
                            }
                            let from = start(of: e)
                            let number = table.beginRecord(id: UnsafeRawBufferPointer(rebasing: all[from..<entityEnds[e].id]),
                                                           display: UnsafeRawBufferPointer(rebasing: all[entityEnds[e].id..<entityEnds[e].display]),
                                                           fixed: fixed[e], names: group.count)
                            for n in group {
                                let name = names[n]
                                let nameText = UnsafeRawBufferPointer(rebasing: text[(n == 0 ? 0 : names[n - 1].end)..<name.end])
                                let keyRange = name.id >= 0 && name.id + 1 < firstKey.count ? Int(firstKey[name.id])..<Int(firstKey[name.id + 1]) : 0..<0
                                table.appendName(text: nameText, codes: name.codes, source: sourceTexts[name.source], keys: keyRange.count)
                                builder.indexName(number, text: nameText)
                                for k in keyRange {
                                    let key = Int(keyOrder[k])
                                    let value = UnsafeRawBufferPointer(rebasing: keyBytes[(key == 0 ? 0 : keyEnds[key - 1])..<keyEnds[key]])
                                    table.appendKey(kind: kinds[key], value: value, first: k == keyRange.lowerBound)
                                    builder.indexKey(number, kind: kinds[key], value: value)
                                }
                            }
                        }
                    }
                }
            }
            return try Self.links(connection)
        }
    }

    /// A stable counting sort of `owners` (non-negative integers; negative ones are left out):
    /// `first[o]..<first[o + 1]` are the positions in `order` of the indexes owned by `o`, in
    /// their original order.
    static func countingSort(_ owners: [Int]) -> (first: [Int32], order: [Int32]) {
        let maxOwner = owners.max() ?? 0
        var first = [Int32](repeating: 0, count: max(maxOwner, 0) + 2)
        for owner in owners where owner >= 0 { first[owner + 1] += 1 }
        for i in 1..<first.count { first[i] += first[i - 1] }
        var order = [Int32](repeating: 0, count: Int(first[first.count - 1]))
        var next = first
        for (i, owner) in owners.enumerated() where owner >= 0 {
            order[Int(next[owner])] = Int32(i)
            next[owner] += 1
        }
        return (first, order)
    }

    private static func name(_ row: Row, keys: [NameKey]) -> StoredName {
        StoredName(text: row["text"], languageCode: row["language"], scriptCode: row["script"], kindCode: row["kind"],
                   source: row["source"], keys: keys)
    }

    /// Reads the entity's row, its names and their keys in one read transaction.
    public func entity(_ id: String) throws(RegistryError) -> Entity? {
        try read("read entity \(id)") { db in
            guard let row = try Row.fetchOne(db.cachedStatement(sql: "SELECT id, display, display_fixed FROM entity WHERE id = ?"), arguments: [id]) else {
                return nil
            }
            var entity = Entity(id: row[0], display: row[1], displayFixed: row[2], names: [])
            let rows = try Row.fetchAll(db.cachedStatement(sql: "SELECT id, text, language, script, kind, source FROM name WHERE entity_id = ? ORDER BY position, id"), arguments: [id])
            for nameRow in rows {
                let nameID: Int64 = nameRow["id"]
                var keys: [NameKey] = []
                for k in try Row.fetchAll(db.cachedStatement(sql: "SELECT kind, value FROM name_key WHERE name_id = ? ORDER BY rowid"), arguments: [nameID]) {
                    if let kind = NameKey.Kind(rawValue: k[0]) { keys.append(NameKey(kind, k[1])) }
                }
                entity.names.append(Self.name(nameRow, keys: keys))
            }
            return entity
        }
    }

    /// Looks the ID up among the entities and the redirects in one query.
    public func isTaken(_ id: String) throws(RegistryError) -> Bool {
        try read("check ID \(id)") { db in try Self.isTaken(id, db) }
    }

    private static func isTaken(_ id: String, _ db: Database) throws -> Bool {
        try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM entity WHERE id = ?) OR EXISTS (SELECT 1 FROM redirect WHERE from_id = ?)"),
                          arguments: [id, id]) ?? false
    }

    /// Queries the key index, sorted by entity ID.
    public func entities(withKey key: NameKeyValue) throws(RegistryError) -> [String] {
        try read("look up a key") { db in try Self.entities(withKey: key, db) }
    }

    private static func entities(withKey key: NameKeyValue, _ db: Database) throws -> [String] {
        try String.fetchAll(db.cachedStatement(sql: """
            SELECT DISTINCT name.entity_id FROM name_key JOIN name ON name.id = name_key.name_id
            WHERE name_key.kind = ? AND name_key.value = ? ORDER BY name.entity_id
            """), arguments: [key.kind, key.value])
    }

    /// The entities with any of the keys, 32 keys a query (one query per key cost more than the
    /// insert). Every query has the same shape, the last padded with repeats, so one prepared
    /// statement serves them all.
    private static func entities(withAnyKeyOf keys: [NameKeyValue], _ db: Database) throws -> [String] {
        let width = 32
        let terms = Array(repeating: "(name_key.kind = ? AND name_key.value = ?)", count: width).joined(separator: " OR ")
        let statement = try db.cachedStatement(sql: "SELECT DISTINCT name.entity_id FROM name_key JOIN name ON name.id = name_key.name_id WHERE \(terms)")
        var found: [String] = []
        for start in stride(from: 0, to: keys.count, by: width) {
            var slice = Array(keys[start..<min(start + width, keys.count)])
            while slice.count < width { slice.append(slice[slice.count - 1]) }
            found += try String.fetchAll(statement, arguments: StatementArguments(slice.flatMap { [$0.kind, $0.value] }))
        }
        return found
    }

    /// Checks the keys and inserts the entity in one IMMEDIATE write transaction, which holds
    /// SQLite's write lock across both, so a second process waits and then sees the new row.
    public func create(_ entity: Entity, unlessAnyKeyOf keys: [NameKeyValue], besides known: Set<String>,
                       source: ChangeSource) throws(RegistryError) -> [String] {
        do {
            // GRDB opens write transactions IMMEDIATE: the check and the insert hold SQLite's
            // write lock together, and a second process waits (busy timeout) and then sees the row.
            return try writing { db in
                var existing: Set<String> = []
                existing.formUnion(try Self.entities(withAnyKeyOf: Array(Set(keys)), db))
                existing.subtract(known)
                if existing.isEmpty {
                    try Self.apply(.createEntity(entity), db)
                    try Self.log(.createEntity(entity), source: source, db)
                }
                return existing.sorted()
            }
        } catch let error as RegistryError { throw error } catch {
            throw RegistryError(.store, "cannot write to the registry \(location)", cause: error)
        }
    }

    /// Counts the rows of the entity, name, key and redirect tables.
    public func counts() throws(RegistryError) -> StoreCounts {
        try read("count") { db in
            StoreCounts(entities: try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM entity")) ?? 0,
                        names: try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM name")) ?? 0,
                        keys: try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM name_key")) ?? 0,
                        redirects: try Int.fetchOne(db.cachedStatement(sql: "SELECT COUNT(*) FROM redirect")) ?? 0)
        }
    }

    /// Applies and logs the changes in one write transaction, repeated whole if SQLite still
    /// reports the database busy after the busy timeout.
    @discardableResult
    public func apply(_ changes: [StoreChange], source: ChangeSource) throws(RegistryError) -> Int64 {
        if changes.isEmpty { return 0 }
        do {
            return try writing { db in
                var last: Int64 = 0
                for change in changes {
                    try Self.apply(change, db)
                    last = try Self.log(change, source: source, db)
                }
                return last
            }
        } catch let error as RegistryError { throw error } catch {
            throw RegistryError(.store, "cannot write to the registry \(location)", cause: error)
        }
    }

    /// Runs a write again when SQLite still reports the database busy after the busy timeout
    /// (a burst of writers from many processes), so a busy database never reaches the user;
    /// a write that failed with SQLITE_BUSY was rolled back whole and is safe to repeat.
    private static func retryingBusy<T>(_ body: () throws -> T) throws -> T {
        var attempt = 0
        while true {
            do { return try body() } catch let error as DatabaseError where error.resultCode == .SQLITE_BUSY && attempt < 8 {
                attempt += 1
                usleep(UInt32.random(in: 1_000...20_000) << min(attempt, 4))
            }
        }
    }

    /// Writes the change's log row; returns its sequence number.
    @discardableResult
    static func log(_ change: StoreChange, source: ChangeSource, _ db: Database) throws -> Int64 {
        let entry = change.logEntry
        try db.cachedStatement(sql: "INSERT INTO change_log (at, source, op, entity, other, detail) VALUES (?, ?, ?, ?, ?, ?)").execute(arguments: [ChangeRecord.now(), source.rawValue, entry.operation, entry.entity, entry.other, entry.detail])
        return db.lastInsertedRowID
    }

    /// Returns `[]` unread when `PRAGMA data_version` shows no other connection has committed
    /// since the last call (and `confirm` is not set); otherwise reads the change log.
    ///
    /// Asked before every resolve, so the common answer (nobody committed at all) comes from
    /// the commit probe's own connection, a few SQLite calls; only when something was committed
    /// does the writer connection tell whether it was another connection.
    public func changes(after sequence: Int64, limit: Int, confirm: Bool) throws(RegistryError) -> [ChangeRecord] {
        if !confirm, let commitProbe, groupDatabase() == nil, commitProbe.nothingCommitted() { return [] }
        do {
            // data_version changes when another connection (another process) commits; this
            // store's own writes go through the same writer connection and leave it alone.
            let pragma = "PRAGMA data_version"
            let version = try groupDatabase().map { try Int64.fetchOne($0.cachedStatement(sql: pragma)) ?? 0 }
                ?? writer.writeWithoutTransaction { db in try Int64.fetchOne(db.cachedStatement(sql: pragma)) ?? 0 }
            versionLock.lock()
            let unchanged = seenDataVersion == version
            seenDataVersion = version
            versionLock.unlock()
            if unchanged && !confirm { return [] }
        } catch {
            throw RegistryError(.store, "cannot read the change log of \(location)", cause: error)
        }
        return try read("read the change log") { db in
            try Row.fetchAll(db.cachedStatement(sql: "SELECT seq, at, source, op, entity, other, detail FROM change_log WHERE seq > ? ORDER BY seq LIMIT ?"),
                             arguments: [sequence, limit]).map(Self.record)
        }
    }

    /// Reads the change log rows that name any of `ids` as their entity or other entity.
    public func history(of ids: [String]) throws(RegistryError) -> [ChangeRecord] {
        if ids.isEmpty { return [] }
        let marks = Array(repeating: "?", count: ids.count).joined(separator: ", ")
        return try read("read the change log") { db in
            try Row.fetchAll(db.cachedStatement(sql: """
                SELECT seq, at, source, op, entity, other, detail FROM change_log
                WHERE entity IN (\(marks)) OR other IN (\(marks)) ORDER BY seq
                """), arguments: StatementArguments(ids + ids)).map(Self.record)
        }
    }

    private static func record(_ row: Row) -> ChangeRecord {
        ChangeRecord(sequence: row[0], time: row[1], source: ChangeSource(rawValue: row[2]) ?? .user, operation: row[3],
                     entity: row[4], other: row[5], detail: row[6])
    }

    private static func requireEntity(_ id: String, _ db: Database) throws {
        guard try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM entity WHERE id = ?)"), arguments: [id]) ?? false else {
            throw RegistryError(.notFound, "no entity \(id)")
        }
    }

    private static func insert(_ names: [StoredName], into entity: String, _ db: Database) throws {
        var position = try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(position) + 1, 0) FROM name WHERE entity_id = ?"), arguments: [entity]) ?? 0
        for name in names {
            try db.cachedStatement(sql: """
                INSERT INTO name (entity_id, text, language, script, kind, source, position) VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (entity_id, text) DO NOTHING
                """).execute(arguments: [entity, name.text, name.language.rawValue, name.script.rawValue, name.kind.rawValue, name.source, position])
            guard db.changesCount > 0 else { continue }
            let nameID = db.lastInsertedRowID
            position += 1
            for key in name.keys {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO name_key (name_id, kind, value) VALUES (?, ?, ?)").execute(arguments: [nameID, key.kind.rawValue, key.value])
            }
        }
    }

    static func apply(_ change: StoreChange, _ db: Database) throws {
        switch change {
        case .createEntity(let entity):
            if try isTaken(entity.id, db) { throw RegistryError(.conflict, "the ID \(entity.id) is taken") }
            try db.cachedStatement(sql: "INSERT INTO entity (id, display, display_fixed) VALUES (?, ?, ?)").execute(arguments: [entity.id, entity.display, entity.displayFixed])
            try insert(entity.names, into: entity.id, db)
        case .addNames(let id, let names):
            try requireEntity(id, db)
            try insert(names, into: id, db)
        case .removeName(let id, let text):
            try requireEntity(id, db)
            try db.cachedStatement(sql: "DELETE FROM name WHERE entity_id = ? AND text = ?").execute(arguments: [id, text])
            if db.changesCount == 0 { throw RegistryError(.notFound, "entity \(id) has no name \"\(text)\"") }
        case .setDisplay(let id, let display, let fixed):
            try requireEntity(id, db)
            try db.cachedStatement(sql: "UPDATE entity SET display = ?, display_fixed = ? WHERE id = ?").execute(arguments: [display, fixed, id])
        case .merge(let from, let into):
            if from == into { throw RegistryError(.conflict, "cannot merge \(from) into itself") }
            try requireEntity(from, db)
            try requireEntity(into, db)
            // Two statements whatever the sizes (a query per name made large merges slow): names
            // `into` already has go with `from`; the rest move after `into`'s names, in their order.
            let base = try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MAX(position) + 1, 0) FROM name WHERE entity_id = ?"), arguments: [into]) ?? 0
            let first = try Int.fetchOne(db.cachedStatement(sql: "SELECT COALESCE(MIN(position), 0) FROM name WHERE entity_id = ?"), arguments: [from]) ?? 0
            try db.cachedStatement(sql: "DELETE FROM name WHERE entity_id = ? AND text IN (SELECT text FROM name WHERE entity_id = ?)").execute(arguments: [from, into])
            // One primary name per entity: the merged-away primary becomes an alias.
            try db.cachedStatement(sql: """
                UPDATE name SET entity_id = ?, position = position - ? + ?,
                    kind = CASE kind WHEN 'primary' THEN 'alias' ELSE kind END
                WHERE entity_id = ?
                """).execute(arguments: [into, first, base, from])
            // The merged-away entity's judgements pass to the kept one; one between the two is dropped.
            let partners = try String.fetchAll(db.cachedStatement(sql: """
                SELECT second_id FROM distinct_pair WHERE first_id = ? UNION SELECT first_id FROM distinct_pair WHERE second_id = ?
                """), arguments: [from, from])
            try db.cachedStatement(sql: "DELETE FROM distinct_pair WHERE first_id = ? OR second_id = ?").execute(arguments: [from, from])
            for partner in partners where partner != into {
                let pair = DistinctPair(partner, into)
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO distinct_pair (first_id, second_id) VALUES (?, ?)").execute(arguments: [pair.first, pair.second])
            }
            try db.cachedStatement(sql: "UPDATE redirect SET to_id = ? WHERE to_id = ?").execute(arguments: [into, from])
            try db.cachedStatement(sql: "DELETE FROM entity WHERE id = ?").execute(arguments: [from])
            try db.cachedStatement(sql: "INSERT INTO redirect (from_id, to_id) VALUES (?, ?)").execute(arguments: [from, into])
        case .setKeys(let id, let text, let keys):
            guard let nameID = try Int64.fetchOne(db.cachedStatement(sql: "SELECT id FROM name WHERE entity_id = ? AND text = ?"), arguments: [id, text]) else {
                throw RegistryError(.notFound, "entity \(id) has no name \"\(text)\"")
            }
            try db.cachedStatement(sql: "DELETE FROM name_key WHERE name_id = ?").execute(arguments: [nameID])
            for key in keys {
                try db.cachedStatement(sql: "INSERT OR IGNORE INTO name_key (name_id, kind, value) VALUES (?, ?, ?)").execute(arguments: [nameID, key.kind.rawValue, key.value])
            }
        case .setKeyVersion(let version):
            try db.cachedStatement(sql: "INSERT INTO meta (key, value) VALUES ('key_version', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value").execute(arguments: [version])
        case .addRedirect(let from, let to):
            if try Bool.fetchOne(db.cachedStatement(sql: "SELECT EXISTS (SELECT 1 FROM entity WHERE id = ?)"), arguments: [from]) ?? false {
                throw RegistryError(.conflict, "\(from) is a live entity, not a redirect")
            }
            try requireEntity(to, db)
            try db.cachedStatement(sql: "INSERT INTO redirect (from_id, to_id) VALUES (?, ?) ON CONFLICT (from_id) DO UPDATE SET to_id = excluded.to_id").execute(arguments: [from, to])
        case .setNameKind(let id, let text, let kind):
            try requireEntity(id, db)
            try db.cachedStatement(sql: "UPDATE name SET kind = ? WHERE entity_id = ? AND text = ?").execute(arguments: [kind.rawValue, id, text])
            if db.changesCount == 0 { throw RegistryError(.notFound, "entity \(id) has no name \"\(text)\"") }
        case .addDistinct(let pair):
            if pair.first == pair.second { throw RegistryError(.conflict, "an entity cannot be distinct from itself") }
            try requireEntity(pair.first, db)
            try requireEntity(pair.second, db)
            try db.cachedStatement(sql: "INSERT OR IGNORE INTO distinct_pair (first_id, second_id) VALUES (?, ?)").execute(arguments: [pair.first, pair.second])
        case .removeDistinct(let pair):
            try db.cachedStatement(sql: "DELETE FROM distinct_pair WHERE first_id = ? AND second_id = ?").execute(arguments: [pair.first, pair.second])
        }
    }
}

/// `PRAGMA data_version` on a connection of its own, stepped with SQLite's own calls. The value
/// changes whenever any connection commits, this process's writer included, so "unchanged"
/// means nobody wrote; "changed" leaves the question of who wrote to the writer connection.
final class CommitProbe: @unchecked Sendable {
    private var connection: OpaquePointer?
    private var statement: OpaquePointer?
    private var seen: Int64?
    private let lock = NSLock()

    /// A probe of the database file at `path`; nil when it cannot be opened (the caller then
    /// asks the writer connection every time).
    init?(path: String) {
        guard sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) == SQLITE_OK,
              sqlite3_prepare_v2(connection, "PRAGMA data_version", -1, &statement, nil) == SQLITE_OK else {
            sqlite3_close(connection)
            return nil
        }
    }

    deinit {
        sqlite3_finalize(statement)
        sqlite3_close(connection)
    }

    /// True when no connection has committed since the last call; false on the first call and
    /// on any error (busy, I/O), which send the caller the long way.
    func nothingCommitted() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let code = sqlite3_step(statement)
        let version: Int64? = code == SQLITE_ROW ? sqlite3_column_int64(statement, 0) : nil
        // Ends the read transaction the step began, so the probe never holds a snapshot.
        sqlite3_reset(statement)
        defer { seen = version }
        return version != nil && version == seen
    }
}

/// A statement stepped with SQLite's own calls, for the open's millions of rows (GRDB's `Row`
/// costs more than the read itself there). Finalized when released.
final class RawRows {
    private var statement: OpaquePointer?
    private let connection: OpaquePointer
    private var failure: Int32 = SQLITE_OK

    init(_ connection: OpaquePointer, _ sql: String) throws {
        self.connection = connection
        let code = sqlite3_prepare_v2(connection, sql, -1, &statement, nil)
        guard code == SQLITE_OK else {
            throw RegistryError(.store, "cannot read the registry (\(String(cString: sqlite3_errmsg(connection))))")
        }
    }

    deinit { sqlite3_finalize(statement) }

    /// Moves to the next row; false at the end or on an error (`check` throws it).
    func step() -> Bool {
        let code = sqlite3_step(statement)
        if code == SQLITE_ROW { return true }
        if code != SQLITE_DONE { failure = code }
        return false
    }

    /// Throws when a step failed.
    func check() throws {
        guard failure == SQLITE_OK else {
            throw RegistryError(.store, "cannot read the registry (\(String(cString: sqlite3_errmsg(connection))))")
        }
    }

    /// Calls `body` with each row.
    func forEach(_ body: (RawRows) throws -> Void) throws {
        while step() { try body(self) }
        try check()
    }

    /// `body` of the first row, nil when there is none.
    func first<T>(_ body: (RawRows) -> T) throws -> T? {
        defer { sqlite3_reset(statement) }
        if step() { return body(self) }
        try check()
        return nil
    }

    func int(_ column: Int32) -> Int { Int(sqlite3_column_int64(statement, column)) }

    /// `body` of the text of `column`, valid until the next step.
    func withBytes<T>(_ column: Int32, _ body: (UnsafeRawBufferPointer) -> T) -> T {
        let count = Int(sqlite3_column_bytes(statement, column))
        guard count > 0, let bytes = sqlite3_column_text(statement, column) else { return body(UnsafeRawBufferPointer(start: nil, count: 0)) }
        return body(UnsafeRawBufferPointer(start: bytes, count: count))
    }

    func text(_ column: Int32) -> String {
        guard let bytes = sqlite3_column_text(statement, column) else { return "" }
        let count = Int(sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }

    /// Compares the text of `column` with `other`'s text of `otherColumn` byte by byte, as SQLite's
    /// BINARY collation orders them.
    func compareText(_ column: Int32, _ other: RawRows, _ otherColumn: Int32) -> Int {
        let a = sqlite3_column_text(statement, column), n = Int(sqlite3_column_bytes(statement, column))
        let b = sqlite3_column_text(other.statement, otherColumn), m = Int(sqlite3_column_bytes(other.statement, otherColumn))
        let common = min(n, m)
        if common > 0, let a, let b {
            let c = memcmp(a, b, common)
            if c != 0 { return Int(c) }
        }
        return n - m
    }
}

/// What `SQLiteStore.loadIndex` writes into: a fresh entity table sized for what follows, and
/// the indexes of each name's text and keys (the registry).
protocol RawIndexBuilder: AnyObject {
    /// A new, empty table sized for the counts, which the records are written into.
    func expect(entities: Int, names: Int, keys: Int) -> EntityTable
    /// Indexes the text of a name of entity `number`.
    func indexName(_ number: UInt32, text: UnsafeRawBufferPointer)
    /// Indexes a key (kind code, value) of a name of entity `number`.
    func indexKey(_ number: UInt32, kind: UInt8, value: UnsafeRawBufferPointer)
}
