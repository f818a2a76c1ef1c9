/// Where a registry keeps its entities. The resolver holds its own in-memory index and asks the
/// store only to load everything at open and to apply each operation's changes durably.
///
/// Conforming stores: `SQLiteStore` (a file, or memory). A PostgreSQL store can follow; the
/// conformance suite in `Tests/NameRegistryTests` runs against every store.
public protocol RegistryStore: AnyObject, Sendable {
    /// Everything stored: entities (sorted by ID, names in the order added) and redirects.
    func load() throws(RegistryError) -> RegistrySnapshot

    /// Applies the changes in one transaction: all of them or, on error, none. When it returns
    /// the changes are committed.
    func apply(_ changes: [StoreChange]) throws(RegistryError)

    /// Creates the entity unless a live entity other than those in `known` has a name with `key`,
    /// deciding inside the store's write lock, so two processes creating the same new person at
    /// the same moment end with one entity. `known` are the entities the caller has already
    /// weighed and turned down (a homophone with other Han characters). Returns the IDs of the
    /// other entities that have the key (empty: created).
    func create(_ entity: Entity, unlessKeyExists key: NameKeyValue, besides known: Set<String>) throws(RegistryError) -> [String]

    /// One entity with its names, following no redirect; nil when `id` is not a live entity.
    func entity(_ id: String) throws(RegistryError) -> Entity?

    /// True when `id` was ever issued: a live entity or a redirect.
    func isTaken(_ id: String) throws(RegistryError) -> Bool

    /// The IDs of the live entities that have a name with this key (for re-checks under
    /// concurrent writers; the resolver's own lookups use its index).
    func entities(withKey key: NameKeyValue) throws(RegistryError) -> [String]

    func counts() throws(RegistryError) -> StoreCounts

    /// The version of the engine's keys the stored keys were derived with (`setKeyVersion`), nil
    /// when none was recorded (a store written before versions were kept).
    func keyVersion() throws(RegistryError) -> String?
}

/// A key as stored: kind name and value.
public struct NameKeyValue: Sendable, Hashable {
    public var kind: String
    public var value: String

    public init(kind: String, value: String) {
        self.kind = kind
        self.value = value
    }
}
