import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import NameCanon
import NameRegistry
import PostgresNIO

/// A registry store in PostgreSQL, for many processes on many machines sharing one registry.
///
/// ```swift
/// let store = try PostgresStore(url: "postgres://registry@db.example/names")
/// let registry = try Registry(store: store)
/// ```
///
/// How it talks to the server: postgres-nio is asynchronous and `RegistryStore` is not, so the
/// store owns a dedicated one-thread event loop group and blocks the calling thread (never an
/// event loop thread) on each result. It keeps ONE query connection behind a lock: the registry
/// above it already serializes a process's operations, so a pool would only hold idle
/// connections; processes are the unit of parallelism. A second connection only LISTENs.
///
/// Writes: every write transaction first takes one transaction-scoped advisory lock, so writes
/// from all processes are serialized, as in SQLite. That makes the change log's sequence numbers
/// follow commit order (a process that has seen change N has seen every change before it) and
/// lets `create` re-check keys against committed data without serialization anomalies. A
/// serialization failure or deadlock is retried inside; a connection lost before COMMIT is
/// reconnected and the transaction run again; a connection lost during COMMIT is reported, since
/// the server may or may not have committed. Nothing is ever half-written: a transaction commits
/// whole or not at all.
public final class PostgresStore: RegistryStore, @unchecked Sendable {
    /// The server and database, without the password, for messages.
    public let location: String
    private let settings: PostgresSettings
    private let configuration: PostgresConnection.Configuration
    private let group: MultiThreadedEventLoopGroup
    private let logger: Logger

    /// Recursive: a group commit holds it while the operations inside run their transactions.
    private let lock = NSRecursiveLock()
    /// The session of an open group commit (see `grouped`); only touched with the lock held.
    private var groupSession: Session?
    private var connection: PostgresConnection?
    private var listener: PostgresConnection?
    private var connectionCount = 0
    /// Set by the LISTEN connection when any process commits a change (and at start).
    private let notified = NotifiedFlag()

    /// The NOTIFY channel every write transaction signals.
    static let channel = "namecanon_changes"
    /// Advisory lock keys: one for migrations, one that serializes write transactions.
    static let migrationLock: Int64 = 0x6E61_6D65_0001
    static let writeLock: Int64 = 0x6E61_6D65_0002

    /// Opens the registry at a `postgres://` URL (with `PG*` environment variables for what the URL
    /// leaves out) and runs any migration it lacks.
    public convenience init(url: String) throws(RegistryError) {
        try self.init(settings: try PostgresSettings(url: url))
    }

    /// Connects with `settings`, runs any migration the database lacks (under an advisory lock,
    /// so processes starting together migrate once) and starts listening for other processes'
    /// changes.
    ///
    /// - Throws: `RegistryError` `.store` when the server cannot be reached or migrated.
    public init(settings: PostgresSettings) throws(RegistryError) {
        self.settings = settings
        location = settings.description
        var logger = Logger(label: "namecanon.postgres")
        logger.logLevel = .critical
        self.logger = logger
        configuration = try Self.connectionConfiguration(settings)
        group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        do {
            try migrate()
        } catch {
            try? group.syncShutdownGracefully()
            throw error
        }
        lock.lock()
        startListening()
        lock.unlock()
    }

    /// The postgres-nio configuration for the settings: a Unix socket or TCP with the TLS mode.
    static func connectionConfiguration(_ settings: PostgresSettings) throws(RegistryError) -> PostgresConnection.Configuration {
        var config: PostgresConnection.Configuration
        if settings.isUnixSocket {
            config = .init(unixSocketPath: settings.socketPath, username: settings.user, password: settings.password, database: settings.database)
        } else {
            let tls: PostgresConnection.Configuration.TLS
            do {
                switch settings.tls {
                case .disable: tls = .disable
                case .prefer, .require:
                    var c = TLSConfiguration.makeClientConfiguration()
                    c.certificateVerification = .none
                    let context = try NIOSSLContext(configuration: c)
                    tls = settings.tls == .prefer ? .prefer(context) : .require(context)
                case .verifyCA, .verifyFull:
                    var c = TLSConfiguration.makeClientConfiguration()
                    c.certificateVerification = settings.tls == .verifyFull ? .fullVerification : .noHostnameVerification
                    tls = .require(try NIOSSLContext(configuration: c))
                }
            } catch {
                throw RegistryError(.store, "cannot set up TLS for \(settings)", cause: error)
            }
            config = .init(host: settings.host, port: settings.port, username: settings.user, password: settings.password,
                           database: settings.database, tls: tls)
        }
        config.options.connectTimeout = .seconds(10)
        return config
    }

