import Foundation
import NameCanon
import NameProtocol
import Testing
import TestSupport
@testable import NameRegistry

/// One row of a Fixtures/knowledge TSV file: its columns and where it is, for failure messages.
struct KnowledgeRow: CustomTestStringConvertible, Sendable {
    let file: String
    let line: Int
    let columns: [String]

    var testDescription: String { "\(file):\(line) \(columns[0])" }

    static func load(_ name: String) -> [KnowledgeRow] {
        let url = repositoryRoot.appendingPathComponent("Fixtures/knowledge/\(name)")
        guard let text = try? String(contentsOf: url, encoding: .utf8) else { return [] }
        var rows: [KnowledgeRow] = []
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if line.isEmpty || line.hasPrefix("#") { continue }
            rows.append(KnowledgeRow(file: "Fixtures/knowledge/\(name)", line: i + 1,
                                     columns: line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)))
        }
        return rows
    }
}

/// A seeded in-memory registry shared by the read-only seed tests.
let seededRegistry: Registry = {
    let registry = try! Registry(store: try! SQLiteStore(inMemory: ()))
    try! registry.seed()
    return registry
}()

func fixtureLines(_ path: String) throws -> [String] {
    let text = try String(contentsOf: repositoryRoot.appendingPathComponent(path), encoding: .utf8)
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
    if lines.last == "" { lines.removeLast() }
    return lines
}

/// Imports a fixture file through the streaming importer, collecting the bad lines.
func importFixture(_ path: String, format: ReferenceFormat, into registry: Registry, batchSize: Int = 1_000) throws
    -> (summary: ReferenceSummary, bad: [Int]) {
    var bad: [Int] = []
    let importer = ReferenceImporter(registry: registry, format: format, batchSize: batchSize) { line, _ in bad.append(line) }
    for (i, line) in try fixtureLines(path).enumerated() { try importer.add(Array(line.utf8), line: i + 1) }
    return (try importer.finish(), bad)
}

@Suite("Seed of well-known people")
struct SeedTests {
    @Test func theSeedIsLargeAndWellFormed() throws {
        let records = PeopleSeed.records()
        #expect(records.count >= 1_500)
        #expect(Set(records.map(\.id)).count == records.count, "seed IDs are unique")
        let trump = try #require(records.first { $0.id == "特朗普_1946" })
        #expect(trump.names.map(\.text) == ["Donald Trump", "特朗普"], "no pinyin, Hán-Việt or Korean name for a Western person")
        let xi = try #require(records.first { $0.id == "習近平_1953" })
        #expect(xi.names.map(\.text) == ["Xi Jinping", "习近平", "習近平", "Tập Cận Bình", "시진핑"])
    }

    @Test(arguments: KnowledgeRow.load("seed.tsv"))
    func seededMentions(_ row: KnowledgeRow) throws {
        let r = try seededRegistry.resolve(row.columns[0])
        switch row.columns[1] {
        case "ambiguous":
            #expect(r.match == .ambiguous, "\(row.columns[2]): \(r.explain)")
            #expect(r.candidates.count >= 2)
        case "none": #expect(r.entity == nil, "\(row.columns[2]): \(r.explain)")
        default: #expect(r.canonical == row.columns[1], "\(row.columns[2]): \(r.explain)")
        }
    }

    @Test(arguments: StoreKind.allCases)
    func seedingTwiceChangesNothing(_ kind: StoreKind) throws {
        try kind.withStore { store in
            let registry = try Registry(store: store)
            let first = try registry.seed()
            #expect(first.entitiesCreated == first.records)
            let before = try exported(registry)
            let second = try registry.seed()
            #expect(second.entitiesCreated == 0 && second.namesAdded == 0 && second.entitiesKnown == first.records)
            #expect(try exported(registry) == before)
            // And through a fresh open of the same store (the links are in the store, not in memory).
            let reopened = try Registry(store: store)
            #expect(try reopened.seed().namesAdded == 0)
            #expect(try exported(reopened) == before)
        }
    }

