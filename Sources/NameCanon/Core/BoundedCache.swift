import Foundation

/// A dictionary with a size bound, shared across threads: names and their words repeat
/// heavily in real data, so NameCanon remembers recent answers instead of recomputing them.
/// When full it starts over, which keeps the cost per lookup constant and memory bounded.
final class BoundedCache<Key: Hashable, Value>: @unchecked Sendable {
    private var storage: [Key: Value] = [:]
    private let lock = NSLock()
    private let limit: Int

    init(limit: Int) {
        self.limit = limit
        storage.reserveCapacity(min(limit, 4096))
    }

    func get(_ key: Key) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        return storage[key]
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
        if limit == 0 { return }
        lock.lock()
        defer { lock.unlock() }
        if storage.count >= limit { storage.removeAll(keepingCapacity: true) }
        storage[key] = value
    }
}
