import Foundation
import NameCanon
import Testing
import TestSupport
@testable import NameRegistry

/// Runs `body` with a registry on a real SQLite file in a temporary directory, removed after.
func withFileRegistry(_ body: (Registry, TemporaryDirectory) throws -> Void) throws {
    let directory = try TemporaryDirectory()
    try withExtendedLifetime(directory) {
        try body(try Registry(store: try SQLiteStore(path: directory.path("registry.sqlite"))), directory)
    }
}

@Suite("Registry")
struct RegistryTests {
    static let seedMentions = ["Xi Jinping", "Nguyen Phu Trong", "Vuong Dinh Hue", "Xi", "Nguyen Khac Giang", "Nguyen",
                               "Pham Minh Chinh", "Vo Van Thuong"]

    @Test func seedArticleGivesSixEntities() throws {
        try withFileRegistry { registry, directory in
            let results = try Self.seedMentions.map { try registry.resolve($0, doc: "seed-2023-12-13", create: true) }
            let byMention = Dictionary(uniqueKeysWithValues: zip(Self.seedMentions, results))
            #expect(Set(results.compactMap(\.entity)).count == 6)
            #expect(results.allSatisfy { $0.entity != nil })
            #expect(try registry.stats().entities == 6)
            #expect(byMention["Xi"]?.entity == byMention["Xi Jinping"]?.entity)
            #expect(byMention["Xi"]?.match == .context)
            #expect(byMention["Nguyen"]?.entity == byMention["Nguyen Khac Giang"]?.entity)
            #expect(byMention["Nguyen"]?.match == .context)
            #expect(byMention["Nguyen Phu Trong"]?.entity != byMention["Nguyen Khac Giang"]?.entity)
            #expect(byMention["Xi Jinping"]?.match == .created)
            #expect(byMention["Xi Jinping"]?.canonical == "Xi Jinping")
        }
    }

    @Test func formsOfXiJinpingResolveToOneEntity() throws {
        try withFileRegistry { registry, directory in
            let xi = try registry.resolve("Xi Jinping", create: true)
            let id = try #require(xi.entity)
            for form in ["习近平", "習近平", "XI Jinping", "Jinping Xi", "Hsi Chin-p'ing"] {
                let r = try registry.resolve(form, create: true)
                #expect(r.entity == id, "\(form): \(r.explain)")
                #expect(r.canonical == "Xi Jinping")
            }
            // 习近平 was learned, so the Vietnamese press form meets its Hán-Việt reading.
            let vi = try registry.resolve("Tập Cận Bình")
            #expect(vi.entity == id)
            #expect(vi.match == .hanviet)
            #expect(vi.explain.contains("tap can binh"))
            #expect(try registry.resolve("Xi Jinping").match == .exact)
            #expect(try registry.resolve("Hsi Chin-p'ing", create: false).match == .exact)
        }
    }

    @Test func hanVietReadBackwardsBeforeAnyHanForm() throws {
        try withFileRegistry { registry, _ in
            let xi = try registry.resolve("Xi Jinping", create: true)
            let qiang = try registry.resolve("Li Qiang", create: true)
            let keqiang = try registry.resolve("Li Keqiang", create: true)
            // tập → xi, cận → jin, bình → ping: the syllable key of "Xi Jinping".
            let vi = try registry.resolve("Tập Cận Bình")
            #expect(vi.entity == xi.entity, "\(vi.explain)")
            #expect(vi.match == .hanviet)
            #expect(vi.score < MatchKind.hanviet.score)
            #expect(vi.explain.contains("xi jin ping"))
            // Lý Khắc Cường reads li ke qiang, never li qiang.
            #expect(try registry.resolve("Lý Khắc Cường").entity == keqiang.entity)
            #expect(try registry.resolve("Lý Cường").entity == qiang.entity)
            // A Vietnamese name whose syllables meet no Chinese person stays unmatched.
            #expect(try registry.resolve("Nguyễn Phú Trọng").match == .none)
        }
    }

    @Test func liQiangAndLiKeqiangNeverMerge() throws {
        try withFileRegistry { registry, directory in
            let qiang = try registry.resolve("Li Qiang", create: true)
            let keqiang = try registry.resolve("Li Keqiang", create: true)
            #expect(keqiang.match == .created)
            #expect(keqiang.entity != qiang.entity)
            #expect(try registry.resolve("李克强").entity == keqiang.entity)
            #expect(try registry.resolve("李强").entity == qiang.entity)
            #expect(try registry.resolve("Li Keqiang").entity == keqiang.entity)
        }
    }

