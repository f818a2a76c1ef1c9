import Foundation

/// One table keyed by a Unicode scalar as `scripts/embed_rules.py` compiles it: the keys as six
/// upper-case hex digits each, sorted; per key the start of its value in `values` (six hex
/// digits, one more at the end). Everything lives in static strings, so an engine starts
/// without reading a row, and a lookup is a binary search over the key digits.
struct CompiledScalarTable: Sendable {
    let path: StaticString
    let count: Int
    let keys: StaticString
    let offsets: StaticString
    let values: StaticString

    @inline(__always)
    static func hex(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt32 {
        var v: UInt32 = 0
        var j = i &* 6
        let end = j &+ 6
        while j < end {
            let c = text[j]
            v = v &<< 4 | UInt32(c <= 0x39 ? c &- 0x30 : c &- 0x37)
            j &+= 1
        }
        return v
    }

    /// The six digits of key `i` as one number, first digit highest: upper-case hex digits sort
    /// as their values do, so these numbers sort as the keys do and need no decoding.
    @inline(__always)
    static func packed(_ text: UnsafeBufferPointer<UInt8>, _ i: Int) -> UInt64 {
        let p = text.baseAddress! + i &* 6
        return UInt64(p[0]) &<< 40 | UInt64(p[1]) &<< 32 | UInt64(p[2]) &<< 24
            | UInt64(p[3]) &<< 16 | UInt64(p[4]) &<< 8 | UInt64(p[5])
    }

    /// `value` written as the keys are (six upper-case hex digits), packed as `packed` reads them.
    @inline(__always)
    static func packed(_ value: UInt32) -> UInt64 {
        var v: UInt64 = 0
        var shift: UInt32 = 20
        for _ in 0..<6 {
            let d = UInt8((value >> shift) & 0xF)
            v = v &<< 8 | UInt64(d < 10 ? d &+ 0x30 : d &+ 0x37)
            shift &-= 4
        }
        return v
    }

    /// The position of `scalar` among the keys, or nil.
    func index(of scalar: Unicode.Scalar) -> Int? {
        let target = Self.packed(scalar.value)
        return keys.withUTF8Buffer { k -> Int? in
            var lo = 0, hi = count
            while lo < hi {
                let mid = (lo &+ hi) >> 1
                let v = Self.packed(k, mid)
                if v == target { return mid }
                if v < target { lo = mid &+ 1 } else { hi = mid }
            }
            return nil
        }
    }

    func key(at i: Int) -> Unicode.Scalar {
        keys.withUTF8Buffer { Unicode.Scalar(Self.hex($0, i))! }
    }

    /// The value bytes of the key at `i`, decoded by `decode`.
    func value<Value: CompiledValue>(at i: Int, as: Value.Type = Value.self) -> Value {
        let (start, end) = offsets.withUTF8Buffer { (Int(Self.hex($0, i)), Int(Self.hex($0, i &+ 1))) }
        return values.withUTF8Buffer { Value.decode(UnsafeBufferPointer(rebasing: $0[start..<end])) }
    }
}

/// What a compiled table's value text decodes to.
protocol CompiledValue: Sendable {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Self
}

extension String: CompiledValue {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> String { String(decoding: bytes, as: UTF8.self) }
}

extension Int: CompiledValue {
    /// A non-negative decimal number.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var n = 0
        for b in bytes { n = n &* 10 &+ Int(b &- 0x30) }
        return n
    }
}

extension Unicode.Scalar: CompiledValue {
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> Unicode.Scalar {
        String(decoding: bytes, as: UTF8.self).unicodeScalars.first!
    }
}

extension Array: CompiledValue where Element == String {
    /// A comma-separated list; embed_rules.py refuses lists with empty or comma-holding items.
    static func decode(_ bytes: UnsafeBufferPointer<UInt8>) -> [String] {
        var out: [String] = []
        var start = 0
        for i in 0...bytes.count where i == bytes.count || bytes[i] == 0x2C {
            out.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self))
            start = i + 1
        }
        return out
    }
}

