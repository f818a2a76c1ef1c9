import Foundation
import NameCanon

/// How a name came to belong to an entity.
public enum NameKind: String, Sendable, Codable, CaseIterable {
    /// The name the entity was registered or first seen under.
    case primary
    /// A name someone added on purpose (`alias`, `register` with aliases).
    case alias
    /// A form in another script or romanization someone added on purpose.
    case transliteration
    /// A form the resolver attached by itself when a mention matched in a new form.
    case learned
}

/// One written form of an entity's name, with the keys the normalizer yields for it.
public struct StoredName: Sendable, Hashable, Codable {
    /// The text as given (NFC, trimmed).
    public var text: String
    /// The language, as the normalizer decided (or the caller hinted); stored and exported as
    /// its code (`zh`, `vi`, `ko`, `ja`, `other`).
    public var language: NameLanguage
    /// The script of the text; stored and exported as its ISO 15924 code (`Latn`, `Hani`, ...).
    public var script: Script
    /// How the name came to belong to the entity.
    public var kind: NameKind
    /// Who added it: "register", "alias", "resolve", "import", or a caller's label.
    public var source: String
    /// Every key of the text, the ASCII key first. Derived: recomputed on import.
    public var keys: [NameKey]

    /// A stored name as a store row holds it: language, script and kind by their codes. Codes
    /// this version does not know (written by a later one) read as other, unknown and alias.
    public init(text: String, languageCode: String, scriptCode: String, kindCode: String, source: String, keys: [NameKey]) {
        self.init(text: text, language: NameLanguage(rawValue: languageCode) ?? .other, script: Script(rawValue: scriptCode) ?? .unknown,
                  kind: NameKind(rawValue: kindCode) ?? .alias, source: source, keys: keys)
    }

    /// A stored name with the given fields, taken as they are (nothing is normalized or checked).
    public init(text: String, language: NameLanguage, script: Script, kind: NameKind, source: String, keys: [NameKey]) {
        self.text = text
        self.language = language
        self.script = script
        self.kind = kind
        self.source = source
        self.keys = keys
    }
}

/// A person: a stable ID, a canonical display name and the names it is written under.
public struct Entity: Sendable, Hashable {
    /// Opaque, short, URL-safe and never reused: "p" followed by ten base-32 characters.
    public var id: String
    /// The canonical display form, in Latin script where the person has one.
    public var display: String
    /// True when someone chose the display form (`register` with `display`); the resolver then
    /// never replaces it with a better-accented learned form.
    public var displayFixed: Bool
    /// In the order they were added; the first is the primary name.
    public var names: [StoredName]

    /// An entity with the given fields, taken as they are; `displayFixed` defaults to false.
    public init(id: String, display: String, displayFixed: Bool = false, names: [StoredName]) {
        self.id = id
        self.display = display
        self.displayFixed = displayFixed
        self.names = names
    }
}

/// Everything a store holds, as loaded when a registry opens.
public struct RegistrySnapshot: Sendable {
    /// The live entities, sorted by ID, each with its names in the order added.
    public var entities: [Entity]
    /// Merged-away ID → the ID it was merged into (always a live entity: chains are flattened).
    public var redirects: [String: String]
    /// Pairs of entities someone judged to be different people.
    public var distinct: [DistinctPair]
    /// The sequence number of the last change the snapshot includes (0: none logged).
    public var sequence: Int64

    /// A snapshot of the given contents; no distinct pairs and sequence 0 unless given.
    public init(entities: [Entity], redirects: [String: String], distinct: [DistinctPair] = [], sequence: Int64 = 0) {
        self.entities = entities
        self.redirects = redirects
        self.distinct = distinct
        self.sequence = sequence
    }
}

/// A recorded judgement that two entities are different people: they are never merged
/// automatically, and a mention that fits both is ambiguous. Stored with `first < second`.
public struct DistinctPair: Sendable, Hashable {
    /// The ID that sorts first.
    public let first: String
    /// The ID that sorts second.
    public let second: String

