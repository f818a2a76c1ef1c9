import Foundation
import NameCanon

// The registry's index, stored (issue 12: "open under 1 s"). Rebuilding the index of a
// million names from their rows takes about two seconds however lean the reading is; its image
// (the entity table's arena and the three hash tables, as they are in memory) is read back in a
// fraction of that. An image is taken at one change-log sequence number: the open reads it and
// then catches up through the change log like any process that has fallen behind, so an image
// never needs to be current, only not too old (past `Registry.catchUpReloadThreshold` changes,
// the open rebuilds the index from the rows instead). An image of another format or of keys of
// another engine version is never used.

/// An index image in sections of bytes, with what says whether it may be used.
struct IndexImage {
    /// The layout of the sections and records; an image of another format is ignored (and
    /// rewritten by the next `registry index`). 2: a key repeating the previous key's value is
    /// written as its kind alone.
    static let format = 2

    /// The sequence number of the last change the image includes.
    var sequence: Int64
    /// `NameCanonVersion.keys` of the engine whose keys the image holds.
    var keyVersion: String
    /// Section name → bytes, in the machine's byte order (an image is only used on a
    /// little-endian machine, as every machine Swift runs on today is).
    var sections: [String: [UInt8]]

    static var machineCanUseImages: Bool { 1.littleEndian == 1 }

    /// A checksum of a section's bytes (8 bytes at a time), so a damaged image is refused
    /// rather than read.
    static func checksum(_ bytes: [UInt8]) -> Int64 {
        bytes.withUnsafeBytes { raw in
            var h: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(raw.count)
            var i = 0
            while i + 8 <= raw.count {
                h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* 0x0000_0100_0000_01b3
                h ^= h >> 29
                i += 8
            }
            while i < raw.count {
                h = (h ^ UInt64(raw[i])) &* 0x0000_0100_0000_01b3
                i += 1
            }
            return Int64(bitPattern: h)
        }
    }
}

/// Appends and reads the plain values of an image section.
struct ImageWriter {
    var bytes: [UInt8] = []

    mutating func int(_ value: Int) {
        withUnsafeBytes(of: Int64(value).littleEndian) { bytes.append(contentsOf: $0) }
    }

    mutating func array<T: FixedWidthInteger>(_ values: [T]) {
        int(values.count)
        values.withUnsafeBytes { bytes.append(contentsOf: $0) }
    }

    mutating func text(_ value: String) {
        int(value.utf8.count)
        bytes.append(contentsOf: value.utf8)
    }
}

/// Reads what `ImageWriter` wrote; every read is bounds-checked, and a short or malformed
/// section reads as nil.
struct ImageReader {
    let bytes: [UInt8]
    var cursor = 0

    init(_ bytes: [UInt8]) {
        self.bytes = bytes
    }

    var atEnd: Bool { cursor == bytes.count }

    mutating func int() -> Int? {
        guard cursor + 8 <= bytes.count else { return nil }
        let value = bytes.withUnsafeBytes { Int64(littleEndian: $0.loadUnaligned(fromByteOffset: cursor, as: Int64.self)) }
        cursor += 8
        return Int(exactly: value)
    }

    mutating func array<T: FixedWidthInteger>(_: T.Type) -> [T]? {
        guard let count = int(), count >= 0, count <= (bytes.count - cursor) / MemoryLayout<T>.size else { return nil }
        let start = cursor
        cursor += count * MemoryLayout<T>.size
        return [T](unsafeUninitializedCapacity: count) { buffer, initialized in
            bytes.withUnsafeBytes { raw in
                UnsafeMutableRawBufferPointer(buffer).copyMemory(from: UnsafeRawBufferPointer(rebasing: raw[start..<(start + count * MemoryLayout<T>.size)]))
            }
            initialized = count
        }
    }

    mutating func text() -> String? {
        guard let count = int(), count >= 0, count <= bytes.count - cursor else { return nil }
        defer { cursor += count }
        return String(decoding: bytes[cursor..<(cursor + count)], as: UTF8.self)
    }
}

extension HashMultimap {
    /// The table as one image section: count, slots, and the overflow lists.
    func image() -> [UInt8] {
        var writer = ImageWriter()
        writer.int(count)
        writer.array(slotsForImage)
        writer.int(listsForImage.count)
        for list in listsForImage { writer.array(list) }
        return writer.bytes
    }

