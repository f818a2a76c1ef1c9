import Foundation
import GRDB
import NameCanon
import Testing
import TestSupport
@testable import NameRegistry

/// The stored index (IndexImage.swift): an open from the image, caught up on what was written
/// after it, holds what an open from the rows holds; an image that cannot be trusted is not read.
@Suite struct IndexImageTests {
    /// Every entity and every index answer of `registry`, to compare two opens.
    static func contents(_ registry: Registry) -> (entities: [Entity], exact: [String: Set<String>], keys: [NameKey: Set<Registry.Posting>]) {
        let entities = registry.entities.values.sorted { $0.id < $1.id }
        var exact: [String: Set<String>] = [:]
        var keys: [NameKey: Set<Registry.Posting>] = [:]
        for name in entities.flatMap(\.names) {
            exact[name.text] = Set(registry.exact[name.text] ?? [])
            for key in name.keys { keys[key] = Set(registry.postings[key] ?? []) }
        }
        return (entities, exact, keys)
    }

    static func fill(_ registry: Registry, _ names: [String]) throws {
        for name in names { _ = try registry.resolve(name, create: true) }
    }

    static let people = ["Nguyễn Phú Trọng", "Xi Jinping", "习近平", "Lê Văn Hùng", "김정은", "Joe Biden", "Tập Cận Bình", "Zhang Wei"]

    /// An image taken, then every kind of write by another registry over the file: a new open
    /// reads the image, catches up, and agrees with an open that reads every row.
    @Test func imageThenChangesAgreesWithTheRows() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        let first = try Registry(store: try SQLiteStore(path: path))
        try Self.fill(first, Self.people)
        let stored = try #require(try first.storeIndexImage())
        #expect(stored.bytes > 0)
        // After the image: creations, aliases, a merge, a forgotten name, a distinct judgement,
        // a changed display.
        let writer = try Registry(store: try SQLiteStore(path: path))
        try Self.fill(writer, ["Lý Hiển Long", "Li Qiang", "李强", "Wang Fang"])
        let trong = try #require(try writer.resolve("Nguyen Phu Trong").entity)
        try writer.alias(trong, name: "Tổng Bí thư Trọng")
        try writer.alias(trong, name: "Nguyen P. Trong")
        try writer.forget(trong, name: "Nguyen P. Trong")
        let wang = try #require(try writer.resolve("Wang Fang").entity)
        let zhang = try #require(try writer.resolve("Zhang Wei").entity)
        try writer.merge(wang, into: zhang)
        let other = try writer.register("Zhang Wei", newEntity: true).entity
        _ = try writer.distinct(zhang, other)
        _ = try writer.register("Joe Biden", display: "Joseph R. Biden")

