import Foundation
@testable import NameProtocol

/// The way `JSON.parse` read JSON before it had a parser of its own: Foundation's `JSONDecoder`
/// through `JSON`'s `Decodable` conformance, with lines holding a lone surrogate escape refused
/// first (Foundation read such a string as no string at all, and the member silently vanished).
/// `JSONParserTests` holds the new parser to it.
enum FoundationJSON {
    static func parse(_ bytes: [UInt8]) -> JSON? {
        if hasLoneSurrogate(bytes) { return nil }
        return try? JSONDecoder().decode(JSON.self, from: Data(bytes))
    }

    /// True when a JSON text holds a `\uD800`–`\uDFFF` escape that is not half of a pair (a high
    /// surrogate followed at once by an escaped low one). Such a string has no Unicode value.
    static func hasLoneSurrogate(_ bytes: [UInt8]) -> Bool {
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= bytes.count else { return nil }
            var v: UInt32 = 0
            for b in bytes[at..<at + 4] {
                let d: UInt32
                switch b {
                case 0x30...0x39: d = UInt32(b - 0x30)
                case 0x41...0x46: d = UInt32(b - 0x41 + 10)
                case 0x61...0x66: d = UInt32(b - 0x61 + 10)
                default: return nil
                }
                v = v << 4 | d
            }
            return v
        }
        var i = 0
        var inString = false
        while i < bytes.count {
            let b = bytes[i]
            if !inString {
                if b == 0x22 { inString = true }
                i += 1
                continue
            }
            if b == 0x22 { inString = false; i += 1; continue }
            guard b == 0x5C, i + 1 < bytes.count else { i += 1; continue }
            guard bytes[i + 1] == 0x75, let unit = hex4(i + 2) else { i += 2; continue }
            if (0xDC00...0xDFFF).contains(unit) { return true }
            if (0xD800...0xDBFF).contains(unit) {
                guard i + 7 < bytes.count, bytes[i + 6] == 0x5C, bytes[i + 7] == 0x75,
                      let low = hex4(i + 8), (0xDC00...0xDFFF).contains(low) else { return true }
                i += 12
                continue
            }
            i += 6
        }
        return false
    }
}
