import Foundation
import Testing
import TestSupport
@testable import NameRegistry

/// `namecanon compare` and resolve's candidates through the real binary.
@Suite("Compare through the binary")
struct CompareProcessTests {
    @Test func comparesTwoNames() throws {
        let r = try Binary.run(["compare", "Emanuel Macron", "Emmanuel Macron"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout == "0.982\tsame\tgiven emanuel ~ emmanuel (spelling variant); surname macron = macron\n")
        let swapped = try Binary.run(["compare", "Friedrich Hans", "Hans Friedrich"])
        #expect(swapped.stdout.split(separator: "\t")[1] == "different")
        let json = try Binary.run(["compare", "--json", "Trump", "트럼프"])
        #expect(member(json.stdout, "method") as? String == "phonetic")
        #expect(member(json.stdout, "verdict") as? String == "same")
    }

    @Test func batchReadsPairsAndReportsBadLines() throws {
        let input = "V. Putin\tVladimir Putin\nno tab here\nLi Qiang\tLi Keqiang\n\tXi Jinping\nBush\t布朗\n"
        let r = try Binary.run(["compare", "--batch"], input: input)
        #expect(r.status == 1, "bad lines give exit code 1")
        let rows = r.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == 6)
        #expect(rows[0] == ["score", "verdict", "explanation"])
        #expect(rows[1][0] == "0.933" && rows[1][1] == "same")
        #expect(rows[2][0] == "" && rows[2][2].contains("expected two names"))
        #expect(rows[3][1] == "different")
        #expect(rows[4][0] == "" && rows[4][2].hasPrefix("error:"))
        #expect(rows[5][1] == "different")
        #expect(r.stderr.contains("-:2:") && r.stderr.contains("-:4:"))
        let fail = try Binary.run(["compare", "--batch", "--on-error", "fail", "--no-header"], input: input)
        #expect(fail.status == 1)
        #expect(fail.lines.count == 2)
    }

    @Test func usageErrors() throws {
        #expect(try Binary.run(["compare", "Only one"]).status == 2)
        #expect(try Binary.run(["compare", "a", "b", "c"]).status == 2)
        let empty = try Binary.run(["compare", "", "Xi Jinping"])
        #expect(empty.status == 1 && empty.stderr.contains("empty"))
    }

    @Test func resolveShowsCandidatesAndLinksOnlyAboveTheThreshold() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        let made = try Binary.run(["resolve", "--create", "--registry", path, "--doc-column", "0", "--no-header"],
                                  input: "Emmanuel Macron\nDonald Trump\nAndrew Jackson\nLi Qiang\n")
        #expect(made.status == 0, "\(made.stderr)")
        let ids = made.lines.map { String($0.split(separator: "\t")[1]) }
        let r = try Binary.run(["resolve", "--registry", path, "--doc-column", "0", "--candidates"],
                               input: "Emanuel Macron\n特朗普\n约翰逊\nLi Keqiang\n")
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0] == ["mention", "entity", "canonical", "match", "candidates"])
        #expect(rows[1] == ["Emanuel Macron", ids[0], "Emmanuel Macron", "fuzzy", "\(ids[0]):0.982"])
        #expect(rows[2][1] == ids[1] && rows[2][3] == "phonetic")
        #expect(rows[3][1] == "" && rows[3][3] == "none", "约翰逊 is Johnson, not Jackson")
        #expect(rows[4][1] == "" && rows[4][4] == "", "Li Keqiang is not Li Qiang, not even a candidate")
        let strict = try Binary.run(["resolve", "--registry", path, "--doc-column", "0", "--no-header", "--fuzzy-threshold", "0.99"],
                                    input: "Emanuel Macron\n")
        #expect(strict.lines == ["Emanuel Macron\t\t\tnone"])
        #expect(try Binary.run(["resolve", "--registry", path, "--fuzzy-threshold", "-1"], input: "").status == 2)
    }

    @Test func serveTakesTheThreshold() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("s.sqlite")
        _ = try Binary.run(["resolve", "--create", "--registry", path], input: "Olaf Scholz\n")
        let requests = #"{"id":1,"op":"resolve","name":"Olaf Scholze"}"# + "\n" + #"{"id":2,"op":"compare","a":"Olaf Scholze","b":"Olaf Scholz"}"# + "\n"
        let linked = try Binary.run(["serve", "--registry", path], input: requests)
        #expect(member(linked.lines[0], "match") as? String == "fuzzy")
        #expect(member(linked.lines[1], "verdict") as? String == "same")
        let off = try Binary.run(["serve", "--registry", path, "--fuzzy-threshold", "1.1"], input: requests)
        #expect(member(off.lines[0], "match") as? String == "none")
    }
}
