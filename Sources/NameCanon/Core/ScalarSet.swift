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