    /// The table an image section holds; nil when the section is malformed (a slot count that is
    /// not a power of two, a list index out of range, more entries than slots).
    init?(image bytes: [UInt8]) {
        var reader = ImageReader(bytes)
        guard let count = reader.int(), let slots = reader.array(UInt64.self), let listCount = reader.int(),
              listCount >= 0, listCount <= bytes.count else { return nil }
        var lists: [[UInt32]] = []
        lists.reserveCapacity(listCount)
        for _ in 0..<listCount {
            guard let list = reader.array(UInt32.self) else { return nil }
            lists.append(list)
        }
        guard reader.atEnd else { return nil }
        self.init(slots: slots, lists: lists, count: count)
    }
}

extension EntityTable {
    /// The table as image sections: every live entity's record in a fresh arena (large entities
    /// encoded too, so the image is one layout), their offsets by number, the sources, and the
    /// ID table.
    func imageSections() -> [String: [UInt8]] {
        var writer = ImageWriter()
        let (arena, offsets, sources) = compacted()
        writer.int(count)
        writer.array(offsets.map { Int64($0) })
        writer.int(sources.count)
        for source in sources { writer.text(source) }
        return ["entities": writer.bytes, "arena": arena, "ids": idsImage()]
    }

    /// The table image sections hold; nil when they are missing or malformed.
    static func fromImage(_ sections: [String: [UInt8]]) -> EntityTable? {
        guard let entities = sections["entities"], let arena = sections["arena"], let idBytes = sections["ids"],
              let ids = HashMultimap(image: idBytes) else { return nil }
        var reader = ImageReader(entities)
        guard let count = reader.int(), let offsets = reader.array(Int64.self), let sourceCount = reader.int(),
              sourceCount >= 0, sourceCount <= entities.count else { return nil }
        var sources: [String] = []
        for _ in 0..<sourceCount {
            guard let source = reader.text() else { return nil }
            sources.append(source)
        }
        guard reader.atEnd, count == offsets.filter({ $0 >= 0 }).count,
              offsets.allSatisfy({ $0 == -1 || (0..<Int64(arena.count)).contains($0) }) else { return nil }
        return EntityTable(arena: arena, offsets: offsets.map { Int($0) }, ids: ids, sources: sources, count: count)
    }
}

extension Registry {
    /// Stores the index's image in the store (SQLite only), so the next open reads it instead of
    /// rebuilding the index from every row. Taken inside a group commit after catching up, so the
    /// image is exactly the store at its sequence number and no other process writes meanwhile.
    /// Returns that sequence number and the image's size in bytes, or nil for a store that keeps
    /// no image (PostgreSQL: its open reads one row a name, gathered by the server; a SQLite store
    /// in memory, never opened again).
    ///
    /// `registry import` stores one at its end, and `registry index` on demand.
    @discardableResult
    public func storeIndexImage() throws -> (sequence: Int64, bytes: Int)? {
        guard let sqlite = store as? SQLiteStore, sqlite.location != ":memory:", IndexImage.machineCanUseImages else { return nil }
        return try grouped { () throws -> (sequence: Int64, bytes: Int) in
            var sections = entities.imageSections()
            sections["exact"] = exact.map.image()
            sections["keys"] = postings.map.image()
            let image = IndexImage(sequence: lastSeen, keyVersion: NameCanonVersion.keys, sections: sections)
            try sqlite.saveIndexImage(image)
            return (lastSeen, sections.values.reduce(0) { $0 + $1.count })
        }
    }

    /// Replaces the index with the store's image, when it has one this engine can use. Returns
    /// false (the index untouched) when there is none. Call with the lock held; the caller
    /// catches up through the change log after it.
    func replaceIndexFromImage(_ sqlite: SQLiteStore) throws(RegistryError) -> Bool {
        guard IndexImage.machineCanUseImages,
              let image = try sqlite.loadIndexImage(keyVersion: NameCanonVersion.keys),
              let table = EntityTable.fromImage(image.sections),
              let exactBytes = image.sections["exact"], let exactMap = HashMultimap(image: exactBytes),
              let keyBytes = image.sections["keys"], let keyMap = HashMultimap(image: keyBytes) else { return false }
        indexGeneration &+= 1
        fuzzyIndex = nil
        entities = table
        exact = ExactIndex(table: table)
        exact.map = exactMap
        postings = KeyIndex(table: table)
        postings.map = keyMap
        lastSeen = image.sequence
        return true
    }
}