    @Test func theUserWins() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        try registry.seed()
        let chiang = try #require(try registry.resolve("蔣介石").entity)
        let lai = try #require(try registry.resolve("賴清德").entity)
        try registry.forget(lai, name: "William Lai")
        _ = try registry.register("Chiang Kai-shek", display: "Generalissimo Chiang")
        let sun = try #require(try registry.resolve("孫逸仙").entity)
        let yu = try #require(try registry.resolve("李煜").entity)
        try registry.merge(yu, into: sun)  // a (wrong) merge is still the user's to make and undo
        let before = try exported(registry)
        let again = try registry.seed()
        #expect(again.namesAdded == 0 && again.entitiesCreated == 0)
        #expect(try exported(registry) == before, "re-seeding undid a user's change")
        #expect(try registry.resolve("William Lai").entity == nil, "a forgotten seeded name came back")
        #expect(try !registry.get(lai).entity.names.contains { $0.text == "William Lai" })
        #expect(try registry.get(chiang).entity.display == "Generalissimo Chiang")
        #expect(try registry.resolve("李煜").entity == sun)
        let ids = try registry.externalIDs(sun).map(\.id)
        #expect(ids.contains("李煜_c937") && ids.contains("孫中山_1866"), "the merged entity keeps both seed IDs: \(ids)")
    }

    @Test func aRenamedSeedRecordTakesOverItsOldLink() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        var records = PeopleSeed.records()
        let i = try #require(records.firstIndex { $0.id == "習近平_1953" })
        var old = records
        old[i].id = "习近平_1953"  // as an older seed might have named it
        try registry.seed(old)
        let xi = try #require(try registry.resolve("習近平").entity)
        let entities = try registry.stats().entities
        let s = try registry.seed(records)
        #expect(s.entitiesCreated == 0 && s.entitiesLinked == 1, "\(s)")
        #expect(try registry.stats().entities == entities)
        #expect(try registry.resolve("習近平").entity == xi)
        records[i].id = "another_1953"
        // The old ID is current again, with a name no other record shares: its entity stays its own.
        records.append(ReferenceRecord(source: "seed", id: "習近平_1953", names: [.init("Comrade Xi Test")]))
        let both = try registry.seed(records)
        #expect(both.entitiesCreated == 1, "a current record is never taken over: \(both)")
    }

    @Test func aUsersPersonTakesTheSeedsNames() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        let mine = try registry.register("Xi Jinping", display: "XI Jinping (mine)").entity
        let summary = try registry.seed()
        #expect(summary.entitiesLinked >= 1)
        #expect(try registry.resolve("習近平").entity == mine)
        #expect(try registry.resolve("Tập Cận Bình").entity == mine)
        #expect(try registry.get(mine).entity.display == "XI Jinping (mine)")
        #expect(try registry.externalIDs(mine).map(\.id) == ["習近平_1953"])
    }

    @Test func homonymsOfTheSeedNeverTakeAUsersPerson() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        let mine = try registry.register("Li Yu").entity
        try registry.seed()
        let r = try registry.resolve("Li Yu")
        #expect(r.match == .ambiguous && r.candidates.count == 3, "\(r.explain)")
        #expect(try registry.externalIDs(mine).isEmpty, "a user's Li Yu is not either seeded Li Yu")
    }

    @Test func exportRoundTripStaysByteIdenticalWithSeededEntities() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        try registry.seed()
        let first = try exported(registry)
        #expect(first.contains(#""external":[{"id":"習近平_1953","source":"seed"}]"#))
        let copy = try Registry(store: try SQLiteStore(inMemory: ()))
        try copy.importLines(first.split(separator: "\n").map(String.init))
        #expect(try exported(copy) == first)
        // The copy keeps the links: seeding it updates, and the two Li Yu are not created again.
        let again = try copy.seed()
        #expect(again.entitiesCreated == 0 && again.namesAdded == 0, "\(again)")
        #expect(try exported(copy) == first)
    }
}

