extension String {
    /// The scalar whose UTF-8 encoding starts at `offset` (the text is valid UTF-8).
    fileprivate static func scalar(in bytes: UnsafeBufferPointer<UInt8>, at offset: Int) -> Unicode.Scalar? {
        var iterator = UnsafeBufferPointer(rebasing: bytes[offset...]).makeIterator()
        var decoder = UTF8()
        if case .scalarValue(let scalar) = decoder.decode(&iterator) { return scalar }
        return nil
    }

    /// Whether a scalar right after an ASCII separator joins its grapheme cluster (Extend,
    /// SpacingMark, ZWJ).
    fileprivate static func joinsSpaceAfter(_ s: Unicode.Scalar?) -> Bool {
        // Marks start at U+0300; Latin Extended Additional holds letters only.
        guard let s, s.value >= 0x300, !(0x1E00...0x1EFF).contains(s.value) else { return false }
        return s.properties.isGraphemeExtend || s.properties.generalCategory == .spacingMark || s.value == 0x200D
            || s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark
    }

    /// Whether a scalar right before an ASCII separator may be a Prepend character (prepended concatenation
    /// marks, preceding repha): Arabic and Syriac marks, U+0D4E, and the Brahmic blocks past
    /// U+11000, taken whole.
    fileprivate static func mayPrepend(_ s: Unicode.Scalar?) -> Bool {
        // No Prepend character lies below U+0600.
        guard let s, s.value >= 0x600 else { return false }
        let v = s.value
        return (0x600...0x8FF).contains(v) || v == 0xD4E || (0x11000...0x11FFF).contains(v) || s.properties.generalCategory == .format
    }

    /// Whether the text holds a middle dot `·`, as `contains("·")` answers; text without the
    /// UTF-8 of U+00B7 (C2 B7) or of U+0387 (CE 87, which decomposes to it) cannot, and skips
    /// the search by `Character`. (The last byte alone is no test: B7 and 87 are continuation
    /// bytes of many Han characters.)
    var containsMiddleDot: Bool { mayHoldMiddleDot && contains("·") }

    /// `contains("-")`, which goes to Foundation's search (thousands of instructions), asked
    /// only when the text holds a hyphen byte.
    var hasHyphen: Bool { utf8.contains(0x2D) && contains("-") }

    /// `contains("'")`, asked only when the text holds an apostrophe byte.
    var hasApostrophe: Bool { utf8.contains(0x27) && contains("'") }

    /// `contains("ü")`, asked only when the text holds a byte past ASCII (ü, or u and U+0308).
    var hasUUmlaut: Bool { utf8.contains { $0 >= 0x80 } && contains("ü") }

    /// Whether the text's UTF-8 holds U+00B7 or U+0387, the scalars a `·` is made of.
    var mayHoldMiddleDot: Bool {
        var text = self
        return text.withUTF8 { bytes in
            var i = 1
            while i < bytes.count {
                let b = bytes[i]
                if (b == 0xB7 && bytes[i &- 1] == 0xC2) || (b == 0x87 && bytes[i &- 1] == 0xCE) { return true }
                i &+= 1
            }
            return false
        }
    }
}

extension String {
    /// True when `parts(0x20).joined(separator: " ")` is the text itself: no space at either
    /// end and none after another (so no part is empty), read on the bytes.
    var isSingleSpaced: Bool {
        var text = self
        return text.withUTF8 { bytes in
            guard let first = bytes.first, let last = bytes.last, first != 0x20, last != 0x20 else { return bytes.isEmpty }
            var previous: UInt8 = 0
            for b in bytes {
                if b == 0x20 && previous == 0x20 { return false }
                previous = b
            }
            return true
        }
    }

    /// The string of `scalars`, encoded as UTF-8 in one pass (in a buffer on the stack for a
    /// name-sized text) and made a `String` once. Building it through `String.UnicodeScalarView`
    /// costs thousands of instructions a call: its generic `append(contentsOf:)` decodes the
    /// scalars again as UTF-32.
    init<C: Collection>(scalars: C) where C.Element == Unicode.Scalar {
        let capacity = Swift.max(scalars.count &* 4, 1)
        self = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: capacity) { buffer in
            var n = 0
            for s in scalars {
                UTF8.encode(s) { byte in
                    buffer[n] = byte
                    n &+= 1
                }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: buffer[0..<n]), as: UTF8.self)
        }
    }
}

/// UTF-8 of the lower case of each scalar from U+0080 to U+024F, then U+1E00 to U+1EFF, worked out
/// once for ``StringProtocol/latinLowered``.
private let latinLowercaseTable: [[UInt8]] = {
    func lower(_ v: UInt32) -> [UInt8] { Array(Unicode.Scalar(v).map { String($0).lowercased() }.map { Array($0.utf8) } ?? []) }
    return (0x80...0x24F).map(lower) + (0x1E00...0x1EFF).map(lower)
}()

