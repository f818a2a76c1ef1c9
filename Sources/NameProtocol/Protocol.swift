import Foundation
import NameCanon

/// An error answered on the wire: a stable code and a message for people.
public struct ProtocolError: CodedError {
    /// Stable codes clients can switch on; documented in docs/protocol.md.
    public enum Code: String, Sendable {
        case badJSON = "bad_json"
        case badUTF8 = "bad_utf8"
        case lineTooLong = "line_too_long"
        case emptyLine = "empty_line"
        case notAnObject = "not_an_object"
        case unknownOp = "unknown_op"
        case missingField = "missing_field"
        case badField = "bad_field"
        case emptyName = "empty_name"
        case tooManyMarks = "too_many_marks"
        case unknownTarget = "unknown_target"
        case notFound = "not_found"
        case conflict = "conflict"
        case internalError = "internal"
    }

    /// The stable code, sent as `error.code`.
    public let code: Code
    /// The explanation for people, sent as `error.message`.
    public let message: String

    /// An error with `code`, explained by `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The code and the message, as the wire carries them: "bad_field: …".
    public var description: String { "\(code.rawValue): \(message)" }
}

/// A parsed request: its id (echoed back) and its members.
public struct Request: Sendable {
    /// The request's `id` member as parsed (`.null` when absent); the response echoes it as written.
    public let id: JSON
    /// The operation's name, the `op` member.
    public let op: String
    /// The whole request object, `id` and `op` included; the field readers look members up here.
    public let body: JSON

    /// A required string field.
    public func string(_ name: String) throws(ProtocolError) -> String {
        guard let value = body[name] else { throw ProtocolError(.missingField, "missing field \"\(name)\"") }
        guard let s = value.stringValue else { throw ProtocolError(.badField, "field \"\(name)\" must be a string") }
        return s
    }

    /// The input text of an operation: `name`, the documented field, or `text`, accepted as its
    /// synonym in every operation so a client never has to remember which op says which. Both
    /// present with different values is a `bad_field` error rather than a silent pick.
    public func inputText() throws(ProtocolError) -> String {
        let name = try optionalString("name")
        let text = try optionalString("text")
        switch (name, text) {
        case let (n?, t?) where n != t:
            throw ProtocolError(.badField, "fields \"name\" and \"text\" are synonyms but differ; send one")
        case let (n?, _): return n
        case let (nil, t?): return t
        case (nil, nil): throw ProtocolError(.missingField, "missing field \"name\"")
        }
    }

    /// An optional string field (absent or null → nil).
    public func optionalString(_ name: String) throws(ProtocolError) -> String? {
        guard let value = body[name], value != .null else { return nil }
        guard let s = value.stringValue else { throw ProtocolError(.badField, "field \"\(name)\" must be a string") }
        return s
    }

    /// An optional boolean field.
    public func optionalBool(_ name: String) throws(ProtocolError) -> Bool? {
        guard let value = body[name], value != .null else { return nil }
        guard let b = value.boolValue else { throw ProtocolError(.badField, "field \"\(name)\" must be true or false") }
        return b
    }
}

/// The JSON-lines protocol without I/O: one request line in, one response line out.
///
/// ```swift
/// let handler = ProtocolHandler(canon: .shared)
/// let reply = handler.respond(to: Array(#"{"id":1,"op":"normalize","name":"XI Jinping"}"#.utf8))
/// // {"id":1,"ok":true,"display":"Xi Jinping","key":"xi jinping",...}
/// ```
public final class ProtocolHandler: @unchecked Sendable {
    /// Lines longer than this many bytes are answered with `line_too_long`, unread.
    public static let maxLineBytes = 65_536

    /// An operation: the response members that follow `"ok":true`, in order. A thrown
    /// ``ProtocolError`` is answered as it is, a `NameCanonError` with the matching code, and
    /// anything else as `internal`.
    public typealias Operation = (Request) throws -> [(String, JSON)]

