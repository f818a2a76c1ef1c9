import Foundation
import NameCanon
import NameRegistry

/// Opens the registry on first use, so a server that only normalizes never touches the disk.
final class LazyRegistry: @unchecked Sendable {
    private let open: () throws -> Registry
    private let lock = NSLock()
    private var registry: Registry?

    init(_ open: @escaping () throws -> Registry) { self.open = open }

    /// The registry if it was opened already.
    var opened: Registry? {
        lock.lock()
        defer { lock.unlock() }
        return registry
    }

    func get() throws -> Registry {
        lock.lock()
        defer { lock.unlock() }
        if let registry { return registry }
        let opened = try open()
        registry = opened
        return opened
    }
}

extension ProtocolHandler {
    /// Adds the registry operations: `resolve`, `register`, `alias`, `merge`, `get`, `forget`,
    /// `rename`, `split`, `distinct`, `history`, `stats`. Every write is committed to the store before the operation returns, so a
    /// response a client has read is never lost.
    ///
    /// - Parameters:
    ///   - consultOnNormalize: also wrap `normalize`, so that it answers with the registry's
    ///     canonical form and entity of a person the registry knows (it never creates one).
    ///   - open: opens the registry; called once, on the first registry request.
    ///
    /// ```swift
    /// let handler = ProtocolHandler(canon: .shared)
    /// handler.registerRegistryOps { try Registry(store: try SQLiteStore(inMemory: ())) }
    /// handler.respond(to: Array(#"{"id":1,"op":"resolve","name":"Xi Jinping","create":true}"#.utf8))
    /// // {"id":1,"ok":true,"entity":"p…","canonical":"Xi Jinping","score":1,"match":"created",...}
    /// ```
    public func registerRegistryOps(consultOnNormalize: Bool = true, _ open: @escaping () throws -> Registry) {
        let lazy = LazyRegistry(open)
        // Requests that arrive together commit together once the registry is open; before, the
        // requests run as they come (the first registry request opens it).
        groupCommit = GroupCommit(isReady: { lazy.opened != nil }, run: { body in
            if let registry = lazy.opened { try registry.grouped(body) } else { try body() }
        })
        // `normalize` answers with the registry's canonical form of a person it knows
        // ("Nguyen Phu Trong" → "Nguyễn Phú Trọng"), and the entity, without creating anything.
        if consultOnNormalize, let normalize = operation(named: "normalize") {
            register(op: "normalize") { request in
                var members = try normalize(request)
                guard let registry = try? lazy.get(), let name = try? request.inputText(),
                      let known = registry.knownCanonical(name, language: try? Self.language(request)) else { return members }
                if let i = members.firstIndex(where: { $0.0 == "display" }) { members[i].1 = .string(known.canonical) }
                members.append(("entity", .string(known.entity)))
                members.append(("canonical", .string(known.canonical)))
                return members
            }
        }
        func op(_ name: String, _ body: @escaping (Registry, Request) throws -> [(String, JSON)]) {
            register(op: name) { request in
                do {
                    let registry: Registry
                    do { registry = try lazy.get() } catch let error as RegistryError {
                        throw ProtocolError(.internalError, "the registry cannot be opened: \(error)")
                    }
                    return try body(registry, request)
                } catch let error as RegistryError {
                    throw ProtocolError(Self.code(of: error), error.description)
                }
            }
        }
        op("resolve") { registry, request in
            let r = try registry.resolveGuarded(try request.inputText(), language: try Self.language(request),
                                         doc: try request.optionalString("doc"), create: try request.optionalBool("create") ?? false,
                                         aliases: try Self.strings(request, "aliases"),
                                         fuzzyThreshold: try Self.threshold(request, "fuzzy_threshold"),
                                         allowConfusable: try request.optionalBool("allow_confusable") ?? false)
            return Self.fields(of: r)
        }
        op("register") { registry, request in
            let r = try registry.register(try request.inputText(), aliases: try Self.strings(request, "aliases"),
                                          display: try request.optionalString("display"), language: try Self.language(request),
                                          newEntity: try request.optionalBool("new") ?? false)
            return [("entity", .string(r.entity)), ("canonical", .string(r.canonical)), ("created", .bool(r.created)),
                    ("added", .array(r.added.map { .string($0) })),
                    ("previous_canonical", r.previousCanonical.map { .string($0) } ?? .null)]
        }
        op("alias") { registry, request in
            let r = try registry.alias(try request.string("entity"), name: try request.inputText(), language: try Self.language(request))
            return [("entity", .string(r.entity)), ("added", .bool(r.added))]
        }
        op("merge") { registry, request in
            let from = try request.string("from")
            let into = try registry.merge(from, into: try request.string("into"))
            return [("entity", .string(into)), ("merged", .string(from))]
        }
        op("get") { registry, request in
            let r = try registry.get(try request.string("entity"))
            let external = try registry.externalIDs(r.entity.id).map { JSON.object([("source", .string($0.source)), ("id", .string($0.id))]) }
            return Self.fields(of: r.entity) + [("external_ids", .array(external)), ("redirects", .array(r.redirects.map { .string($0) })),
                                                ("redirected_from", r.redirectedFrom.map { .string($0) } ?? .null),
                                                ("distinct", .array(try registry.distinctEntities(r.entity.id).map { .string($0) }))]
        }
        op("rename") { registry, request in
            let display = try request.optionalString("display")
            let auto = try request.optionalBool("auto") ?? false
            guard (display == nil) == auto else {
                throw ProtocolError(.badField, "rename takes \"display\" (fix the display form) or \"auto\": true (choose it again), one of them")
            }
            let r = try registry.rename(try request.string("entity"), display: display)
            return [("entity", .string(r.entity)), ("canonical", .string(r.canonical)), ("display_fixed", .bool(display != nil))]
        }
        op("split") { registry, request in
            let names = try Self.strings(request, "names")
            guard !names.isEmpty else { throw ProtocolError(.missingField, "split needs \"names\": the names to move") }
            let r = try registry.split(try request.string("entity"), names: names, into: try request.optionalString("into"))
            return [("entity", .string(r.entity)), ("into", .string(r.into)), ("moved", .array(r.moved.map { .string($0) }))]
        }
        op("distinct") { registry, request in
            let undo = try request.optionalBool("undo") ?? false
            let r = try registry.distinct(try request.string("entity"), try request.string("other"), undo: undo)
            return [("entity", .string(r.0)), ("other", .string(r.1)), ("distinct", .bool(!undo))]
        }
        op("forget") { registry, request in
            let entity = try request.string("entity")
            let name = try request.inputText()
            try registry.forget(entity, name: name)
            return [("entity", .string(try registry.get(entity).entity.id)), ("forgotten", .string(Registry.clean(name)))]
        }
        op("history") { registry, request in try Self.history(registry, request) }
        op("stats") { registry, _ in
            let s = try registry.stats()
            return [("entities", .int(s.entities)), ("names", .int(s.names)), ("keys", .int(s.keys)),
                    ("redirects", .int(s.redirects)), ("documents", .int(s.documents))]
        }
    }