extension StringProtocol {
    /// `lowercased()`, the same text: the Latin letters names are written in (Latin-1 to Latin
    /// Extended-B, Latin Extended Additional) are read from a table worked out once and basic
    /// Cyrillic is lowered by its offsets, where `lowercased()` looks up each scalar's Unicode
    /// properties (about a thousand instructions a Vietnamese word); other text takes
    /// `lowercased()` itself.
    var latinLowered: String {
        if utf8.allSatisfy({ $0 < 0x80 }) { return lowercased() }
        let table = latinLowercaseTable
        let done: String? = withUnsafeTemporaryAllocation(of: UInt8.self, capacity: utf8.count &* 3 &+ 8) { out -> String? in
            var n = 0
            for scalar in unicodeScalars {
                let v = scalar.value
                let mapped: [UInt8]
                if v < 0x80 {
                    out[n] = v >= 0x41 && v <= 0x5A ? UInt8(v &+ 0x20) : UInt8(v)
                    n &+= 1
                    continue
                } else if v <= 0x24F {
                    mapped = table[Int(v &- 0x80)]
                } else if v >= 0x1E00 && v <= 0x1EFF {
                    mapped = table[Int(v &- 0x1E00) &+ (0x24F - 0x80 + 1)]
                } else if v >= 0x400 && v <= 0x45F {
                    // Basic Cyrillic (Palladius spellings, Russian descriptors): capitals Ѐ–Џ
                    // and А–Я lower to ѐ–џ and а–я, two bytes each; small letters stay.
                    guard n &+ 2 <= out.count else { return nil }
                    let lower = v <= 0x40F ? v &+ 0x50 : v <= 0x42F ? v &+ 0x20 : v
                    out[n] = UInt8(0xC0 | lower >> 6)
                    out[n &+ 1] = UInt8(0x80 | lower & 0x3F)
                    n &+= 2
                    continue
                } else {
                    return nil
                }
                guard n &+ mapped.count <= out.count else { return nil }
                for b in mapped { out[n] = b; n &+= 1 }
            }
            return String(decoding: UnsafeBufferPointer(rebasing: out[0..<n]), as: UTF8.self)
        }
        return done ?? lowercased()
    }
}

extension StringProtocol {
    /// The non-empty parts between `separator`, an ASCII byte: exactly what
    /// `split(separator:).map(String.init)` gives, found on the UTF-8 bytes instead of grapheme
    /// clusters (a tenth of the work). A separator that joins a grapheme cluster (a combining
    /// mark after it, a prepending mark before it) is no break between `Character`s; such text
    /// takes the `Character` route, so the answer is the same for every input.
    func parts(_ separator: UInt8) -> [String] {
        var text = String(self)
        let simple = text.withUTF8 { bytes -> [String]? in
            var count = 0
            for b in bytes where b == separator { count &+= 1 }
            var words: [String] = []
            words.reserveCapacity(count &+ 1)
            var start = 0
            for i in 0..<bytes.count where bytes[i] == separator {
                // Only a scalar past ASCII can join a separator's cluster, on either side.
                if i + 1 < bytes.count, bytes[i + 1] >= 0x80, String.joinsSpaceAfter(String.scalar(in: bytes, at: i + 1)) { return nil }
                if i > 0, bytes[i - 1] >= 0x80 {
                    var first = i - 1
                    while first > 0, bytes[first] & 0xC0 == 0x80 { first -= 1 }
                    if String.mayPrepend(String.scalar(in: bytes, at: first)) { return nil }
                }
                if start != i { words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) }
                start = i + 1
            }
            if start != bytes.count { words.append(String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)) }
            return words
        }
        return simple ?? text.split(separator: Character(Unicode.Scalar(separator))).map(String.init)
    }
}

extension String {
    /// True when composing the text (NFC) and joining its words with one space would leave it
    /// as it is: every scalar is one that is its own composed form and composes with nothing
    /// before it (below U+0300, Latin Extended Additional, CJK ideographs of the two main
    /// blocks, Hangul syllables: `FastPathTests` checks each), none is white space but the
    /// space, and spaces stand alone between words. Most names pass, and skip Foundation's
    /// normalization and a split by `Character`.
    public var isComposedAndSingleSpaced: Bool {
        var previousSpace = true
        for scalar in unicodeScalars {
            let v = scalar.value
            if v == 0x20 {
                if previousSpace { return false }
                previousSpace = true
                continue
            }
            previousSpace = false
            if v < 0x300 {
                if (0x09...0x0D).contains(v) || v == 0x85 || v == 0xA0 { return false }
            } else if !(Self.composedBlocks.contains { $0.contains(v) }) {
                return false
            }
        }
        return !previousSpace
    }

    /// The blocks past U+0300 whose every scalar is its own composed form and starts no
    /// composition with what precedes it.
    static let composedBlocks: [ClosedRange<UInt32>] = [0x1E00...0x1EFF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7A3]
}