    deinit {
        _ = try? listener?.close().wait()
        _ = try? connection?.close().wait()
        try? group.syncShutdownGracefully()
    }

    // MARK: - Connections

    private func connect() throws -> PostgresConnection {
        connectionCount += 1
        return try PostgresConnection.connect(on: group.next(), configuration: configuration, id: connectionCount, logger: logger).wait()
    }

    /// The query connection, opened (again) when needed. Call with the lock held.
    private func connected() throws -> PostgresConnection {
        if let connection, !connection.isClosed { return connection }
        connection = nil
        let opened = try connect()
        connection = opened
        return opened
    }

    /// Opens the LISTEN connection; without it every change check reads the log. Lock held.
    private func startListening() {
        if let listener, !listener.isClosed { return }
        listener = nil
        notified.set()
        guard let opened = try? connect() else { return }
        let flag = notified
        opened.addListener(channel: Self.channel) { _, _ in flag.set() }
        guard (try? opened.query("LISTEN namecanon_changes", logger: logger).wait()) != nil else {
            _ = try? opened.close().wait()
            return
        }
        listener = opened
    }

    // MARK: - Running queries

    /// One connection's queries inside a transaction or a read.
    struct Session {
        let connection: PostgresConnection
        let logger: Logger

        @discardableResult
        func query(_ query: PostgresQuery) throws -> PostgresQueryResult {
            try connection.query(query, logger: logger).wait()
        }
    }

    private enum Failure {
        case retry, reconnect, fail
    }

    private static func classify(_ error: any Error) -> Failure {
        guard let error = error as? PSQLError else { return error is ChannelError ? .reconnect : .fail }
        if let state = error.serverInfo?[.sqlState] {
            // serialization_failure, deadlock_detected, lock_not_available
            if ["40001", "40P01", "55P03"].contains(state) { return .retry }
            // admin_shutdown, crash_shutdown, cannot_connect_now
            if ["57P01", "57P02", "57P03"].contains(state) { return .reconnect }
            return .fail
        }
        switch error.code {
        case .serverClosedConnection, .clientClosedConnection, .connectionError, .uncleanShutdown: return .reconnect
        default: return .fail
        }
    }

    /// A readable account of a postgres-nio error (its own description hides the server's words).
    static func describe(_ error: any Error) -> String {
        guard let error = error as? PSQLError else { return "\(error)" }
        if let info = error.serverInfo {
            let message = info[.message] ?? "server error"
            let state = info[.sqlState].map { " (SQLSTATE \($0))" } ?? ""
            let detail = info[.detail].map { ": \($0)" } ?? ""
            return message + detail + state
        }
        if let underlying = error.underlying { return "\(error.code): \(underlying)" }
        return "\(error.code)"
    }

    private func storeError(_ what: String, _ error: any Error) -> RegistryError {
        if let error = error as? RegistryError { return error }
        return RegistryError(.store, "cannot \(what) in \(location): \(Self.describe(error))")
    }

