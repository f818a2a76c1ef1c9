import Foundation

/// A dictionary with a size bound, shared across threads: names and their words repeat
/// heavily in real data, so NameCanon remembers recent answers instead of recomputing them.
/// When a shard is full it starts over, which keeps the cost per lookup constant and memory
/// bounded. The entries are spread over 16 shards with a lock each: a cache hit costs less
/// than a contended lock, so one lock would serialize every worker thread.
///
/// A key is hashed once per call: the shard and the shard's dictionary both use that hash
/// (hashing a non-ASCII name checks its normalization, hundreds of instructions a time).
final class BoundedCache<Key: Hashable, Value>: @unchecked Sendable {
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

    init(limit: Int) {
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
    func value(for key: Key, compute: () throws -> Value) rethrows -> Value {
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
