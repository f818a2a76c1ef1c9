import Foundation
import NameCanon

// The registry's in-memory index in compact form (issue 12: "integer entity numbers and hashed
// keys in compact arrays"). A million names used to cost ~850 bytes each: an `Entity` struct per
// person with an array of `StoredName`s, an array of keys per name, and `String`-keyed
// dictionaries of sets for the texts and keys. Here each entity is one encoded record in a byte
// arena, found by its number; the texts and keys map 64-bit hashes to entity numbers, and every
// answer is checked against the entity's record, so a hash collision never yields a candidate.

/// A 64-bit hash of bytes (FNV-1a, then a murmur finalizer so every bit spreads), fixed across
/// runs and processes.
@inline(__always)
func stableHash(_ bytes: UnsafeRawBufferPointer, seed: UInt8 = 0) -> UInt64 {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(seed)
    for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01b3 }
    h ^= h >> 33
    h = h &* 0xff51_afd7_ed55_8ccd
    h ^= h >> 33
    h = h &* 0xc4ce_b9fe_1a85_ec53
    h ^= h >> 33
    return h
}

func stableHash(_ text: String, seed: UInt8 = 0) -> UInt64 {
    var text = text
    return text.withUTF8 { stableHash(UnsafeRawBufferPointer($0), seed: seed) }
}

/// The hash of a key: its kind is the seed, so "xi jinping" as an ASCII key and as a reading
/// land apart.
func stableHash(_ key: NameKey) -> UInt64 {
    stableHash(key.value, seed: EntityTable.keyKindCode(key.kind) &+ 1)
}

/// An open-addressing multimap from hashes to 32-bit numbers, in one array of 8-byte slots: the
/// hash's high 32 bits (its fingerprint, which also gives the home slot) and one number inline or,
/// from the second number, the index of an overflow list. Linear probing with backward-shift
/// deletion, so no tombstones pile up. A pair is held once however often it is inserted. About
/// 14 bytes a distinct hash at the load it keeps (at most 3/4).
///
/// Two hashes with one fingerprint share a slot: callers check every number they get back
/// against what it stands for (the registry's index checks each entity's record).
struct HashMultimap {
    private var slots: [UInt64] = []
    private var lists: [[UInt32]] = []
    private var freeLists: [UInt32] = []
    /// Distinct fingerprints held.
    private(set) var count = 0

    private static let listFlag: UInt32 = 0x8000_0000

    init(capacity: Int = 0) {
        reserve(capacity)
    }

    var isEmpty: Bool { count == 0 }

    /// Room for `capacity` distinct hashes without growing.
    mutating func reserve(_ capacity: Int) {
        var size = 16
        while size * 3 < capacity * 4 { size <<= 1 }
        if size > slots.count { rehash(to: size) }
    }

    @inline(__always)
    private static func fingerprint(_ hash: UInt64) -> UInt64 {
        let fp = hash >> 32
        return fp == 0 ? 1 : fp
    }

    /// The home slot of a fingerprint in a table of `size` slots (the fingerprint scaled down).
    @inline(__always)
    private static func home(_ fp: UInt64, _ size: Int) -> Int {
        Int(truncatingIfNeeded: (fp &* UInt64(size)) >> 32)
    }

    private mutating func rehash(to size: Int) {
        let old = slots
        slots = Array(repeating: 0, count: size)
        for entry in old where entry != 0 {
            var slot = Self.home(entry >> 32, size)
            while slots[slot] != 0 { slot = slot + 1 == size ? 0 : slot + 1 }
            slots[slot] = entry
        }
    }

    @inline(__always)
    private func slot(of fp: UInt64) -> Int? {
        let size = slots.count
        if size == 0 { return nil }
        var slot = Self.home(fp, size)
        while true {
            let entry = slots[slot]
            if entry == 0 { return nil }
            if entry >> 32 == fp { return slot }
            slot = slot + 1 == size ? 0 : slot + 1
        }
    }

    /// Calls `body` with each number held under `hash`'s fingerprint, in the order inserted.
    @inline(__always)
    func forEach(_ hash: UInt64, _ body: (UInt32) -> Void) {
        guard let slot = slot(of: Self.fingerprint(hash)) else { return }
        let value = UInt32(truncatingIfNeeded: slots[slot])
        if value & Self.listFlag == 0 { body(value) } else { for v in lists[Int(value & ~Self.listFlag)] { body(v) } }
    }

