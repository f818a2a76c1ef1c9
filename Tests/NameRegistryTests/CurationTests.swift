import Foundation
import NameCanon
import NameProtocol
import Testing
import TestSupport
@testable import NameRegistry

/// Curation through the library and the protocol: rename, split, distinct, register of a known
/// person, titles kept out of stored names, and the display chosen by quality.
@Suite("Curation and the canonical display")
struct CurationTests {
    func registry() throws -> Registry { try Registry(store: try SQLiteStore(inMemory: ())) }

    // MARK: - What is stored

    @Test func titlesAreNotStoredButGoToTheTitle() throws {
        let r = try registry()
        let created = try r.resolve("General Secretary Nguyễn Phú Trọng", create: true)
        let id = try #require(created.entity)
        #expect(created.name.title == "General Secretary")
        #expect(try r.get(id).entity.names.map(\.text) == ["Nguyễn Phú Trọng"])
        #expect(created.canonical == "Nguyễn Phú Trọng")
        let registered = try r.register("President Joe Biden")
        #expect(try r.get(registered.entity).entity.names.map(\.text) == ["Joe Biden"])
        #expect(registered.canonical == "Joe Biden")
    }

    @Test func generationalSuffixIsKept() throws {
        let r = try registry()
        let father = try #require(try r.resolve("Donald Trump", create: true).entity)
        let son = try r.resolve("Donald Trump Jr.", create: true)
        #expect(son.entity != father)
        #expect(son.canonical == "Donald Trump Jr.")
        #expect(son.name.key == "donald trump jr")
        #expect(try r.resolve("DONALD TRUMP, JR.").entity == son.entity)
    }

    // MARK: - The canonical display

    @Test(arguments: [
        // (names in arrival order, expected display, why)
        (["Nguyen Phu Trong", "Nguyễn Phú Trọng"], "Nguyễn Phú Trọng", "the fully accented form beats the ASCII one"),
        (["Nguyễn Phú Trọng", "Nguyen Phu Trong"], "Nguyễn Phú Trọng", "and is not replaced by a later ASCII form"),
        (["习近平", "Tập Cận Bình", "Hsi Chin-p'ing"], "Xi Jinping", "never the Hán-Việt form, never scholarly Wade-Giles"),
        (["賴清德", "Lai Ching-te"], "Lai Ching-te", "a Taiwan spelling the person has beats the pinyin reading"),
        (["蔡英文", "Tsai Ing-wen"], "Tsai Ing-wen", "likewise"),
        (["Chen Shui-bian"], "Chen Shui-bian", "the hyphen stays in the display"),
        (["문재인", "Moon Jae-in"], "Moon Jae-in", "the conventional Latin form beats the reading of the Hangul"),
        (["Mao Tse-tung", "毛泽东", "Mao Zedong"], "Mao Zedong", "a simplified Han name says mainland: pinyin"),
    ])
    func displayIsChosenByQuality(_ names: [String], _ expected: String, _ why: String) throws {
        let r = try registry()
        let first = try r.register(names[0])
        for name in names.dropFirst() { try r.alias(first.entity, name: name) }
        #expect(try r.get(first.entity).entity.display == expected, "\(why)")
    }

    @Test func learnedFormsUpgradeTheDisplayButAFixedOneStays() throws {
        let r = try registry()
        let id = try #require(try r.resolve("Nguyen Phu Trong", create: true).entity)
        #expect(try r.resolve("Nguyễn Phú Trọng", create: true).canonical == "Nguyễn Phú Trọng")
        try r.rename(id, display: "Mr. Trong")
        _ = try r.resolve("NGUYỄN PHÚ TRỌNG", create: true)
        #expect(try r.get(id).entity.display == "Mr. Trong")
        #expect(try r.get(id).entity.displayFixed)
        let released = try r.rename(id, display: nil)
        #expect(released.canonical == "Nguyễn Phú Trọng")
        #expect(try !r.get(id).entity.displayFixed)
        #expect(throws: RegistryError.self) { try r.rename(id, display: "  ") }
        #expect(throws: RegistryError.self) { try r.rename("pnothere", display: "X") }
    }

    // MARK: - Register

    @Test func registerOfAKnownPersonAddsToIt() throws {
        let r = try registry()
        let xi = try r.register("Xi Jinping")
        let han = try r.register("習近平", aliases: ["Tập Cận Bình"])
        #expect(han.entity == xi.entity && !han.created)
        #expect(han.added == ["習近平", "Tập Cận Bình"])
        // Through the syllable key too.
        #expect(try r.register("Hsi Chin-p'ing").entity == xi.entity)
        // A namesake on purpose.
        let namesake = try r.register("Xi Jinping", newEntity: true)
        #expect(namesake.created && namesake.entity != xi.entity)
        // Now the name fits two people: register without --new is a conflict that says what to do.
        do {
            _ = try r.register("XI JINPING")
            Issue.record("expected a conflict")
        } catch let error as RegistryError {
            #expect(error.code == .conflict)
            #expect(error.message.contains("--new"))
        }
    }