    /// Runs `body` in one transaction on the query connection, with the retries described on the
    /// type. Writes hold the write advisory lock; reads see one snapshot (REPEATABLE READ). A
    /// read of one statement (`single`) runs without BEGIN and COMMIT: one statement is its own
    /// snapshot, and it saves two round trips.
    func transaction<T>(_ what: String, write: Bool, single: Bool = false, _ body: (Session) throws -> T) throws(RegistryError) -> T {
        lock.lock()
        defer { lock.unlock() }
        // Inside a group commit (this thread holds the lock): the group's transaction, a write in
        // a savepoint of it so that it stays all-or-nothing on its own. No retries: a failure
        // fails the group, which the caller may repeat operation by operation.
        if let s = groupSession {
            do {
                if !write { return try body(s) }
                try s.query("SAVEPOINT operation")
                do {
                    let value = try body(s)
                    try s.query("RELEASE SAVEPOINT operation")
                    return value
                } catch {
                    _ = try? s.query("ROLLBACK TO SAVEPOINT operation")
                    _ = try? s.query("RELEASE SAVEPOINT operation")
                    throw error
                }
            } catch {
                throw storeError(what, error)
            }
        }
        var attempt = 0
        while true {
            attempt += 1
            var committing = false
            var session: Session?
            do {
                let s = Session(connection: try connected(), logger: logger)
                session = s
                if single && !write { return try body(s) }
                if write {
                    try s.query("BEGIN ISOLATION LEVEL READ COMMITTED")
                    try s.query("SELECT pg_advisory_xact_lock(\(Self.writeLock))")
                } else {
                    try s.query("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")
                }
                let value = try body(s)
                committing = true
                try s.query("COMMIT")
                return value
            } catch {
                if !(single && !write), let s = session, !s.connection.isClosed { _ = try? s.query("ROLLBACK") }
                if error is RegistryError { throw error as! RegistryError }
                switch Self.classify(error) {
                case .retry where attempt < 20:
                    usleep(UInt32.random(in: 1_000...10_000) * UInt32(min(attempt, 8)))
                    continue
                case .reconnect where !(committing && write) && attempt < 4:
                    connection = nil
                    usleep(UInt32(200_000 * attempt))
                    continue
                case .reconnect where committing && write:
                    connection = nil
                    throw RegistryError(.store, "the connection to \(location) was lost while committing; the change may or may not have been written (check with registry get or history): \(Self.describe(error))")
                default:
                    if let s = session, s.connection.isClosed { connection = nil }
                    throw storeError(what, error)
                }
            }
        }
    }

    /// True: a group is one transaction under the write lock.
    public var groupCommits: Bool { true }

    /// One READ COMMITTED transaction, holding the write advisory lock from its start, for every
    /// operation `body` runs on this thread: a stream of creations costs one round trip of BEGIN
    /// and COMMIT and one wait for the lock, not one each. Other processes' writes wait for the
    /// commit (they take the same lock); other threads of this process wait for the store.
    public func grouped<T>(_ body: () throws -> T) throws -> (value: T, sequence: Int64?) {
        lock.lock()
        defer { lock.unlock() }
        if groupSession != nil { return (try body(), nil) }
        let s: Session
        do {
            s = Session(connection: try connected(), logger: logger)
            try s.query("BEGIN ISOLATION LEVEL READ COMMITTED")
            try s.query("SELECT pg_advisory_xact_lock(\(Self.writeLock))")
        } catch {
            if let connection, !connection.isClosed { _ = try? connection.query("ROLLBACK", logger: logger).wait() } else { connection = nil }
            throw storeError("begin a group of writes", error)
        }
        groupSession = s
        var committing = false
        do {
            let value = try body()
            var sequence: Int64 = 0
            for row in try s.query("SELECT COALESCE(MAX(seq), 0)::BIGINT FROM change_log") { sequence = try row.decode(Int64.self) }
            groupSession = nil
            committing = true
            try s.query("COMMIT")
            return (value, sequence)
        } catch {
            groupSession = nil
            if s.connection.isClosed {
                connection = nil
            } else if !committing {
                _ = try? s.query("ROLLBACK")
            }
            if committing, Self.classify(error) == .reconnect {
                throw RegistryError(.store, "the connection to \(location) was lost while committing a group; its changes may or may not have been written (check with registry get or history): \(Self.describe(error))")
            }
            // The server's and the connection's errors are the store's; the body's own pass through.
            if error is PSQLError || error is ChannelError { throw storeError("write a group of changes", error) }
            throw error
        }
    }

    // MARK: - Migrations

    /// The schema, by named migrations applied in order once per database, each in its own
    /// transaction, under a session advisory lock so that processes starting at once take turns.
    /// Every migration in the order applied: the store's own, then the external-ID tables.
    static var allMigrations: [(name: String, statements: [String])] { migrations + [externalIDMigration] }