    /// Holds `number` under `hash` (once).
    mutating func insert(_ hash: UInt64, _ number: UInt32) {
        precondition(number & Self.listFlag == 0, "too many entities for the index")
        if (count + 1) * 4 > slots.count * 3 { rehash(to: max(16, slots.count * 2)) }
        let fp = Self.fingerprint(hash), size = slots.count
        var slot = Self.home(fp, size)
        while true {
            let entry = slots[slot]
            if entry == 0 {
                slots[slot] = fp << 32 | UInt64(number)
                count += 1
                return
            }
            if entry >> 32 == fp { break }
            slot = slot + 1 == size ? 0 : slot + 1
        }
        let value = UInt32(truncatingIfNeeded: slots[slot])
        if value & Self.listFlag == 0 {
            if value == number { return }
            let list: [UInt32] = [value, number]
            let index: UInt32
            if let free = freeLists.popLast() {
                lists[Int(free)] = list
                index = free
            } else {
                lists.append(list)
                index = UInt32(lists.count - 1)
            }
            slots[slot] = fp << 32 | UInt64(Self.listFlag | index)
        } else {
            let i = Int(value & ~Self.listFlag)
            if !lists[i].contains(number) { lists[i].append(number) }
        }
    }

    /// The slots and lists as an image holds them (IndexImage.swift).
    var slotsForImage: [UInt64] { slots }
    var listsForImage: [[UInt32]] { lists }

    /// A table from an image's parts; nil unless they hold together: a power-of-two slot count
    /// above the entries, and every list index in range.
    init?(slots: [UInt64], lists: [[UInt32]], count: Int) {
        guard slots.isEmpty || (slots.count >= 16 && slots.count & (slots.count - 1) == 0) else { return nil }
        var used = 0
        for entry in slots where entry != 0 {
            used += 1
            let value = UInt32(truncatingIfNeeded: entry)
            if value & Self.listFlag != 0, Int(value & ~Self.listFlag) >= lists.count { return nil }
        }
        guard used == count, count * 4 <= slots.count * 3 || slots.isEmpty else { return nil }
        self.slots = slots
        self.lists = lists
        self.count = count
        freeLists = lists.indices.filter { lists[$0].isEmpty }.map { UInt32($0) }
    }

    /// A pair for `insertAll`: the hash's fingerprint and the number in one word.
    @inline(__always)
    static func pair(_ hash: UInt64, _ number: UInt32) -> UInt64 {
        fingerprint(hash) << 32 | UInt64(number)
    }

    /// Inserts many pairs (`pair`) at once, in the order of their home slots: one pass over the
    /// table instead of a cache miss per pair, which was a third of a million-name open. A
    /// stable radix sort on the fingerprints keeps the numbers of one fingerprint in the order
    /// given. Empties `pairs`.
    mutating func insertAll(_ pairs: inout [UInt64]) {
        var sorted = [UInt64](repeating: 0, count: pairs.count)
        for shift in stride(from: 32, to: 64, by: 8) {
            var counts = [Int](repeating: 0, count: 257)
            for p in pairs { counts[Int((p >> UInt64(shift)) & 0xff) + 1] += 1 }
            for i in 1..<257 { counts[i] += counts[i - 1] }
            for p in pairs {
                let digit = Int((p >> UInt64(shift)) & 0xff)
                sorted[counts[digit]] = p
                counts[digit] += 1
            }
            swap(&pairs, &sorted)
        }
        sorted = []
        // Room for the distinct fingerprints, not every pair: a key thousands share takes one slot.
        var distinct = 0
        for i in pairs.indices where i == 0 || pairs[i] >> 32 != pairs[i - 1] >> 32 { distinct += 1 }
        reserve(count + distinct)
        // One fingerprint's numbers at a time: a key thousands of people share (a common name)
        // becomes its list at once, instead of each insertion searching the list so far.
        var i = 0
        var run: [UInt32] = []
        while i < pairs.count {
            let fp = pairs[i] >> 32
            var j = i
            run.removeAll(keepingCapacity: true)
            while j < pairs.count, pairs[j] >> 32 == fp {
                let number = UInt32(truncatingIfNeeded: pairs[j])
                // An entity's pairs were gathered together, so its repeats are next to each other.
                if run.last != number { run.append(number) }
                j += 1
            }
            insertRun(fp, run)
            i = j
        }
        pairs = []
    }

