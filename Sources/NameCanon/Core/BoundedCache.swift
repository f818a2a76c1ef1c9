import Foundation

/// A dictionary with a size bound, shared across threads: names and their words repeat
/// heavily in real data, so NameCanon remembers recent answers instead of recomputing them.
/// When a shard is full it starts over, which keeps the cost per lookup constant and memory
/// bounded. The entries are spread over 16 shards with a lock each: a cache hit costs less
/// than a contended lock, so one lock would serialize every worker thread.
final class BoundedCache<Key: Hashable, Value>: @unchecked Sendable {
    private final class Shard {
        var storage: [Key: Value] = [:]
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
    private func shard(_ key: Key) -> Shard { shards[key.hashValue & (Self.shardCount - 1)] }

    func get(_ key: Key) -> Value? {
        if limitPerShard == 0 { return nil }
        let s = shard(key)
        s.lock.lock()
        defer { s.lock.unlock() }
        return s.storage[key]
    }

    /// The cached value for `key`, computing and remembering it when absent. The computation
    /// runs outside the lock: two threads may both compute a value, and either may be kept.
    func value(for key: Key, compute: () throws -> Value) rethrows -> Value {
        if let cached = get(key) { return cached }
        let value = try compute()
        set(key, value)
        return value
    }

    func set(_ key: Key, _ value: Value) {
        if limitPerShard == 0 { return }
        let s = shard(key)
        s.lock.lock()
        defer { s.lock.unlock() }
        if s.storage.count >= limitPerShard { s.storage.removeAll(keepingCapacity: true) }
        s.storage[key] = value
    }
}