        let fromImage = try Registry(store: try SQLiteStore(path: path))
        #expect(fromImage.builtFrom == "image")
        let fromRows = try Registry(store: try SQLiteStore(path: path))
        fromRows.lock.lock()
        try fromRows.replaceIndexFromStore(image: false)
        fromRows.lock.unlock()
        #expect(fromRows.builtFrom == "rows")
        let a = Self.contents(fromImage), b = Self.contents(fromRows)
        #expect(a.entities == b.entities)
        #expect(a.exact == b.exact)
        #expect(a.keys == b.keys)
        #expect(fromImage.redirects == fromRows.redirects)
        #expect(fromImage.judgedDistinct == fromRows.judgedDistinct)
        #expect(try fromImage.resolve("Wang Fang").entity == zhang)
        #expect(try fromImage.resolve("Zhang Wei").match == MatchKind.ambiguous)
        #expect(try fromImage.resolve("NGUYEN Phu Trong").canonical == "Nguyễn Phú Trọng")
        #expect(try fromImage.resolve("Li Qiang").entity == fromImage.resolve("李强").entity)
        // It goes on writing like any registry, and a later image includes the catch-up.
        try Self.fill(fromImage, ["Phạm Minh Chính"])
        try fromImage.storeIndexImage()
        let again = try Registry(store: try SQLiteStore(path: path))
        #expect(again.builtFrom == "image")
        #expect(Self.contents(again).entities == Self.contents(fromImage).entities)
    }

    /// A damaged section, another format, keys of another engine version, or an image ahead of
    /// the change log (a file restored from an older copy under a newer image) is not read: the
    /// index is rebuilt from the rows and answers as before.
    @Test func anImageThatCannotBeTrustedIsNotRead() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        let first = try Registry(store: try SQLiteStore(path: path))
        try Self.fill(first, Self.people)
        let expected = Self.contents(first).entities
        let spoils: [(String, String)] = [
            ("a damaged section", "UPDATE index_image SET data = zeroblob(length(data)) WHERE section = 'arena'"),
            ("a short section", "UPDATE index_image SET data = substr(data, 1, length(data) - 1), checksum = 0 WHERE section = 'keys'"),
            ("another format", "UPDATE index_image_meta SET format = format + 1"),
            ("another key version", "UPDATE index_image_meta SET key_version = 'older'"),
            ("ahead of the log", "UPDATE index_image_meta SET sequence = sequence + 1000"),
        ]
        for (what, sql) in spoils {
            try first.storeIndexImage()
            #expect(try Registry(store: try SQLiteStore(path: path)).builtFrom == "image", "\(what): a sound image is read")
            let store = try SQLiteStore(path: path)
            try store.writer.write { try $0.execute(sql: sql) }
            let reopened = try Registry(store: store)
            #expect(reopened.builtFrom == "rows", "\(what)")
            #expect(Self.contents(reopened).entities == expected, "\(what)")
            #expect(try reopened.resolve("Nguyen Phu Trong").canonical == "Nguyễn Phú Trọng", "\(what)")
        }
    }

    /// Sections that do not hold together are refused before anything is read from them.
    @Test func malformedSectionsAreRefused() throws {
        let table = EntityTable()
        var random = Seeded(state: 3)
        for i in 0..<50 { table.store(EntityTableTests.randomEntity(i, &random)) }
        let sections = table.imageSections()
        #expect(EntityTable.fromImage(sections)?.values.map(\.id).sorted() == table.values.map(\.id).sorted())
        var cut = sections
        cut["entities"]!.removeLast()
        #expect(EntityTable.fromImage(cut) == nil)
        var outside = sections
        outside["arena"] = Array(sections["arena"]!.prefix(10))
        #expect(EntityTable.fromImage(outside) == nil, "an offset past the arena")
        #expect(EntityTable.fromImage(sections.filter { $0.key != "ids" }) == nil)
        var map = HashMultimap()
        for i in 0..<100 { map.insert(UInt64(i) << 40, UInt32(i % 7)) }
        #expect(HashMultimap(image: map.image()) != nil)
        #expect(HashMultimap(image: Array(map.image().dropLast())) == nil)
        #expect(HashMultimap(slots: [1, 2, 3], lists: [], count: 3) == nil, "not a power of two")
        #expect(HashMultimap(slots: [UInt64](repeating: 0, count: 15) + [1 << 32 | 0x8000_0005], lists: [], count: 1) == nil,
                "a list that is not there")
    }

    /// Through the binary: an import stores an image, the next command opens from it and
    /// answers as the source registry does, and `registry index` says what it stored.
    @Test func importStoresAnImageAndIndexRefreshesIt() throws {
        let directory = try TemporaryDirectory()
        let source = directory.path("source.sqlite"), copy = directory.path("copy.sqlite")
        let mentions = Self.people.joined(separator: "\n") + "\n"
        #expect(try Binary.run(["resolve", "--create", "--registry", source], input: mentions).status == 0)
        let export = try Binary.run(["registry", "export", "--registry", source])
        try export.stdout.write(toFile: directory.path("export.jsonl"), atomically: true, encoding: .utf8)
        #expect(try Binary.run(["registry", "import", "--registry", copy, directory.path("export.jsonl")]).status == 0)
        #expect(try Registry(store: try SQLiteStore(path: copy)).builtFrom == "image")
        let asked = "Nguyen Phu Trong\nXI Jinping\n習近平\nTap Can Binh\n"
        let fromSource = try Binary.run(["resolve", "--registry", source], input: asked)
        let fromCopy = try Binary.run(["resolve", "--registry", copy], input: asked)
        #expect(fromCopy.status == 0)
        #expect(fromCopy.lines.map { $0.split(separator: "\t").dropFirst(2).joined(separator: "\t") }
                == fromSource.lines.map { $0.split(separator: "\t").dropFirst(2).joined(separator: "\t") })
        // A new person after the import, then a fresh image that includes it.
        #expect(try Binary.run(["resolve", "--create", "--registry", copy], input: "Phạm Minh Chính\n").status == 0)
        let indexed = try Binary.run(["registry", "index", "--registry", copy])
        #expect(indexed.status == 0)
        #expect(indexed.lines.first == "stored\tyes")
        let sequence = try #require(indexed.lines.first { $0.hasPrefix("sequence\t") }.flatMap { Int64($0.dropFirst(9)) })
        let store = try SQLiteStore(path: copy)
        #expect(try store.loadIndexImage(keyVersion: NameCanonVersion.keys)?.sequence == sequence)
        #expect(try Registry(store: store).resolve("Pham Minh Chinh").canonical == "Phạm Minh Chính")
    }
}