    /// Inserts the numbers of one fingerprint: as one new slot (and list) when the fingerprint
    /// is new, one by one otherwise.
    private mutating func insertRun(_ fp: UInt64, _ numbers: [UInt32]) {
        if numbers.count == 1 || slot(of: fp) != nil {
            for n in numbers { insert(fp << 32, n) }
            return
        }
        if (count + 1) * 4 > slots.count * 3 { rehash(to: max(16, slots.count * 2)) }
        var unique = numbers
        if numbers.count <= 8 {
            unique = []
            for n in numbers where !unique.contains(n) { unique.append(n) }
        } else if Set(numbers).count != numbers.count {
            var seen = Set<UInt32>()
            unique = numbers.filter { seen.insert($0).inserted }
        }
        if unique.count == 1 {
            insert(fp << 32, unique[0])
            return
        }
        let index: UInt32
        if let free = freeLists.popLast() {
            lists[Int(free)] = unique
            index = free
        } else {
            lists.append(unique)
            index = UInt32(lists.count - 1)
        }
        let size = slots.count
        var slot = Self.home(fp, size)
        while slots[slot] != 0 { slot = slot + 1 == size ? 0 : slot + 1 }
        slots[slot] = fp << 32 | UInt64(Self.listFlag | index)
        count += 1
    }

    /// Drops `number` from under `hash`, and the slot when nothing is left in it.
    mutating func remove(_ hash: UInt64, _ number: UInt32) {
        let fp = Self.fingerprint(hash)
        guard let slot = slot(of: fp) else { return }
        let value = UInt32(truncatingIfNeeded: slots[slot])
        if value & Self.listFlag != 0 {
            let i = Int(value & ~Self.listFlag)
            lists[i].removeAll { $0 == number }
            if lists[i].count > 1 { return }
            let last = lists[i].first
            lists[i] = []
            freeLists.append(UInt32(i))
            if let last {
                slots[slot] = fp << 32 | UInt64(last)
                return
            }
        } else if value != number {
            return
        }
        // Backward-shift deletion: pull later entries of the probe run into the hole.
        let size = slots.count
        var hole = slot
        var next = hole + 1 == size ? 0 : hole + 1
        while slots[next] != 0 {
            let home = Self.home(slots[next] >> 32, size)
            // The entry at `next` may move into the hole unless its home lies cyclically in (hole, next].
            let fromHome = (next - home + size) % size, fromHole = (next - hole + size) % size
            if fromHome >= fromHole {
                slots[hole] = slots[next]
                hole = next
            }
            next = next + 1 == size ? 0 : next + 1
        }
        slots[hole] = 0
        count -= 1
    }

}

/// Every live entity of the registry, each an encoded record in one byte arena, found by ID or by
/// its number (stable while the entity lives; numbers are not reused until the index is rebuilt).
///
/// A record: ID (1-byte length), display (varint length), display fixed (1 byte), the names
/// (varint count), each: text (varint length), language, script and kind (their index in
/// `allCases`, 1 byte each), source (varint index into the table's sources), keys (1-byte count),
/// each key: kind (1 byte) and value (varint length), or only the kind with `sameValue` set when
/// the value is the previous key's. Reading an entity decodes its record; the
/// index's checks (`hasName`, `postings`) read the bytes in place.
///
/// An entity of more than `largeNames` names is kept decoded instead (`large`): adding a name to
/// it then costs what adding one to a small entity costs, not a decoding and encoding of all its
/// names. Such entities are few (a merge target, a curated person with many spellings).
final class EntityTable {
    // Read and written only under the registry's lock: the runtime's exclusivity checks of
    // each access were a tenth of an open.
    @exclusivity(unchecked) private var arena: [UInt8] = []
    /// Number → offset of the record in `arena`; `gone` once the entity is gone, `decoded` when
    /// it is in `large`.
    @exclusivity(unchecked) private var offsets: [Int] = []
    private var large: [UInt32: Entity] = [:]
    static let largeNames = 32
    private static let gone = -1, decoded = -2
    @exclusivity(unchecked) private var ids = HashMultimap()
    private var sources: [String] = []
    private var sourceCodes: [String: Int] = [:]
    /// IDs of records written from bytes, not yet in `ids` (`endRecords`).
    @exclusivity(unchecked) private var pendingIDs: [UInt64] = []
    /// Where in the arena the value of the key appended last from bytes is.
    private var lastKey = 0..<0
    /// The source of the name appended last from bytes (most rows share one).
    private var lastSource: Int?
    /// Bytes of `arena` no live record uses (replaced or removed records).
    private var garbage = 0
    /// Live entities.
    private(set) var count = 0

