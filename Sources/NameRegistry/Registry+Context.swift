import NameCanon

extension Registry {
    /// Every token a later short form may use for a person just mentioned: the first and last
    /// token of the ASCII key and of the pinyin syllable key of each of the entity's names and of
    /// the mention, and the two-syllable given name of Vietnamese names ("xuan vinh").
    ///
    /// So "Premier Zhou" finds a document's "Chou En-lai", "Mr. Deng" its "Teng Hsiao-ping", and
    /// "Xuân Vinh" its "Hoàng Xuân Vinh", whichever form the document used.
    func contextTokens(_ n: NormalizedName, entity: Entity) -> [String] {
        var tokens: [String] = []
        func add(_ token: String) { if !token.isEmpty, !tokens.contains(token) { tokens.append(token) } }
        let keys = [n.keys] + entity.names.map(\.keys)
        for nameKeys in keys {
            for key in nameKeys where key.kind == .ascii || key.kind == .syllable {
                let parts = key.value.split(separator: " ").map(String.init)
                if let first = parts.first { add(first) }
                if key.kind == .ascii, let last = parts.last { add(last) }
            }
        }
        // Vietnamese: surname, middle, given; a given name of two syllables is referred to whole.
        if n.language == .vi || entity.names.contains(where: { $0.language == NameLanguage.vi.rawValue }) {
            for nameKeys in keys {
                guard let ascii = nameKeys.first(where: { $0.kind == .ascii })?.value else { continue }
                let parts = ascii.split(separator: " ")
                if parts.count >= 3 { add(parts.suffix(2).joined(separator: " ")) }
            }
        }
        return tokens
    }

    /// A two-word mention that is the two-syllable given name of a Vietnamese person mentioned
    /// earlier in the document ("Xuân Vinh" after "Hoàng Xuân Vinh"), when nothing else matched.
    func givenNameInContext(_ n: NormalizedName, doc: String) -> String? {
        guard n.key.split(separator: " ").count == 2 else { return nil }
        guard let hit = contexts.lookup(doc: doc, token: n.key) else { return nil }
        return live(hit.entity)
    }
}

extension Registry {
    /// A kanji mention that is only a Japanese surname (石破 in 石破首相) tied to a person the
    /// document named whose name starts with that reading (石破茂, Shigeru Ishiba), when nothing
    /// matched it as a whole name. Read as Chinese it would be a new two-character name (Shi Po).
    func japaneseSurnameInContext(_ n: NormalizedName, text: String, doc: String) -> (entity: String, token: String)? {
        guard n.script == .han else { return nil }
        for token in canon.japaneseSurnameKeys(text) {
            guard let hit = contexts.lookup(doc: doc, token: token), let id = live(hit.entity), let entity = entities[id],
                  entity.names.contains(where: { $0.language == NameLanguage.ja.rawValue || $0.keys.contains { $0.value.hasPrefix("ja:") } })
            else { continue }
            return (id, token)
        }
        return nil
    }
}