    static let migrations: [(name: String, statements: [String])] = [
        ("v1-entities-names-keys", [
            """
            CREATE TABLE entity (
                id TEXT PRIMARY KEY,
                display TEXT NOT NULL,
                display_fixed BOOLEAN NOT NULL DEFAULT false
            )
            """,
            // A merged-away ID stays here forever, so it is never issued again and still resolves.
            "CREATE TABLE redirect (from_id TEXT PRIMARY KEY, to_id TEXT NOT NULL REFERENCES entity(id))",
            """
            CREATE TABLE name (
                id BIGSERIAL PRIMARY KEY,
                entity_id TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
                text TEXT NOT NULL,
                language TEXT NOT NULL,
                script TEXT NOT NULL,
                kind TEXT NOT NULL CHECK (kind IN ('primary', 'alias', 'transliteration', 'learned')),
                source TEXT NOT NULL,
                position INTEGER NOT NULL,
                UNIQUE (entity_id, text)
            )
            """,
            "CREATE INDEX name_by_text ON name(text)",
            """
            CREATE TABLE name_key (
                name_id BIGINT NOT NULL REFERENCES name(id) ON DELETE CASCADE,
                kind TEXT NOT NULL,
                value TEXT NOT NULL,
                ord INTEGER NOT NULL,
                PRIMARY KEY (name_id, kind)
            )
            """,
            "CREATE INDEX name_key_by_value ON name_key(kind, value)",
        ]),
        // One row per applied change, never pruned; seq is assigned under the write lock, so it
        // follows commit order.
        ("v2-change-log", [
            """
            CREATE TABLE change_log (
                seq BIGINT PRIMARY KEY,
                at TEXT NOT NULL,
                source TEXT NOT NULL,
                op TEXT NOT NULL,
                entity TEXT NOT NULL,
                other TEXT,
                detail TEXT NOT NULL
            )
            """,
            "CREATE INDEX change_log_by_entity ON change_log(entity)",
            "CREATE INDEX change_log_by_other ON change_log(other) WHERE other IS NOT NULL",
        ]),
        // The same facts as the SQLite store's v2-distinct, v2-several-keys-per-kind and v3-meta:
        // judgements that two entities are different people, several keys of one kind per name
        // (the loose romanization keys), and store-wide facts such as the key version.
        ("v3-distinct-keys-meta", [
            """
            CREATE TABLE distinct_pair (
                first_id TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
                second_id TEXT NOT NULL REFERENCES entity(id) ON DELETE CASCADE,
                PRIMARY KEY (first_id, second_id),
                CHECK (first_id < second_id)
            )
            """,
            "CREATE INDEX distinct_pair_by_second ON distinct_pair(second_id)",
            "ALTER TABLE name_key DROP CONSTRAINT name_key_pkey",
            "ALTER TABLE name_key ADD PRIMARY KEY (name_id, kind, value)",
            "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)",
        ]),
    ]

    private func migrate() throws(RegistryError) {
        lock.lock()
        defer { lock.unlock() }
        var s: Session
        do {
            s = Session(connection: try connected(), logger: logger)
        } catch {
            throw RegistryError(.store, "cannot connect to \(location): \(Self.describe(error))")
        }
        do {
            try s.query("SELECT pg_advisory_lock(\(Self.migrationLock))")
            defer { _ = try? s.query("SELECT pg_advisory_unlock(\(Self.migrationLock))") }
            try s.query("CREATE TABLE IF NOT EXISTS namecanon_migration (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())")
            var applied: Set<String> = []
            for row in try s.query("SELECT name FROM namecanon_migration") { applied.insert(try row.decode(String.self)) }
            for migration in Self.allMigrations where !applied.contains(migration.name) {
                try s.query("BEGIN")
                do {
                    for statement in migration.statements { try s.query(PostgresQuery(unsafeSQL: statement)) }
                    try s.query("INSERT INTO namecanon_migration (name) VALUES (\(migration.name))")
                    try s.query("COMMIT")
                } catch {
                    _ = try? s.query("ROLLBACK")
                    throw error
                }
            }
        } catch {
            throw RegistryError(.store, "cannot migrate the registry \(location): \(Self.describe(error))")
        }
    }

    // MARK: - Reads

