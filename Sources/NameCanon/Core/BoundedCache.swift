import Foundation

/// A dictionary with a size bound, shared across threads: names and their words repeat
/// heavily in real data, so NameCanon remembers recent answers instead of recomputing them.
/// When a shard is full it starts over, which keeps the cost per lookup constant and memory
/// bounded. The entries are spread over 16 shards with a lock each: a cache hit costs less
/// than a contended lock, so one lock would serialize every worker thread.
///
/// A key is hashed once per call: the shard and the shard's dictionary both use that hash
/// (hashing a non-ASCII name checks its normalization, hundreds of instructions a time).
package final class BoundedCache<Key: Hashable, Value>: @unchecked Sendable {
    /// A key with its hash worked out once; the dictionary hashes the number.
    private struct Hashed: Hashable {
        let key: Key
        let hash: Int
        static func == (a: Hashed, b: Hashed) -> Bool { a.hash == b.hash && a.key == b.key }
        func hash(into hasher: inout Hasher) { hasher.combine(hash) }
    }

    private final class Shard {
        var storage: [Hashed: Value] = [:]
        let lock = NSLock()
    }

    private static var shardCount: Int { 16 }
    private let shards: [Shard]
    private let limitPerShard: Int

    package init(limit: Int) {
        limitPerShard = limit == 0 ? 0 : max(1, limit / Self.shardCount)
        shards = (0..<Self.shardCount).map { _ in Shard() }
    }

    @inline(__always)
    private func shard(_ key: Hashed) -> Shard { shards[key.hash & (Self.shardCount - 1)] }

    func get(_ key: Key) -> Value? {
        if limitPerShard == 0 { return nil }
        return get(Hashed(key: key, hash: key.hashValue))
    }

    private func get(_ key: Hashed) -> Value? {
        let s = shard(key)
        s.lock.lock()
        defer { s.lock.unlock() }
        return s.storage[key]
    }

    /// The cached value for `key`, computing and remembering it when absent. The computation
    /// runs outside the lock: two threads may both compute a value, and either may be kept.
    package func value(for key: Key, compute: () throws -> Value) rethrows -> Value {
        if limitPerShard == 0 { return try compute() }
        let hashed = Hashed(key: key, hash: key.hashValue)
        if let cached = get(hashed) { return cached }
        let value = try compute()
        set(hashed, value)
        return value
    }

    func set(_ key: Key, _ value: Value) {
        if limitPerShard == 0 { return }
        set(Hashed(key: key, hash: key.hashValue), value)
    }

    private func set(_ key: Hashed, _ value: Value) {
        let s = shard(key)
        s.lock.lock()
        defer { s.lock.unlock() }
        if s.storage.count >= limitPerShard { s.storage.removeAll(keepingCapacity: true) }
        s.storage[key] = value
    }
}

/// Text as a cache key that is equal only to the same bytes. `String`'s own equality is
/// canonical equivalence: a name written decomposed (e + U+0302 + U+0303) would find the answer
/// for its composed twin, whose `input` is other bytes. Hashing the bytes also skips the
/// normalization check `String` hashing makes for text past ASCII.
public struct ExactText: Hashable, Sendable {
    /// The text.
    public let text: String

    /// The key for `text`.
    public init(_ text: String) { self.text = text }

    /// Equal when the UTF-8 bytes are.
    public static func == (a: ExactText, b: ExactText) -> Bool {
        var x = a.text, y = b.text
        return x.withUTF8 { p in
            y.withUTF8 { q in p.count == q.count && (p.count == 0 || memcmp(p.baseAddress!, q.baseAddress!, p.count) == 0) }
        }
    }

    /// Hashes the UTF-8 bytes.
    public func hash(into hasher: inout Hasher) {
        var text = text
        text.withUTF8 { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}

/// Rows remembered for input text, for the commands that write the same row for the same
/// input line: keys are the exact bytes, rows are UTF-8 bytes. Kept in a `WordTable` (bounded,
/// sharded locks), so a line read as bytes is asked about before any `String` is made of it.
public final class RowMemo: @unchecked Sendable {
    private final class Row {
        let bytes: [UInt8]
        init(_ bytes: [UInt8]) { self.bytes = bytes }
    }
    private let table: WordTable<Row>

    /// A memo of at most about `limit` rows; 0 remembers nothing.
    public init(limit: Int) { table = WordTable(limit: limit) }

    /// The row remembered for `key`, computing and remembering it when absent (an error is
    /// thrown, not remembered).
    public func row(for key: String, compute: () throws -> [UInt8]) rethrows -> [UInt8] {
        try table.value(key) { Row(try compute()) }.bytes
    }

    /// The row remembered for the text whose UTF-8 is `utf8`, computing and remembering it
    /// when absent: a line read as bytes is asked about before any `String` is made of it.
    public func row(forUTF8 utf8: ArraySlice<UInt8>, compute: () throws -> [UInt8]) rethrows -> [UInt8] {
        try utf8.withUnsafeBufferPointer { bytes in try table.value(bytes) { Row(try compute()) } }.bytes
    }
}
