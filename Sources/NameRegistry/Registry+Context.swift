import Foundation
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
        if n.language == .vi || entity.names.contains(where: { $0.language == .vi }) {
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
    ///
    /// The words are also tried in the order written: "Văn Lâm" reads as surname Lâm when alone
    /// (key "lam van"), but after "Đặng Văn Lâm" it is his given name.
    ///
    /// A one-word mention in Hangul, kana or Cyrillic that reads as two syllables ("푸틴" → pu tin)
    /// is also tried as one token, so "푸틴 대통령" finds the document's "블라디미르 푸틴". Han is
    /// left out: 金平 must not become the "Jinping" of 习近平.
    func givenNameInContext(_ n: NormalizedName, doc: String) -> (entity: String, token: String, part: String)? {
        let parts = n.key.split(separator: " ")
        var tokens: [(token: String, part: String)] = []
        if parts.count == 2 {
            tokens.append((n.key, "the given name"))
            let written = n.span.split(separator: " ").map(Self.foldedWord)
            if n.language == .vi, written.count == 2 { tokens.append((written.joined(separator: " "), "the given name")) }
        }
        let spelledApart: Set<Script> = [.hangul, .japanese, .cyrillic]
        if parts.count >= 2, spelledApart.contains(n.script), !n.span.contains(" ") {
            tokens.append((parts.joined(), "a word"))
        }
        for (token, part) in tokens {
            if let hit = contexts.lookup(doc: doc, token: token), let id = live(hit.entity) { return (id, token, part) }
        }
        return nil
    }

    /// A word lowercased without its marks, as the ASCII key writes it (Lâm → lam, Đặng → dang).
    static func foldedWord(_ word: Substring) -> String {
        word.replacingOccurrences(of: "đ", with: "d").replacingOccurrences(of: "Đ", with: "D")
            .folding(options: [.diacriticInsensitive, .caseInsensitive], locale: nil)
    }
}

extension Registry {
    /// A kanji mention that is only a Japanese surname (石破 in 石破首相) tied to a person the
    /// document named whose name starts with that reading (石破茂, Shigeru Ishiba), when nothing
    /// matched it as a whole name. Read as Chinese it would be a new two-character name (Shi Po).
    /// (`keys`: the mention's Japanese surname readings, `MentionReadings.japaneseSurnameKeys`.)
    func japaneseSurnameInContext(_ n: NormalizedName, keys: [String], doc: String) -> (entity: String, token: String)? {
        guard n.script == .han else { return nil }
        for token in keys {
            guard let hit = contexts.lookup(doc: doc, token: token), let id = live(hit.entity), let entity = entities[id],
                  entity.names.contains(where: { $0.language == .ja || $0.keys.contains { $0.value.hasPrefix("ja:") } })
            else { continue }
            return (id, token)
        }
        return nil
    }
}
