import NameCanon

/// How `resolve` found (or did not find) its entity, strongest first.
public enum MatchKind: String, Sendable, Codable, CaseIterable {
    /// The text as given is one of the entity's names.
    case exact
    /// The same normalized ASCII key ("XI Jinping", "习近平" and "Xi Jinping" share "xi jinping").
    case key
    /// The same toneless pinyin syllables ("Hsi Chin-p'ing" and "Xi Jinping": "xi jin ping").
    case syllables
    /// A spelling in a romanization that loses distinctions meets an exact form's reading in the
    /// same loose space ("Teng Hsiao-ping" and 邓小平, "Li Ka-shing" and 李嘉誠, "Moon Jae-in" and
    /// 문재인), or a Hanja name meets its Hangul ("金正恩" and "김정은").
    case romanization
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
    /// No key matched; one entity's name is clearly the closest by spelling (a typo, a variant,
    /// an initial, a left-out middle name) and scored above the fuzzy threshold.
    case fuzzy
    /// No key matched; one entity's name is clearly the closest by sound (a Latin name against
    /// a Han, Hangul, kana or Cyrillic transcription) and scored above the fuzzy threshold.
    case phonetic
    /// The mention is written in lookalike letters (see `Confusables`): it is linked to no one
    /// and creates no one; `candidates` lists whom it imitates. `allowConfusable` links it.
    case confusable

    /// How far a match of this kind is trusted, 0...1.
    public var score: Double {
        switch self {
        case .exact, .created: 1.0
        case .key: 0.95
        case .syllables: 0.85
        case .context, .romanization: 0.8
        case .order: 0.75
        case .hanviet: 0.7
        // The comparison's own score is reported; this is the default fuzzy threshold.
        case .fuzzy, .phonetic: 0.9
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
    /// How far the answer is trusted, 0...1: the match kind's score, the comparison's own score
    /// for `fuzzy` and `phonetic`, and 0 when no entity was chosen.
    public var score: Double
    /// How the entity was found, or why none was.
    public var match: MatchKind
    /// A sentence a person can read: "習近平 → key xi jinping = Xi Jinping (p0…)".
    public var explain: String
    /// For `ambiguous`: the tied entities, sorted by ID. When no key matched: the entities
    /// whose names come close by spelling or sound (score at least the candidate threshold),
    /// best first, whether or not one of them was linked. For `confusable`: the people the
    /// mention imitates.
    public var candidates: [Candidate]
    /// True when the mention's form was added to the entity as a learned name.
    public var learned: Bool
    /// The mention as the engine normalized it.
    public var name: NormalizedName
}

/// An entity `resolve` offers without choosing it (or beside the one it chose).
public struct Candidate: Sendable, Hashable {
    /// The candidate entity's ID.
    public var entity: String
    /// The candidate entity's canonical display form.
    public var canonical: String
    /// How close the mention is to the entity's closest name, 0...1 (the stage's score for ties).
    public var score: Double
    /// The stage that found it: the tied stage for `ambiguous`, else `fuzzy` or `phonetic`.
    public var match: MatchKind
    /// What was compared: "given emanuel ~ emmanuel (spelling variant); surname macron = macron".
    public var explain: String

    /// A candidate with the given fields; `explain` is empty unless given.
    public init(entity: String, canonical: String, score: Double, match: MatchKind, explain: String = "") {
        self.entity = entity
        self.canonical = canonical
        self.score = score
        self.match = match
        self.explain = explain
    }
}

/// The answer of `Registry.register`.
public struct Registration: Sendable {
    /// The ID of the entity the name is registered to, new or existing.
    public var entity: String
    /// That entity's canonical display form after the call.
    public var canonical: String
    /// True when the call made a new entity; false when the name was already registered.
    public var created: Bool
    /// The names the call added (the primary name when created, then new aliases).
    public var added: [String]
    /// The canonical display the call replaced on an existing entity (`display` given), or nil
    /// when no existing entity's display changed.
    public var previousCanonical: String? = nil

    /// A registration with the given fields; `previousCanonical` is nil unless given.
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
    /// Lines read, blank ones included.
    public var lines = 0
    /// Entities that were not in the registry and were created with their IDs.
    public var entitiesCreated = 0
    /// Names added, to new entities and to known ones.
    public var namesAdded = 0
    /// Redirects recorded that the registry did not have.
    public var redirectsAdded = 0
}

/// The answer of `Registry.stats`.
public struct RegistryStats: Sendable, Hashable {
    /// Live entities in the store.
    public var entities: Int
    /// Stored names, over all entities.
    public var names: Int
    /// Stored keys, over all names.
    public var keys: Int
    /// Merged-away IDs that redirect to a live entity.
    public var redirects: Int
    /// Documents whose mentions are held for short forms.
    public var documents: Int
}
