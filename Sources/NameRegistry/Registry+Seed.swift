import Foundation
import NameCanon

/// The people seed of `Rules/seed/people.tsv` (CC-CEDICT, CC BY-SA 4.0; see Rules/seed/README.md).
public enum PeopleSeed {
    /// The source label of seeded names and links.
    public static let source = "seed"

    /// The seed's people as reference records: English names first (the first is the display
    /// form), then pinyin, the Han forms, the Hán-Việt and the Korean readings.
    ///
    /// ```swift
    /// let people = PeopleSeed.records()          // from the embedded rules
    /// people.first { $0.id == "習近平_1953" }?.names.map(\.text)
    /// // ["Xi Jinping", "习近平", "習近平", "Tập Cận Bình", "시진핑"]
    /// ```
    public static func records(rules: RuleFiles = .embedded) -> [ReferenceRecord] {
        rules.table("seed/people.tsv").compactMap { row in
            let c = row.columns
            guard c.count >= 10, !c[0].isEmpty else { return nil }
            let origin = c[7]
            func split(_ s: String) -> [String] { s.split(separator: "|").map(String.init) }
            var names: [ReferenceRecord.Name] = split(c[4]).map { .init($0) }
            let east = origin == "zh" || origin == "ko" || origin == "vi"
            let hanHint: NameLanguage? = origin == "zh" ? .zh : nil
            if east, !c[3].isEmpty { names.append(.init(c[3], language: .zh)) }
            names += (split(c[1]) + split(c[2])).map { .init($0, language: hanHint) }
            if !c[8].isEmpty { names.append(.init(c[8], language: .vi)) }
            if !c[9].isEmpty { names.append(.init(c[9], language: origin == "ko" ? .ko : .zh)) }
            var seen: Set<String> = []
            names = names.filter { seen.insert($0.text).inserted }  // pinyin = English, simplified = traditional
            return ReferenceRecord(source: source, id: c[0], names: names, line: row.line)
        }
    }
}

extension Registry {
    /// Loads the people seed: idempotent (a second run changes nothing), seeded names marked
    /// with source `seed`, each entity linked to its seed ID, and a user's merges, forgotten
    /// names and chosen display forms left as they are. See `load(_:into:)`.
    ///
    /// ```swift
    /// let registry = try Registry(store: try SQLiteStore(inMemory: ()))
    /// try registry.seed()
    /// try registry.resolve("特朗普").canonical   // "Donald Trump"
    /// ```
    @discardableResult
    public func seed(_ records: [ReferenceRecord] = PeopleSeed.records()) throws -> ReferenceSummary {
        var summary = ReferenceSummary()
        summary.records = records.count
        // One batch: homonyms of the seed must see each other to stay apart, and the seed is
        // either wholly loaded or not at all.
        try load(records, into: &summary, complete: true)
        return summary
    }
}