    // MARK: - Split

    @Test func splitUndoesAMerge() throws {
        let r = try registry()
        let hung = try r.register("Lê Văn Hùng", aliases: ["Le Van Hung"])
        let hung2 = try r.register("Lê Văn Hưng")
        try r.merge(hung2.entity, into: hung.entity)
        #expect(try r.resolve("Lê Văn Hưng").entity == hung.entity)
        let split = try r.split(hung.entity, names: ["Lê Văn Hưng"])
        #expect(split.entity == hung.entity && split.into != hung.entity)
        #expect(try r.get(split.into).entity.names.map(\.text) == ["Lê Văn Hưng"])
        #expect(try r.get(split.into).entity.names.first?.kind == .primary)
        #expect(try r.resolve("Lê Văn Hưng").entity == split.into)
        #expect(try r.resolve("Lê Văn Hùng").entity == hung.entity)
        #expect(try r.distinctEntities(hung.entity) == [split.into])
        // Moving the primary name away makes the first name left primary.
        let other = try r.split(hung.entity, names: ["Lê Văn Hùng"], into: split.into)
        #expect(other.into == split.into)
        #expect(try r.get(hung.entity).entity.names.map(\.kind) == [.primary])
        #expect(try r.get(hung.entity).entity.names.map(\.text) == ["Le Van Hung"])
        // Errors: every name, an unknown name, an unknown ID, itself.
        #expect(throws: RegistryError.self) { try r.split(hung.entity, names: ["Le Van Hung"]) }
        #expect(throws: RegistryError.self) { try r.split(split.into, names: ["Nobody"]) }
        #expect(throws: RegistryError.self) { try r.split("pnothere", names: ["Lê Văn Hưng"]) }
        #expect(throws: RegistryError.self) { try r.split(split.into, names: ["Lê Văn Hưng"], into: split.into) }
    }

    // MARK: - Distinct

