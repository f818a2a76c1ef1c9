import Foundation
import Testing
import TestSupport

/// The whole output of `namecanon normalize` (all 14 TSV columns, and the `--json` form) over
/// Fixtures/normalize-output/names.txt, byte for byte. The per-field fixtures check only the
/// fields they list; this catches a change in any column, the header, the order or the escaping.
///
/// Re-record with `NAMECANON_RECORD_OUTPUT=1 swift test --filter NormalizeOutputGoldenTests`,
/// then read the diff before committing it.
@Suite struct NormalizeOutputGoldenTests {
    static let folder = packageRoot.appendingPathComponent("Fixtures/normalize-output")
    static let recording = ProcessInfo.processInfo.environment["NAMECANON_RECORD_OUTPUT"] == "1"

    @Test(arguments: [
        (["normalize", "--jobs", "2", "names.txt"], "names.expected.tsv"),
        (["normalize", "--json", "--jobs", "2", "names.txt"], "names.expected.jsonl"),
    ])
    func outputMatchesTheGoldenFile(_ arguments: [String], _ expectedFile: String) throws {
        let run = try Binary.run(arguments, directory: Self.folder)
        #expect(run.status == 0, "\(run.stderr)")
        let url = Self.folder.appendingPathComponent(expectedFile)
        if Self.recording { try run.output.write(to: url) }
        let expected = try String(contentsOf: url, encoding: .utf8)
        let names = try String(contentsOf: Self.folder.appendingPathComponent("names.txt"), encoding: .utf8)
        let rows = arguments.contains("--json") ? run.allLines : Array(run.allLines.dropFirst())
        #expect(rows.count == names.split(separator: "\n").count, "one output row per input name")
        if !arguments.contains("--json") {
            #expect(run.allLines.first?.split(separator: "\t").count == 14, "the header names 14 columns")
            #expect(rows.allSatisfy { $0.split(separator: "\t", omittingEmptySubsequences: false).count == 14 })
        }
        // Compared line by line so a failure names the row that changed.
        let got = run.allLines, want = expected.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
        #expect(got.count == want.count)
        for (i, (a, b)) in zip(got, want).enumerated() where a != b {
            Issue.record("\(expectedFile):\(i + 1): got\n\(a)\nexpected\n\(b)\n(re-record with NAMECANON_RECORD_OUTPUT=1 if the change is intended)")
        }
        #expect(run.stdout == expected)
    }
}
