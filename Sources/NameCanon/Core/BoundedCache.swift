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

    func set(_ key: Key, _ value: Value) {
        lock.lock()
        defer { lock.unlock() }
        if storage.count >= limit { storage.removeAll(keepingCapacity: true) }
        storage[key] = value
    }
}