    /// Reads every table in one read-only transaction, so the snapshot and its sequence number agree.
    public func load() throws(RegistryError) -> RegistrySnapshot {
        try transaction("load the registry", write: false) { s in
            var entities: [Entity] = []
            var position: [String: Int] = [:]
            for row in try s.query(#"SELECT id, display, display_fixed FROM entity ORDER BY id COLLATE "C""#) {
                let (id, display, fixed) = try row.decode((String, String, Bool).self)
                position[id] = entities.count
                entities.append(Entity(id: id, display: display, displayFixed: fixed, names: []))
            }
            // Each name with its keys gathered by the server (one row a name, not one a key): the
            // server groups on its own core while this one decodes.
            let names = """
                SELECT n.entity_id, n.text, n.language, n.script, n.kind, n.source,
                       COALESCE(array_agg(k.kind ORDER BY k.ord) FILTER (WHERE k.name_id IS NOT NULL), '{}'),
                       COALESCE(array_agg(k.value ORDER BY k.ord) FILTER (WHERE k.name_id IS NOT NULL), '{}')
                FROM name n LEFT JOIN name_key k ON k.name_id = n.id
                GROUP BY n.id ORDER BY n.entity_id, n.position, n.id
                """
            for row in try s.query(PostgresQuery(unsafeSQL: names)) {
                let (entity, text, language, script, kind, source, kinds, values) =
                    try row.decode((String, String, String, String, String, String, [String], [String]).self)
                guard let i = position[entity] else { continue }
                var keys: [NameKey] = []
                keys.reserveCapacity(kinds.count)
                for (k, v) in zip(kinds, values) { if let kind = NameKey.Kind(rawValue: k) { keys.append(NameKey(kind, v)) } }
                entities[i].names.append(StoredName(text: text, languageCode: language, scriptCode: script, kindCode: kind,
                                                    source: source, keys: keys))
            }
            var redirects: [String: String] = [:]
            for row in try s.query("SELECT from_id, to_id FROM redirect") {
                let (from, to) = try row.decode((String, String).self)
                redirects[from] = to
            }
            var distinct: [DistinctPair] = []
            for row in try s.query(#"SELECT first_id, second_id FROM distinct_pair ORDER BY first_id COLLATE "C", second_id COLLATE "C""#) {
                let (first, second) = try row.decode((String, String).self)
                distinct.append(DistinctPair(first, second))
            }
            var sequence: Int64 = 0
            for row in try s.query("SELECT COALESCE(MAX(seq), 0)::BIGINT FROM change_log") { sequence = try row.decode(Int64.self) }
            return RegistrySnapshot(entities: entities, redirects: redirects, distinct: distinct, sequence: sequence)
        }
    }

    /// Reads the `key_version` row of the `meta` table.
    public func keyVersion() throws(RegistryError) -> String? {
        try transaction("read the key version", write: false) { s in
            try s.query("SELECT value FROM meta WHERE key = 'key_version'").first?.decode(String.self)
        }
    }

    /// Reads the entity with its names and their keys (one joined query for the names).
    public func entity(_ id: String) throws(RegistryError) -> Entity? {
        try transaction("read entity \(id)", write: false) { s in try Self.entity(id, s) }
    }

    private static func entity(_ id: String, _ s: Session) throws -> Entity? {
        guard let row = try s.query("SELECT display, display_fixed FROM entity WHERE id = \(id)").first else { return nil }
        let (display, fixed) = try row.decode((String, Bool).self)
        var entity = Entity(id: id, display: display, displayFixed: fixed, names: [])
        var lastName: Int64 = -1
        let rows = try s.query("""
            SELECT n.id, n.text, n.language, n.script, n.kind, n.source, k.kind, k.value
            FROM name n LEFT JOIN name_key k ON k.name_id = n.id
            WHERE n.entity_id = \(id) ORDER BY n.position, n.id, k.ord
            """)
        for row in rows {
            let (nameID, text, language, script, kind, source, keyKind, keyValue) =
                try row.decode((Int64, String, String, String, String, String, String?, String?).self)
            if nameID != lastName {
                entity.names.append(StoredName(text: text, languageCode: language, scriptCode: script, kindCode: kind,
                                               source: source, keys: []))
                lastName = nameID
            }
            if let keyKind, let keyValue, let k = NameKey.Kind(rawValue: keyKind) {
                entity.names[entity.names.count - 1].keys.append(NameKey(k, keyValue))
            }
        }
        return entity
    }