@Suite("Reference-data import")
struct ReferenceImportTests {
    @Test func followTheMoney() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        let (s, bad) = try importFixture("Fixtures/import/ftm-sample.jsonl", format: .ftm, into: registry)
        #expect(bad == [4, 7, 8], "bad lines are reported by number")
        #expect(s.records == 9 && s.skipped == 1 && s.bad == 3)
        #expect(s.entitiesCreated == 5)
        let kim = try #require(try registry.resolve("金正恩").entity)
        #expect(try registry.resolve("김정은").entity == kim)
        #expect(try registry.resolve("Kim Jong-un").entity == kim)
        #expect(try registry.resolve("Marshal").entity == nil, "a one-word weak alias is not a name")
        #expect(try registry.externalIDs(kim).map(\.source) == ["ftm"])
        #expect(try registry.resolve("林鄭月娥").canonical == "Lam Cheng Yuet-ngor")
        #expect(try registry.resolve("Example Trading Co").entity == nil, "a company is skipped")
        let liYu = try registry.resolve("Li Yu")
        #expect(liYu.match == .ambiguous, "two people named Li Yu stay apart: \(liYu.explain)")
        #expect(try registry.resolve("李煜").entity != registry.resolve("李渔").entity)

        let before = try exported(registry)
        let again = try importFixture("Fixtures/import/ftm-sample.jsonl", format: .ftm, into: registry)
        #expect(again.summary.entitiesCreated == 0 && again.summary.namesAdded == 0)
        #expect(try exported(registry) == before, "re-import updates, never duplicates")
    }

    @Test func wikidata() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        let (s, bad) = try importFixture("Fixtures/import/wikidata-sample.json", format: .wikidata, into: registry)
        #expect(bad == [5, 6])
        #expect(s.skipped == 2 && s.entitiesCreated == 3, "\(s)")
        let xi = try #require(try registry.resolve("習近平").entity)
        for form in ["Xi Jinping", "习近平", "Tập Cận Bình", "시진핑", "Xi Jin-ping"] {
            #expect(try registry.resolve(form).entity == xi, "\(form)")
        }
        #expect(try registry.externalIDs(xi).map(\.id) == ["Q90001"])
        #expect(try registry.resolve("William Lai").canonical == "Lai Ching-te")
        #expect(try registry.resolve("Shanghai").entity == nil, "not a human")
        let before = try exported(registry)
        _ = try importFixture("Fixtures/import/wikidata-sample.json", format: .wikidata, into: registry)
        #expect(try exported(registry) == before)
    }

    @Test func importAfterSeedLinksTheSamePeople() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        try registry.seed()
        let entities = try registry.stats().entities
        let (s, _) = try importFixture("Fixtures/import/wikidata-sample.json", format: .wikidata, into: registry)
        #expect(s.entitiesLinked == 3 && s.entitiesCreated == 0, "\(s)")
        #expect(try registry.stats().entities == entities)
        let xi = try #require(try registry.resolve("習近平").entity)
        #expect(try registry.externalIDs(xi).map(\.source) == ["seed", "wikidata"])
    }

    @Test func aStoreFailureRollsBackTheBatchInFlight() throws {
        let inner = try SQLiteStore(inMemory: ())
        let store = FailingStore(inner, failOnApply: 2)
        let registry = try Registry(store: store)
        #expect(throws: RegistryError.self) {
            _ = try importFixture("Fixtures/import/ftm-sample.jsonl", format: .ftm, into: registry, batchSize: 2)
        }
        // Batch 1 (lines 1-2) is written with its links; batch 2 (lines 5, 9) left nothing behind.
        let kept = try Registry(store: inner)
        #expect(try kept.stats().entities == 2)
        #expect(try kept.resolve("林鄭月娥").entity == nil)
        #expect(try inner.links(source: "ftm", ids: ["nc-ftm-005"]).isEmpty)
        // Importing again resumes without duplicates.
        let (s, _) = try importFixture("Fixtures/import/ftm-sample.jsonl", format: .ftm, into: kept)
        #expect(s.entitiesCreated == 3 && s.entitiesKnown == 2)
    }

    @Test func parseReportsWhatIsWrong() {
        #expect(ReferenceFormat.ftm.parse(Array("  ".utf8), line: 1) == .nothing)
        #expect(ReferenceFormat.wikidata.parse(Array("[".utf8), line: 1) == .nothing)
        #expect(ReferenceFormat.ftm.parse(Array("[1,2]".utf8), line: 1) == .bad("not a JSON object"))
        #expect(ReferenceFormat.ftm.parse(Array(#"{"id":"a","schema":"Person","properties":{}}"#.utf8), line: 1)
            == .bad("person a has no name"))
    }
}

