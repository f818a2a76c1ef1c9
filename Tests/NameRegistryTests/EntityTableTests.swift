import Foundation
import NameCanon
import Testing
import TestSupport
@testable import NameRegistry

/// The compact index (EntityTable.swift) held to plain dictionaries of sets, through random
/// operations, and the streaming open held to `load()`.
@Suite struct EntityTableTests {
    /// Inserts and removals with hashes crowded into few fingerprints and few home slots (long
    /// probe runs that wrap around, shared slots, lists that shrink back to one number) answer as
    /// a dictionary of sets does, and the count of slots stays right.
    @Test func multimapAgreesWithADictionaryOfSets() {
        var random = Seeded(state: 12)
        for round in 0..<40 {
            var map = HashMultimap()
            var reference: [UInt64: Set<UInt32>] = [:]
            // Few distinct fingerprints in some rounds (crowding), many in others.
            let spread = round % 2 == 0 ? 24 : 5_000
            func hash() -> UInt64 {
                let fp = UInt64.random(in: 0..<UInt64(spread), using: &random)
                // Fingerprints near the top wrap their probe runs to slot 0.
                return (round % 4 == 1 ? UInt64.max - fp : fp) << 32 | UInt64.random(in: 0...0xFFFF_FFFF, using: &random)
            }
            var hashes: [UInt64] = []
            for _ in 0..<2_000 {
                let h: UInt64 = hashes.isEmpty || Bool.random(using: &random) ? hash() : hashes.randomElement(using: &random)!
                hashes.append(h)
                let number = UInt32.random(in: 0..<6, using: &random)
                if Int.random(in: 0..<3, using: &random) == 0 {
                    map.remove(h, number)
                    if reference[h >> 32 == 0 ? 1 : h >> 32]?.remove(number) != nil, reference[h >> 32 == 0 ? 1 : h >> 32]!.isEmpty {
                        reference[h >> 32 == 0 ? 1 : h >> 32] = nil
                    }
                } else {
                    map.insert(h, number)
                    reference[h >> 32 == 0 ? 1 : h >> 32, default: []].insert(number)
                }
            }
            #expect(map.count == reference.count, "round \(round)")
            // The same pairs inserted at once, sorted by home slot, answer alike.
            var bulk = HashMultimap()
            var pairs = reference.flatMap { fp, numbers in numbers.map { HashMultimap.pair(fp << 32, $0) } }.shuffled(using: &random)
            bulk.insertAll(&pairs)
            #expect(bulk.count == reference.count)
            for h in Set(hashes) {
                var got: [UInt32] = [], gotBulk: [UInt32] = []
                map.forEach(h) { got.append($0) }
                bulk.forEach(h) { gotBulk.append($0) }
                #expect(got.count == Set(got).count, "a number is held once")
                #expect(Set(got) == reference[h >> 32 == 0 ? 1 : h >> 32] ?? [], "round \(round), hash \(h)")
                #expect(Set(gotBulk) == Set(got))
            }
        }
    }

    /// Two keys of one kind with the same bytes.
    static func sameBytes(_ a: NameKey, _ b: NameKey) -> Bool {
        a.kind == b.kind && a.value.utf8.elementsEqual(b.value.utf8)
    }

    /// A key compared by its bytes, as the index compares keys.
    struct ByteKey: Hashable {
        let key: NameKey
        init(_ key: NameKey) { self.key = key }
        static func == (a: ByteKey, b: ByteKey) -> Bool { sameBytes(a.key, b.key) }
        func hash(into hasher: inout Hasher) {
            hasher.combine(key.kind)
            hasher.combine(Array(key.value.utf8))
        }
    }

