import Foundation
import GRDB
import NameCanon
import Testing
import TestSupport
@testable import NameRegistry

/// The registry through the real binary and real processes: the CLI, the server, two servers on
/// one file, a server killed with SIGKILL, and a reader while another connection holds the write lock.
@Suite("Registry through the binary")
struct ProcessTests {
    static let people: [String] = {
        let surnames = ["Wang", "Chen", "Zhao", "Sun", "Zhou"]
        let given = ["Fei", "Lu", "Min", "Hao"]
        return surnames.flatMap { s in given.map { "\(s) \($0)" } }
    }()

    @Test func resolveCommandStreamsTheSeedArticle() throws {
        let directory = try TemporaryDirectory()
        let input = RegistryTests.seedMentions.map { "seed\t\($0)" }.joined(separator: "\n") + "\n"
        let r = try Binary.run(["resolve", "--create", "--registry", directory.path("r.sqlite")], input: input)
        #expect(r.status == 0, "\(r.stderr)")
        let rows = r.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.first == ["mention", "entity", "canonical", "match"])
        let body = rows.dropFirst()
        #expect(body.count == 8)
        #expect(Set(body.map { $0[1] }).count == 6)
        let byMention = Dictionary(uniqueKeysWithValues: body.map { ($0[0], $0) })
        #expect(byMention["Xi"]?[1] == byMention["Xi Jinping"]?[1])
        #expect(byMention["Xi"]?[3] == "context")
        #expect(byMention["Nguyen"]?[1] == byMention["Nguyen Khac Giang"]?[1])

