import Foundation
import Testing
@testable import NameCanon

/// The repository root, found from this file's path.
let repositoryRoot: URL = URL(fileURLWithPath: #filePath)
    .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// One row of a golden fixture file, labelled with its file and line for failure messages.
struct FixtureRow: CustomTestStringConvertible, Sendable {
    let file: String
    let line: Int
    let columns: [String]
    var testDescription: String { "\(file):\(line) \(columns.first ?? "")" }
}

/// Rows of every `.tsv` in a Fixtures/ folder: `#` lines and blank lines skipped.
func fixtureRows(_ folder: String) -> [FixtureRow] {
    let dir = repositoryRoot.appendingPathComponent("Fixtures").appendingPathComponent(folder)
    let files = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { $0.hasSuffix(".tsv") }.sorted() ?? []
    var rows: [FixtureRow] = []
    for file in files {
        guard let text = try? String(contentsOf: dir.appendingPathComponent(file), encoding: .utf8) else { continue }
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let l = line.hasSuffix("\r") ? line.dropLast() : line
            if l.trimmingCharacters(in: .whitespaces).isEmpty || l.hasPrefix("#") { continue }
            rows.append(FixtureRow(file: "\(folder)/\(file)", line: i + 1, columns: l.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)))
        }
    }
    return rows
}

/// Engines per tone style, built once.
enum Engines {
    static let new = NameCanon.shared
    static let old = try! NameCanon(toneStyle: .old)
    static let keep = try! NameCanon(toneStyle: .keep)
    static func with(_ style: ToneStyle) -> NameCanon { style == .old ? old : style == .keep ? keep : new }
}
