import Foundation
import NameRegistry

extension ProtocolHandler {
    /// The `history` op: `{"op":"history","entity":"p…"}` answers with the live entity and its
    /// changes, oldest first, each with `seq`, `time`, `source`, `op`, `entity`, `other` and
    /// `detail` (an object).
    static func history(_ registry: Registry, _ request: Request) throws -> [(String, JSON)] {
        let h = try registry.history(try request.string("entity"))
        return [("entity", .string(h.entity)), ("changes", .array(h.changes.map { .object(Self.fields(of: $0)) }))]
    }

    /// The response members for a change record.
    public static func fields(of change: ChangeRecord) -> [(String, JSON)] {
        let detail = JSON.parse(Array(change.detail.utf8)) ?? .string(change.detail)
        return [("seq", .int(Int(change.sequence))), ("time", .string(change.time)), ("source", .string(change.source.rawValue)),
                ("op", .string(change.operation)), ("entity", .string(change.entity)),
                ("other", change.other.map { .string($0) } ?? .null), ("detail", detail)]
    }
}
