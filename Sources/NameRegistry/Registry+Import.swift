import Foundation
import NameCanon

/// The reference-data formats `registry import --format` reads besides the registry's own
/// JSON lines.
public enum ReferenceFormat: String, Sendable, CaseIterable {
    /// FollowTheMoney entities, one JSON object a line, as OpenSanctions publishes them.
    case ftm
    /// Wikidata entity JSON: the dump's array with one entity a line (`[`, `]` and trailing
    /// commas allowed), or one entity a line.
    case wikidata

    /// What one line holds.
    public enum Parsed: Sendable, Hashable {
        case record(ReferenceRecord)
        /// Not a person (another schema, P31 without Q5): counted, not loaded.
        case skipped
        /// A blank line or the dump's `[` / `]`.
        case nothing
        /// A record that cannot be read, with the reason.
        case bad(String)
    }

    /// Wikidata label and alias languages read, with the language hint each gives the name.
    static let wikidataLanguages: [(String, NameLanguage?)] = [
        ("en", nil), ("zh", .zh), ("zh-hans", .zh), ("zh-hant", .zh), ("zh-hk", .zh), ("zh-tw", .zh),
        ("vi", .vi), ("ko", .ko), ("ja", .ja),
    ]

    /// Reads one line (without its newline).
    ///
    /// ```swift
    /// let line = #"{"id":"Q15031","labels":{"en":{"language":"en","value":"Xi Jinping"}}}"#
    /// ReferenceFormat.wikidata.parse(Array(line.utf8), line: 1)   // .record(...)
    /// ```
    public func parse(_ bytes: [UInt8], line: Int) -> Parsed {
        var slice = bytes[...]
        while let last = slice.last, last == 0x20 || last == 0x09 || last == 0x0D { slice = slice.dropLast() }
        while let first = slice.first, first == 0x20 || first == 0x09 { slice = slice.dropFirst() }
        if slice.isEmpty { return .nothing }
        if self == .wikidata {
            if slice.elementsEqual("[".utf8) || slice.elementsEqual("]".utf8) { return .nothing }
            if slice.last == 0x2C { slice = slice.dropLast() }
        }
        let object: [String: Any]
        do {
            guard let o = try JSONSerialization.jsonObject(with: Data(slice)) as? [String: Any] else { return .bad("not a JSON object") }
            object = o
        } catch {
            return .bad("not valid JSON")
        }
        switch self {
        case .ftm: return Self.ftm(object, line: line)
        case .wikidata: return Self.wikidata(object, line: line)
        }
    }

    static func ftm(_ object: [String: Any], line: Int) -> Parsed {
        guard let id = object["id"] as? String, !id.isEmpty else { return .bad("no \"id\"") }
        guard let schema = object["schema"] as? String else { return .bad("no \"schema\"") }
        guard schema == "Person" else { return .skipped }
        guard let properties = object["properties"] as? [String: Any] else { return .bad("no \"properties\"") }
        func values(_ key: String) -> [String]? {
            guard let v = properties[key] else { return [] }
            return v as? [String]
        }
        guard let name = values("name"), let alias = values("alias"), let weak = values("weakAlias"),
              let first = values("firstName"), let last = values("lastName") else {
            return .bad("a name property is not a list of strings")
        }
        var names = (name + alias).map { ReferenceRecord.Name($0) }
        // A weak alias ("Pepe", "the Butcher") is a nickname, not a name to match on alone:
        // only the ones with two words or more are kept.
        names += weak.filter { $0.split(separator: " ").count >= 2 }.map { ReferenceRecord.Name($0) }
        if first.count == 1, last.count == 1 { names.append(.init(first[0] + " " + last[0])) }
        guard !names.isEmpty else { return .bad("person \(id) has no name") }
        return .record(ReferenceRecord(source: "ftm", id: id, names: names, line: line))
    }