/// A lookup by one Unicode scalar: the compiled table for the embedded rules, or a dictionary
/// built from TSV rows when `--rules` lays a file over the table.
struct ScalarTable<Value: CompiledValue>: Sendable, Sequence {
    private let compiled: CompiledScalarTable?
    private let dictionary: [Unicode.Scalar: Value]
    /// The compiled values decoded so far, by position: a Han name looks up a few characters
    /// in several tables, and the same characters recur from name to name.
    private let decoded: DecodedValues<Value>?

    init(compiled: CompiledScalarTable) {
        self.compiled = compiled
        dictionary = [:]
        decoded = DecodedValues()
    }

    init(_ dictionary: [Unicode.Scalar: Value]) {
        compiled = nil
        self.dictionary = dictionary
        decoded = nil
    }

    /// The compiled table unless `rules` overlays its file, else the rows parsed by `parse`.
    init(_ table: CompiledScalarTable, _ rules: RuleFiles, parse: () -> [Unicode.Scalar: Value]) {
        if rules.overlaidPaths.contains(table.path.description) {
            self.init(parse())
        } else {
            self.init(compiled: table)
        }
    }

    subscript(_ scalar: Unicode.Scalar) -> Value? {
        guard let compiled, let decoded else { return dictionary[scalar] }
        return compiled.index(of: scalar).map { i in decoded.value(at: i) { compiled.value(at: i) } }
    }

    var count: Int { compiled?.count ?? dictionary.count }

    /// Every entry; in key order when compiled, in no set order otherwise.
    func makeIterator() -> AnyIterator<(key: Unicode.Scalar, value: Value)> {
        if let compiled {
            var i = 0
            return AnyIterator {
                guard i < compiled.count else { return nil }
                defer { i += 1 }
                return (compiled.key(at: i), compiled.value(at: i))
            }
        }
        var inner = dictionary.makeIterator()
        return AnyIterator { inner.next() }
    }
}

/// Values of a compiled table decoded once each, on first use, shared by the threads of an
/// engine (one lock; a hit costs less than decoding a value again). Only what was looked up is
/// held.
final class DecodedValues<Value>: @unchecked Sendable {
    private var values: [Int: Value] = [:]
    private let lock = NSLock()

    func value(at i: Int, decode: () -> Value) -> Value {
        lock.lock()
        if let v = values[i] {
            lock.unlock()
            return v
        }
        lock.unlock()
        let v = decode()
        lock.lock()
        values[i] = v
        lock.unlock()
        return v
    }
}

/// A table keyed by a string, compiled the same way: the keys' UTF-8 concatenated in byte order
/// with six-hex-digit offsets (one more at the end), the values likewise.
struct CompiledStringTable: Sendable {
    let path: StaticString
    let count: Int
    /// The longest key, in Unicode scalars.
    let longestKey: Int
    let keys: StaticString
    let keyOffsets: StaticString
    let values: StaticString
    let valueOffsets: StaticString
    /// The key offsets as numbers, decoded from their hex digits (a probe of the binary search
    /// decoded two offsets, twelve digits, every time). A `StringTable` decodes them once, when
    /// it is made, and passes them to every lookup.
    func keyStarts() -> [UInt32] {
        keyOffsets.withUTF8Buffer { offsets in (0...count).map { CompiledScalarTable.hex(offsets, $0) } }
    }

    @inline(__always)
    private func span(_ offsets: StaticString, _ i: Int) -> Range<Int> {
        offsets.withUTF8Buffer { Int(CompiledScalarTable.hex($0, i))..<Int(CompiledScalarTable.hex($0, i &+ 1)) }
    }

