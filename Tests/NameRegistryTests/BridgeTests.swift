import Foundation
import NameCanon
import Testing
import TestSupport
@testable import NameRegistry

/// One row of a `|`-separated fixture of Fixtures/registry (bridges.tsv, never-merge-bridges.tsv).
struct BridgeRow: CustomTestStringConvertible, Sendable {
    var file: String
    var line: Int
    var section: String
    var forms: [String]
    var probe: String
    var expect: String
    var why: String

    var testDescription: String { "\(file):\(line) \(forms.joined(separator: " | "))" }
}

func bridgeRows(_ file: String) throws -> [BridgeRow] {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/registry/\(file)"), encoding: .utf8)
    var rows: [BridgeRow] = []
    var section = ""
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let line = String(raw)
        if line.hasPrefix("## ") { section = String(line.dropFirst(3)); continue }
        if line.hasPrefix("#") || line.allSatisfy({ $0.isWhitespace }) { continue }
        let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let forms = c[0].components(separatedBy: " | ").map { $0.trimmingCharacters(in: .whitespaces) }
        if file == "bridges.tsv" {
            rows.append(BridgeRow(file: file, line: i + 1, section: section, forms: forms, probe: "", expect: "",
                                  why: c.count > 1 ? c[1] : ""))
        } else {
            rows.append(BridgeRow(file: file, line: i + 1, section: section, forms: forms, probe: c.count > 1 ? c[1] : "",
                                  expect: c.count > 2 ? c[2] : "", why: c.count > 3 ? c[3] : ""))
        }
    }
    return rows
}

func freshRegistry() throws -> Registry { try Registry(store: try SQLiteStore(inMemory: ())) }

@Suite("Romanization bridges")
struct BridgeTests {
    static let bridges = (try? bridgeRows("bridges.tsv")) ?? []
    static let neverMerge = (try? bridgeRows("never-merge-bridges.tsv")) ?? []
    static let uncached = try! NameCanon(cacheSize: 0)

    @Test func fixturesAreThereAndSayWhy() {
        #expect(Self.bridges.count >= 60)
        #expect(Self.neverMerge.count >= 35)
        for row in Self.bridges + Self.neverMerge {
            #expect(!row.why.isEmpty, "\(row.file):\(row.line) has no why")
            #expect(row.forms.count >= (row.file == "bridges.tsv" ? 2 : 2), "\(row.file):\(row.line)")
        }
    }

    /// Every form of the row reaches one entity, written order and reversed, and nothing else is made.
    @Test(arguments: bridges)
    func formsOfOnePersonMeet(_ row: BridgeRow) throws {
        for forms in [row.forms, row.forms.reversed()] {
            let registry = try freshRegistry()
            var entity: String?
            for form in forms {
                let r = try registry.resolve(form, create: true)
                let place = "\(row.file):\(row.line) [\(forms.joined(separator: " → "))] \(form): \(r.explain)"
                guard let id = r.entity else { Issue.record("no entity: \(place)"); break }
                if let entity { #expect(id == entity, "\(place)") }
                entity = entity ?? id
            }
            let entities = try registry.stats().entities
            #expect(entities == 1, "\(row.file):\(row.line) made \(entities) entities in the order \(forms)")
        }
    }

    /// Different people stay apart in both orders; a probe fits the expected one, several, or none.
    @Test(arguments: neverMerge)
    func differentPeopleStayApart(_ row: BridgeRow) throws {
        for forward in [true, false] {
            let registry = try freshRegistry()
            var ids = Array(repeating: "", count: row.forms.count)
            let order = forward ? Array(row.forms.indices) : row.forms.indices.reversed()
            for i in order {
                let r = try registry.resolve(row.forms[i], create: true)
                #expect(r.match == .created, "\(row.file):\(row.line) \(row.forms[i]) should be a new person: \(r.explain)")
                ids[i] = r.entity ?? ""
            }
            #expect(Set(ids).count == row.forms.count, "\(row.file):\(row.line) merged people: \(ids)")
            guard !row.probe.isEmpty else { continue }
            let r = try registry.resolve(row.probe)
            let place = "\(row.file):\(row.line) probe \(row.probe): \(r.explain)"
            switch row.expect {
            case "ambiguous":
                #expect(r.match == .ambiguous, "\(place)")
                #expect(Set(r.candidates.map(\.entity)).isSubset(of: Set(ids)), "\(place)")
            case "none":
                #expect(r.entity == nil && r.match != .ambiguous, "\(place)")
            default:
                guard let index = Int(row.expect), ids.indices.contains(index - 1) else {
                    Issue.record("\(row.file):\(row.line): bad expect \(row.expect)"); continue
                }
                #expect(r.entity == ids[index - 1], "\(place)")
            }
        }
    }

    /// The loose keys are derived per name and never make two exact forms meet: a `spelled` key
    /// only ever comes from a lossy spelling, a `reading` key only from Han, Hangul or pinyin.
    @Test(arguments: bridges.flatMap(\.forms) + neverMerge.flatMap(\.forms))
    func looseKeysComeFromTheRightKindOfName(_ form: String) throws {
        let n = try NameCanon.shared.normalize(form)
        for key in n.keys where key.kind == .spelled {
            // Lossy spellings: a Latin romanization other than pinyin, or Korean Hangul transcribing Vietnamese.
            #expect((n.script == .latin && n.romanization != .pinyin) || (n.script == .hangul && key.value.hasPrefix("vi:")),
                    "\(form): \(key)")
        }
        for key in n.keys where key.kind == .reading {
            // ja: is an exact Hepburn reading, surname first, not a loose space: a Latin Japanese
            // name written surname first has one too, and it equals its own ASCII key.
            if key.value.hasPrefix("ja:") {
                #expect(n.script != .latin || "ja:" + n.key == key.value, "\(form): \(key)")
                continue
            }
            #expect(n.script != .latin || n.romanization == .pinyin, "\(form): \(key)")
            #expect(key.value.hasPrefix("zh:") || key.value.hasPrefix("ko:") || key.value.hasPrefix("kr:"), "\(form): \(key)")
        }
        // Keys are a function of the text: normalizing again gives the same keys.
        #expect(try Self.uncached.normalize(form).keys == n.keys)
    }
}

