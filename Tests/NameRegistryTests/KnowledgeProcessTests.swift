import Foundation
import Testing
import TestSupport
@testable import NameRegistry

/// Seeding and reference imports through the real `namecanon` binary.
@Suite("Seeds and imports through the binary")
struct KnowledgeProcessTests {
    static func tsv(_ r: Binary.Result) -> [String: String] {
        Dictionary(r.lines.compactMap { line -> (String, String)? in
            let parts = line.split(separator: "\t", maxSplits: 1).map(String.init)
            return parts.count == 2 ? (parts[0], parts[1]) : nil
        }, uniquingKeysWith: { a, _ in a })
    }

    @Test func seedTwiceThenResolve() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        let first = try Binary.run(["registry", "seed", "--registry", path])
        #expect(first.status == 0, "\(first.stderr)")
        let created = Int(Self.tsv(first)["entities_created"] ?? "") ?? 0
        #expect(created >= 1_500)
        let second = try Binary.run(["registry", "seed", "--registry", path])
        #expect(Self.tsv(second)["entities_created"] == "0" && Self.tsv(second)["names_added"] == "0", "\(second.stdout)")
        #expect(Self.tsv(second)["entities_known"] == String(created))

        let r = try Binary.run(["resolve", "--registry", path, "--no-header", "--doc-column", "0"],
                               input: "特朗普\nTưởng Giới Thạch\n장제스\nLi Yu\n")
        let rows = r.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.map { $0[2] } == ["Donald Trump", "Chiang Kai-shek", "Chiang Kai-shek", ""])
        #expect(rows.last?[3] == "ambiguous")

        let id = rows[0][1]
        let got = try Binary.run(["registry", "get", "--registry", path, id])
        #expect(got.stdout.contains(#""external_ids":[{"source":"seed","id":"特朗普_1946"}]"#), "\(got.stdout)")
    }

    @Test func aFreshRegistryStartsSeededOnlyWhenAskedTo() throws {
        let directory = try TemporaryDirectory()
        let plain = try Binary.run(["resolve", "--registry", directory.path("plain.sqlite"), "--no-header"], input: "特朗普\n")
        #expect(plain.lines.first?.hasSuffix("none") == true, "not seeded by default: \(plain.stdout)")
        let seeded = try Binary.run(["resolve", "--registry", directory.path("seeded.sqlite"), "--no-header"], input: "特朗普\n",
                                    environment: ["NAMECANON_SEED": "1"])
        #expect(seeded.lines.first?.contains("Donald Trump") == true, "\(seeded.stdout) \(seeded.stderr)")
    }

    @Test func importFollowTheMoneyReportsBadLinesAndIsIdempotent() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        let file = repositoryRoot.appendingPathComponent("Fixtures/import/ftm-sample.jsonl").path
        let r = try Binary.run(["registry", "import", "--format", "ftm", "--registry", path, file])
        #expect(r.status == 0, "\(r.stderr)")
        let s = Self.tsv(r)
        #expect(s["records"] == "9" && s["skipped"] == "1" && s["bad"] == "3" && s["entities_created"] == "5", "\(r.stdout)")
        for line in [4, 7, 8] { #expect(r.stderr.contains("ftm-sample.jsonl:\(line):"), "\(r.stderr)") }
        let export1 = try Binary.run(["registry", "export", "--registry", path])
        let again = try Binary.run(["registry", "import", "--format", "ftm", "--registry", path, file])
        #expect(Self.tsv(again)["entities_created"] == "0" && Self.tsv(again)["names_added"] == "0")
        #expect(try Binary.run(["registry", "export", "--registry", path]).stdout == export1.stdout)
    }

    @Test func importWikidataFromStdin() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        let text = try String(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/import/wikidata-sample.json"), encoding: .utf8)
        let r = try Binary.run(["registry", "import", "--format", "wikidata", "--registry", path], input: text)
        #expect(r.status == 0, "\(r.stderr)")
        #expect(Self.tsv(r)["entities_created"] == "3" && Self.tsv(r)["bad"] == "2", "\(r.stdout)")
        #expect(r.stderr.contains("-:5:") && r.stderr.contains("-:6:"), "\(r.stderr)")
        let resolved = try Binary.run(["resolve", "--registry", path, "--no-header"], input: "시진핑\nWilliam Lai\n")
        #expect(resolved.lines.map { $0.split(separator: "\t").map(String.init)[2] } == ["Xi Jinping", "Lai Ching-te"])
    }

    @Test func theDefaultImportFormatIsStillTheExport() throws {
        let directory = try TemporaryDirectory()
        let a = directory.path("a.sqlite"), b = directory.path("b.sqlite")
        // A source with aliases and external IDs, from the FtM sample: the full seed (1,500
        // people, 15 s in a debug build) proved nothing more about the format.
        let file = repositoryRoot.appendingPathComponent("Fixtures/import/ftm-sample.jsonl").path
        let made = try Binary.run(["registry", "import", "--format", "ftm", "--registry", a, file])
        #expect(made.status == 0, "\(made.stderr)")
        let export1 = try Binary.run(["registry", "export", "--registry", a])
        let imported = try Binary.run(["registry", "import", "--registry", b], input: export1.stdout)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(export1.stdout.contains(#""external":[{"#), "the source has external IDs to carry over: \(export1.stdout)")
        #expect(try Binary.run(["registry", "export", "--registry", b]).stdout == export1.stdout)
    }
}
