import Foundation
import NameCanon
import Testing
import TestSupport
@testable import NameRegistry

/// One row of Fixtures/registry/scenarios.tsv.
struct ScenarioRow: CustomTestStringConvertible, Sendable {
    var line: Int
    var scenario: String
    var doc: String
    var mention: String
    /// Mentions with the same label in one scenario must resolve to one entity, different labels
    /// to different entities; "-" means no entity; "?" means ambiguous.
    var group: String
    var match: String?

    var testDescription: String { "scenarios.tsv:\(line) \(scenario) \(mention)" }
}

func scenarioRows() throws -> [ScenarioRow] {
    let url = repositoryRoot.appendingPathComponent("Fixtures/registry/scenarios.tsv")
    let text = try String(contentsOf: url, encoding: .utf8)
    var rows: [ScenarioRow] = []
    var scenario = ""
    for (i, raw) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
        let line = String(raw)
        if line.hasPrefix("## ") { scenario = String(line.dropFirst(3)); continue }
        if line.hasPrefix("#") || line.allSatisfy({ $0.isWhitespace }) { continue }
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        guard columns.count >= 3 else { Issue.record("scenarios.tsv:\(i + 1): expected doc, mention, group"); continue }
        rows.append(ScenarioRow(line: i + 1, scenario: scenario, doc: columns[0], mention: columns[1], group: columns[2],
                                match: columns.count > 3 && !columns[3].isEmpty ? columns[3] : nil))
    }
    return rows
}

@Suite("Golden scenarios")
struct ScenarioTests {
    /// Each scenario streams its rows through `resolve` with `create` into a fresh registry on a
    /// real file; labels must map one-to-one onto entities.
    @Test func scenarios() throws {
        let rows = try scenarioRows()
        #expect(rows.count >= 40)
        let byScenario = Dictionary(grouping: rows, by: \.scenario)
        #expect(byScenario.count >= 8)
        for (scenario, rows) in byScenario.sorted(by: { $0.key < $1.key }) {
            let directory = try TemporaryDirectory()
            let registry = try Registry(store: try SQLiteStore(path: directory.path("registry.sqlite")))
            var entityOf: [String: String] = [:]
            var labelOf: [String: String] = [:]
            for row in rows.sorted(by: { $0.line < $1.line }) {
                let r = try registry.resolve(row.mention, doc: row.doc.isEmpty ? nil : row.doc, create: true)
                let place = "scenarios.tsv:\(row.line) [\(scenario)] \(row.mention): \(r.explain)"
                if let match = row.match { #expect(r.match.rawValue == match, "\(place)") }
                switch row.group {
                case "-": #expect(r.entity == nil && r.match != .ambiguous, "\(place)")
                case "?": #expect(r.match == .ambiguous, "\(place)")
                default:
                    guard let id = r.entity else { Issue.record("no entity: \(place)"); continue }
                    if let known = entityOf[row.group] { #expect(id == known, "\(place)") }
                    if let other = labelOf[id] { #expect(other == row.group, "\(place) landed on \(other)'s entity") }
                    entityOf[row.group] = id
                    labelOf[id] = row.group
                }
            }
        }
    }
}