/// `looseReadings(forHanViet:)` reads syllable by syllable what reading every pinyin sequence
/// whole gave: the same readings in the same order, none past the limit.
@Suite struct LooseReadingTests {
    @Test func syllableBySyllableReadsWhatWholeSequencesRead() throws {
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        let reverse = HanVietReverse.shared
        let syllables = ["nguyen", "tran", "le", "pham", "hoang", "phan", "vu", "dang", "bui", "do", "ho", "ngo", "duong", "ly",
                         "van", "thi", "minh", "duc", "anh", "hung", "quoc", "tuan", "trong", "phu", "tap", "can", "binh", "thanh",
                         "long", "hai", "son", "cuong", "dung", "hoa", "lan", "mai", "nam", "quang", "tien", "xuan", "zz", "a"]
        var random = Seeded(state: 21)
        var keys = Set<String>()
        while keys.count < 600 {
            keys.insert((0..<Int.random(in: 1...4, using: &random)).map { _ in syllables.randomElement(using: &random)! }.joined(separator: " "))
        }
        var some = 0, none = 0
        for key in keys.sorted() {
            var whole: [String] = []
            for sequence in reverse.pinyinKeys(forHanViet: key) ?? [] {
                if let loose = registry.canon.looseReading(pinyinSyllables: sequence.split(separator: " ").map(String.init)),
                   !whole.contains(loose) { whole.append(loose) }
            }
            #expect(registry.looseReadings(forHanViet: key) == whole, "\(key)")
            if whole.isEmpty { none += 1 } else { some += 1 }
        }
        // Both kinds were met: keys with readings, and keys with none (an unknown syllable, or
        // past the limit).
        #expect(some > 50 && none > 20, "\(some) with readings, \(none) without")
    }

    /// The remembered marked words are the words read afresh, for a text and for its
    /// decomposed twin (which a `String` key does not tell apart), in either order.
    @Test func rememberedMarkedWordsAreReadAfresh() throws {
        func same(_ a: [(folded: String, marks: Registry.MarkedWord?)], _ b: [(folded: String, marks: Registry.MarkedWord?)]) -> Bool {
            a.count == b.count && zip(a, b).allSatisfy { $0.folded == $1.folded && $0.marks == $1.marks }
        }
        let texts = ["Lê Văn Hùng", "Lê Văn Hưng", "Nguyễn Thị Thuỷ", "Nguyễn Thị Thủy", "Le Van Hung", "Đỗ Mười", "Trần Đức Lương-Phạm"]
        for first in [true, false] {
            let registry = try Registry(store: try SQLiteStore(inMemory: ()))
            for text in texts {
                let nfd = text.decomposedStringWithCanonicalMapping
                for form in first ? [text, nfd] : [nfd, text] {
                    for vietnamese in [true, false] {
                        #expect(same(registry.markedWordsRemembered(form, vietnamese: vietnamese), Registry.markedWords(form, vietnamese: vietnamese)))
                    }
                }
            }
        }
    }
}