    private let canon: NameCanon
    private var canons: [ToneStyle: NameCanon] = [:]
    private let canonsLock = NSLock()
    private var operations: [String: Operation] = [:]
    /// The serialized answers of recent `normalize` requests, by what they asked (name, hint,
    /// tone style): names repeat heavily in a stream, and a repeated one then costs a lookup
    /// instead of its members' building and writing. Used only while `normalize` is the
    /// built-in operation (a registry's wraps it, and its answers change with the registry).
    private let normalizeAnswers = RowMemo(limit: 10_000)
    private var builtInNormalize = true

    /// A handler answering `ping`, `version`, `normalize`, `compare` and `transliterate` with
    /// `canon`; `register(op:_:)` adds more.
    public init(canon: NameCanon) {
        self.canon = canon
        operations["ping"] = { _ in [("pong", .bool(true))] }
        operations["version"] = { _ in
            [("namecanon", .string(NameCanonVersion.nameCanon)), ("icu", .string(NameCanonVersion.icu)),
             ("unicode", .string(NameCanonVersion.unicode)), ("protocol", .int(1))]
        }
        operations["normalize"] = { [unowned self] request in try self.normalize(request) }
        operations["compare"] = { [unowned self] request in try self.compare(request, canon: self.canon) }
        operations["transliterate"] = { [unowned self] request in
            let text = try request.inputText()
            let to = try request.string("to")
            let target: TransliterationTarget
            do { target = try TransliterationTarget.named(to) } catch {
                throw ProtocolError(.unknownTarget, errorMessage(error))
            }
            return [("text", .string(try self.canon.transliterate(text, to: target)))]
        }
    }

    /// How several requests' operations run as one group commit (the registry's, once it is
    /// open); nil until an extension sets it.
    public struct GroupCommit: Sendable {
        /// True when a group commit can run now (the registry is open).
        public var isReady: @Sendable () -> Bool
        /// Runs the body as one group commit.
        public var run: @Sendable (() throws -> Void) throws -> Void

        /// A group commit from its two parts.
        public init(isReady: @escaping @Sendable () -> Bool, run: @escaping @Sendable (() throws -> Void) throws -> Void) {
            self.isReady = isReady
            self.run = run
        }
    }

    /// The group commit `respond(toAll:)` uses; nil: none.
    public var groupCommit: GroupCommit?

    /// Answers requests that arrived together, in order. When a group commit is ready and one
    /// of them may write (`mayWrite`), they run inside it and the answers are returned only after
    /// it committed; when the group fails as a whole, each request runs again on its own.
    public func respond(toAll lines: [[UInt8]]) -> [String] {
        guard lines.count > 1, let groupCommit, groupCommit.isReady(), lines.contains(where: Self.mayWrite) else {
            return lines.map(respond(to:))
        }
        var answers: [String] = []
        do {
            try groupCommit.run { answers = lines.map(self.respond(to:)) }
            return answers
        } catch {
            return lines.map(respond(to:))
        }
    }

    /// A cheap look at a request's bytes: true unless it surely cannot write (no "create" and no
    /// write operation's name). Only decides whether a group commit is worth its write lock.
    static func mayWrite(_ line: [UInt8]) -> Bool {
        writeWords.contains { word in
            guard line.count >= word.count else { return false }
            return (0...(line.count - word.count)).contains { start in
                line[start] == word[0] && line[start..<(start + word.count)].elementsEqual(word)
            }
        }
    }

    private static let writeWords: [[UInt8]] = ["\"create\"", "register", "alias", "merge", "rename", "split", "distinct", "forget"].map { Array($0.utf8) }

    /// Adds (or replaces) an operation, e.g. the registry's.
    public func register(op: String, _ operation: @escaping Operation) {
        operations[op] = operation
        if op == "normalize" { builtInNormalize = false }
    }

    /// The operation answering `op`, if any (so an extension can wrap one).
    public func operation(named op: String) -> Operation? { operations[op] }

