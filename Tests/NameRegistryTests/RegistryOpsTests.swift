import Foundation
import NameCanon
import NameProtocol
import Testing
import TestSupport
@testable import NameRegistry

/// The registry ops of the JSON-lines protocol, in process, on a real file.
@Suite("Registry protocol ops")
struct RegistryOpsTests {
    final class Fixture {
        let directory: TemporaryDirectory
        let handler = ProtocolHandler(canon: .shared)
        var path: String { directory.path("ops.sqlite") }

        init() throws {
            directory = try TemporaryDirectory()
            let path = directory.path("ops.sqlite")
            handler.registerRegistryOps { try Registry(store: try SQLiteStore(path: path)) }
        }

        func call(_ json: String) -> String { handler.respond(to: Array(json.utf8)) }
    }

    @Test func opsAreRegistered() throws {
        let f = try Fixture()
        for op in ["resolve", "register", "alias", "merge", "get", "forget", "stats"] {
            #expect(f.handler.operationNames.contains(op))
        }
    }

    @Test func resolveCreatesThenFindsAndExplains() throws {
        let f = try Fixture()
        let created = f.call(#"{"id":1,"op":"resolve","name":"Xi Jinping","create":true,"doc":"a"}"#)
        #expect(member(created, "ok") as? Bool == true)
        #expect(member(created, "match") as? String == "created")
        let id = try #require(member(created, "entity") as? String)
        let han = f.call(#"{"id":2,"op":"resolve","name":"習近平"}"#)
        #expect(han == #"{"id":2,"ok":true,"mention":"習近平","entity":"\#(id)","canonical":"Xi Jinping","score":0.95,"match":"key","explain":"習近平 → key xi jinping = Xi Jinping (\#(id))","candidates":[],"learned":false}"#)
        let short = f.call(#"{"id":3,"op":"resolve","name":"President Xi","doc":"a"}"#)
        #expect(member(short, "match") as? String == "context")
        #expect(member(short, "entity") as? String == id)
        let none = f.call(#"{"id":4,"op":"resolve","name":"Nguyen","create":true}"#)
        #expect(member(none, "entity") is NSNull)
        #expect(member(none, "match") as? String == "none")
    }

    @Test func normalizeShowsTheCanonicalFormOfAKnownPerson() throws {
        let f = try Fixture()
        let before = f.call(#"{"id":1,"op":"normalize","name":"Nguyen Phu Trong"}"#)
        #expect(member(before, "display") as? String == "Nguyen Phu Trong", "no guessed diacritics")
        #expect(member(before, "entity") == nil)
        let reply = f.call(#"{"id":2,"op":"register","name":"Nguyễn Phú Trọng"}"#)
        let id = try #require(member(reply, "entity") as? String)
        let after = f.call(#"{"id":3,"op":"normalize","name":"NGUYEN Phu Trong"}"#)
        #expect(member(after, "display") as? String == "Nguyễn Phú Trọng")
        #expect(member(after, "entity") as? String == id)
        #expect(member(after, "key") as? String == "nguyen phu trong")
        let other = f.call(#"{"id":4,"op":"normalize","name":"Nguyen Khac Giang"}"#)
        #expect(member(other, "display") as? String == "Nguyen Khac Giang")
        #expect(member(other, "entity") == nil)
    }

    @Test func writesAreCommittedBeforeTheResponse() throws {
        let f = try Fixture()
        let reply = f.call(#"{"id":1,"op":"register","name":"Nguyễn Phú Trọng","aliases":["阮富仲"]}"#)
        let id = try #require(member(reply, "entity") as? String)
        #expect(member(reply, "created") as? Bool == true)
        // A second connection to the file sees the write as soon as the response exists.
        let other = try SQLiteStore(path: f.path)
        #expect(try other.entity(id)?.names.map(\.text) == ["Nguyễn Phú Trọng", "阮富仲"])
        // The title is not stored, so the titled form adds nothing; the ASCII form is a new name.
        let titled = f.call(#"{"id":2,"op":"alias","entity":"\#(id)","name":"Tổng Bí thư Nguyễn Phú Trọng"}"#)
        #expect(member(titled, "added") as? Bool == false)
        _ = f.call(#"{"id":2,"op":"alias","entity":"\#(id)","name":"Nguyen Phu Trong"}"#)
        #expect(try other.entity(id)?.names.count == 3)
        let resolved = f.call(#"{"id":3,"op":"resolve","name":"Nguyen Phu Trong"}"#)
        #expect(member(resolved, "canonical") as? String == "Nguyễn Phú Trọng")
    }

    @Test func getMergeForgetAndStats() throws {
        let f = try Fixture()
        let a = try #require(member(f.call(#"{"id":1,"op":"resolve","name":"Vo Van Thuong","create":true}"#), "entity") as? String)
        let b = try #require(member(f.call(#"{"id":2,"op":"resolve","name":"Thuong Vo Van Extra","create":true}"#), "entity") as? String)
        let merged = f.call(#"{"id":3,"op":"merge","from":"\#(b)","into":"\#(a)"}"#)
        #expect(member(merged, "entity") as? String == a)
        let got = f.call(#"{"id":4,"op":"get","entity":"\#(b)"}"#)
        #expect(member(got, "entity") as? String == a)
        #expect(member(got, "redirected_from") as? String == b)
        #expect((member(got, "names") as? [Any])?.count == 2)
        let forgot = f.call(#"{"id":5,"op":"forget","entity":"\#(a)","name":"Thuong Vo Van Extra"}"#)
        #expect(member(forgot, "ok") as? Bool == true)
        let stats = f.call(#"{"id":6,"op":"stats"}"#)
        #expect(member(stats, "entities") as? Int == 1)
        #expect(member(stats, "names") as? Int == 1)
        #expect(member(stats, "redirects") as? Int == 1)
    }

    @Test func errorsCarryStableCodes() throws {
        let f = try Fixture()
        func code(_ json: String) -> String? { (member(f.call(json), "error") as? [String: Any])?["code"] as? String }
        #expect(code(#"{"id":1,"op":"get","entity":"pmissing"}"#) == "not_found")
        #expect(code(#"{"id":2,"op":"resolve"}"#) == "missing_field")
        #expect(code(#"{"id":3,"op":"resolve","name":"Xi","lang":"xx"}"#) == "bad_field")
        #expect(code(#"{"id":4,"op":"resolve","name":"  "}"#) == "empty_name")
        #expect(code(#"{"id":5,"op":"register","name":"Li Qiang","aliases":"李强"}"#) == "bad_field")
        let id = try #require(member(f.call(#"{"id":6,"op":"register","name":"Li Qiang"}"#), "entity") as? String)
        #expect(code(#"{"id":7,"op":"merge","from":"\#(id)","into":"\#(id)"}"#) == "conflict")
        #expect(code(#"{"id":8,"op":"forget","entity":"\#(id)","name":"Li Qiang"}"#) == "conflict")
        #expect(code(#"{"id":9,"op":"forget","entity":"\#(id)","name":"Nobody Here"}"#) == "not_found")
    }
}