        // The same file, another process: the people are still there, and stats agree.
        let again = try Binary.run(["resolve", "--registry", directory.path("r.sqlite"), "--no-header", "--doc-column", "0"],
                                   input: "習近平\nNguyễn Phú Trọng\n")
        #expect(again.status == 0)
        #expect(again.lines.map { $0.split(separator: "\t").last.map(String.init) } == ["key", "key"])
        let stats = try Binary.run(["registry", "stats", "--registry", directory.path("r.sqlite")])
        #expect(stats.lines.first == "entities\t6")
    }

    @Test func exportImportThroughTheCLIIsByteIdentical() throws {
        let directory = try TemporaryDirectory()
        let a = directory.path("a.sqlite"), b = directory.path("b.sqlite")
        _ = try Binary.run(["resolve", "--create", "--registry", a], input: "Xi Jinping\n习近平\nTập Cận Bình\nLi Qiang\nLi Keqiang\n")
        let first = try Binary.run(["registry", "export", "--registry", a])
        #expect(first.lines.count == 3)
        let imported = try Binary.run(["registry", "import", "--registry", b], input: first.stdout)
        #expect(imported.status == 0, "\(imported.stderr)")
        #expect(imported.lines.first == "entities_created\t3")
        let second = try Binary.run(["registry", "export", "--registry", b])
        #expect(second.stdout == first.stdout)
        let twice = try Binary.run(["registry", "import", "--registry", b], input: first.stdout)
        #expect(twice.lines.first == "entities_created\t0")
    }

    @Test func mergeAndGetThroughTheCLI() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        let r = try Binary.run(["resolve", "--create", "--no-header", "--registry", path], input: "Tô Lâm\nTo Lam Minister\n")
        let ids = r.lines.map { String($0.split(separator: "\t")[1]) }
        #expect(ids.count == 2 && ids[0] != ids[1])
        let merged = try Binary.run(["registry", "merge", "--registry", path, ids[0], ids[1]])
        #expect(merged.status == 0, "\(merged.stderr)")
        let got = try Binary.run(["registry", "get", "--registry", path, ids[0]])
        #expect(member(got.stdout, "entity") as? String == ids[1])
        #expect(member(got.stdout, "redirected_from") as? String == ids[0])
        let missing = try Binary.run(["registry", "get", "--registry", path, "pnothere"])
        #expect(missing.status != 0)
    }

    @Test func serveOpensTheRegistryOnlyForRegistryOps() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("sub/default.sqlite")
        let normalize = try Binary.run(["serve"], input: #"{"id":1,"op":"normalize","name":"Xi"}"# + "\n",
                                       environment: ["NAMECANON_REGISTRY": path])
        #expect(normalize.status == 0)
        #expect(!FileManager.default.fileExists(atPath: path))
        let resolve = try Binary.run(["serve"], input: #"{"id":1,"op":"resolve","name":"Xi Jinping","create":true}"# + "\n",
                                     environment: ["NAMECANON_REGISTRY": path])
        #expect(member(resolve.stdout, "match") as? String == "created")
        #expect(FileManager.default.fileExists(atPath: path))
    }

    @Test func twoServersCreatingTheSamePeopleAtOnceEndWithOneEntityEach() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("shared.sqlite")
        let one = try ServeProcess(["--registry", path])
        let two = try ServeProcess(["--registry", path])
        // Open the registry in both before the race, so each holds its own (empty) index.
        #expect(member(try one.request(#"{"id":0,"op":"stats"}"#), "entities") as? Int == 0)
        #expect(member(try two.request(#"{"id":0,"op":"stats"}"#), "entities") as? Int == 0)
        for (i, person) in Self.people.enumerated() {
            let request = #"{"id":\#(i),"op":"resolve","name":"\#(person)","create":true}"#
            one.send(request)
            two.send(request)
            let a = try one.readLine(), b = try two.readLine()
            #expect(member(a, "entity") as? String != nil, "\(a)")
            #expect(member(a, "entity") as? String == member(b, "entity") as? String, "\(person): \(a) / \(b)")
        }
        one.finish()
        two.finish()
        let store = try SQLiteStore(path: path)
        #expect(try store.counts().entities == Self.people.count)
    }

    @Test func killNineLosesNoAcknowledgedWrite() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("crash.sqlite")
        let server = try ServeProcess(["--registry", path])
        var acknowledged: [String: String] = [:]
        for (i, person) in Self.people.enumerated() {
            let line = try server.request(#"{"id":\#(i),"op":"resolve","name":"\#(person)","create":true}"#)
            if let id = member(line, "entity") as? String { acknowledged[person] = id }
        }
        // More requests in flight, never read, then SIGKILL.
        for i in 0..<50 { server.send(#"{"id":"late\#(i)","op":"register","name":"Late Person\#(i)"}"#) }
        server.kill9()
        #expect(acknowledged.count == Self.people.count)

        let pool = try DatabasePool(path: path)
        #expect(try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
        try pool.close()
        let registry = try Registry(store: try SQLiteStore(path: path))
        for (person, id) in acknowledged {
            let r = try registry.resolve(person)
            #expect(r.entity == id, "\(person) was acknowledged as \(id) but resolves to \(r.explain)")
        }
    }

    @Test func readersDoNotWaitForAWriter() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("busy.sqlite")
        let created = try Binary.run(["resolve", "--create", "--no-header", "--registry", path], input: "Xi Jinping\n")
        let id = String(created.lines[0].split(separator: "\t")[1])
        let pool = try DatabasePool(path: path)
        // Hold the write lock with an uncommitted change while other processes read.
        try pool.writeWithoutTransaction { db in
            try db.execute(sql: "BEGIN IMMEDIATE")
            try db.execute(sql: "UPDATE entity SET display = 'Uncommitted' WHERE id = ?", arguments: [id])
            let start = Date()
            let read = try Binary.run(["resolve", "--no-header", "--registry", path], input: "習近平\n")
            let get = try Binary.run(["registry", "get", "--registry", path, id])
            let elapsed = Date().timeIntervalSince(start)
            try db.execute(sql: "ROLLBACK")
            #expect(read.status == 0, "\(read.stderr)")
            #expect(read.lines == ["習近平\t\(id)\tXi Jinping\tkey"])
            #expect(member(get.stdout, "canonical") as? String == "Xi Jinping")
            #expect(elapsed < 5, "readers took \(elapsed)s while a writer held the lock")
        }
    }
}