    /// The request's `lang` hint (`NameLanguage.hint`: any case, "" or "auto" for none).
    static func language(_ request: Request) throws(ProtocolError) -> NameLanguage? {
        let text = try request.optionalString("lang")
        do { return try NameLanguage.hint(text) } catch {
            throw ProtocolError(.badField, "field \"lang\" must be one of zh, vi, ko, ja, other (or auto)")
        }
    }

    /// The operations this handler answers.
    public var operationNames: [String] { operations.keys.sorted() }

    private func normalize(_ request: Request) throws -> [(String, JSON)] {
        let asked = try normalizeAsked(request)
        return Self.fields(of: try asked.engine.normalize(asked.name, hint: asked.hint))
    }

    /// What a `normalize` request asks: the name, the language hint, the tone style as written
    /// and the engine for it; the request's first bad field throws.
    private func normalizeAsked(_ request: Request) throws -> (name: String, hint: NameLanguage?, style: String?, engine: NameCanon) {
        let name = try request.inputText()
        let hint = try Self.language(request)
        let style = try request.optionalString("tone_style")
        var engine = canon
        if let style {
            guard let s = ToneStyle(rawValue: style) else { throw ProtocolError(.badField, "field \"tone_style\" must be old, new or keep") }
            engine = try canonFor(s)
        }
        return (name, hint, style, engine)
    }

    /// The engine for a tone style other than the handler's, made on first use. The handler is
    /// `Sendable`, so the table of engines is read and filled under a lock.
    private func canonFor(_ style: ToneStyle) throws -> NameCanon {
        if style == canon.toneStyle { return canon }
        canonsLock.lock()
        defer { canonsLock.unlock() }
        if let c = canons[style] { return c }
        let c = try NameCanon(rules: canon.rules, toneStyle: style)
        canons[style] = c
        return c
    }

    /// The response members for a normalized name.
    public static func fields(of name: NormalizedName) -> [(String, JSON)] {
        var out: [(String, JSON)] = [
            ("input", .string(name.input)), ("display", .string(name.display)), ("latin", .string(name.latin)),
            ("key", .string(name.key)), ("surname", .string(name.surname)), ("middle", .string(name.middle)),
            ("given", .string(name.given)), ("title", .string(name.title)), ("reference", .string(name.reference)),
            ("script", .string(name.script.rawValue)), ("language", .string(name.language.rawValue)),
            ("order", .string(name.order.rawValue)), ("order_confidence", .double((name.orderConfidence * 100).rounded() / 100)),
        ]
        out.append(("han_variant", name.hanVariant.map { .string($0.rawValue) } ?? .null))
        out.append(("romanization", name.romanization.map { .string($0.rawValue) } ?? .null))
        out.append(("keys", .array(name.keys.map { .object([("kind", .string($0.kind.rawValue)), ("value", .string($0.value))]) })))
        out.append(("alternates", .array(name.alternates.map { .string($0) })))
        out.append(("repairs", .array(name.repairs.map { .string($0) })))
        return out
    }

