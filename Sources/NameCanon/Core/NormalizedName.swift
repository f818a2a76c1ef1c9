/// The language a name is taken to be in.
public enum NameLanguage: String, Sendable, Codable, CaseIterable {
    case zh, vi, ko, ja, other

    /// A caller's language hint as the CLI, the protocol and convert read it: any case of a
    /// language code, or nothing for nil, "" or "auto" (let the normalizer guess).
    ///
    /// - Throws: `NameCanonError` `.badInput` naming the codes, for anything else.
    ///
    /// ```swift
    /// try NameLanguage.hint("VI")     // .vi
    /// try NameLanguage.hint("auto")   // nil
    /// ```
    public static func hint(_ text: String?) throws -> NameLanguage? {
        guard let text, !text.isEmpty, text.latinLowered != "auto" else { return nil }
        guard let language = NameLanguage(rawValue: text.latinLowered) else {
            throw NameCanonError(.badInput, "unknown language \"\(text)\"; expected zh, vi, ko, ja, other or auto")
        }
        return language
    }
}

/// The order of the name parts as written.
public enum NameOrder: String, Sendable, Codable {
    case surnameFirst = "surname-first"
    case givenFirst = "given-first"
    case unknown
}

/// Which Han character set a name is written in.
public enum HanVariant: String, Sendable, Codable {
    case simplified, traditional
    /// Every character is written the same in both sets.
    case both
    /// Some characters are simplified-only and others traditional-only.
    case mixed
}

/// How a Chinese name in Latin letters is romanized.
public enum Romanization: String, Sendable, Codable {
    case pinyin
    case wadeGiles = "wade-giles"
    /// Hong Kong, Taiwan, Macau or Southeast Asian spellings, kept as written.
    case other
}

/// A matching key with its kind, for indexing.
public struct NameKey: Hashable, Sendable, Codable, CustomStringConvertible {
    /// Which space a key lives in; keys meet only keys of a kind they can be compared with.
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// Lowercase ASCII, surname first: "xi jinping", "nguyen phu trong".
        case ascii
        /// Toneless pinyin syllables, surname first: "xi jin ping".
        case syllable
        /// Toneless ASCII Sino-Vietnamese syllables: "tap can binh".
        case hanviet
        /// How a name written exactly (Han, Hangul, pinyin) sounds in the loose spaces other
        /// romanizations meet in: "zh:teng hsiao ping" (Wade-Giles without aspiration), "zh:li ka sin"
        /// (Hong Kong Cantonese), "ko:mon cein" (Korean). Several per name. See `spelled`.
        case reading
        /// The same spaces for a name spelled in a romanization that loses distinctions (Wade-Giles
        /// without apostrophes, Taiwan and Hong Kong spellings, Korean romanizations): a `spelled`
        /// key meets only `reading` keys, never another `spelled` one.
        case spelled
    }

    /// Which space the key lives in.
    public let kind: Kind
    /// The key itself, lowercase ASCII words separated by single spaces ("xi jin ping"); `reading`
    /// and `spelled` keys start with a language prefix ("zh:teng hsiao ping").
    public let value: String

    /// A key of `kind` with the text `value`, taken as given.
    public init(_ kind: Kind, _ value: String) {
        self.kind = kind
        self.value = value
    }

    /// The kind and the value joined by a colon, as indexes store them: "syllable:xi jin ping".
    public var description: String { "\(kind.rawValue):\(value)" }
}