@Suite("Derived keys of the loose romanizations")
struct LooseKeyStorageTests {
    /// A registry written before the reading and spelled keys existed gets them when it opens,
    /// once, and then resolves through them.
    @Test func oldRegistriesGetTheNewKeysOnOpen() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry.sqlite")
        var id = ""
        do {
            let registry = try Registry(store: try SQLiteStore(path: path))
            id = try registry.resolve("Teng Hsiao-ping", create: true).entity ?? ""
            _ = try registry.resolve("Moon Jae-in", create: true)
            // Make it look like a registry of the previous engine: no loose keys, no version.
            let store = registry.store
            for entity in try store.load().entities {
                for name in entity.names {
                    let old = name.keys.filter { $0.kind != .reading && $0.kind != .spelled }
                    try store.apply([.setKeys(entity: entity.id, text: name.text, keys: old)])
                }
            }
            try store.apply([.setKeyVersion("1")])
            #expect(try store.load().entities.allSatisfy { $0.names.allSatisfy { !$0.keys.contains { $0.kind == .spelled } } })
        }
        let store = try SQLiteStore(path: path)
        let reopened = try Registry(store: store)
        #expect(try store.keyVersion() == NameCanonVersion.keys)
        #expect(try store.load().entities.allSatisfy { $0.names.contains { $0.keys.contains { $0.kind == .spelled } } })
        let r = try reopened.resolve("邓小平")
        #expect(r.entity == id && r.match == .romanization, "\(r.explain)")
        #expect(try reopened.resolve("문재인").match == .romanization)
    }

    /// Export, import into an empty registry and export again gives the same bytes with the new
    /// names this work adds (learned romanizations, the English name of a Hong Kong name).
    @Test func exportImportRoundTripKeepsTheBytes() throws {
        let registry = try freshRegistry()
        for form in ["Teng Hsiao-ping", "邓小平", "John Lee Ka-chiu", "李家超", "Moon Jae-in", "문재인", "金正恩", "Kim Jong-un",
                     "Hồ Cẩm Đào", "Hu Jintao", "Lai Ching-te", "賴清德"] {
            _ = try registry.resolve(form, create: true)
        }
        var first = ""
        try registry.export { first += $0 + "\n" }
        let target = try freshRegistry()
        _ = try target.importLines(first.split(separator: "\n").map(String.init))
        var second = ""
        try target.export { second += $0 + "\n" }
        #expect(first == second)
        #expect(try target.resolve("Chou En-lai").entity == nil)
        #expect(try target.resolve("Deng Xiaoping").entity == registry.resolve("Deng Xiaoping").entity)
        #expect(try target.resolve("John Lee").entity == registry.resolve("李家超").entity)
        // The imported names carry the loose keys, derived again by import.
        #expect(try target.resolve("Li Ka-chiu").match == .romanization)
    }
}

@Suite("Loose romanization keys, golden")
struct RomanizationKeyGoldenTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var line: Int
        var name: String
        var keys: String
        var why: String
        var testDescription: String { "romanization-keys.tsv:\(line) \(name)" }
    }

    static let rows: [Row] = {
        guard let text = try? String(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/registry/romanization-keys.tsv"), encoding: .utf8)
        else { return [] }
        return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().compactMap { i, raw in
            let line = String(raw)
            if line.hasPrefix("#") || line.isEmpty { return nil }
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Row(line: i + 1, name: c[0], keys: c.count > 1 ? c[1] : "", why: c.count > 2 ? c[2] : "")
        }
    }()

    @Test func thereAreRows() { #expect(Self.rows.count >= 35 && Self.rows.allSatisfy { !$0.why.isEmpty }) }

    @Test(arguments: rows)
    func keys(_ row: Row) throws {
        let n = try NameCanon.shared.normalize(row.name)
        let got = n.keys.filter { [.reading, .spelled, .hanviet].contains($0.kind) }.map { "\($0.kind.rawValue):\($0.value)" }
        #expect((got.isEmpty ? "-" : got.joined(separator: " | ")) == row.keys, "romanization-keys.tsv:\(row.line)")
    }
}