    private static let languages = NameLanguage.allCases
    private static let scripts = Script.allCases
    private static let kinds = NameKind.allCases
    private static let keyKinds = NameKey.Kind.allCases
    private static let hanCode = UInt8(Script.allCases.firstIndex(of: .han)!)
    /// Set on a key's kind byte when its value is the previous key's of the same name (a
    /// Vietnamese name's ASCII and Hán-Việt keys, a one-syllable-given Chinese name's ASCII and
    /// syllable keys): the value is not written again.
    static let sameValue: UInt8 = 0x80

    init() {}

    /// A table from an image's parts (IndexImage.swift), checked by the caller.
    init(arena: [UInt8], offsets: [Int], ids: HashMultimap, sources: [String], count: Int) {
        self.arena = arena
        self.offsets = offsets
        self.ids = ids
        self.sources = sources
        for (i, source) in sources.enumerated() { sourceCodes[source] = i }
        self.count = count
    }

    /// The live records in a fresh arena (large entities encoded), their offsets by number
    /// (-1 for the gone), and the sources their codes index: what an image stores.
    func compacted() -> (arena: [UInt8], offsets: [Int], sources: [String]) {
        var fresh: [UInt8] = []
        fresh.reserveCapacity(arena.count - garbage)
        var freshOffsets = [Int](repeating: Self.gone, count: offsets.count)
        for i in offsets.indices where offsets[i] != Self.gone {
            freshOffsets[i] = fresh.count
            if offsets[i] == Self.decoded {
                // Encoded at the end of the live arena, copied, and dropped from it again.
                let start = arena.count
                encode(large[UInt32(i)]!)
                fresh.append(contentsOf: arena[start...])
                arena.removeSubrange(start...)
            } else {
                let start = offsets[i]
                fresh.append(contentsOf: arena[start..<(start + recordLength(at: start))])
            }
        }
        return (fresh, freshOffsets, sources)
    }

    /// The ID table as an image section.
    func idsImage() -> [UInt8] { ids.image() }

    var isEmpty: Bool { count == 0 }

    @inline(__always)
    static func keyKindCode(_ kind: NameKey.Kind) -> UInt8 {
        switch kind {
        case .ascii: 0
        case .syllable: 1
        case .hanviet: 2
        case .reading: 3
        case .spelled: 4
        }
    }

    /// Room for `entities` entities of about `bytes` encoded bytes in all.
    func reserveCapacity(entities: Int, bytes: Int) {
        offsets.reserveCapacity(entities)
        arena.reserveCapacity(bytes)
        ids.reserve(entities)
    }

    /// The entity with this ID, decoded; setting encodes it (nil removes it).
    subscript(id: String) -> Entity? {
        get { number(of: id).flatMap { entity($0) } }
        set {
            if let entity = newValue {
                precondition(entity.id == id, "an entity is stored under its own ID")
                _ = store(entity)
            } else if let number = number(of: id) {
                release(number)
                offsets[Int(number)] = Self.gone
                ids.remove(stableHash(id), number)
                count -= 1
                compactIfWasteful()
            }
        }
    }

    /// Stores the entity (replacing the record of the same ID) and returns its number.
    @discardableResult
    func store(_ entity: Entity) -> UInt32 {
        store(entity, existing: number(of: entity.id))
    }

    /// Stores an entity whose ID the table does not hold (an open reads each ID once): no lookup.
    @discardableResult
    func storeNew(_ entity: Entity) -> UInt32 {
        store(entity, existing: nil)
    }