    /// Answers one request line (without its newline) with one response line (without newline).
    public func respond(to line: [UInt8]) -> String {
        if line.count > Self.maxLineBytes {
            return Self.failure(id: .null, ProtocolError(.lineTooLong, "line of \(line.count) bytes exceeds the limit of \(Self.maxLineBytes)"))
        }
        guard String.isWellFormedUTF8(line) else {
            return Self.failure(id: .null, ProtocolError(.badUTF8, "the line is not valid UTF-8"))
        }
        // (On the bytes: these three are each one byte and one Character, and "\r\n" is neither.)
        if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0D }) {
            return Self.failure(id: .null, ProtocolError(.emptyLine, "empty line: expected a JSON object"))
        }
        guard let json = JSON.parse(line) else {
            return Self.failure(idText: RequestID.scan(line).json, ProtocolError(.badJSON, "the line is not valid JSON"))
        }
        guard case .object = json else {
            return Self.failure(id: .null, ProtocolError(.notAnObject, "a request must be a JSON object"))
        }
        let id = json["id"] ?? .null
        // The id is echoed as the text the client wrote (see RequestID), not as the parsed number.
        let idText: String
        switch (id, RequestID.scan(line)) {
        case (.null, _): idText = "null"
        case (.string, .text(let t)), (.int, .text(let t)), (.double, .text(let t)): idText = t
        default: return Self.failure(id: .null, ProtocolError(.badField, "field \"id\" must be one string or one number"))
        }
        guard let opValue = json["op"] else { return Self.failure(idText: idText, ProtocolError(.missingField, "missing field \"op\"")) }
        guard let op = opValue.stringValue else { return Self.failure(idText: idText, ProtocolError(.badField, "field \"op\" must be a string")) }
        guard let operation = operations[op] else {
            return Self.failure(idText: idText, ProtocolError(.unknownOp, "unknown op \"\(op)\"; known: \(operationNames.joined(separator: ", "))"))
        }
        do {
            let request = Request(id: id, op: op, body: json)
            if op == "normalize", builtInNormalize { return Self.envelope(idText: idText, body: try normalizeAnswer(request)) }
            var body: [UInt8] = []
            JSON.appendMembers([("ok", .bool(true))] + (try operation(request)), to: &body)
            return Self.envelope(idText: idText, body: body)
        } catch let error as ProtocolError {
            return Self.failure(idText: idText, error)
        } catch let error as NameCanonError {
            let code: ProtocolError.Code = switch error.code {
            case .emptyName: .emptyName
            case .unknownTarget: .unknownTarget
            case .badInput: .badField
            case .tooManyMarks: .tooManyMarks
            default: .internalError
            }
            return Self.failure(idText: idText, ProtocolError(code, error.message))
        } catch {
            return Self.failure(idText: idText, ProtocolError(.internalError, "\(error)"))
        }
    }

    /// The response to a line the reader dropped for its length.
    public static func tooLong(length: Int) -> String {
        failure(id: .null, ProtocolError(.lineTooLong, "line of \(length) bytes exceeds the limit of \(maxLineBytes)"))
    }

    /// The response line for `error`: `{"id":…,"ok":false,"error":{"code":…,"message":…}}`.
    public static func failure(id: JSON, _ error: ProtocolError) -> String {
        failure(idText: id.serialized, error)
    }

    /// A failure whose `id` is the given JSON text, written as is.
    static func failure(idText: String, _ error: ProtocolError) -> String {
        var body: [UInt8] = []
        JSON.appendMembers([
            ("ok", .bool(false)),
            ("error", .object([("code", .string(error.code.rawValue)), ("message", .string(error.message))])),
        ], to: &body)
        return envelope(idText: idText, body: body)
    }

    /// The members of a `normalize` answer, `"ok":true` first, serialized: remembered for the
    /// same name, hint and tone style (the request's other members, its id among them, change
    /// nothing in them).
    private func normalizeAnswer(_ request: Request) throws -> [UInt8] {
        let asked = try normalizeAsked(request)
        let key = (asked.hint?.rawValue ?? "") + "\u{0}" + (asked.style ?? "") + "\u{0}" + asked.name
        return try normalizeAnswers.row(for: key) {
            var body: [UInt8] = []
            body.reserveCapacity(512)
            // (This memo is the engine's name cache for these answers: not asked again.)
            let name = try asked.engine.normalize(asked.name, hint: asked.hint, remember: false)
            JSON.appendMembers([("ok", .bool(true))] + Self.fields(of: name), to: &body)
            return body
        }
    }

    /// A response object: `id` first, as the JSON text the request carried, then the members
    /// `body` holds, serialized.
    static func envelope(idText: String, body: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(body.count + idText.utf8.count + 8)
        out.append(contentsOf: "{\"id\":".utf8)
        out.append(contentsOf: idText.utf8)
        out.append(0x2C)
        out.append(contentsOf: body)
        out.append(0x7D)
        return String(decoding: out, as: UTF8.self)
    }
}
