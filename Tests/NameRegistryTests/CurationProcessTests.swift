import Foundation
import Testing
import TestSupport
@testable import NameRegistry

/// Each curation command of `namecanon registry` through the real binary, on a real file.
@Suite("Curation through the binary")
struct CurationProcessTests {
    /// Runs `namecanon registry ARGS --registry PATH`.
    static func registry(_ path: String, _ arguments: [String], input: String = "") throws -> Binary.Result {
        try Binary.run(["registry"] + arguments + ["--registry", path], input: input)
    }

    @Test func registerAddsToAKnownPersonUnlessNew() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        let first = try Self.registry(path, ["register", "Nguyễn Phú Trọng", "--alias", "阮富仲"])
        #expect(first.status == 0, "\(first.stderr)")
        let id = try #require(member(first.stdout, "entity") as? String)
        #expect(member(first.stdout, "created") as? Bool == true)
        #expect(member(first.stdout, "added") as? [String] == ["Nguyễn Phú Trọng", "阮富仲"])
        let known = try Self.registry(path, ["register", "Tổng Bí thư Nguyen Phu Trong"])
        #expect(member(known.stdout, "entity") as? String == id)
        #expect(member(known.stdout, "created") as? Bool == false)
        #expect(member(known.stdout, "added") as? [String] == ["Nguyen Phu Trong"])
        let namesake = try Self.registry(path, ["register", "Nguyen Phu Trong", "--new"])
        #expect(member(namesake.stdout, "created") as? Bool == true)
        #expect(member(namesake.stdout, "entity") as? String != id)
        let conflict = try Self.registry(path, ["register", "NGUYEN PHU TRONG"])
        #expect(conflict.status == 1)
        #expect(conflict.stderr.contains("--new"))
        #expect(try Self.registry(path, ["stats"]).lines.first == "entities\t2")
    }

    @Test func aliasRenameAndForget() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        let id = try #require(member(try Self.registry(path, ["register", "賴清德"]).stdout, "entity") as? String)
        #expect(member(try Self.registry(path, ["get", id]).stdout, "canonical") as? String == "Lai Qingde")
        // A Taiwan spelling the person has becomes the display by itself.
        let alias = try Self.registry(path, ["alias", id, "Lai Ching-te"])
        #expect(alias.status == 0, "\(alias.stderr)")
        #expect(member(alias.stdout, "added") as? Bool == true)
        #expect(member(alias.stdout, "canonical") as? String == "Lai Ching-te")
        let renamed = try Self.registry(path, ["rename", id, "William Lai"])
        #expect(member(renamed.stdout, "canonical") as? String == "William Lai")
        #expect(member(renamed.stdout, "display_fixed") as? Bool == true)
        let got = try Self.registry(path, ["get", id])
        #expect(member(got.stdout, "canonical") as? String == "William Lai")
        #expect(member(got.stdout, "display_fixed") as? Bool == true)
        let auto = try Self.registry(path, ["rename", id, "--auto"])
        #expect(member(auto.stdout, "canonical") as? String == "Lai Ching-te")
        let forgotten = try Self.registry(path, ["forget", id, "Lai Ching-te"])
        #expect(forgotten.status == 0, "\(forgotten.stderr)")
        #expect(member(forgotten.stdout, "canonical") as? String == "Lai Qingde")
        // Bad input: a clear message and nothing changed.
        let both = try Self.registry(path, ["rename", id, "X", "--auto"])
        #expect(both.status == 2)
        #expect(both.stderr.contains("--auto"))
        let primary = try Self.registry(path, ["forget", id, "賴清德"])
        #expect(primary.status == 1)
        #expect(primary.stderr.contains("primary"))
        let missing = try Self.registry(path, ["alias", "pnothere", "Someone Else"])
        #expect(missing.status == 1)
        #expect(missing.stderr.contains("no entity pnothere"))
        #expect(member(try Self.registry(path, ["get", id]).stdout, "names") as? [[String: Any]] != nil)
        // 賴清德's keys: ascii, syllable, hanviet, and the Wade-Giles and Cantonese readings.
        #expect(try Self.registry(path, ["stats"]).lines == ["entities\t1", "names\t1", "keys\t5", "redirects\t0"])
    }

    @Test func mergeSplitAndDistinct() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        // Two people the writing tells apart, merged by mistake.
        let resolved = try Binary.run(["resolve", "--create", "--no-header", "--doc-column", "0", "--registry", path],
                                      input: "Lê Văn Hùng\nLê Văn Hưng\nLe Van Hung\n")
        let rows = resolved.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.map { $0[3] } == ["created", "created", "ambiguous"])
        let hung = rows[0][1], hưng = rows[1][1]
        #expect(hung != hưng)
        let merged = try Self.registry(path, ["merge", hưng, hung])
        #expect(merged.status == 0, "\(merged.stderr)")
        let joined = try Binary.run(["resolve", "--no-header", "--doc-column", "0", "--registry", path], input: "Le Van Hung\n")
        #expect(joined.lines.first?.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) == ["Le Van Hung", hung, "Lê Văn Hùng", "key"])

        // Split it again: the moved name makes a new entity, and the two are recorded as distinct.
        let split = try Self.registry(path, ["split", hung, "Lê Văn Hưng"])
        #expect(split.status == 0, "\(split.stderr)")
        let moved = try #require(member(split.stdout, "into") as? String)
        #expect(moved != hung)
        #expect(member(try Self.registry(path, ["get", hung]).stdout, "distinct") as? [String] == [moved])
        let after = try Binary.run(["resolve", "--no-header", "--doc-column", "0", "--registry", path],
                                   input: "Lê Văn Hưng\nLê Văn Hùng\nLe Van Hung\n")
        let cols = after.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(cols.map { $0[1] } == [moved, hung, ""])
        #expect(cols.map { $0[3] } == ["exact", "exact", "ambiguous"])
        let bad = try Self.registry(path, ["split", hung, "Nobody"])
        #expect(bad.status == 1)
        #expect(bad.stderr.contains("no name \"Nobody\""))
        let none = try Self.registry(path, ["split", hung])
        #expect(none.status == 2)

        // distinct: recorded, shown, withdrawn; an entity is never distinct from itself.
        let a = try #require(member(try Self.registry(path, ["register", "Zhang Wei"]).stdout, "entity") as? String)
        let b = try #require(member(try Self.registry(path, ["register", "张伟", "--new"]).stdout, "entity") as? String)
        let judged = try Self.registry(path, ["distinct", a, b])
        #expect(judged.status == 0, "\(judged.stderr)")
        #expect(member(judged.stdout, "distinct") as? Bool == true)
        let both = try Binary.run(["resolve", "--no-header", "--doc-column", "0", "--explain", "--registry", path], input: "Zhang Wei\n")
        #expect(both.lines.first?.split(separator: "\t", omittingEmptySubsequences: false)[3] == "ambiguous")
        #expect(member(try Self.registry(path, ["get", b]).stdout, "distinct") as? [String] == [a])
        let undone = try Self.registry(path, ["distinct", a, b, "--undo"])
        #expect(member(undone.stdout, "distinct") as? Bool == false)
        #expect(member(try Self.registry(path, ["get", b]).stdout, "distinct") as? [String] == [])
        let itself = try Self.registry(path, ["distinct", a, a])
        #expect(itself.status == 1)
        #expect(itself.stderr.contains("itself"))
    }
}