/// A name after normalization: its cleaned display form, its parts, its keys and what was
/// inferred about it.
///
/// ```swift
/// let name = try NameCanon.shared.normalize("XI Jinping")
/// name.display   // "Xi Jinping"
/// name.key       // "xi jinping"
/// name.surname   // "Xi"
/// ```
public struct NormalizedName: Sendable, Codable, Hashable {
    /// The input exactly as given.
    public var input: String
    /// Cleaned, NFC, properly capitalized, in its own script, surname first for Chinese and Vietnamese.
    public var display: String
    /// The Latin-script form ("習近平" → "Xi Jinping"); Vietnamese keeps its diacritics.
    public var latin: String
    /// Lowercase ASCII matching key, surname first, single spaces.
    public var key: String
    /// Every key the name yields, the ASCII key first.
    public var keys: [NameKey]
    /// The family name as displayed ("Xi", "Nguyễn"); empty when none was found.
    public var surname: String
    /// Vietnamese middle name(s); empty otherwise.
    public var middle: String
    /// The given name as displayed ("Jinping", "Trọng"); empty when none was found.
    public var given: String
    /// Everything around the name span that is not the name: titles, posts, bodies, country
    /// adjectives, former markers, honorifics, jobs ("Chủ tịch Trung Quốc", "主席", "미국 대통령").
    public var title: String
    /// The short form writers use after the first mention: the surname for Chinese, the given
    /// name for Vietnamese.
    public var reference: String
    /// The script the name is written in, as detected from its letters.
    public var script: Script
    /// The language the name is taken to be in, from its script, surnames and spelling.
    public var language: NameLanguage
    /// The order the parts were written in (``display`` puts Chinese and Vietnamese surnames first).
    public var order: NameOrder
    /// How sure the order is, 0...1.
    public var orderConfidence: Double
    /// For Han names: simplified, traditional, both or mixed.
    public var hanVariant: HanVariant?
    /// For Chinese names in Latin letters.
    public var romanization: Romanization?
    /// Other readings of the name (heteronyms), in the `latin` form.
    public var alternates: [String]
    /// Repairs made to the input: "mojibake", "lookalike-letter", "invisible-characters", "fullwidth",
    /// "legacy-vietnamese" (VNI or TCVN3 text decoded); "name-span-uncertain" when descriptor
    /// words surround a name that cannot be told apart from them (the registry creates no one);
    /// and "confusable", a warning rather than a repair: the name mixes scripts in one word or is
    /// written in lookalike letters (see `Confusables`).
    public var repairs: [String]
    /// The name itself as written, without titles, descriptors and asides ("Taiwan President Lai
    /// Ching-te" → "Lai Ching-te"; "Donald Trump Jr." keeps its suffix): what a registry stores.
    public var span: String = ""
    /// Other names of the person written beside this one: a parenthetical ("Carrie Lam
    /// (林鄭月娥)") or an "also known as" ("Lai Ching-te, also known as William Lai"). Not a
    /// field of `fields`: it is what the text says, not a property of the name.
    public var glosses: [String] = []

    /// The value of the key of `kind`, if the name has one.
    public func key(_ kind: NameKey.Kind) -> String? { keys.first { $0.kind == kind }?.value }

    /// The one table of fields: each field the CLI, the fixtures and the column lists name, in
    /// the order they list them; its raw value is the name they use.
    public enum Field: String, CaseIterable, Sendable {
        /// ``NormalizedName/display``.
        case display
        /// ``NormalizedName/latin``.
        case latin
        /// ``NormalizedName/key``.
        case key
        /// ``NormalizedName/surname``.
        case surname
        /// ``NormalizedName/middle``.
        case middle
        /// ``NormalizedName/given``.
        case given
        /// ``NormalizedName/title``.
        case title
        /// ``NormalizedName/reference``.
        case reference
        /// ``NormalizedName/script``, as its code ("Latn").
        case script
        /// ``NormalizedName/language``, as its code ("vi").
        case language
        /// ``NormalizedName/order``.
        case order
        /// ``NormalizedName/hanVariant``, empty when none.
        case hanVariant = "han-variant"
        /// ``NormalizedName/romanization``, empty when none.
        case romanization
        /// The ASCII key (the same as `key`).
        case keysASCII = "keys.ascii"
        /// The syllable key, empty when none.
        case keysSyllable = "keys.syllable"
        /// The Hán-Việt key, empty when none.
        case keysHanviet = "keys.hanviet"
        /// ``NormalizedName/alternates``, joined by `|`.
        case alternates
        /// ``NormalizedName/repairs``, joined by `,`.
        case repairs
    }

    /// The names `field(_:)` answers, in the order the CLI and the fixtures list them.
    public static let fieldNames = Field.allCases.map(\.rawValue)

    /// Field values by the names the protocol, the CLI and the fixtures use.
    public var fields: [(String, String)] { Field.allCases.map { ($0.rawValue, value($0)) } }

    /// One field by name (see `fields`).
    public func field(_ name: String) -> String? { Field(rawValue: name).map { value($0) } }

    /// The value of one field, as text.
    public func value(_ field: Field) -> String {
        switch field {
        case .display: display
        case .latin: latin
        case .key, .keysASCII: key
        case .surname: surname
        case .middle: middle
        case .given: given
        case .title: title
        case .reference: reference
        case .script: script.rawValue
        case .language: language.rawValue
        case .order: order.rawValue
        case .hanVariant: hanVariant?.rawValue ?? ""
        case .romanization: romanization?.rawValue ?? ""
        case .keysSyllable: key(.syllable) ?? ""
        case .keysHanviet: key(.hanviet) ?? ""
        case .alternates: alternates.joined(separator: "|")
        case .repairs: repairs.joined(separator: ",")
        }
    }
}
