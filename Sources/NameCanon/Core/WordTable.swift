import Foundation

/// Values remembered by the bytes of their key: Latin words (`NameCanon.latinWord`, asked three
/// or four times a name), Han characters by their scalar, pinyin readings, the rows of
/// repeated input lines. A lookup must cost little more than hashing the key. `BoundedCache`
/// hashes a `String` key with SipHash twice and takes a `String` to ask; this table hashes the
/// bytes once (FNV-1a), probes an open-addressing array, and compares the bytes with the
/// remembered key's, so a word inside a line is looked up without making a `String` of it.
///
/// Bounded like `BoundedCache`: 16 shards with a lock each, and a shard that fills up starts
/// over. A word is computed outside the lock; two threads may both compute it.
final class WordTable<Value: AnyObject>: @unchecked Sendable {
    private struct Slot {
        var hash: UInt64 = 0
        var bytes: [UInt8] = []
        var value: Value? = nil
    }

    /// A shard's slots grow with its words (a one-name run allocates next to nothing), to
    /// at most twice its limit: at most half full, probes stay short.
    /// (Touched only under the shard's lock: the runtime's exclusivity checks are skipped.)
    private final class Shard {
        @exclusivity(unchecked) var slots: [Slot] = []
        @exclusivity(unchecked) var mask = 0
        @exclusivity(unchecked) var count = 0
        let lock = NSLock()
    }

    private static var shardCount: Int { 16 }
    private let shards: [Shard]
    private let limitPerShard: Int

    /// A table of about `limit` words; 0 remembers nothing.
    init(limit: Int) {
        limitPerShard = limit == 0 ? 0 : max(1, limit / Self.shardCount)
        shards = (0..<Self.shardCount).map { _ in Shard() }
    }

    /// FNV-1a over the bytes.
    @inline(__always)
    static func hash(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in bytes { h = (h ^ UInt64(b)) &* 0x0000_0100_0000_01B3 }
        return h
    }

    /// The value remembered for `key`'s UTF-8, or `make`'s (as `value(_:make:)` on bytes).
    func value(_ key: String, make: () throws -> Value) rethrows -> Value {
        var key = key
        return try key.withUTF8 { try value($0, make: make) }
    }

    /// The value remembered for a scalar (its four bytes as the key), or `make`'s.
    func value(_ scalar: Unicode.Scalar, make: () throws -> Value) rethrows -> Value {
        try withUnsafeBytes(of: scalar.value) { try value($0.bindMemory(to: UInt8.self), make: make) }
    }

    /// The value remembered for `bytes`, or `make`'s value for them (remembered; when `make`
    /// throws, nothing is).
    func value(_ bytes: UnsafeBufferPointer<UInt8>, make: () throws -> Value) rethrows -> Value {
        if limitPerShard == 0 { return try make() }
        let h = Self.hash(bytes)
        let shard = shards[Int(truncatingIfNeeded: h >> 60)]
        shard.lock.lock()
        if let found = find(shard, h, bytes) {
            shard.lock.unlock()
            return found
        }
        shard.lock.unlock()
        let made = try make()
        shard.lock.lock()
        defer { shard.lock.unlock() }
        if find(shard, h, bytes) == nil {
            if shard.count >= limitPerShard {
                for i in shard.slots.indices { shard.slots[i] = Slot() }
                shard.count = 0
            }
            if (shard.count + 1) * 2 > shard.slots.count { grow(shard) }
            place(shard, Slot(hash: h, bytes: Array(bytes), value: made))
            shard.count += 1
        }
        return made
    }

    private func place(_ shard: Shard, _ slot: Slot) {
        var i = Int(truncatingIfNeeded: slot.hash) & shard.mask
        while shard.slots[i].value != nil { i = (i + 1) & shard.mask }
        shard.slots[i] = slot
    }

    /// Doubles a shard's slots (from 16) and places its words again.
    private func grow(_ shard: Shard) {
        let old = shard.slots
        let capacity = max(16, old.count * 2)
        shard.slots = Array(repeating: Slot(), count: capacity)
        shard.mask = capacity - 1
        for slot in old where slot.value != nil { place(shard, slot) }
    }

    @inline(__always)
    private func find(_ shard: Shard, _ h: UInt64, _ bytes: UnsafeBufferPointer<UInt8>) -> Value? {
        if shard.slots.isEmpty { return nil }
        var i = Int(truncatingIfNeeded: h) & shard.mask
        while let value = shard.slots[i].value {
            if shard.slots[i].hash == h, shard.slots[i].bytes.withUnsafeBufferPointer({ b in
                b.count == bytes.count && (b.count == 0 || memcmp(b.baseAddress!, bytes.baseAddress!, b.count) == 0)
            }) {
                return value
            }
            i = (i + 1) & shard.mask
        }
        return nil
    }
}