/// A store that fails its Nth write of reference data, for the atomicity test.
final class FailingStore: ExternalIDStore, @unchecked Sendable {
    let inner: SQLiteStore
    let failOn: Int
    var calls = 0

    init(_ inner: SQLiteStore, failOnApply: Int) {
        self.inner = inner
        self.failOn = failOnApply
    }

    func load() throws(RegistryError) -> RegistrySnapshot { try inner.load() }
    func apply(_ changes: [StoreChange], source: ChangeSource) throws(RegistryError) -> Int64 { try inner.apply(changes, source: source) }
    func create(_ entity: Entity, unlessAnyKeyOf keys: [NameKeyValue], besides known: Set<String>,
                source: ChangeSource) throws(RegistryError) -> [String] {
        try inner.create(entity, unlessAnyKeyOf: keys, besides: known, source: source)
    }
    func changes(after sequence: Int64, limit: Int, confirm: Bool) throws(RegistryError) -> [ChangeRecord] {
        try inner.changes(after: sequence, limit: limit, confirm: confirm)
    }
    func history(of ids: [String]) throws(RegistryError) -> [ChangeRecord] { try inner.history(of: ids) }
    func entity(_ id: String) throws(RegistryError) -> Entity? { try inner.entity(id) }
    func isTaken(_ id: String) throws(RegistryError) -> Bool { try inner.isTaken(id) }
    func entities(withKey key: NameKeyValue) throws(RegistryError) -> [String] { try inner.entities(withKey: key) }
    func counts() throws(RegistryError) -> StoreCounts { try inner.counts() }
    func keyVersion() throws(RegistryError) -> String? { try inner.keyVersion() }
    func links(source: String, ids: [String]) throws(RegistryError) -> [String: ExternalLink] { try inner.links(source: source, ids: ids) }
    func links(entity: String) throws(RegistryError) -> [ExternalLink] { try inner.links(entity: entity) }
    func allLinks() throws(RegistryError) -> [ExternalLink] { try inner.allLinks() }
    func isLinked(entity: String, source: String) throws(RegistryError) -> Bool { try inner.isLinked(entity: entity, source: source) }
    func apply(_ changes: [StoreChange], links: [ExternalLink], source: ChangeSource) throws(RegistryError) {
        calls += 1
        if calls == failOn {
            // Half of the batch is written before the failure, inside the transaction that fails.
            do {
                try inner.writer.write { db in
                    if let first = changes.first { try SQLiteStore.apply(first, db) }
                    throw RegistryError(.store, "disk full (simulated)")
                }
            } catch let error as RegistryError { throw error } catch { throw RegistryError(.store, "\(error)") }
        }
        try inner.apply(changes, links: links, source: source)
    }
}

