import Foundation
import NameCanon
import Testing
import TestSupport
@testable import NameRegistry

/// What every `RegistryStore` must do, run against each store.
@Suite("Store conformance")
struct StoreConformanceTests {
    @Test(arguments: StoreKind.allCases)
    func emptyStoreLoadsEmpty(kind: StoreKind) throws {
        try kind.withStore { store in
            let snapshot = try store.load()
            #expect(snapshot.entities.isEmpty)
            #expect(snapshot.redirects.isEmpty)
            #expect(try store.counts() == StoreCounts(entities: 0, names: 0, keys: 0, redirects: 0))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func createdEntityLoadsWithNamesInOrderAndKeys(kind: StoreKind) throws {
        try kind.withStore { store in
            let names = [try storedName("Xi Jinping"), try storedName("習近平", kind: .learned)]
            try store.apply([.createEntity(Entity(id: "pb", display: "Xi Jinping", names: names)),
                             .createEntity(Entity(id: "pa", display: "Li Qiang", names: [try storedName("Li Qiang")]))])
            let snapshot = try store.load()
            #expect(snapshot.entities.map(\.id) == ["pa", "pb"])
            #expect(snapshot.entities[1].names == names)
            #expect(snapshot.entities[1].names[1].keys.contains(NameKey(.hanviet, "tap can binh")))
            #expect(try store.entity("pb")?.names == names)
            #expect(try store.entity("nope") == nil)
            #expect(try store.entities(withKey: NameKeyValue(kind: "ascii", value: "xi jinping")) == ["pb"])
            #expect(try store.entities(withKey: NameKeyValue(kind: "syllable", value: "li qiang")) == ["pa"])
            let counts = try store.counts()
            #expect(counts.entities == 2 && counts.names == 3 && counts.redirects == 0)
            #expect(counts.keys == names.map(\.keys.count).reduce(0, +) + (try storedName("Li Qiang")).keys.count)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func takenIDIsRefusedAndTheTransactionRollsBack(kind: StoreKind) throws {
        try kind.withStore { store in
            try store.apply([.createEntity(Entity(id: "p1", display: "Xi Jinping", names: [try storedName("Xi Jinping")]))])
            #expect(throws: RegistryError.self) {
                try store.apply([
                    .createEntity(Entity(id: "p2", display: "Li Qiang", names: [try storedName("Li Qiang")])),
                    .createEntity(Entity(id: "p1", display: "Other", names: [try storedName("Other Person")])),
                ])
            }
            // All or nothing: p2 was not kept.
            #expect(try store.load().entities.map(\.id) == ["p1"])
            #expect(try store.isTaken("p1"))
            #expect(try !store.isTaken("p2"))
        }
    }

    @Test(arguments: StoreKind.allCases)
    func addAndRemoveNames(kind: StoreKind) throws {
        try kind.withStore { store in
            try store.apply([.createEntity(Entity(id: "p1", display: "Xi Jinping", names: [try storedName("Xi Jinping")]))])
            try store.apply([.addNames(entity: "p1", names: [try storedName("习近平", kind: .alias), try storedName("Xi Jinping", kind: .alias)])])
            #expect(try store.entity("p1")?.names.map(\.text) == ["Xi Jinping", "习近平"])
            try store.apply([.removeName(entity: "p1", text: "习近平")])
            #expect(try store.entity("p1")?.names.map(\.text) == ["Xi Jinping"])
            #expect(try store.entities(withKey: NameKeyValue(kind: "hanviet", value: "tap can binh")).isEmpty)
            #expect(throws: RegistryError.self) { try store.apply([.removeName(entity: "p1", text: "习近平")]) }
            #expect(throws: RegistryError.self) { try store.apply([.addNames(entity: "p9", names: [try storedName("Li Qiang")])]) }
            try store.apply([.setDisplay(entity: "p1", display: "XI Jinping", fixed: true)])
            #expect(try store.entity("p1")?.display == "XI Jinping")
            #expect(try store.entity("p1")?.displayFixed == true)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func mergeMovesNamesAndKeepsRedirectsForever(kind: StoreKind) throws {
        try kind.withStore { store in
            try store.apply([
                .createEntity(Entity(id: "pa", display: "Xi Jinping", names: [try storedName("Xi Jinping")])),
                .createEntity(Entity(id: "pb", display: "习近平", names: [try storedName("习近平"), try storedName("Xi Jinping", kind: .alias)])),
                .createEntity(Entity(id: "pc", display: "習近平", names: [try storedName("習近平")])),
            ])
            try store.apply([.merge(from: "pc", into: "pb")])
            try store.apply([.merge(from: "pb", into: "pa")])
            let snapshot = try store.load()
            #expect(snapshot.entities.map(\.id) == ["pa"])
            #expect(snapshot.entities[0].names.map(\.text) == ["Xi Jinping", "习近平", "習近平"])
            #expect(snapshot.entities[0].names.map(\.kind) == [.primary, .alias, .alias])
            // The chain pc → pb → pa is flattened: both point at the live entity.
            #expect(snapshot.redirects == ["pb": "pa", "pc": "pa"])
            #expect(try store.isTaken("pb") && store.isTaken("pc"))
            #expect(throws: RegistryError.self) { try store.apply([.merge(from: "pa", into: "pa")]) }
            #expect(throws: RegistryError.self) { try store.apply([.merge(from: "pb", into: "pa")]) }
            #expect(throws: RegistryError.self) {
                try store.apply([.createEntity(Entity(id: "pb", display: "New", names: [try storedName("New Person")]))])
            }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func importedRedirects(kind: StoreKind) throws {
        try kind.withStore { store in
            try store.apply([.createEntity(Entity(id: "pa", display: "Xi Jinping", names: [try storedName("Xi Jinping")]))])
            try store.apply([.addRedirect(from: "pold", to: "pa")])
            #expect(try store.load().redirects == ["pold": "pa"])
            #expect(throws: RegistryError.self) { try store.apply([.addRedirect(from: "pa", to: "pa")]) }
            #expect(throws: RegistryError.self) { try store.apply([.addRedirect(from: "px", to: "pmissing")]) }
        }
    }

    @Test(arguments: StoreKind.allCases)
    func everyChangeIsLoggedInOrderWithItsSource(kind: StoreKind) throws {
        try kind.withStore { store in
            #expect(try store.changes(after: 0, limit: 100, confirm: true).isEmpty)
            let first = try store.apply([.createEntity(Entity(id: "pa", display: "Xi Jinping", names: [try storedName("Xi Jinping")])),
                                         .createEntity(Entity(id: "pb", display: "习近平", names: [try storedName("习近平")]))], source: .import)
            #expect(first == 2)
            let learned = try store.apply([.addNames(entity: "pa", names: [try storedName("XI Jinping", kind: .learned)])], source: .learned)
            #expect(learned == 3)
            #expect(try store.apply([]) == 0)
            try store.apply([.merge(from: "pb", into: "pa")])
            // A failed transaction logs nothing.
            #expect(throws: RegistryError.self) { try store.apply([.setDisplay(entity: "pa", display: "X", fixed: true), .removeName(entity: "pa", text: "nope")]) }
            let log = try store.changes(after: 0, limit: 100, confirm: true)
            #expect(log.map(\.sequence) == [1, 2, 3, 4])
            #expect(log.map(\.operation) == ["create", "create", "add_names", "merge"])
            #expect(log.map(\.source) == [.import, .import, .learned, .user])
            #expect(log[0].detail == #"{"display":"Xi Jinping","names":["Xi Jinping"]}"#)
            #expect(log[3].entity == "pb" && log[3].other == "pa" && log[3].detail == #"{"into":"pa"}"#)
            #expect(log.allSatisfy { $0.time.hasSuffix("Z") && $0.time.count == 24 })
            #expect(try store.changes(after: 2, limit: 1, confirm: true).map(\.sequence) == [3])
            // History: the entity's own rows and the merge that brought pb in, and pb's own rows.
            #expect(try store.history(of: ["pa", "pb"]).map(\.sequence) == [1, 2, 3, 4])
            #expect(try store.history(of: ["pa"]).map(\.sequence) == [1, 3, 4])
            #expect(try store.load().sequence == 4)
        }
    }

    @Test(arguments: StoreKind.allCases)
    func createChecksEveryKeyInsideTheTransaction(kind: StoreKind) throws {
        try kind.withStore { store in
            let xi = try NameCanon.shared.normalize("Xi Jinping")
            try store.apply([.createEntity(Entity(id: "pa", display: "Xi Jinping", names: [try storedName("习近平")]))])
            // The Latin form shares the syllable key "xi jin ping" with the Han form already stored.
            let latin = Entity(id: "pb", display: "Xi Jinping", names: [try storedName("Xi Jinping")])
            let keys = xi.keys.map { NameKeyValue(kind: $0.kind.rawValue, value: $0.value) }
            #expect(try store.create(latin, unlessAnyKeyOf: keys, besides: [], source: .learned) == ["pa"])
            #expect(try store.counts().entities == 1)
            // Weighed and turned down by the caller: created.
            #expect(try store.create(latin, unlessAnyKeyOf: keys, besides: ["pa"], source: .learned).isEmpty)
            #expect(try store.load().entities.map(\.id) == ["pa", "pb"])
            #expect(try store.changes(after: 1, limit: 10, confirm: true).map(\.source) == [.learned])
        }
    }

    @Test func fileStorePersistsAcrossReopenAndMigratesOnce() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry.sqlite")
        do {
            let store = try SQLiteStore(path: path)
            try store.apply([.createEntity(Entity(id: "pa", display: "Nguyễn Phú Trọng", names: [try storedName("Nguyễn Phú Trọng")]))])
        }
        let reopened = try SQLiteStore(path: path)
        #expect(try reopened.load().entities.map(\.display) == ["Nguyễn Phú Trọng"])
        #expect(FileManager.default.fileExists(atPath: path))
        // A WAL database: the -wal file sits beside the main file while it is open.
        #expect(FileManager.default.fileExists(atPath: path + "-wal"))
    }
}
