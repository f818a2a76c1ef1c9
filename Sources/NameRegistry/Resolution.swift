import NameCanon

/// How `resolve` found (or did not find) its entity, strongest first.
public enum MatchKind: String, Sendable, Codable, CaseIterable {
    /// The text as given is one of the entity's names.
    case exact
    /// The same normalized ASCII key ("XI Jinping", "习近平" and "Xi Jinping" share "xi jinping").
    case key
    /// The same toneless pinyin syllables ("Hsi Chin-p'ing" and "Xi Jinping": "xi jin ping").
    case syllables
    /// A Vietnamese reading meets a Han name's Hán-Việt reading ("Tập Cận Bình" and "習近平").
    case hanviet
    /// The ASCII key with the surname moved from one end to the other.
    case order
    /// A short form tied to the most recent compatible full mention in the same document.
    case context
    /// Nothing matched and `create` made a new entity.
    case created
    /// Nothing matched.
    case none
    /// Several entities fit equally well; `candidates` lists them and none is chosen.
    case ambiguous
    /// The mention is written in lookalike letters (see `Confusables`): it is linked to no one
    /// and creates no one; `candidates` lists whom it imitates. `allowConfusable` links it.
    case confusable

    /// How far a match of this kind is trusted, 0...1.
    public var score: Double {
        switch self {
        case .exact, .created: 1.0
        case .key: 0.95
        case .syllables: 0.85
        case .context: 0.8
        case .order: 0.75
        case .hanviet: 0.7
        case .none, .ambiguous, .confusable: 0
        }
    }
}

/// The answer of `Registry.resolve`.
public struct Resolution: Sendable {
    /// The mention as given.
    public var mention: String
    /// The entity's ID, nil for `none` and `ambiguous`.
    public var entity: String?
    /// The entity's canonical display form.
    public var canonical: String?
    public var score: Double
    public var match: MatchKind
    /// A sentence a person can read: "習近平 → key xi jinping = Xi Jinping (p0…)".
    public var explain: String
    /// For `ambiguous`: the tied entities; for `confusable`: the people the mention imitates. Both (ID and canonical form), sorted by ID.
    public var candidates: [(entity: String, canonical: String)]
    /// True when the mention's form was added to the entity as a learned name.
    public var learned: Bool
    /// The mention as the engine normalized it.
    public var name: NormalizedName
}

/// The answer of `Registry.register`.
public struct Registration: Sendable {
    public var entity: String
    public var canonical: String
    /// True when the call made a new entity; false when the name was already registered.
    public var created: Bool
    /// The names the call added (the primary name when created, then new aliases).
    public var added: [String]
    /// The canonical display the call replaced on an existing entity (`display` given), or nil
    /// when no existing entity's display changed.
    public var previousCanonical: String? = nil

    public init(entity: String, canonical: String, created: Bool, added: [String], previousCanonical: String? = nil) {
        self.entity = entity
        self.canonical = canonical
        self.created = created
        self.added = added
        self.previousCanonical = previousCanonical
    }
}

/// The answer of `Registry.importLines`.
public struct ImportSummary: Sendable, Hashable {
    public var lines = 0
    public var entitiesCreated = 0
    public var namesAdded = 0
    public var redirectsAdded = 0
}

/// The answer of `Registry.stats`.
public struct RegistryStats: Sendable, Hashable {
    public var entities: Int
    public var names: Int
    public var keys: Int
    public var redirects: Int
    /// Documents whose mentions are held for short forms.
    public var documents: Int
}