    /// Looks the ID up among the entities and the redirects in one query.
    public func isTaken(_ id: String) throws(RegistryError) -> Bool {
        try transaction("check ID \(id)", write: false, single: true) { s in try Self.isTaken(id, s) }
    }

    /// Looks all the IDs up in one query (one round trip), rather than `isTaken` for each.
    public func takenIDs(_ ids: [String]) throws(RegistryError) -> Set<String> {
        if ids.isEmpty { return [] }
        return try transaction("check IDs", write: false, single: true) { s in
            var taken = Set<String>()
            for row in try s.query("""
                SELECT id FROM entity WHERE id = ANY(\(ids)::text[])
                UNION ALL SELECT from_id FROM redirect WHERE from_id = ANY(\(ids)::text[])
                """) { taken.insert(try row.decode(String.self)) }
            return taken
        }
    }

    private static func isTaken(_ id: String, _ s: Session) throws -> Bool {
        let rows = try s.query("SELECT EXISTS (SELECT 1 FROM entity WHERE id = \(id)) OR EXISTS (SELECT 1 FROM redirect WHERE from_id = \(id))")
        return try rows.first?.decode(Bool.self) ?? false
    }

    /// Queries the key index, sorted by entity ID in byte order.
    public func entities(withKey key: NameKeyValue) throws(RegistryError) -> [String] {
        try transaction("look up a key", write: false, single: true) { s in try Self.entities(withKeys: [key], s) }
    }

    private static func entities(withKeys keys: [NameKeyValue], _ s: Session) throws -> [String] {
        if keys.isEmpty { return [] }
        let rows = try s.query("""
            SELECT DISTINCT n.entity_id COLLATE "C" FROM name_key k JOIN name n ON n.id = k.name_id
            JOIN unnest(\(keys.map(\.kind))::text[], \(keys.map(\.value))::text[]) AS wanted(kind, value)
              ON k.kind = wanted.kind AND k.value = wanted.value
            ORDER BY 1
            """)
        return try rows.map { try $0.decode(String.self) }
    }

    /// Counts the rows of the entity, name, key and redirect tables in one query.
    public func counts() throws(RegistryError) -> StoreCounts {
        try transaction("count", write: false, single: true) { s in
            let row = try s.query("""
                SELECT (SELECT COUNT(*) FROM entity), (SELECT COUNT(*) FROM name), (SELECT COUNT(*) FROM name_key), (SELECT COUNT(*) FROM redirect)
                """).first
            guard let row else { return StoreCounts(entities: 0, names: 0, keys: 0, redirects: 0) }
            let (e, n, k, r) = try row.decode((Int64, Int64, Int64, Int64).self)
            return StoreCounts(entities: Int(e), names: Int(n), keys: Int(k), redirects: Int(r))
        }
    }

    // MARK: - Change log

    /// Returns `[]` unread when the LISTEN connection has had no notification since the last
    /// call (and `confirm` is not set); otherwise reads the change log.
    public func changes(after sequence: Int64, limit: Int, confirm: Bool) throws(RegistryError) -> [ChangeRecord] {
        lock.lock()
        startListening()
        lock.unlock()
        // The flag is cleared before reading, so a change committed during the read is seen next time.
        if !notified.take() && !confirm { return [] }
        return try transaction("read the change log", write: false, single: true) { s in
            try s.query("""
                SELECT seq, at, source, op, entity, other, detail FROM change_log WHERE seq > \(sequence) ORDER BY seq LIMIT \(Int64(limit))
                """).map(Self.record)
        }
    }

    /// Reads the change log rows that name any of `ids` as their entity or other entity.
    public func history(of ids: [String]) throws(RegistryError) -> [ChangeRecord] {
        if ids.isEmpty { return [] }
        return try transaction("read the change log", write: false, single: true) { s in
            try s.query("""
                SELECT seq, at, source, op, entity, other, detail FROM change_log
                WHERE entity = ANY(\(ids)::text[]) OR other = ANY(\(ids)::text[]) ORDER BY seq
                """).map(Self.record)
        }
    }

