import Foundation
import NameCanon
import Testing
@testable import NameRegistry
import TestSupport

/// Two registries over one store, as two processes would have: each sees the other's writes at
/// its next request, without `reload()`.
@Suite("Freshness across registries over one store")
struct FreshnessTests {
    @Test(arguments: StoreKind.shared)
    func aPersonCreatedElsewhereIsFoundInAnotherWrittenForm(kind: StoreKind) throws {
        let shared = try kind.sharedLocation()
        try withExtendedLifetime(shared.keep) {
            let one = try Registry(store: try shared.open())
            let two = try Registry(store: try shared.open())
            let created = try one.resolve("Xi Jinping", create: true)
            #expect(created.match == .created)
            // Two opened before the person existed; the Han form must reach the same entity.
            let han = try two.resolve("習近平", create: true)
            #expect(han.entity == created.entity, "\(han.explain)")
            #expect(han.match == .key)
            let hanviet = try one.resolve("Tập Cận Bình", create: true)
            #expect(hanviet.entity == created.entity, "\(hanviet.explain)")
            // A read without create sees the other's learned form too.
            #expect(try two.resolve("Tập Cận Bình").match == .exact)
            #expect(try one.store.counts().entities == 1)
        }
    }

    @Test(arguments: StoreKind.shared)
    func mergeAliasAndForgetAreSeenAtTheNextRequest(kind: StoreKind) throws {
        let shared = try kind.sharedLocation()
        try withExtendedLifetime(shared.keep) {
            let one = try Registry(store: try shared.open())
            let two = try Registry(store: try shared.open())
            let a = try one.register("Tô Lâm").entity
            let b = try one.register("To Lam Minister").entity
            #expect(a != b)
            #expect(try two.get(a).entity.display == "Tô Lâm")
            try two.merge(b, into: a)
            let got = try one.get(b)
            #expect(got.entity.id == a && got.redirectedFrom == b)
            #expect(try one.resolve("To Lam Minister").entity == a)
            try one.alias(a, name: "苏林")
            #expect(try two.resolve("苏林").entity == a)
            try two.forget(a, name: "苏林")
            // Still found through its Hán-Việt reading (Tô Lâm), but no longer as a name of its own.
            #expect(!(try one.get(a).entity.names.contains { $0.text == "苏林" }))
            #expect(try one.resolve("苏林").match == .hanviet)
            // Learning into an entity the other merged away moves to the entity kept.
            let c = try one.register("Lương Cường").entity
            #expect(try two.resolve("Luong Cuong").entity == c)
            let d = try one.register("Luong Cuong General", display: "Lương Cường (General)").entity
            try one.merge(c, into: d)
            let learned = try two.resolve("LƯƠNG Cường", create: true)
            #expect(learned.entity == d, "\(learned.explain)")
        }
    }

    @Test(arguments: StoreKind.shared)
    func historyShowsEveryChangeWithItsSource(kind: StoreKind) throws {
        let shared = try kind.sharedLocation()
        try withExtendedLifetime(shared.keep) {
            let one = try Registry(store: try shared.open())
            let two = try Registry(store: try shared.open())
            let xi = try one.resolve("Xi Jinping", create: true).entity!
            _ = try two.resolve("习近平", create: true)
            let other = try two.register("Xi J.").entity
            try one.merge(other, into: xi)
            let h = try two.history(other)
            #expect(h.entity == xi)
            #expect(h.changes.map(\.operation) == ["create", "add_names", "create", "merge"])
            #expect(h.changes.map(\.source) == [.learned, .learned, .user, .user])
            #expect(h.changes[1].detail == #"{"names":["习近平"]}"#)
            #expect(zip(h.changes, h.changes.dropFirst()).allSatisfy { $0.sequence < $1.sequence && $0.time <= $1.time })
            #expect(throws: RegistryError.self) { try one.history("pnothere") }
        }
    }

    /// The commit probe answers "nothing committed" only when no connection committed since it
    /// last looked: not on its first look, not after a commit by another connection, and not
    /// after one by the store's own writer (the writer then tells whose commit it was).
    @Test func theCommitProbeSeesEveryCommitAndNothingElse() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry.sqlite")
        let mine = try SQLiteStore(path: path)
        let theirs = try SQLiteStore(path: path)
        let probe = try #require(CommitProbe(path: path))
        #expect(!probe.nothingCommitted())
        #expect(probe.nothingCommitted())
        _ = try Registry(store: theirs).register("Nguyễn Phú Trọng")
        #expect(!probe.nothingCommitted())
        #expect(probe.nothingCommitted())
        _ = try Registry(store: mine).register("Tô Lâm")
        #expect(!probe.nothingCommitted())
        #expect(probe.nothingCommitted())
        // Reads commit nothing.
        _ = try Registry(store: theirs).resolve("Tô Lâm")
        #expect(probe.nothingCommitted())
    }
}