    static func randomEntity(_ i: Int, _ random: inout Seeded, names count: Int? = nil) -> Entity {
        let words = ["Nguyễn", "Văn", "An", "Xi", "Jinping", "习近平", "李强", "Lê", "Hùng", "Wang", "Wei", "김정은", "a b", "é"]
        func text() -> String {
            (0..<Int.random(in: 1...3, using: &random)).map { _ in words.randomElement(using: &random)! }.joined(separator: " ")
        }
        let names = (0..<(count ?? Int.random(in: 1...4, using: &random))).map { k in
            var keys = (0..<Int.random(in: 0...4, using: &random)).map { _ in
                NameKey(NameKey.Kind.allCases.randomElement(using: &random)!,
                        words.randomElement(using: &random)!.lowercased() + String(repeating: "x", count: Int.random(in: 0...200, using: &random)))
            }
            // Keys repeating the previous key's value (a record writes those once), and values
            // equal only canonically ("é" composed and decomposed), which must stay apart.
            for i in keys.indices.dropFirst() where Int.random(in: 0..<3, using: &random) == 0 {
                let value = Bool.random(using: &random) ? keys[i - 1].value : keys[i - 1].value.decomposedStringWithCanonicalMapping
                keys[i] = NameKey(keys[i].kind, value)
            }
            return StoredName(text: text() + (k > 0 ? " \(k)" : ""), language: NameLanguage.allCases.randomElement(using: &random)!,
                              script: Script.allCases.randomElement(using: &random)!, kind: NameKind.allCases.randomElement(using: &random)!,
                              source: ["import", "resolve", "a caller's label ü"].randomElement(using: &random)!, keys: keys)
        }
        return Entity(id: "p\(i)", display: text(), displayFixed: Bool.random(using: &random), names: names)
    }

    /// Entities round-trip through their records (large ones too); the index checks read the
    /// records as a scan of the decoded names would; replaced and removed entities are gone,
    /// through the compaction of the arena.
    @Test func tableKeepsEntitiesAsTheyWere() {
        var random = Seeded(state: 7)
        let table = EntityTable()
        var reference: [String: Entity] = [:]
        for step in 0..<4_000 {
            let i = Int.random(in: 0..<600, using: &random)
            switch Int.random(in: 0..<5, using: &random) {
            case 0:
                table["p\(i)"] = nil
                reference["p\(i)"] = nil
            case 1:
                // Past `largeNames`, kept decoded; back under it, encoded again.
                let entity = Self.randomEntity(i, &random, names: EntityTable.largeNames + Int.random(in: -2...6, using: &random))
                table["p\(i)"] = entity
                reference["p\(i)"] = entity
            default:
                let entity = Self.randomEntity(i, &random)
                table.store(entity)
                reference["p\(i)"] = entity
            }
            if step % 500 == 0 || step == 3_999 {
                #expect(table.count == reference.count)
                #expect(Set(table.values.map(\.id)) == Set(reference.keys))
                for (id, entity) in reference {
                    #expect(table[id] == entity)
                    // `==` on strings is canonical equivalence: the bytes of every key must come back too.
                    #expect(zip(table[id]?.names ?? [], entity.names).allSatisfy { zip($0.keys, $1.keys).allSatisfy(Self.sameBytes) })
                    let number = table.number(of: id)!
                    #expect(table.id(of: number) == id)
                    for name in entity.names {
                        var text = name.text
                        #expect(text.withUTF8 { table.hasName(number, text: UnsafeRawBufferPointer($0)) })
                        for key in name.keys {
                            var value = key.value
                            let found = value.withUTF8 { table.postings(number, kind: EntityTable.keyKindCode(key.kind), value: UnsafeRawBufferPointer($0)) }
                            // Keys are told apart by their bytes ("é" composed is not "é" decomposed).
                            let holders = entity.names.filter { $0.keys.contains { Self.sameBytes($0, key) } }
                            #expect(found.latin == holders.contains { $0.script != .han })
                            #expect(found.han == holders.contains { $0.script == .han })
                        }
                    }
                    var missing = "not a name of anyone"
                    #expect(!missing.withUTF8 { table.hasName(number, text: UnsafeRawBufferPointer($0)) })
                }
            }
        }
        #expect(table.number(of: "p-never") == nil)
    }