    @Test func hanHomophonesStayApart() throws {
        try withFileRegistry { registry, _ in
            let qiang = try registry.resolve("李强", create: true)
            #expect(try registry.resolve("李強").entity == qiang.entity)  // the traditional form
            let other = try registry.resolve("李蔷", create: true)  // also "li qiang", other characters
            #expect(other.match == .created)
            #expect(other.entity != qiang.entity)
            #expect(try registry.resolve("李蔷").entity == other.entity)
            // The Latin form fits both: a tie, not a pick.
            let latin = try registry.resolve("Li Qiang", create: true)
            #expect(latin.match == .ambiguous)
            #expect(Set(latin.candidates.map(\.entity)) == Set([qiang.entity!, other.entity!]))
            // register follows the same rule: 李蔷 is not registered onto 李强.
            let registry2 = try Registry(store: try SQLiteStore(inMemory: ()))
            let a = try registry2.register("李强", aliases: ["Li Qiang"])
            let b = try registry2.register("李蔷")
            #expect(b.created && b.entity != a.entity)
            #expect(try registry2.register("Li Qiang").entity == a.entity)  // its exact alias
            #expect(throws: RegistryError.self) { try registry2.register("LI QIANG") }  // a key both share
        }
    }

    @Test func nguyensNeverMerge() throws {
        try withFileRegistry { registry, directory in
            let trong = try registry.resolve("Nguyen Phu Trong", create: true)
            let giang = try registry.resolve("Nguyen Khac Giang", create: true)
            #expect(trong.entity != giang.entity)
            #expect(giang.match == .created)
        }
    }

    @Test func bareSurnameNeverCreates() throws {
        try withFileRegistry { registry, directory in
            let r = try registry.resolve("Nguyen", doc: "d1", create: true)
            #expect(r.match == .none)
            #expect(r.entity == nil)
            #expect(try registry.resolve("President Xi", create: true).entity == nil)
            #expect(try registry.stats().entities == 0)
        }
    }

    @Test func shortFormsFollowTheirOwnDocument() throws {
        try withFileRegistry { registry, directory in
            let trong = try registry.resolve("Nguyen Phu Trong", doc: "a", create: true)
            let hue = try registry.resolve("Vuong Dinh Hue", doc: "a", create: true)
            let giang = try registry.resolve("Nguyen Khac Giang", doc: "b", create: true)
            #expect(try registry.resolve("Trong", doc: "a").entity == trong.entity)
            #expect(try registry.resolve("Mr. Hue", doc: "a").entity == hue.entity)
            #expect(try registry.resolve("Nguyen", doc: "a").entity == trong.entity)
            #expect(try registry.resolve("Nguyen", doc: "b").entity == giang.entity)
            #expect(try registry.resolve("Nguyen", doc: "c").entity == nil)
            // A later full mention in "a" becomes the most recent for the shared surname.
            _ = try registry.resolve("Nguyen Khac Giang", doc: "a")
            #expect(try registry.resolve("Nguyen", doc: "a").entity == giang.entity)
            registry.clearContext(doc: "a")
            #expect(try registry.resolve("Trong", doc: "a").entity == nil)
        }
    }

