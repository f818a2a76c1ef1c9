import Foundation
import NameCanon
import Testing
@testable import NameRegistry

/// Many changes in one `apply`, as an import writes them. The PostgreSQL store writes a run of
/// creations with one statement per table per chunk of 1,000 entities; every store must end
/// with what applying the changes one at a time gives, and fail the same way.
@Suite("Batched writes")
struct BatchWriteTests {
    /// 2,500 creations (three chunks) with other changes between them: entities with a name
    /// given twice, names with a key given twice, an entity without keys, a fixed display.
    static func changes() -> [StoreChange] {
        func name(_ text: String, _ kind: NameKind, keys: [NameKey]) -> StoredName {
            StoredName(text: text, language: .zh, script: .latin, kind: kind, source: "batch", keys: keys)
        }
        var out: [StoreChange] = []
        for i in 0..<2_500 {
            let id = String(format: "p%05d", (i * 7_919) % 2_500)  // not in ID order
            var names = [name("Person \(i)", .primary, keys: [NameKey(.ascii, "person \(i)"), NameKey(.syllable, "per son \(i)")])]
            if i % 3 == 0 { names.append(name("PERSON \(i)", .alias, keys: [NameKey(.ascii, "person \(i)"), NameKey(.ascii, "person \(i)")])) }
            if i % 5 == 0 { names.append(name("Person \(i)", .alias, keys: [NameKey(.ascii, "other \(i)")])) }
            if i % 7 == 0 { names.append(name("人\(i)", .learned, keys: [])) }
            out.append(.createEntity(Entity(id: id, display: "Person \(i)", displayFixed: i % 11 == 0, names: names)))
            if i == 1_200 { out.append(.addNames(entity: String(format: "p%05d", 0), names: [name("Zero", .alias, keys: [NameKey(.ascii, "zero")])])) }
            if i == 1_201 { out.append(.addRedirect(from: "pgone", to: id)) }
        }
        return out
    }

    @Test(arguments: StoreKind.allCases)
    func manyCreationsStoreWhatOneByOneStores(_ kind: StoreKind) throws {
        let changes = Self.changes()
        let reference = try SQLiteStore(inMemory: ())
        for change in changes { try reference.apply([change], source: .import) }
        let expected = try reference.load()
        try kind.withStore { store in
            #expect(try store.apply(changes, source: .import) == Int64(changes.count))
            let snapshot = try store.load()
            #expect(snapshot.entities.count == 2_500)
            #expect(snapshot.entities == expected.entities)
            #expect(snapshot.redirects == expected.redirects)
            #expect(snapshot.sequence == Int64(changes.count))
            #expect(try store.counts() == reference.counts())
            let log = try store.changes(after: 0, limit: 10_000, confirm: true)
            let expectedLog = try reference.changes(after: 0, limit: 10_000, confirm: true)
            #expect(log.map(\.sequence) == Array(1...Int64(changes.count)))
            #expect(log.map(\.operation) == expectedLog.map(\.operation))
            #expect(log.map(\.entity) == expectedLog.map(\.entity))
            #expect(log.map(\.other) == expectedLog.map(\.other))
            #expect(log.map(\.detail) == expectedLog.map(\.detail))
            #expect(log.allSatisfy { $0.source == .import })
            let last = try #require(snapshot.entities.first { $0.display == "Person 2499" })
            #expect(try store.entities(withKey: NameKeyValue(kind: "syllable", value: "per son 2499")) == [last.id])
        }
    }

    @Test(arguments: StoreKind.allCases)
    func anIDTakenLateInTheBatchFailsItWhole(_ kind: StoreKind) throws {
        func entity(_ id: String) -> StoreChange {
            .createEntity(Entity(id: id, display: id, names: [StoredName(text: id, language: .other, script: .latin, kind: .primary,
                                                                          source: "batch", keys: [NameKey(.ascii, id)])]))
        }
        try kind.withStore { store in
            try store.apply([entity("pkept"), .addRedirect(from: "pold", to: "pkept")])
            let fresh = (0..<1_500).map { entity(String(format: "p%05d", $0)) }
            // Taken inside the batch (the third chunk), by a live entity, by a redirect.
            for taken in ["p01234", "pkept", "pold"] {
                let error = #expect(throws: RegistryError.self) { try store.apply(fresh + [entity(taken)] + fresh.prefix(10)) }
                #expect(error?.code == .conflict)
                #expect(error?.message.contains(taken) == true, "\(String(describing: error))")
                #expect(try store.counts().entities == 1)
                #expect(try !store.isTaken("p00000"))
                #expect(try store.load().sequence == 2)
            }
        }
    }
}