    private static func record(_ row: PostgresRow) throws -> ChangeRecord {
        let (seq, at, source, op, entity, other, detail) = try row.decode((Int64, String, String, String, String, String?, String).self)
        return ChangeRecord(sequence: seq, time: at, source: ChangeSource(rawValue: source) ?? .user, operation: op,
                            entity: entity, other: other, detail: detail)
    }

    // MARK: - Writes

    /// Applies and logs the changes in one write transaction under the write lock, and notifies
    /// the other processes' listeners on commit.
    @discardableResult
    public func apply(_ changes: [StoreChange], source: ChangeSource) throws(RegistryError) -> Int64 {
        if changes.isEmpty { return 0 }
        return try transaction("write to the registry", write: true) { s in
            let last = try Self.applyAll(changes, source: source, s)
            try s.query("SELECT pg_notify(\(Self.channel), \(String(last)))")
            return last
        }
    }

    /// Checks the keys against committed data and inserts the entity in one write transaction
    /// under the write lock, so processes creating the same person end with one entity.
    public func create(_ entity: Entity, unlessAnyKeyOf keys: [NameKeyValue], besides known: Set<String>,
                       source: ChangeSource) throws(RegistryError) -> [String] {
        try transaction("write to the registry", write: true) { s in
            // Under the write lock and READ COMMITTED, this sees every committed entity.
            let existing = try Self.entities(withKeys: Array(Set(keys)), s).filter { !known.contains($0) }
            if existing.isEmpty {
                let seq = try Self.applyAll([.createEntity(entity)], source: source, s)
                try s.query("SELECT pg_notify(\(Self.channel), \(String(seq)))")
            }
            return existing
        }
    }

    private static func requireEntity(_ id: String, _ s: Session) throws {
        let exists = try s.query("SELECT EXISTS (SELECT 1 FROM entity WHERE id = \(id))").first?.decode(Bool.self) ?? false
        if !exists { throw RegistryError(.notFound, "no entity \(id)") }
    }

    /// Appends names after the entity's last.
    private static func insert(_ names: [StoredName], into entity: String, _ s: Session) throws {
        var position = try s.query("SELECT COALESCE(MAX(position) + 1, 0)::INTEGER FROM name WHERE entity_id = \(entity)")
            .first?.decode(Int32.self) ?? 0
        for name in names {
            let inserted = try s.query("""
                INSERT INTO name (entity_id, text, language, script, kind, source, position)
                VALUES (\(entity), \(name.text), \(name.language.rawValue), \(name.script.rawValue), \(name.kind.rawValue), \(name.source), \(position))
                ON CONFLICT (entity_id, text) DO NOTHING RETURNING id
                """)
            guard let nameID = try inserted.first?.decode(Int64.self) else { continue }
            position += 1
            if name.keys.isEmpty { continue }
            try s.query("""
                INSERT INTO name_key (name_id, kind, value, ord)
                SELECT \(nameID), kind, value, ord::INTEGER
                FROM unnest(\(name.keys.map(\.kind.rawValue))::text[], \(name.keys.map(\.value))::text[]) WITH ORDINALITY AS k(kind, value, ord)
                ON CONFLICT DO NOTHING
                """)
        }
    }

