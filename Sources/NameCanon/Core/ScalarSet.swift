/// A set of Unicode scalars as a bitmap up to the largest: a membership test is a shift and a
/// mask, where `Set<UInt32>` hashes every scalar it is asked about (asked of every character
/// of every Han name).
struct ScalarSet: Sendable {
    private let bits: [UInt64]

    init(_ values: some Sequence<UInt32>) {
        var bits: [UInt64] = []
        for v in values {
            let word = Int(v >> 6)
            if word >= bits.count { bits += Array(repeating: 0, count: word + 1 - bits.count) }
            bits[word] |= 1 << UInt64(v & 63)
        }
        self.bits = bits
    }

    @inline(__always)
    func contains(_ v: UInt32) -> Bool {
        let word = Int(v >> 6)
        return word < bits.count && bits[word] & (1 << UInt64(v & 63)) != 0
    }

    @inline(__always)
    func contains(_ scalar: Unicode.Scalar) -> Bool { contains(scalar.value) }
}

/// A set of nonzero 64-bit codes (packed ASCII syllables) in one open-addressing array with a
/// multiplicative hash: built and asked in a few instructions a code, where `Set<UInt64>`
/// runs SipHash for each (thousands of inserts at the first Latin name of a process).
struct PackedCodeSet: Sendable {
    private let slots: [UInt64]
    private let shift: UInt64

    /// The set of `codes`; a code of 0 (the empty text) is never a member.
    init(_ codes: some Collection<UInt64>) {
        var bits: UInt64 = 4
        while (1 << bits) < codes.count * 2 { bits += 1 }
        shift = 64 - bits
        var slots = [UInt64](repeating: 0, count: 1 << Int(bits))
        let mask = slots.count - 1
        for code in codes where code != 0 {
            var i = Self.slot(code, shift)
            while slots[i] != 0 && slots[i] != code { i = (i + 1) & mask }
            slots[i] = code
        }
        self.slots = slots
    }

    @inline(__always)
    private static func slot(_ code: UInt64, _ shift: UInt64) -> Int { Int(truncatingIfNeeded: (code &* 0x9E37_79B9_7F4A_7C15) >> shift) }

    @inline(__always)
    func contains(_ code: UInt64) -> Bool {
        guard code != 0 else { return false }
        let mask = slots.count &- 1
        var i = Self.slot(code, shift)
        while true {
            let s = slots[i]
            if s == code { return true }
            if s == 0 { return false }
            i = (i &+ 1) & mask
        }
    }
}