    @Test func documentContextIsBounded() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()), documents: 10)
        let xi = try registry.resolve("Xi Jinping", doc: "d0", create: true)
        for i in 1...20 { _ = try registry.resolve("Li Qiang", doc: "d\(i)", create: true) }
        #expect(try registry.stats().documents <= 10)
        #expect(try registry.resolve("Xi", doc: "d0").entity == nil)
        #expect(try registry.resolve("Li", doc: "d20").entity != xi.entity)
        #expect(try registry.resolve("Li", doc: "d20").match == .context)
    }

    @Test func tiesAreAmbiguousNotPicked() throws {
        try withFileRegistry { registry, directory in
            let a = try registry.register("Li Qiang")
            let b = try registry.register("李强", aliases: [])
            // 李强 met "Li Qiang" by key, so register added it to the same entity.
            #expect(b.entity == a.entity)
            let c = try registry.resolve("Wang Fei", create: true)
            let d = try registry.resolve("王菲", create: true)
            #expect(d.entity == c.entity)
            // Two people deliberately registered under homonymous names: a tie.
            let other = try registry.register("Zhang Wei")
            let twin = try registry.resolve("Zhang Wei Second Person", create: true)
            try registry.alias(twin.entity!, name: "ZHANG Wei")
            // Exact text is the strongest stage, so it still tells them apart...
            #expect(try registry.resolve("Zhang Wei").entity == other.entity)
            // ...but a form that only shares their key fits both equally.
            let tie = try registry.resolve("zhang wei", create: true)
            #expect(tie.match == .ambiguous)
            #expect(tie.entity == nil)
            #expect(Set(tie.candidates.map(\.entity)) == Set([other.entity, twin.entity!]))
            #expect(tie.explain.contains("none chosen"))
        }
    }

    @Test func knownPersonGetsCanonicalDisplayWithDiacritics() throws {
        try withFileRegistry { registry, directory in
            let reg = try registry.register("Nguyễn Phú Trọng", aliases: ["阮富仲"])
            #expect(reg.created)
            let r = try registry.resolve("Nguyen Phu Trong")
            #expect(r.entity == reg.entity)
            #expect(r.canonical == "Nguyễn Phú Trọng")
            #expect(r.match == .key)
            // Created without diacritics, the canonical form takes them once they are seen.
            let hue = try registry.resolve("Vuong Dinh Hue", create: true)
            #expect(hue.canonical == "Vuong Dinh Hue")
            let learned = try registry.resolve("Vương Đình Huệ", create: true)
            #expect(learned.learned)
            #expect(learned.canonical == "Vương Đình Huệ")
            #expect(try registry.resolve("Vuong Dinh Hue").canonical == "Vương Đình Huệ")
        }
    }

    @Test func registerIsIdempotentAndAliasesAdd() throws {
        try withFileRegistry { registry, directory in
            let first = try registry.register("Xi Jinping", aliases: ["习近平"], display: "Xi Jinping")
            let again = try registry.register("Xi Jinping", aliases: ["习近平"], display: "Xi Jinping")
            #expect(first.created && !again.created)
            #expect(again.entity == first.entity)
            #expect(again.added.isEmpty)
            #expect(try registry.get(first.entity).entity.names.map(\.text) == ["Xi Jinping", "习近平"])
            #expect(try registry.alias(first.entity, name: "Tập Cận Bình").added)
            #expect(try !registry.alias(first.entity, name: "Tập Cận Bình").added)
            #expect(try registry.resolve("Tập Cận Bình").match == .exact)
            try registry.forget(first.entity, name: "Tập Cận Bình")
            #expect(try registry.get(first.entity).entity.names.count == 2)
            #expect(throws: RegistryError.self) { try registry.forget(first.entity, name: "Xi Jinping") }
            #expect(throws: RegistryError.self) { try registry.forget(first.entity, name: "Nobody") }
            #expect(throws: RegistryError.self) { try registry.alias("p-none", name: "Xi") }
        }
    }

    @Test func mergeKeepsTheOldIDAsARedirect() throws {
        try withFileRegistry { registry, directory in
            let a = try registry.resolve("Pham Minh Chinh", create: true)
            let b = try registry.resolve("Minh Chinh Pham Junior", create: true)
            #expect(a.entity != b.entity)
            let kept = try registry.merge(b.entity!, into: a.entity!)
            #expect(kept == a.entity)
            #expect(try registry.resolve("Minh Chinh Pham Junior").entity == a.entity)
            let old = try registry.get(b.entity!)
            #expect(old.entity.id == a.entity)
            #expect(old.redirectedFrom == b.entity)
            #expect(try registry.get(a.entity!).redirects == [b.entity!])
            #expect(try registry.merge(b.entity!, into: a.entity!) == a.entity)  // again: no-op
            #expect(throws: RegistryError.self) { try registry.merge(a.entity!, into: a.entity!) }
            // A fresh process on the same file still follows the redirect.
            let reopened = try Registry(store: try SQLiteStore(path: directory.path("registry.sqlite")))
            #expect(try reopened.get(b.entity!).entity.id == a.entity)
            #expect(try reopened.resolve("Minh Chinh Pham Junior").entity == a.entity)
        }
    }

    @Test func idsAreShortURLSafeAndDistinct() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        var ids = Set<String>()
        for i in 0..<200 { ids.insert(try registry.register("Person Number\(i) Test").entity) }
        #expect(ids.count == 200)
        for id in ids {
            #expect(id.count == 11 && id.hasPrefix("p"))
            #expect(Registry.isValidID(id))
        }
    }

    @Test func exportImportExportIsByteIdenticalAndImportIdempotent() throws {
        try withFileRegistry { registry, directory in
            for mention in Self.seedMentions + ["习近平", "Tập Cận Bình", "Vương Đình Huệ", "Li Qiang", "Li Keqiang"] {
                _ = try registry.resolve(mention, doc: "seed", create: true)
            }
            _ = try registry.register("Janet Yellen", aliases: ["Yellen, Janet"], display: "Janet L. Yellen")
            let dup = try registry.resolve("Tô Lâm", create: true)
            let keep = try registry.resolve("To Lam Minister", create: true)
            try registry.merge(dup.entity!, into: keep.entity!)
            let first = try exported(registry)
            #expect(first.split(separator: "\n").count == 10)
            #expect(first.contains(#""redirects":["\#(dup.entity!)"]"#))
            #expect(first.contains(#""display_fixed":true"#))

            let target = try Registry(store: try SQLiteStore(path: directory.path("copy.sqlite")))
            let summary = try target.importLines(first.split(separator: "\n", omittingEmptySubsequences: false).map(String.init))
            #expect(summary.entitiesCreated == 10)
            #expect(summary.redirectsAdded == 1)
            let second = try exported(target)
            #expect(second == first)
            let again = try target.importLines(first.split(separator: "\n").map(String.init))
            #expect(again.entitiesCreated == 0 && again.namesAdded == 0 && again.redirectsAdded == 0)
            #expect(try exported(target) == first)
            // The imported registry resolves like the original.
            #expect(try target.resolve("習近平").entity == registry.resolve("習近平").entity)
            #expect(try target.get(dup.entity!).entity.id == keep.entity)
            #expect(throws: RegistryError.self) { try target.importLines(["{not json"]) }
            // Names are stored typed: a language or script code no version writes is refused
            // with the line and the name, and nothing of the import is written.
            let line = try #require(first.split(separator: "\n").map(String.init).first { $0.contains(#""lang":"zh""#) && $0.contains(#""script":"Latn""#) })
            let before = try target.store.counts()
            for (bad, what) in [(#""lang":"zh""#, #""lang":"fr""#), (#""script":"Latn""#, #""script":"Qaaa""#)] {
                let changed = line.replacingOccurrences(of: bad, with: what).replacingOccurrences(of: #""id":""#, with: #""id":"x"#)
                do {
                    try target.importLines([changed])
                    Issue.record("imported \(what)")
                } catch let error as RegistryError {
                    #expect(error.code == .badInput && error.message.hasPrefix("line 1: unknown"), "\(error)")
                }
            }
            #expect(try target.store.counts() == before)
        }
    }

    @Test func statsCountWhatIsStored() throws {
        try withFileRegistry { registry, directory in
            _ = try registry.resolve("Xi Jinping", doc: "d", create: true)
            _ = try registry.resolve("习近平", doc: "d", create: true)
            let stats = try registry.stats()
            #expect(stats.entities == 1)
            #expect(stats.names == 2)
            #expect(stats.keys == 3 + 5)  // ascii+syllable+reading (Wade-Giles), then ascii+syllable+hanviet+reading (Wade-Giles, Cantonese)
            #expect(stats.redirects == 0)
            #expect(stats.documents == 1)
        }
    }

    @Test func reopenedRegistryResolvesFromTheFile() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("registry.sqlite")
        let id = try Registry(store: try SQLiteStore(path: path)).resolve("Phạm Minh Chính", create: true).entity
        let reopened = try Registry(store: try SQLiteStore(path: path))
        let r = try reopened.resolve("Pham Minh Chinh")
        #expect(r.entity == id)
        #expect(r.canonical == "Phạm Minh Chính")
    }

    @Test func twoRegistriesOnOneFileDoNotDuplicateAPerson() throws {
        // A second registry (as a second process would) created the person after this one
        // loaded; `create` re-checks the store before making a new entity.
        let directory = try TemporaryDirectory()
        let path = directory.path("registry.sqlite")
        let one = try Registry(store: try SQLiteStore(path: path))
        let two = try Registry(store: try SQLiteStore(path: path))
        let a = try one.resolve("Vo Van Thuong", create: true)
        let b = try two.resolve("Võ Văn Thưởng", create: true)
        #expect(b.entity == a.entity)
        #expect(try two.stats().entities == 1)
    }
}