    /// The pair of `a` and `b` in either order.
    public init(_ a: String, _ b: String) {
        first = min(a, b)
        second = max(a, b)
    }
}

/// One change to a store. A registry operation hands the store a list of changes that it applies
/// in one transaction, so an operation is either wholly written or not at all.
public enum StoreChange: Sendable, Hashable {
    /// A new entity with its names. Fails with `conflict` when the ID is taken (live or redirect).
    case createEntity(Entity)
    /// Appends names to an entity; a name whose text the entity already has is skipped.
    case addNames(entity: String, names: [StoredName])
    /// Removes the name with this exact text from the entity.
    case removeName(entity: String, text: String)
    /// Sets the entity's display form; `fixed` marks it as chosen by someone (see
    /// `Entity.displayFixed`).
    case setDisplay(entity: String, display: String, fixed: Bool)
    /// Moves `from`'s names to `into` (skipping texts `into` has; its primary name becomes an
    /// alias), deletes `from`, and makes `from`
    /// and every ID that redirected to it redirect to `into`. `from`'s distinct judgements pass
    /// to `into`; a judgement between the two is dropped (merging them overrides it).
    case merge(from: String, into: String)
    /// Records a redirect as such (import); `from` must not be a live entity.
    case addRedirect(from: String, to: String)
    /// Changes the kind of the entity's name with this exact text (a split that moves the
    /// primary name away makes another name primary).
    case setNameKind(entity: String, text: String, kind: NameKind)
    /// Records that two live entities are different people; recording it again changes nothing.
    case addDistinct(DistinctPair)
    /// Withdraws that judgement; withdrawing one never made changes nothing.
    case removeDistinct(DistinctPair)
    /// Replaces the keys of the entity's name with this text (keys recomputed by a newer engine).
    case setKeys(entity: String, text: String, keys: [NameKey])
    /// Records the version of the engine's keys the stored keys were derived with.
    case setKeyVersion(String)
}

/// Counts for `stats`.
public struct StoreCounts: Sendable, Hashable {
    /// Live entities.
    public var entities: Int
    /// Stored names, over all entities.
    public var names: Int
    /// Stored keys, over all names (a name usually has several).
    public var keys: Int
    /// Merged-away IDs that redirect to a live entity.
    public var redirects: Int

    /// Counts with the given values.
    public init(entities: Int, names: Int, keys: Int, redirects: Int) {
        self.entities = entities
        self.names = names
        self.keys = keys
        self.redirects = redirects
    }
}

/// An error of the registry: a stable code, a message and, for store failures, the cause.
public struct RegistryError: CodedError {
    /// Stable error codes; their raw values are what the protocol and CLI print.
    public enum Code: String, Sendable {
        /// No entity (or redirect) has this ID; no name with this text.
        case notFound = "not_found"
        /// The change contradicts what is stored (merging an entity into itself, a taken ID,
        /// removing an entity's last name).
        case conflict
        /// The input cannot be used (an empty name, a bad import line).
        case badInput = "bad_input"
        /// The store failed (I/O, a locked database past its timeout, a corrupt file).
        case store
    }

    /// What kind of failure this is; switch on it rather than on ``message``.
    public let code: Code
    /// What went wrong, naming the entity, name or store location at fault.
    public let message: String
    /// The underlying error (SQLite's, PostgreSQL's, the file system's) for `store` failures.
    public let cause: (any Error)?

    /// An error of kind `code`, described by `message`, caused by `cause` if given.
    public init(_ code: Code, _ message: String, cause: (any Error)? = nil) {
        self.code = code
        self.message = message
        self.cause = cause
    }

    /// The message, followed by the cause when there is one: "cannot load the registry …: …".
    public var description: String {
        if let cause { return "\(message): \(cause)" }
        return message
    }
}