    @Test func distinctEntitiesAreBothCandidates() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        var r = try Registry(store: try SQLiteStore(path: path))
        let actor = try r.register("王刚")
        let other = try r.register("Wang Gang", newEntity: true)
        // 王刚 has a Han name; the Latin form fits it through the key, and the other person by text.
        #expect(try r.resolve("Wang Gang").entity == other.entity)
        try r.distinct(actor.entity, other.entity)
        let both = try r.resolve("Wang Gang")
        #expect(both.match == .ambiguous)
        #expect(Set(both.candidates.map(\.entity)) == [actor.entity, other.entity])
        // The judgement is stored: a reopened registry knows it.
        r = try Registry(store: try SQLiteStore(path: path))
        #expect(try r.resolve("Wang Gang").match == .ambiguous)
        #expect(try r.distinctEntities(actor.entity) == [other.entity])
        // Withdrawn, the text match decides again.
        try r.distinct(other.entity, actor.entity, undo: true)
        #expect(try r.resolve("Wang Gang").entity == other.entity)
        #expect(throws: RegistryError.self) { try r.distinct(actor.entity, actor.entity) }
        #expect(throws: RegistryError.self) { try r.distinct(actor.entity, "pnothere") }
    }

    @Test func mergeCarriesJudgementsAndOverridesOneBetweenTheTwo() throws {
        let r = try registry()
        let a = try r.register("Zhang Wei").entity
        let b = try r.register("张伟", newEntity: true).entity
        let c = try r.register("Zhang Wei Ming").entity
        try r.distinct(a, b)
        try r.distinct(b, c)
        try r.merge(b, into: c)
        #expect(try r.distinctEntities(c) == [a].sorted())
        try r.merge(a, into: c)
        #expect(try r.distinctEntities(c).isEmpty)
        let snapshot = try r.store.load()
        #expect(snapshot.distinct.isEmpty)
    }

    @Test func exportAndImportKeepJudgements() throws {
        let r = try registry()
        let a = try r.register("Zhang Wei").entity
        let b = try r.register("Zhang Wei", newEntity: true).entity
        try r.distinct(a, b)
        var first = ""
        try r.export { first += $0 }
        #expect(first.contains("\"distinct\":[\"\(b)\"]"))
        let copy = try registry()
        try copy.importLines(first.split(separator: "\n").map(String.init))
        #expect(try copy.distinctEntities(a) == [b])
        var second = ""
        try copy.export { second += $0 }
        #expect(second == first)
        try copy.importLines(first.split(separator: "\n").map(String.init))
        #expect(try copy.store.load().distinct == [DistinctPair(a, b)])
    }

    // MARK: - Store

    @Test(arguments: StoreKind.allCases)
    func storeKeepsDistinctPairsAndNameKinds(kind: StoreKind) throws {
        try kind.withStore { store in
            try store.apply([.createEntity(Entity(id: "pa", display: "A", names: [try storedName("Zhang Wei"), try storedName("张伟", kind: .alias)])),
                             .createEntity(Entity(id: "pb", display: "B", names: [try storedName("Zhang Wei Ming")])),
                             .createEntity(Entity(id: "pc", display: "C", names: [try storedName("Zhang Weiming")]))])
            try store.apply([.addDistinct(DistinctPair("pb", "pa")), .addDistinct(DistinctPair("pa", "pb"))])
            #expect(try store.load().distinct == [DistinctPair("pa", "pb")])
            #expect(throws: RegistryError.self) { try store.apply([.addDistinct(DistinctPair("pa", "pmissing"))]) }
            try store.apply([.setNameKind(entity: "pa", text: "张伟", kind: .primary)])
            #expect(try store.entity("pa")?.names.map(\.kind) == [.primary, .primary])
            #expect(throws: RegistryError.self) { try store.apply([.setNameKind(entity: "pa", text: "nope", kind: .alias)]) }
            // Merging moves the judgement to the kept entity.
            try store.apply([.merge(from: "pb", into: "pc")])
            #expect(try store.load().distinct == [DistinctPair("pa", "pc")])
            try store.apply([.removeDistinct(DistinctPair("pc", "pa"))])
            #expect(try store.load().distinct.isEmpty)
        }
    }

    // MARK: - Protocol

    @Test func protocolCurationOps() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("ops.sqlite")
        let handler = ProtocolHandler(canon: .shared)
        handler.registerRegistryOps { try Registry(store: try SQLiteStore(path: path)) }
        func call(_ json: String) -> String { handler.respond(to: Array(json.utf8)) }
        func code(_ json: String) -> String? { (member(call(json), "error") as? [String: Any])?["code"] as? String }
        for op in ["rename", "split", "distinct"] { #expect(handler.operationNames.contains(op)) }

        let a = try #require(member(call(#"{"id":1,"op":"register","name":"Lê Văn Hùng","aliases":["Lê Văn Hưng"]}"#), "entity") as? String)
        let renamed = call(#"{"id":2,"op":"rename","entity":"\#(a)","display":"Lê Văn Hùng (Hà Nội)"}"#)
        #expect(member(renamed, "canonical") as? String == "Lê Văn Hùng (Hà Nội)")
        #expect(member(renamed, "display_fixed") as? Bool == true)
        let auto = call(#"{"id":3,"op":"rename","entity":"\#(a)","auto":true}"#)
        #expect(member(auto, "canonical") as? String == "Lê Văn Hùng")
        #expect(code(#"{"id":4,"op":"rename","entity":"\#(a)"}"#) == "bad_field")

        let split = call(#"{"id":5,"op":"split","entity":"\#(a)","names":["Lê Văn Hưng"]}"#)
        let b = try #require(member(split, "into") as? String)
        #expect(member(split, "moved") as? [String] == ["Lê Văn Hưng"])
        #expect(code(#"{"id":6,"op":"split","entity":"\#(a)"}"#) == "missing_field")
        #expect(code(#"{"id":7,"op":"split","entity":"\#(a)","names":["Nobody"]}"#) == "not_found")

        let got = call(#"{"id":8,"op":"get","entity":"\#(a)"}"#)
        #expect(member(got, "distinct") as? [String] == [b])
        let undone = call(#"{"id":9,"op":"distinct","entity":"\#(a)","other":"\#(b)","undo":true}"#)
        #expect(member(undone, "distinct") as? Bool == false)
        #expect(member(call(#"{"id":10,"op":"get","entity":"\#(b)"}"#), "distinct") as? [String] == [])
        let again = call(#"{"id":11,"op":"distinct","entity":"\#(b)","other":"\#(a)"}"#)
        #expect(member(again, "ok") as? Bool == true)
        #expect(code(#"{"id":12,"op":"distinct","entity":"\#(a)","other":"\#(a)"}"#) == "conflict")

        let known = call(#"{"id":13,"op":"register","name":"Le Van Hung"}"#)
        #expect((member(known, "error") as? [String: Any])?["code"] as? String == "conflict")
        let namesake = call(#"{"id":14,"op":"register","name":"Le Van Hung","new":true}"#)
        #expect(member(namesake, "created") as? Bool == true)
    }
}