    static func code(of error: RegistryError) -> ProtocolError.Code {
        switch error.code {
        case .notFound: .notFound
        case .conflict: .conflict
        case .badInput: .badField
        case .store: .internalError
        }
    }


    /// An optional number field in 0...1 (or above 1: never link).
    static func threshold(_ request: Request, _ name: String) throws(ProtocolError) -> Double? {
        guard let value = request.body[name], value != .null else { return nil }
        let number: Double
        switch value {
        case .int(let i): number = Double(i)
        case .double(let d): number = d
        default: throw ProtocolError(.badField, "field \"\(name)\" must be a number")
        }
        guard number >= 0, number.isFinite else { throw ProtocolError(.badField, "field \"\(name)\" must be 0 or more") }
        return number
    }

    static func strings(_ request: Request, _ name: String) throws(ProtocolError) -> [String] {
        guard let value = request.body[name], value != .null else { return [] }
        guard case .array(let items) = value else { throw ProtocolError(.badField, "field \"\(name)\" must be an array of strings") }
        var out: [String] = []
        for item in items {
            guard let s = item.stringValue else { throw ProtocolError(.badField, "field \"\(name)\" must be an array of strings") }
            out.append(s)
        }
        return out
    }

    /// The response members for a resolution.
    public static func fields(of r: Resolution) -> [(String, JSON)] {
        [("mention", .string(r.mention)), ("entity", r.entity.map { .string($0) } ?? .null),
         ("canonical", r.canonical.map { .string($0) } ?? .null), ("score", .double(r.score)),
         ("match", .string(r.match.rawValue)), ("explain", .string(r.explain)),
         ("candidates", .array(r.candidates.map {
             .object([("entity", .string($0.entity)), ("canonical", .string($0.canonical)), ("score", .double($0.score)),
                      ("match", .string($0.match.rawValue))] + ($0.explain.isEmpty ? [] : [("explain", .string($0.explain))]))
         })),
         ("learned", .bool(r.learned))]
    }

    /// The response members for an entity.
    public static func fields(of entity: Entity) -> [(String, JSON)] {
        [("entity", .string(entity.id)), ("canonical", .string(entity.display)), ("display_fixed", .bool(entity.displayFixed)),
         ("names", .array(entity.names.map {
             .object([("text", .string($0.text)), ("lang", .string($0.language.rawValue)), ("script", .string($0.script.rawValue)),
                      ("kind", .string($0.kind.rawValue)), ("source", .string($0.source))])
         }))]
    }
}