    private func store(_ entity: Entity, existing: UInt32?) -> UInt32 {
        if let existing { release(existing) }
        let number = existing ?? UInt32(offsets.count)
        let offset: Int
        if entity.names.count > Self.largeNames {
            large[number] = entity
            offset = Self.decoded
        } else {
            offset = arena.count
            encode(entity)
        }
        if existing != nil {
            offsets[Int(number)] = offset
            compactIfWasteful()
        } else {
            offsets.append(offset)
            ids.insert(stableHash(entity.id), number)
            count += 1
        }
        return number
    }

    /// Frees what the live entity `number` holds (its record becomes garbage).
    private func release(_ number: UInt32) {
        forget(number)
        let offset = offsets[Int(number)]
        if offset >= 0 { garbage += recordLength(at: offset) }
        if offset == Self.decoded { large[number] = nil }
    }

    /// True when a live entity has this ID.
    func contains(_ id: String) -> Bool { number(of: id) != nil }

    /// The number of the live entity with this ID.
    func number(of id: String) -> UInt32? {
        var found: UInt32?
        var id = id
        id.withUTF8 { bytes in
            ids.forEach(stableHash(UnsafeRawBufferPointer(bytes))) { number in
                guard found == nil, let offset = liveOffset(number) else { return }
                if offset == Self.decoded ? large[number]!.id.utf8.elementsEqual(bytes) : idMatches(at: offset, bytes) { found = number }
            }
        }
        return found
    }

