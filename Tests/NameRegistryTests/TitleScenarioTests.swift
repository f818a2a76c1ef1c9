import Foundation
import NameCanon
import Testing
import TestSupport
@testable import NameRegistry

/// Titled mentions first (Fixtures/registry/titles-scenarios.tsv), through `Registry` and
/// through the real binary: no entity carries descriptor words, short forms with a title resolve
/// by document context, and a mention whose name span is uncertain creates no one.
@Suite("Titled mentions")
struct TitleScenarioTests {
    struct Row {
        var line: Int, scenario: String, doc: String, mention: String, group: String, match: String?
    }

    static func rows() throws -> [Row] {
        let url = repositoryRoot.appendingPathComponent("Fixtures/registry/titles-scenarios.tsv")
        var rows: [Row] = []
        var scenario = ""
        for (i, raw) in try String(contentsOf: url, encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = String(raw)
            if line.hasPrefix("## ") { scenario = String(line.dropFirst(3)); continue }
            if line.hasPrefix("#") || line.allSatisfy(\.isWhitespace) { continue }
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard c.count >= 3 else { Issue.record("titles-scenarios.tsv:\(i + 1): expected doc, mention, group"); continue }
            rows.append(Row(line: i + 1, scenario: scenario, doc: c[0], mention: c[1], group: c[2],
                            match: c.count > 3 && !c[3].isEmpty ? c[3] : nil))
        }
        return rows
    }

    /// Words that must never be part of a canonical name.
    static let descriptorWords = ["Trung Quốc", "Chủ Tịch", "Npc", "Chairman", "Juseog", "주석", "主席", "总理", "外长", "대통령", "国家", "Ông"]

    @Test func scenariosThroughTheRegistry() throws {
        let rows = try Self.rows()
        #expect(rows.count >= 30)
        for (scenario, rows) in Dictionary(grouping: rows, by: \.scenario).sorted(by: { $0.key < $1.key }) {
            let directory = try TemporaryDirectory()
            let registry = try Registry(store: try SQLiteStore(path: directory.path("registry.sqlite")))
            var entityOf: [String: String] = [:], labelOf: [String: String] = [:]
            for row in rows.sorted(by: { $0.line < $1.line }) {
                let r = try registry.resolve(row.mention, doc: row.doc, create: true)
                let place = "titles-scenarios.tsv:\(row.line) [\(scenario)] \(row.mention): \(r.explain)"
                if let match = row.match { #expect(r.match.rawValue == match, "\(place)") }
                if let canonical = r.canonical {
                    for word in Self.descriptorWords { #expect(!canonical.contains(word), "\(place): canonical \(canonical) carries \(word)") }
                }
                if row.group == "-" {
                    #expect(r.entity == nil && r.match != .ambiguous, "\(place)")
                    continue
                }
                guard let id = r.entity else { Issue.record("no entity: \(place)"); continue }
                if let known = entityOf[row.group] { #expect(id == known, "\(place)") }
                if let other = labelOf[id] { #expect(other == row.group, "\(place) landed on \(other)'s entity") }
                entityOf[row.group] = id
                labelOf[id] = row.group
            }
        }
    }

    @Test func uncertainSpanExplainsWhyNoOneIsCreated() throws {
        let registry = try Registry(store: try SQLiteStore())
        let r = try registry.resolve("Ủy ban Kiểm tra Trung ương Chủ nhiệm Trần Cẩm Tú", create: true)
        #expect(r.match == .none)
        #expect(r.entity == nil)
        #expect(r.explain.contains("no person is created"), "\(r.explain)")
        #expect(try registry.stats().entities == 0)
    }

    /// The same stream through `namecanon resolve --create`: one entity per person, named
    /// without its titles, and the short forms tied to them.
    @Test func titledMentionsFirstThroughTheBinary() throws {
        let directory = try TemporaryDirectory()
        let input = [
            "d1\tChủ tịch Trung Quốc Tập Cận Bình", "d1\tông Tập",
            "d2\t시진핑 주석", "d2\t시 주석",
            "d3\tNPC Chairman Zhao Leji", "d3\tChairman Zhao",
            "d4\t越南国家主席阮富仲", "d4\tông Trọng",
            "d5\t习近平主席", "d5\t习主席",
            "d6\t中国外交部发言人",
        ].joined(separator: "\n") + "\n"
        let r = try Binary.run(["resolve", "--create", "--explain", "--registry", directory.path("r.sqlite")], input: input)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.lines.dropFirst().map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 11)
        guard rows.count == 11 else { return }
        // 시진핑 주석 meets the person the Vietnamese form created through the Hán-Việt bridge, and
        // 习近平主席 meets it by key: one person in three scripts.
        #expect(rows.map { $0[3] } == ["created", "context", "hanviet", "context", "created", "context", "created", "context",
                                       "key", "context", "none"])
        #expect(rows[8][1] == rows[2][1] && rows[2][1] == rows[0][1])
        #expect(rows[0][2] == "Tập Cận Bình")
        #expect(rows[4][2] == "Zhao Leji")
        #expect(rows[6][2] == "Nguyễn Phú Trọng")
        for pair in stride(from: 0, to: 10, by: 2) { #expect(rows[pair][1] == rows[pair + 1][1], "\(rows[pair]) / \(rows[pair + 1])") }
        #expect(rows[10][1].isEmpty && rows[10][4].contains("no person is created"), "\(rows[10])")
        let stats = try Binary.run(["registry", "stats", "--registry", directory.path("r.sqlite")])
        // Tập Cận Bình, 시진핑 and 习近平 are one person; Zhao Leji and Nguyễn Phú Trọng two more.
        #expect(stats.lines.first == "entities\t3", "\(stats.stdout)")
    }
}