    /// The registry's indexes answer as the old dictionaries did, after random writes.
    @Test func indexesAnswerAsDictionariesWould() {
        var random = Seeded(state: 99)
        let table = EntityTable()
        var exact = ExactIndex(table: table)
        var postings = KeyIndex(table: table)
        var reference: [String: Entity] = [:]
        for _ in 0..<3_000 {
            let i = Int.random(in: 0..<300, using: &random)
            if let old = reference["p\(i)"] {
                let number = table.number(of: old.id)!
                for name in old.names {
                    exact.remove(name.text, number)
                    for key in name.keys { postings.remove(key, number) }
                }
            }
            if Int.random(in: 0..<4, using: &random) == 0 {
                table["p\(i)"] = nil
                reference["p\(i)"] = nil
                continue
            }
            let entity = Self.randomEntity(i, &random)
            let number = table.store(entity)
            reference[entity.id] = entity
            for name in entity.names {
                exact.insert(name.text, number)
                for key in name.keys { postings.insert(key, number) }
            }
        }
        var texts: [String: Set<String>] = [:]
        var keys: [ByteKey: Set<Registry.Posting>] = [:]
        for entity in reference.values {
            for name in entity.names {
                texts[name.text, default: []].insert(entity.id)
                for key in name.keys { keys[ByteKey(key), default: []].insert(Registry.Posting(entity: entity.id, han: name.script == .han)) }
            }
        }
        for (text, ids) in texts { #expect(Set(exact[text] ?? []) == ids, "\(text)") }
        for (key, expected) in keys { #expect(Set(postings[key.key] ?? []) == expected, "\(key.key)") }
        #expect(exact["nobody at all"] == nil)
        #expect(postings[NameKey(.ascii, "nobody at all")] == nil)
    }

    /// The store's streaming load (the protocol's default) and the registry's own open of the file give what
    /// `load()` gives: every entity with its names and keys in order, the redirects, the
    /// distinct pairs and the sequence.
    @Test func streamingOpenReadsWhatLoadReads() throws {
        let directory = try TemporaryDirectory()
        let store = try SQLiteStore(path: directory.path("r.sqlite"))
        let registry = try Registry(store: store)
        for name in ["Nguyễn Phú Trọng", "Xi Jinping", "习近平", "Lê Văn Hùng", "김정은", "Joe Biden", "Tập Cận Bình"] {
            _ = try registry.resolve(name, create: true)
        }
        let a = try registry.register("Zhang Wei", newEntity: true).entity
        let b = try registry.register("Zhang Wei", aliases: ["张伟"], newEntity: true).entity
        try registry.alias(a, name: "Chang Wei")
        _ = try registry.distinct(a, b)
        let c = try registry.register("Wang Fang").entity
        try registry.merge(c, into: a)
        // A name's keys written out of order in the table (replaced keys get new row IDs).
        let rewritten: [NameKey] = [NameKey(.ascii, "zhang wei"), NameKey(.syllable, "zhang wei")]
        try store.apply([StoreChange.setKeys(entity: a, text: "Zhang Wei", keys: rewritten)])
        // Codes a later version might write read as other, unknown and alias on every path.
        try store.writer.write { db in
            try db.execute(sql: "UPDATE name SET language = 'xx', script = 'Zzzq' WHERE text = 'Chang Wei'")
        }
        let loaded = try store.load()
        var streamed: [Entity] = []
        var expected: (Int, Int, Int)?
        let rest = try store.load(expecting: { expected = ($0, $1, $2) }, each: { streamed.append($0) })
        #expect(streamed == loaded.entities)
        #expect(expected?.0 == loaded.entities.count)
        let names = loaded.entities.map(\.names.count).reduce(0, +)
        let keys = loaded.entities.flatMap(\.names).map(\.keys.count).reduce(0, +)
        #expect(expected?.1 == names)
        #expect(expected?.2 == keys)
        #expect(rest.entities.isEmpty)
        #expect(rest.redirects == loaded.redirects)
        #expect(rest.distinct == loaded.distinct)
        #expect(rest.sequence == loaded.sequence)
        // A registry opened on the file (SQLite's bytes written straight into the index) holds
        // those entities, and its indexes answer for every name and key as the snapshot says.
        let reopened = try Registry(store: try SQLiteStore(path: directory.path("r.sqlite")))
        #expect(reopened.entities.values.sorted { $0.id < $1.id } == loaded.entities)
        #expect(loaded.entities.flatMap(\.names).contains { $0.text == "Chang Wei" && $0.language == .other && $0.script == .unknown })
        for entity in loaded.entities {
            for name in entity.names {
                let owners = loaded.entities.filter { $0.names.contains { $0.text == name.text } }.map(\.id)
                #expect(Set(reopened.exact[name.text] ?? []) == Set(owners))
                for key in name.keys {
                    let expected = loaded.entities.flatMap { e in
                        e.names.filter { $0.keys.contains(key) }.map { Registry.Posting(entity: e.id, han: $0.script == .han) }
                    }
                    #expect(Set(reopened.postings[key] ?? []) == Set(expected), "\(key)")
                }
            }
        }
        #expect(try reopened.resolve("Nguyen Phu Trong").entity == registry.resolve("Nguyen Phu Trong").entity)
        #expect(try reopened.resolve("Wang Fang").entity == a)
        #expect(try reopened.resolve("Zhang Wei").match == MatchKind.ambiguous)
    }
}