    /// The position of the key whose UTF-8 is `target` among the keys (byte order), or nil;
    /// `starts` are ``keyStarts()``.
    func index(of target: UnsafeBufferPointer<UInt8>, starts: [UInt32]) -> Int? {
        starts.withUnsafeBufferPointer { offsets -> Int? in
            keys.withUTF8Buffer { pool -> Int? in
                var lo = 0, hi = count
                while lo < hi {
                    let mid = (lo &+ hi) >> 1
                    let start = Int(offsets[mid]), end = Int(offsets[mid &+ 1])
                    let order = Self.compare(UnsafeBufferPointer(rebasing: pool[start..<end]), target)
                    if order == 0 { return mid }
                    if order < 0 { lo = mid &+ 1 } else { hi = mid }
                }
                return nil
            }
        }
    }

    @inline(__always)
    private static func compare(_ a: UnsafeBufferPointer<UInt8>, _ b: UnsafeBufferPointer<UInt8>) -> Int {
        let n = min(a.count, b.count)
        var i = 0
        while i < n {
            if a[i] != b[i] { return a[i] < b[i] ? -1 : 1 }
            i &+= 1
        }
        return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
    }

    func key(at i: Int) -> String {
        let range = span(keyOffsets, i)
        return keys.withUTF8Buffer { String(decoding: UnsafeBufferPointer(rebasing: $0[range]), as: UTF8.self) }
    }

    func value<Value: CompiledValue>(at i: Int, as: Value.Type = Value.self) -> Value {
        let range = span(valueOffsets, i)
        return values.withUTF8Buffer { Value.decode(UnsafeBufferPointer(rebasing: $0[range])) }
    }
}

/// A lookup by string: the compiled table for the embedded rules, or a dictionary built from TSV
/// rows when `--rules` lays a file over the table.
struct StringTable<Value: CompiledValue>: Sendable, Sequence {
    private let compiled: CompiledStringTable?
    /// The compiled table's key offsets, decoded when the table is made.
    private let starts: [UInt32]
    private let dictionary: [String: Value]

    init(compiled: CompiledStringTable) {
        self.compiled = compiled
        starts = compiled.keyStarts()
        dictionary = [:]
    }

    init(_ dictionary: [String: Value]) {
        compiled = nil
        starts = []
        self.dictionary = dictionary
    }

    init(_ table: CompiledStringTable, _ rules: RuleFiles, parse: () -> [String: Value]) {
        if rules.overlaidPaths.contains(table.path.description) {
            self.init(parse())
        } else {
            self.init(compiled: table)
        }
    }

    subscript(_ key: String) -> Value? {
        guard let compiled else { return dictionary[key] }
        var key = key
        return key.withUTF8 { compiled.index(of: $0, starts: starts) }.map { compiled.value(at: $0) }
    }

    var count: Int { compiled?.count ?? dictionary.count }

    /// True when `key` is in the table (the table as a set of keys).
    func contains(_ key: String) -> Bool {
        guard compiled != nil else { return dictionary[key] != nil }
        var key = key
        return key.withUTF8 { contains(utf8: $0) }
    }

    /// True when the key whose UTF-8 is `utf8` is in the table: a part of a name is asked
    /// without making a `String` of it.
    func contains(utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let compiled else { return dictionary[String(decoding: utf8, as: UTF8.self)] != nil }
        return compiled.index(of: utf8, starts: starts) != nil
    }

    /// The longest key, in Unicode scalars.
    var longestKey: Int { compiled?.longestKey ?? dictionary.keys.map { $0.unicodeScalars.count }.max() ?? 0 }

    /// Every entry; in key order when compiled, in no set order otherwise.
    func makeIterator() -> AnyIterator<(key: String, value: Value)> {
        if let compiled {
            var i = 0
            return AnyIterator {
                guard i < compiled.count else { return nil }
                defer { i += 1 }
                return (compiled.key(at: i), compiled.value(at: i))
            }
        }
        var inner = dictionary.makeIterator()
        return AnyIterator { inner.next() }
    }
}
