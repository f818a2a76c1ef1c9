import Foundation
import NameCanon

/// One line of an export: an entity, its names in the order they were added, and the IDs merged
/// into it. Keys are not written: they are the engine's to derive, and import derives them again.
struct ExportedEntity: Codable, Equatable {
    struct Name: Codable, Equatable {
        var text: String
        var lang: String
        var script: String
        var kind: NameKind
        var source: String
    }

    /// A record of a reference source the entity came from (seed, Wikidata, FollowTheMoney).
    struct External: Codable, Equatable {
        var source: String
        var id: String
    }

    var id: String
    var display: String
    /// Present (true) only when someone chose the display form.
    var displayFixed: Bool?
    var names: [Name]
    /// Present only when other IDs redirect here; sorted.
    var redirects: [String]?
    /// Present only when the entity was judged different from others (`distinct`); sorted.
    var distinct: [String]?
    /// Present only when the entity (or an ID merged into it) has external IDs; sorted.
    var external: [External]?

    enum CodingKeys: String, CodingKey {
        case id, display, names, redirects, distinct, external
        case displayFixed = "display_fixed"
    }
}

extension Registry {
    /// Writes every entity as one JSON line, sorted by ID, with sorted object keys: the same
    /// registry always exports the same bytes, and export → import → export is byte-identical.
    ///
    /// ```swift
    /// var out = ""
    /// try registry.export { out += $0 }
    /// ```
    public func export(_ write: (String) throws -> Void) throws {
        let snapshot = try store.load()
        var merged: [String: [String]] = [:]
        for (from, to) in snapshot.redirects { merged[to, default: []].append(from) }
        var partners: [String: [String]] = [:]
        for pair in snapshot.distinct {
            partners[pair.first, default: []].append(pair.second)
            partners[pair.second, default: []].append(pair.first)
        }
        var external: [String: [ExportedEntity.External]] = [:]
        if let links = store as? any ExternalIDStore {
            for link in try links.allLinks() {
                let owner = snapshot.redirects[link.entity] ?? link.entity
                external[owner, default: []].append(.init(source: link.source, id: link.id))
            }
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        for entity in snapshot.entities {
            let line = ExportedEntity(
                id: entity.id, display: entity.display, displayFixed: entity.displayFixed ? true : nil,
                names: entity.names.map { .init(text: $0.text, lang: $0.language.rawValue, script: $0.script.rawValue, kind: $0.kind, source: $0.source) },
                redirects: merged[entity.id].map { $0.sorted() }, distinct: partners[entity.id].map { $0.sorted() },
                external: external[entity.id].map { $0.sorted { ($0.source, $0.id) < ($1.source, $1.id) } })
            try write(String(decoding: try encoder.encode(line), as: UTF8.self) + "\n")
        }
    }

    /// Reads JSON lines as `export` writes them and adds what is missing, in one transaction:
    /// new entities with their IDs, new names of known entities, redirects. Importing the same
    /// lines again changes nothing. Blank lines are skipped.
    ///
    /// - Throws: `RegistryError` `.badInput` naming the line for a line that is not an entity,
    ///   `.conflict` for an ID that is already a redirect.
    @discardableResult
    public func importLines(_ lines: some Sequence<String>) throws -> ImportSummary {
        let decoder = JSONDecoder()
        var summary = ImportSummary()
        var parsed: [(Int, ExportedEntity)] = []
        for (i, line) in lines.enumerated() {
            summary.lines += 1
            if line.allSatisfy({ $0.isWhitespace }) { continue }
            let entity: ExportedEntity
            do { entity = try decoder.decode(ExportedEntity.self, from: Data(line.utf8)) } catch {
                throw RegistryError(.badInput, "line \(i + 1): not an exported entity", cause: error)
            }
            guard Self.isValidID(entity.id) else { throw RegistryError(.badInput, "line \(i + 1): bad ID \"\(entity.id)\"") }
            guard !entity.names.isEmpty else { throw RegistryError(.badInput, "line \(i + 1): entity \(entity.id) has no names") }
            for name in entity.names {
                guard NameLanguage(rawValue: name.lang) != nil else {
                    throw RegistryError(.badInput, "line \(i + 1): unknown language \"\(name.lang)\" for \"\(name.text)\"; expected zh, vi, ko, ja or other")
                }
                guard Script(rawValue: name.script) != nil else {
                    throw RegistryError(.badInput, "line \(i + 1): unknown script \"\(name.script)\" for \"\(name.text)\"")
                }
            }
            parsed.append((i + 1, entity))
        }
        let snapshot = try store.load()
        var known: [String: Entity] = [:]
        for entity in snapshot.entities { known[entity.id] = entity }
        var changes: [StoreChange] = []
        for (number, line) in parsed {
            if snapshot.redirects[line.id] != nil {
                throw RegistryError(.conflict, "line \(number): \(line.id) was merged into \(snapshot.redirects[line.id]!) here")
            }
            var names: [StoredName] = []
            for name in line.names where !(known[line.id]?.names.contains { $0.text == name.text } ?? false)
                && !names.contains(where: { $0.text == name.text }) {
                let language = NameLanguage(rawValue: name.lang) ?? .other, script = Script(rawValue: name.script) ?? .unknown
                let n = try canon.normalize(name.text, hint: language)
                names.append(StoredName(text: name.text, language: language, script: script, kind: name.kind,
                                        source: name.source, keys: n.keys))
            }
            if let existing = known[line.id] {
                if !names.isEmpty { changes.append(.addNames(entity: line.id, names: names)) }
                let fixed = line.displayFixed ?? false
                if existing.display != line.display || existing.displayFixed != fixed {
                    changes.append(.setDisplay(entity: line.id, display: line.display, fixed: fixed))
                }
            } else {
                changes.append(.createEntity(Entity(id: line.id, display: line.display, displayFixed: line.displayFixed ?? false, names: names)))
                known[line.id] = Entity(id: line.id, display: line.display, names: names)
                summary.entitiesCreated += 1
            }
            summary.namesAdded += names.count
        }
        for (number, line) in parsed {
            for from in line.redirects ?? [] where snapshot.redirects[from] != line.id {
                guard Self.isValidID(from), known[from] == nil else {
                    throw RegistryError(.conflict, "line \(number): \(from) cannot redirect: it is a live entity or not an ID")
                }
                changes.append(.addRedirect(from: from, to: line.id))
                summary.redirectsAdded += 1
            }
        }
        let judged = Set(snapshot.distinct)
        for (number, line) in parsed {
            for other in line.distinct ?? [] where !judged.contains(DistinctPair(line.id, other)) {
                guard known[other] != nil, other != line.id else {
                    throw RegistryError(.conflict, "line \(number): \(line.id) is distinct from \(other), which is not an entity here")
                }
                changes.append(.addDistinct(DistinctPair(line.id, other)))
            }
        }
        // External IDs come back as links; a source is taken to have offered the names it gave.
        var links: [ExternalLink] = []
        for (_, line) in parsed {
            for ref in line.external ?? [] {
                let offered = Set(line.names.filter { $0.source == ref.source }.map(\.text))
                links.append(ExternalLink(source: ref.source, id: ref.id, entity: line.id, offered: offered))
            }
        }
        if let linked = store as? any ExternalIDStore, !links.isEmpty {
            try linked.apply(changes, links: links, source: .import)
        } else {
            try store.apply(changes, source: .import)
        }
        try reload()
        return summary
    }
}
