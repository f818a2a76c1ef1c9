/// Where a registry keeps its entities. The resolver holds its own in-memory index and asks the
/// store only to load everything at open and to apply each operation's changes durably.
///
/// Conforming stores: `SQLiteStore` (a file, or memory) and `PostgresStore` (module
/// `NameRegistryPostgres`); the conformance suite in `Tests/NameRegistryTests` runs against every store.
///
/// Every write is numbered in the store's change log (see `ChangeRecord`), in commit order, so
/// several processes over one store can each catch up on what the others wrote.
public protocol RegistryStore: AnyObject, Sendable {
    /// Everything stored: entities (sorted by ID, names in the order added), redirects, and the
    /// sequence number of the last change the snapshot includes.
    func load() throws(RegistryError) -> RegistrySnapshot

    /// What `load` reads, handed over one entity at a time: `expecting` first, with how many
    /// entities, names and keys follow (for sizing), then `each` entity as it is read. Returns the
    /// rest of the snapshot (redirects, distinct pairs, sequence) with no entities. The registry
    /// opens through this, so a large store is never held whole in memory twice. The default
    /// calls `load`.
    func load(expecting: (_ entities: Int, _ names: Int, _ keys: Int) -> Void,
              each: (Entity) -> Void) throws(RegistryError) -> RegistrySnapshot

    /// Applies the changes in one transaction and logs one change record each: all of them or, on
    /// error, none. When it returns the changes are committed. Returns the sequence number of the
    /// last record written (0 when `changes` is empty); the records of one call are consecutive.
    @discardableResult
    func apply(_ changes: [StoreChange], source: ChangeSource) throws(RegistryError) -> Int64

    /// Creates the entity unless a live entity other than those in `known` has a name with any of
    /// `keys`, deciding inside the store's write transaction, so two processes creating the same
    /// new person at the same moment (in any two written forms that share a key) end with one
    /// entity. `known` are the entities the caller has already weighed and turned down (a homophone
    /// with other Han characters). Returns the IDs of the other entities that have a key (empty:
    /// created, and logged as one change).
    func create(_ entity: Entity, unlessAnyKeyOf keys: [NameKeyValue], besides known: Set<String>,
                source: ChangeSource) throws(RegistryError) -> [String]

    /// The change records after sequence number `sequence`, oldest first, at most `limit`.
    ///
    /// A store that can tell cheaply that no other process has written since its last answer
    /// (SQLite's `PRAGMA data_version`, PostgreSQL's notifications) returns `[]` without reading
    /// the log, unless `confirm` is set: then it always reads (before a decision that writes).
    func changes(after sequence: Int64, limit: Int, confirm: Bool) throws(RegistryError) -> [ChangeRecord]

    /// Every change record whose entity (or second entity) is one of `ids`, oldest first.
    func history(of ids: [String]) throws(RegistryError) -> [ChangeRecord]

    /// One entity with its names, following no redirect; nil when `id` is not a live entity.
    func entity(_ id: String) throws(RegistryError) -> Entity?

    /// True when `id` was ever issued: a live entity or a redirect.
    func isTaken(_ id: String) throws(RegistryError) -> Bool

    /// Those of `ids` that were ever issued: `isTaken` for many IDs at once, which a server store
    /// answers in one round trip. The default asks `isTaken` for each.
    func takenIDs(_ ids: [String]) throws(RegistryError) -> Set<String>

    /// The IDs of the live entities that have a name with this key (for re-checks under
    /// concurrent writers; the resolver's own lookups use its index).
    func entities(withKey key: NameKeyValue) throws(RegistryError) -> [String]

    /// How many entities, names, keys and redirects the store holds (for `stats`).
    func counts() throws(RegistryError) -> StoreCounts

    /// The version of the engine's keys the stored keys were derived with (`setKeyVersion`), nil
    /// when none was recorded (a store written before versions were kept).
    func keyVersion() throws(RegistryError) -> String?

    /// Runs `body` as one group commit: the store's writes made inside it (on this thread) share
    /// one transaction, committed once when `body` returns and rolled back whole when it throws
    /// or the commit fails. Each `apply` or `create` inside stays all-or-nothing on its own (a
    /// savepoint). Returns `body`'s value and the sequence number of the store's last change at
    /// commit, or nil when the store does not group: then every write commits on its own, as
    /// outside a group (the default).
    func grouped<T>(_ body: () throws -> T) throws -> (value: T, sequence: Int64?)

    /// True when `grouped` really holds one transaction (and the store's write lock) across its
    /// body, so that no other process can write until it commits. False by default.
    var groupCommits: Bool { get }
}

/// A key as stored: kind name and value.
public struct NameKeyValue: Sendable, Hashable {
    /// The raw value of a `NameKey.Kind`: "ascii", "syllable", "hanviet", "reading", "spelled".
    public var kind: String
    /// The key text, as in `NameKey.value`.
    public var value: String

    /// A stored key of `kind` with the text `value`.
    public init(kind: String, value: String) {
        self.kind = kind
        self.value = value
    }
}

extension RegistryStore {
    /// Calls `load` and hands its entities over one by one.
    public func load(expecting: (_ entities: Int, _ names: Int, _ keys: Int) -> Void,
                     each: (Entity) -> Void) throws(RegistryError) -> RegistrySnapshot {
        var snapshot = try load()
        var names = 0, keys = 0
        for entity in snapshot.entities {
            names += entity.names.count
            for name in entity.names { keys += name.keys.count }
        }
        expecting(snapshot.entities.count, names, keys)
        for entity in snapshot.entities { each(entity) }
        snapshot.entities = []
        return snapshot
    }

    /// No grouping: `body` runs as it is and each of its writes commits on its own.
    public func grouped<T>(_ body: () throws -> T) throws -> (value: T, sequence: Int64?) {
        (try body(), nil)
    }

    /// False: `grouped` runs each write on its own.
    public var groupCommits: Bool { false }

    /// Asks `isTaken` for each ID in turn: one query per ID. Server stores answer in one round trip.
    public func takenIDs(_ ids: [String]) throws(RegistryError) -> Set<String> {
        var taken = Set<String>()
        for id in ids where try isTaken(id) { taken.insert(id) }
        return taken
    }

    /// Applies changes someone asked for (source `user`).
    @discardableResult
    public func apply(_ changes: [StoreChange]) throws(RegistryError) -> Int64 {
        try apply(changes, source: .user)
    }
}