    static func wikidata(_ object: [String: Any], line: Int) -> Parsed {
        guard let id = object["id"] as? String, id.first == "Q", id.dropFirst().allSatisfy(\.isNumber), id.count > 1 else {
            return .bad("no Wikidata item ID (\"id\": \"Q…\")")
        }
        if let claims = object["claims"] as? [String: Any] {
            let p31 = claims["P31"] as? [[String: Any]] ?? []
            let human = p31.contains { claim in
                let value = ((claim["mainsnak"] as? [String: Any])?["datavalue"] as? [String: Any])?["value"] as? [String: Any]
                return value?["id"] as? String == "Q5"
            }
            if !human { return .skipped }
        }
        let labels = object["labels"] as? [String: Any] ?? [:]
        let aliases = object["aliases"] as? [String: Any] ?? [:]
        var names: [ReferenceRecord.Name] = []
        for (language, hint) in wikidataLanguages {
            if let label = (labels[language] as? [String: Any])?["value"] as? String { names.append(.init(label, language: hint)) }
        }
        for (language, hint) in wikidataLanguages {
            for alias in aliases[language] as? [[String: Any]] ?? [] {
                if let value = alias["value"] as? String { names.append(.init(value, language: hint)) }
            }
        }
        guard !names.isEmpty else { return .bad("item \(id) has no label or alias in en, zh, vi, ko or ja") }
        return .record(ReferenceRecord(source: "wikidata", id: id, names: names, line: line))
    }
}

/// Streams reference records into a registry in batches: each batch is one store transaction.
///
/// ```swift
/// let importer = ReferenceImporter(registry: registry, format: .ftm) { line, why in print(line, why) }
/// try importer.add(Array(#"{"id":"x","schema":"Person","properties":{"name":["Kim Jong-un"]}}"#.utf8), line: 1)
/// let summary = try importer.finish()
/// ```
public final class ReferenceImporter {
    /// The registry the records are loaded into.
    public let registry: Registry
    /// How each line is read.
    public let format: ReferenceFormat
    /// Records per transaction.
    public let batchSize: Int
    /// What the lines read so far did; records still waiting in an unwritten batch are counted
    /// as read but not yet as created, linked or added.
    public private(set) var summary = ReferenceSummary()
    private var pending: [ReferenceRecord] = []
    private let report: (Int, String) -> Void

    /// An importer of `format` lines into `registry`; nothing is written before a batch is full.
    ///
    /// - Parameters:
    ///   - registry: the registry the records are loaded into.
    ///   - format: how each line is read.
    ///   - batchSize: records per store transaction (at least 1).
    ///   - report: called with the line number and the reason for each bad record.
    public init(registry: Registry, format: ReferenceFormat, batchSize: Int = 1_000, report: @escaping (Int, String) -> Void) {
        self.registry = registry
        self.format = format
        self.batchSize = max(1, batchSize)
        self.report = report
    }

    /// Reads one line; writes a batch when it is full.
    public func add(_ bytes: [UInt8], line: Int) throws {
        switch format.parse(bytes, line: line) {
        case .nothing: return
        case .skipped:
            summary.records += 1
            summary.skipped += 1
        case .bad(let why):
            summary.records += 1
            summary.bad += 1
            report(line, why)
        case .record(let record):
            summary.records += 1
            pending.append(record)
            if pending.count >= batchSize { try flush() }
        }
    }

    /// Reports a line that could not be read at all (too long, not UTF-8).
    public func reject(line: Int, _ why: String) {
        summary.records += 1
        summary.bad += 1
        report(line, why)
    }

    private func flush() throws {
        if pending.isEmpty { return }
        let batch = pending
        pending.removeAll(keepingCapacity: true)
        try registry.load(batch, into: &summary) { [report] record, why in report(record.line, why) }
    }

    /// Writes the last batch and answers what the import did.
    public func finish() throws -> ReferenceSummary {
        try flush()
        return summary
    }
}