    static func apply(_ change: StoreChange, _ s: Session) throws {
        switch change {
        case .createEntity(let entity):
            try create([entity], s)
        case .addNames(let id, let names):
            try requireEntity(id, s)
            try insert(names, into: id, s)
        case .removeName(let id, let text):
            try requireEntity(id, s)
            let removed = try s.query("DELETE FROM name WHERE entity_id = \(id) AND text = \(text)")
            if (removed.metadata.rows ?? 0) == 0 { throw RegistryError(.notFound, "entity \(id) has no name \"\(text)\"") }
        case .setDisplay(let id, let display, let fixed):
            try requireEntity(id, s)
            try s.query("UPDATE entity SET display = \(display), display_fixed = \(fixed) WHERE id = \(id)")
        case .merge(let from, let into):
            if from == into { throw RegistryError(.conflict, "cannot merge \(from) into itself") }
            try requireEntity(from, s)
            try requireEntity(into, s)
            var position = try s.query("SELECT COALESCE(MAX(position) + 1, 0)::INTEGER FROM name WHERE entity_id = \(into)")
                .first?.decode(Int32.self) ?? 0
            let rows = try s.query("""
                SELECT id FROM name f WHERE entity_id = \(from)
                AND NOT EXISTS (SELECT 1 FROM name t WHERE t.entity_id = \(into) AND t.text = f.text)
                ORDER BY position, id
                """)
            for row in rows {
                let nameID = try row.decode(Int64.self)
                // One primary name per entity: the merged-away primary becomes an alias.
                try s.query("""
                    UPDATE name SET entity_id = \(into), position = \(position),
                    kind = CASE kind WHEN 'primary' THEN 'alias' ELSE kind END WHERE id = \(nameID)
                    """)
                position += 1
            }
            // The merged-away entity's judgements pass to the kept one; one between the two is dropped.
            var partners: [String] = []
            for row in try s.query("""
                SELECT second_id FROM distinct_pair WHERE first_id = \(from)
                UNION SELECT first_id FROM distinct_pair WHERE second_id = \(from)
                """) { partners.append(try row.decode(String.self)) }
            try s.query("DELETE FROM distinct_pair WHERE first_id = \(from) OR second_id = \(from)")
            for partner in partners where partner != into {
                let pair = DistinctPair(partner, into)
                try s.query("INSERT INTO distinct_pair (first_id, second_id) VALUES (\(pair.first), \(pair.second)) ON CONFLICT DO NOTHING")
            }
            try s.query("UPDATE redirect SET to_id = \(into) WHERE to_id = \(from)")
            try s.query("DELETE FROM entity WHERE id = \(from)")
            try s.query("INSERT INTO redirect (from_id, to_id) VALUES (\(from), \(into))")
        case .addRedirect(let from, let to):
            let live = try s.query("SELECT EXISTS (SELECT 1 FROM entity WHERE id = \(from))").first?.decode(Bool.self) ?? false
            if live { throw RegistryError(.conflict, "\(from) is a live entity, not a redirect") }
            try requireEntity(to, s)
            try s.query("INSERT INTO redirect (from_id, to_id) VALUES (\(from), \(to)) ON CONFLICT (from_id) DO UPDATE SET to_id = excluded.to_id")
        case .setNameKind(let id, let text, let kind):
            try requireEntity(id, s)
            let updated = try s.query("UPDATE name SET kind = \(kind.rawValue) WHERE entity_id = \(id) AND text = \(text)")
            if (updated.metadata.rows ?? 0) == 0 { throw RegistryError(.notFound, "entity \(id) has no name \"\(text)\"") }
        case .addDistinct(let pair):
            if pair.first == pair.second { throw RegistryError(.conflict, "an entity cannot be distinct from itself") }
            try requireEntity(pair.first, s)
            try requireEntity(pair.second, s)
            try s.query("INSERT INTO distinct_pair (first_id, second_id) VALUES (\(pair.first), \(pair.second)) ON CONFLICT DO NOTHING")
        case .removeDistinct(let pair):
            try s.query("DELETE FROM distinct_pair WHERE first_id = \(pair.first) AND second_id = \(pair.second)")
        case .setKeys(let id, let text, let keys):
            guard let nameID = try s.query("SELECT id FROM name WHERE entity_id = \(id) AND text = \(text)").first?.decode(Int64.self) else {
                throw RegistryError(.notFound, "entity \(id) has no name \"\(text)\"")
            }
            try s.query("DELETE FROM name_key WHERE name_id = \(nameID)")
            if !keys.isEmpty {
                try s.query("""
                    INSERT INTO name_key (name_id, kind, value, ord)
                    SELECT \(nameID), kind, value, ord::INTEGER
                    FROM unnest(\(keys.map(\.kind.rawValue))::text[], \(keys.map(\.value))::text[]) WITH ORDINALITY AS k(kind, value, ord)
                    ON CONFLICT DO NOTHING
                    """)
            }
        case .setKeyVersion(let version):
            try s.query("INSERT INTO meta (key, value) VALUES ('key_version', \(version)) ON CONFLICT (key) DO UPDATE SET value = excluded.value")
        }
    }
}

/// A flag the LISTEN connection's event loop sets and the store's caller takes.
final class NotifiedFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = true

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }

    /// The flag's value, clearing it.
    func take() -> Bool {
        lock.lock()
        defer { lock.unlock() }
        let was = value
        value = false
        return was
    }
}