    /// The ID of the live entity with this number.
    func id(of number: UInt32) -> String? {
        guard let offset = liveOffset(number) else { return nil }
        if offset == Self.decoded { return large[number]!.id }
        let length = Int(arena[offset])
        return arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[(offset + 1)..<(offset + 1 + length)]), as: UTF8.self) }
    }

    /// The live entity with this number, decoded (or as decoded recently).
    func entity(_ number: UInt32) -> Entity? {
        guard let offset = liveOffset(number) else { return nil }
        if offset == Self.decoded { return large[number]! }
        let slot = Int(number) & (Self.recentSize - 1)
        if let hit = recent[slot], hit.number == number { return hit.entity }
        let entity = decode(at: offset)
        recent[slot] = (number, entity)
        return entity
    }

    /// Entities decoded recently, by number (direct-mapped): one resolve reads its entity several
    /// times, and a stream of mentions meets the same people again. A slot is emptied when its
    /// entity is stored or removed.
    @exclusivity(unchecked) private var recent = [(number: UInt32, entity: Entity)?](repeating: nil, count: recentSize)
    private static let recentSize = 1024

    private func forget(_ number: UInt32) {
        let slot = Int(number) & (Self.recentSize - 1)
        if recent[slot]?.number == number { recent[slot] = nil }
    }

    /// Every live entity, decoded one at a time.
    var values: some Sequence<Entity> {
        offsets.indices.lazy.filter { self.offsets[$0] != Self.gone }.map { self.entity(UInt32($0))! }
    }

    /// True when the live entity `number` has a name with exactly this text.
    func hasName(_ number: UInt32, text: UnsafeRawBufferPointer) -> Bool {
        guard let offset = liveOffset(number) else { return false }
        if offset == Self.decoded { return large[number]!.names.contains { $0.text.utf8.elementsEqual(text) } }
        var found = false
        forEachName(at: offset) { name, _ in
            if !found, name.text.count == text.count, memcmp(name.text.baseAddress!, text.baseAddress!, text.count) == 0 { found = true }
        }
        return found
    }

    /// Whether the live entity `number` has a name outside Han and one in Han with this key.
    func postings(_ number: UInt32, kind: UInt8, value: UnsafeRawBufferPointer) -> (latin: Bool, han: Bool) {
        guard let offset = liveOffset(number) else { return (false, false) }
        var latin = false, han = false
        if offset == Self.decoded {
            let kind = Self.keyKinds[Int(kind)]
            for name in large[number]!.names where name.script == .han ? !han : !latin {
                if name.keys.contains(where: { $0.kind == kind && $0.value.utf8.elementsEqual(value) }) {
                    if name.script == .han { han = true } else { latin = true }
                }
            }
            return (latin, han)
        }
        forEachName(at: offset) { name, keys in
            if name.script == Self.hanCode ? han : latin { return }
            var cursor = keys
            // The previous key's value, which a key flagged `sameValue` repeats.
            var start = 0, length = 0
            for _ in 0..<name.keyCount {
                let k = arena[cursor]
                cursor += 1
                if k & Self.sameValue == 0 {
                    length = readVarint(&cursor)
                    start = cursor
                    cursor += length
                }
                if k & ~Self.sameValue == kind, length == value.count,
                   length == 0 || arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + start, value.baseAddress!, length) == 0 }) {
                    if name.script == Self.hanCode { han = true } else { latin = true }
                    break
                }
            }
        }
        return (latin, han)
    }


    // MARK: - Records written from a store's bytes

    /// Starts the record of a new entity (an open reads each ID once) from a store's bytes; the
    /// names follow (`appendName`, then `appendKey` for each of its keys). Returns its number.
    func beginRecord(id: UnsafeRawBufferPointer, display: UnsafeRawBufferPointer, fixed: Bool, names: Int) -> UInt32 {
        precondition(id.count < 256, "an entity ID is at most 255 bytes")
        let number = UInt32(offsets.count)
        offsets.append(arena.count)
        pendingIDs.append(HashMultimap.pair(stableHash(id), number))
        count += 1
        arena.append(UInt8(id.count))
        arena.append(contentsOf: id)
        appendVarint(display.count)
        arena.append(contentsOf: display)
        arena.append(fixed ? 1 : 0)
        appendVarint(names)
        return number
    }

    /// Makes the records written from bytes findable by ID: call once after the last.
    func endRecords() {
        ids.insertAll(&pendingIDs)
    }

    /// Appends a name to the record begun last, its codes already read (`CodeReader`).
    func appendName(text: UnsafeRawBufferPointer, codes: (UInt8, UInt8, UInt8), source: String, keys: Int) {
        appendVarint(text.count)
        arena.append(contentsOf: text)
        arena.append(codes.0)
        arena.append(codes.1)
        arena.append(codes.2)
        if let last = lastSource, sources[last] == source {
            appendVarint(last)
        } else {
            let code = sourceCode(source)
            lastSource = code
            appendVarint(code)
        }
        precondition(keys < 256, "a name has at most 255 keys")
        arena.append(UInt8(keys))
    }

    /// Appends a key to the name appended last (`first`: the name's first key).
    func appendKey(kind: UInt8, value: UnsafeRawBufferPointer, first: Bool) {
        if !first, lastKey.count == value.count,
           value.isEmpty || arena.withUnsafeBufferPointer({ memcmp($0.baseAddress! + lastKey.lowerBound, value.baseAddress!, value.count) == 0 }) {
            arena.append(kind | Self.sameValue)
            return
        }
        arena.append(kind)
        appendVarint(value.count)
        lastKey = arena.count..<(arena.count + value.count)
        arena.append(contentsOf: value)
    }

    // MARK: - Records

    @inline(__always)
    private func liveOffset(_ number: UInt32) -> Int? {
        let i = Int(number)
        guard i < offsets.count else { return nil }
        let offset = offsets[i]
        return offset != Self.gone ? offset : nil
    }

    private func idMatches(at offset: Int, _ id: UnsafeBufferPointer<UInt8>) -> Bool {
        let length = Int(arena[offset])
        guard length == id.count else { return false }
        return arena.withUnsafeBufferPointer { memcmp($0.baseAddress! + offset + 1, id.baseAddress!, length) == 0 }
    }

    private func compactIfWasteful() {
        guard garbage > 1 << 16, garbage * 2 > arena.count else { return }
        var fresh: [UInt8] = []
        fresh.reserveCapacity(arena.count - garbage)
        for i in offsets.indices where offsets[i] >= 0 {
            let start = offsets[i], length = recordLength(at: start)
            offsets[i] = fresh.count
            fresh.append(contentsOf: arena[start..<(start + length)])
        }
        arena = fresh
        garbage = 0
    }

    @inline(__always)
    private func readVarint(_ cursor: inout Int) -> Int {
        var value = 0, shift = 0
        while true {
            let b = arena[cursor]
            cursor += 1
            value |= Int(b & 0x7f) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }

    private func appendVarint(_ value: Int) {
        var v = value
        while v >= 0x80 {
            arena.append(UInt8(v & 0x7f) | 0x80)
            v >>= 7
        }
        arena.append(UInt8(v))
    }

    private func appendText(_ text: String) {
        var text = text
        text.withUTF8 { bytes in
            appendVarint(bytes.count)
            arena.append(contentsOf: bytes)
        }
    }

    private func sourceCode(_ source: String) -> Int {
        if let code = sourceCodes[source] { return code }
        sources.append(source)
        sourceCodes[source] = sources.count - 1
        return sources.count - 1
    }

    private func encode(_ entity: Entity) {
        var id = entity.id
        id.withUTF8 { bytes in
            precondition(bytes.count < 256, "an entity ID is at most 255 bytes")
            arena.append(UInt8(bytes.count))
            arena.append(contentsOf: bytes)
        }
        appendText(entity.display)
        arena.append(entity.displayFixed ? 1 : 0)
        appendVarint(entity.names.count)
        for name in entity.names {
            appendText(name.text)
            arena.append(UInt8(Self.languages.firstIndex(of: name.language)!))
            arena.append(UInt8(Self.scripts.firstIndex(of: name.script)!))
            arena.append(UInt8(Self.kinds.firstIndex(of: name.kind)!))
            appendVarint(sourceCode(name.source))
            precondition(name.keys.count < 256, "a name has at most 255 keys")
            arena.append(UInt8(name.keys.count))
            for (i, key) in name.keys.enumerated() {
                if i > 0, name.keys[i - 1].value.utf8.elementsEqual(key.value.utf8) {
                    arena.append(Self.keyKindCode(key.kind) | Self.sameValue)
                } else {
                    arena.append(Self.keyKindCode(key.kind))
                    appendText(key.value)
                }
            }
        }
    }

    private func readText(_ cursor: inout Int) -> String {
        let length = readVarint(&cursor)
        let start = cursor
        cursor += length
        return arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[start..<(start + length)]), as: UTF8.self) }
    }

    private func decode(at offset: Int) -> Entity {
        var cursor = offset
        let idLength = Int(arena[cursor])
        let id = arena.withUnsafeBufferPointer { String(decoding: UnsafeBufferPointer(rebasing: $0[(cursor + 1)..<(cursor + 1 + idLength)]), as: UTF8.self) }
        cursor += 1 + idLength
        let display = readText(&cursor)
        let fixed = arena[cursor] != 0
        cursor += 1
        let nameCount = readVarint(&cursor)
        var names: [StoredName] = []
        names.reserveCapacity(nameCount)
        for _ in 0..<nameCount {
            let text = readText(&cursor)
            let language = Self.languages[Int(arena[cursor])]
            let script = Self.scripts[Int(arena[cursor + 1])]
            let kind = Self.kinds[Int(arena[cursor + 2])]
            cursor += 3
            let source = sources[readVarint(&cursor)]
            let keyCount = Int(arena[cursor])
            cursor += 1
            var keys: [NameKey] = []
            keys.reserveCapacity(keyCount)
            for _ in 0..<keyCount {
                let code = arena[cursor]
                cursor += 1
                let kind = Self.keyKinds[Int(code & ~Self.sameValue)]
                keys.append(NameKey(kind, code & Self.sameValue != 0 ? keys[keys.count - 1].value : readText(&cursor)))
            }
            names.append(StoredName(text: text, language: language, script: script, kind: kind, source: source, keys: keys))
        }
        return Entity(id: id, display: display, displayFixed: fixed, names: names)
    }

    /// The length in bytes of the record at `offset`.
    private func recordLength(at offset: Int) -> Int {
        forEachName(at: offset) { _, _ in } - offset
    }

    private struct NameView {
        var text: UnsafeRawBufferPointer
        var script: UInt8
        var keyCount: Int
    }

    /// Walks the names of the record at `offset`: each name's text (valid inside `body` only),
    /// script code and key count, and the offset of its keys. Returns the offset past the record.
    @discardableResult
    private func forEachName(at offset: Int, _ body: (NameView, Int) -> Void) -> Int {
        arena.withUnsafeBytes { raw in
            var cursor = offset
            cursor += 1 + Int(raw[cursor])
            cursor += readVarint(raw, &cursor)
            cursor += 1
            let nameCount = readVarint(raw, &cursor)
            for _ in 0..<nameCount {
                let length = readVarint(raw, &cursor)
                let text = UnsafeRawBufferPointer(rebasing: raw[cursor..<(cursor + length)])
                cursor += length
                let script = raw[cursor + 1]
                cursor += 3
                _ = readVarint(raw, &cursor)
                let keyCount = Int(raw[cursor])
                cursor += 1
                let keys = cursor
                for _ in 0..<keyCount {
                    let code = raw[cursor]
                    cursor += 1
                    if code & Self.sameValue == 0 { cursor += readVarint(raw, &cursor) }
                }
                body(NameView(text: text, script: script, keyCount: keyCount), keys)
            }
            return cursor
        }
    }

    @inline(__always)
    private func readVarint(_ raw: UnsafeRawBufferPointer, _ cursor: inout Int) -> Int {
        var value = 0, shift = 0
        while true {
            let b = raw[cursor]
            cursor += 1
            value |= Int(b & 0x7f) << shift
            if b < 0x80 { return value }
            shift += 7
        }
    }
}