@Suite("Aliases taught by the text")
struct GlossTests {
    @Test(arguments: KnowledgeRow.load("glosses.tsv"))
    func glosses(_ row: KnowledgeRow) throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        let r = try registry.resolve(row.columns[0], create: true)
        let id = try #require(r.entity, "\(row.testDescription): \(r.explain)")
        let names = try registry.get(id).entity.names.map(\.text)
        #expect(!names.contains(row.columns[0]) || !row.columns[0].contains("("), "the gloss is not stored as part of a name: \(names)")
        let other = (try? registry.resolve(row.columns[1])) ?? Resolution(
            mention: row.columns[1], entity: nil, canonical: nil, score: 0, match: .none, explain: "not a name",
            candidates: [], learned: false, name: r.name)
        switch row.columns[2] {
        case "same":
            #expect(other.entity == id, "\(row.columns[3]): \(r.explain) / \(other.explain)")
            if row.columns[0].contains("(") || row.columns[0].contains("also known as") {
                #expect(r.explain.contains("taught by the gloss") || r.explain.contains("agrees"), "\(r.explain)")
            }
        default:
            #expect(other.entity == nil, "\(row.columns[3]): \(other.explain)")
            #expect(!names.contains(row.columns[1]), "\(row.columns[3]): \(names)")
        }
    }

    @Test func glossesAreListedByTheNormalizer() throws {
        let canon = NameCanon.shared
        #expect(try canon.normalize("Carrie Lam (林鄭月娥)").glosses == ["林鄭月娥"])
        #expect(try canon.normalize("特朗普（Donald Trump）").glosses == ["Donald Trump"])
        #expect(try canon.normalize("Lai Ching-te, also known as William Lai").glosses == ["William Lai"])
        #expect(try canon.normalize("Lai Ching-te, also known as William Lai").key == canon.normalize("Lai Ching-te").key)
        #expect(try canon.normalize("시진핑(習近平)").glosses == ["習近平"])
        #expect(try canon.normalize("(習近平)").glosses == [], "a gloss alone is the name")
        #expect(try canon.normalize("Xi Jinping").glosses == [])
    }

    @Test func aGlossNeverMergesTwoEntities() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        let lam = try registry.register("Carrie Lam").entity
        let other = try registry.register("林鄭月娥").entity
        let r = try registry.resolve("Carrie Lam (林鄭月娥)", create: true)
        #expect(r.entity == lam)
        #expect(r.explain.contains("names another entity") && r.explain.contains("not merged"), "\(r.explain)")
        #expect(try registry.resolve("林鄭月娥").entity == other)
        #expect(try registry.stats().entities == 2)
    }

    @Test func aGlossFindsThePersonAndTeachesTheNewForm() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        let xi = try registry.register("習近平").entity
        let r = try registry.resolve("Hsi Chin-ping (習近平)", create: true)
        #expect(r.entity == xi)
        let r2 = try registry.resolve("Tập Cận Bình (習近平)", create: true)
        #expect(r2.entity == xi)
        let unseen = try registry.resolve("Xi Dada (习近平)", create: false)
        #expect(unseen.entity == xi && unseen.explain.contains("its gloss"), "\(unseen.explain)")
        #expect(try registry.resolve("Xi Dada").entity == nil, "nothing is learned without create")
        _ = try registry.resolve("Xi Dada (习近平)", create: true)
        #expect(try registry.resolve("Xi Dada").entity == xi, "learned with create")
    }

    @Test func aGlossPicksOneOfTiedEntities() throws {
        let r = try seededRegistry.resolve("Li Yu (李煜)")
        #expect(r.entity == (try seededRegistry.resolve("李煜").entity), "\(r.explain)")
        #expect(try seededRegistry.resolve("Li Yu").match == .ambiguous)
    }

    @Test func callersAliasesThroughTheProtocol() throws {
        let handler = ProtocolHandler(canon: .shared)
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        handler.registerRegistryOps { registry }
        let created = handler.respond(to: Array(#"{"id":1,"op":"resolve","name":"Lai Ching-te","create":true,"aliases":["William Lai","賴清德"]}"#.utf8))
        let id = try #require(member(created, "entity") as? String, "\(created)")
        #expect(try registry.resolve("William Lai").entity == id)
        #expect(try registry.resolve("赖清德").entity == id)
        let bad = handler.respond(to: Array(#"{"id":2,"op":"resolve","name":"Lai Ching-te","aliases":"William Lai"}"#.utf8))
        #expect(bad.contains("bad_field"))
        let got = handler.respond(to: Array(#"{"id":3,"op":"get","entity":"\#(id)"}"#.utf8))
        #expect(got.contains(#""external_ids":[]"#))
    }
}
