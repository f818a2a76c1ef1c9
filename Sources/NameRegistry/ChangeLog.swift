import Foundation

/// Who or what made a change: shown by `registry history` and kept with every change forever.
public enum ChangeSource: String, Sendable, Codable, CaseIterable {
    /// Someone asked for it: `register`, `alias`, `merge`, `forget` and the curation commands.
    case user
    /// The resolver decided by itself: a person created by `resolve --create`, a new form learned.
    case learned
    /// Shipped reference data loaded into the registry.
    case seed
    /// `registry import`.
    case `import`
}

/// One applied change as the store's change log keeps it: one row per `StoreChange`, never
/// pruned. The sequence number is the store's, strictly increasing in commit order, so a process
/// that has seen number N has seen every change up to N (what catch-up across processes needs).
public struct ChangeRecord: Sendable, Hashable {
    /// The store's number for the change, strictly increasing in commit order.
    public var sequence: Int64
    /// UTC, ISO 8601 with milliseconds: "2026-12-02T07:15:03.120Z".
    public var time: String
    /// Who or what made the change.
    public var source: ChangeSource
    /// The change's name: "create", "add_names", "remove_name", "set_display", "merge", "redirect".
    public var operation: String
    /// The entity the change is about (for a merge, the one merged away).
    public var entity: String
    /// A second entity the change touches (for a merge, the one kept; for a redirect, its target).
    public var other: String?
    /// What changed, as a JSON object with sorted keys.
    public var detail: String

    /// A record with the given columns, as a store reads them back from its log.
    public init(sequence: Int64, time: String, source: ChangeSource, operation: String, entity: String, other: String?, detail: String) {
        self.sequence = sequence
        self.time = time
        self.source = source
        self.operation = operation
        self.entity = entity
        self.other = other
        self.detail = detail
    }
}

/// The log columns of a change, before the store numbers it.
public struct ChangeEntry: Sendable, Hashable {
    /// The change's name, as in `ChangeRecord.operation`.
    public var operation: String
    /// The entity the change is about, as in `ChangeRecord.entity`.
    public var entity: String
    /// A second entity the change touches, as in `ChangeRecord.other`.
    public var other: String?
    /// What changed, a JSON object with sorted keys, as in `ChangeRecord.detail`.
    public var detail: String
}

/// The detail object of a log row; only the members a change has are written.
private struct ChangeDetail: Encodable {
    var display: String?
    var fixed: Bool?
    var names: [String]?
    var name: String?
    var into: String?
    var to: String?
    var kind: String?
    var keys: [String]?
    var version: String?
}

extension StoreChange {
    /// How this change is written in the change log. A new `StoreChange` case adds one line here;
    /// both stores write the log through this and nothing else.
    public var logEntry: ChangeEntry {
        let (operation, entity, other, detail): (String, String, String?, ChangeDetail) = switch self {
        case .createEntity(let e): ("create", e.id, nil, ChangeDetail(display: e.display, fixed: e.displayFixed ? true : nil, names: e.names.map(\.text)))
        case .addNames(let id, let names): ("add_names", id, nil, ChangeDetail(names: names.map(\.text)))
        case .removeName(let id, let text): ("remove_name", id, nil, ChangeDetail(name: text))
        case .setDisplay(let id, let display, let fixed): ("set_display", id, nil, ChangeDetail(display: display, fixed: fixed))
        case .merge(let from, let into): ("merge", from, into, ChangeDetail(into: into))
        case .addRedirect(let from, let to): ("redirect", from, to, ChangeDetail(to: to))
        case .setNameKind(let id, let text, let kind): ("set_name_kind", id, nil, ChangeDetail(name: text, kind: kind.rawValue))
        case .addDistinct(let pair): ("add_distinct", pair.first, pair.second, ChangeDetail())
        case .removeDistinct(let pair): ("remove_distinct", pair.first, pair.second, ChangeDetail())
        case .setKeys(let id, let text, let keys): ("set_keys", id, nil, ChangeDetail(name: text, keys: keys.map(\.description)))
        // Store-wide, not an entity's: logged under "-" so the log's entity column stays filled.
        case .setKeyVersion(let version): ("set_key_version", "-", nil, ChangeDetail(version: version))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let json = (try? encoder.encode(detail)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        return ChangeEntry(operation: operation, entity: entity, other: other, detail: json)
    }
}

extension ChangeRecord {
    /// The current time as the change log writes it.
    public static func now() -> String {
        formatterLock.lock()
        defer { formatterLock.unlock() }
        return formatter.string(from: Date())
    }

    /// Made once: a new formatter (an ICU date format underneath) cost more than the rest of a
    /// change log row. Used under `formatterLock`.
    nonisolated(unsafe) private static let formatter: ISO8601DateFormatter = {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        formatter.timeZone = TimeZone(identifier: "UTC")
        return formatter
    }()
    private static let formatterLock = NSLock()
}