/// The exact-text index: a name's text → the live entities with a name of exactly that text.
struct ExactIndex {
    let table: EntityTable
    var map = HashMultimap()

    init(table: EntityTable) {
        self.table = table
    }

    /// The IDs of the live entities with a name of exactly this text, nil when none.
    subscript(text: String) -> [String]? {
        var text = text
        var ids: [String] = []
        text.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            map.forEach(stableHash(raw)) { number in
                if table.hasName(number, text: raw), let id = table.id(of: number) { ids.append(id) }
            }
        }
        return ids.isEmpty ? nil : ids
    }

    mutating func insert(_ text: String, _ number: UInt32) {
        map.insert(stableHash(text), number)
    }

    mutating func remove(_ text: String, _ number: UInt32) {
        map.remove(stableHash(text), number)
    }
}

/// The key index: a key → the live entities with a name that has it, each once for its names
/// outside Han and once for its Han names (Hán-Việt keys only match across Han and Latin).
struct KeyIndex {
    let table: EntityTable
    var map = HashMultimap()

    init(table: EntityTable) {
        self.table = table
    }

    var isEmpty: Bool { map.isEmpty }

    /// The postings of the key, nil when none.
    subscript(key: NameKey) -> [Registry.Posting]? {
        var value = key.value
        let kind = EntityTable.keyKindCode(key.kind)
        var postings: [Registry.Posting] = []
        value.withUTF8 { bytes in
            let raw = UnsafeRawBufferPointer(bytes)
            map.forEach(stableHash(raw, seed: kind &+ 1)) { number in
                let found = table.postings(number, kind: kind, value: raw)
                guard found.latin || found.han, let id = table.id(of: number) else { return }
                if found.latin { postings.append(Registry.Posting(entity: id, han: false)) }
                if found.han { postings.append(Registry.Posting(entity: id, han: true)) }
            }
        }
        return postings.isEmpty ? nil : postings
    }

    mutating func insert(_ key: NameKey, _ number: UInt32) {
        map.insert(stableHash(key), number)
    }

    mutating func remove(_ key: NameKey, _ number: UInt32) {
        map.remove(stableHash(key), number)
    }
}

/// Reads a stored code (`vi`, `Latn`, `primary`) into its index in a type's `allCases`, the
/// byte a record holds; an unknown code reads as the fallback. Remembers the last code read, as
/// rows mostly repeat it.
struct CodeReader {
    private let codes: [[UInt8]]
    private let fallback: UInt8
    private var last: (bytes: [UInt8], code: UInt8)?

    init<T: RawRepresentable<String> & CaseIterable & Equatable>(_ cases: T.AllCases, _ fallback: T) where T.AllCases == [T] {
        codes = cases.map { Array($0.rawValue.utf8) }
        self.fallback = UInt8(cases.firstIndex(of: fallback)!)
    }

    mutating func code(_ bytes: UnsafeRawBufferPointer) -> UInt8 {
        if let last, last.bytes.elementsEqual(bytes) { return last.code }
        let code = codes.firstIndex { $0.elementsEqual(bytes) }.map { UInt8($0) } ?? fallback
        last = (Array(bytes), code)
        return code
    }
}
