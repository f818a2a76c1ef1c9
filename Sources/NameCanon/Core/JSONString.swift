/// The one JSON string escaper of NameCanon: the protocol's responses, `normalize --json`, and
/// `convert`'s JSON rows and error reports all write strings through it.
///
/// `"` and `\` are escaped, control characters become `\n`, `\r`, `\t` or `\u00XX`, and U+2028
/// and U+2029 become `\u2028` and `\u2029` (valid in JSON, but line ends to JavaScript); every
/// other character is written as its UTF-8.
///
/// ```swift
/// var out = ""
/// JSONString.append("Lai \"William\" Ching-te", to: &out)   // "Lai \"William\" Ching-te" (quoted)
/// ```
public enum JSONString {
    /// Appends `s` as a JSON string, quotes included.
    public static func append(_ s: String, to out: inout String) {
        out += "\""
        escape(s, run: { out += String(decoding: $0, as: UTF8.self) }, escaped: { out += $0 })
        out += "\""
    }

    /// Appends `s` as a JSON string, quotes included, as UTF-8 bytes.
    public static func append(_ s: String, to out: inout [UInt8]) {
        // Most strings hold nothing to escape: they are copied whole.
        var s = s
        let plain = s.withUTF8 { bytes -> Bool in
            for b in bytes where b < 0x20 || b == 0x22 || b == 0x5C || b == 0xE2 { return false }
            out.append(0x22)
            out.append(contentsOf: bytes)
            out.append(0x22)
            return true
        }
        if plain { return }
        out.append(0x22)
        escape(s, run: { out.append(contentsOf: $0) }, escaped: { out.append(contentsOf: $0.utf8) })
        out.append(0x22)
    }

    /// `s` as a JSON string, quotes included, as UTF-8 bytes.
    public static func quoted(_ s: String) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(s.utf8.count + 2)
        append(s, to: &out)
        return out
    }

    /// Hands the runs of bytes that need no escape to `run` whole, and each escape to `escaped`.
    /// A run ends before an ASCII byte or before U+2028/U+2029, so it always holds whole characters.
    private static func escape(_ s: String, run: (UnsafeBufferPointer<UInt8>) -> Void, escaped: (String) -> Void) {
        var s = s
        s.withUTF8 { bytes in
            var start = 0
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                let escape: String
                var width = 1
                switch b {
                case 0x22: escape = "\\\""
                case 0x5C: escape = "\\\\"
                case 0x0A: escape = "\\n"
                case 0x0D: escape = "\\r"
                case 0x09: escape = "\\t"
                case 0..<0x20: escape = "\\u00" + (b < 0x10 ? "0" : "") + String(b, radix: 16)
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    escape = bytes[i + 2] == 0xA8 ? "\\u2028" : "\\u2029"
                    width = 3
                default:
                    i += 1
                    continue
                }
                if i > start { run(UnsafeBufferPointer(rebasing: bytes[start..<i])) }
                escaped(escape)
                i += width
                start = i
            }
            if bytes.count > start { run(UnsafeBufferPointer(rebasing: bytes[start..<bytes.count])) }
        }
    }

    /// What was wrong with an escape sequence.
    public enum EscapeProblem: Error, Sendable {
        /// A backslash before anything but `"`, `\`, `/`, `b`, `f`, `n`, `r`, `t` or `u`.
        case badEscape
        /// `\u` without four hex digits.
        case badUnicodeEscape
        /// `\uD800`–`\uDFFF` that is not half of a pair.
        case loneSurrogate
    }

    /// Decodes the escape sequence whose letter is at `at` (just after its backslash) into `out`
    /// as UTF-8, and returns where the text goes on. A surrogate pair written as two `\u`
    /// escapes is one character; a lone surrogate is refused, or written as U+FFFD when
    /// `replacingLoneSurrogates` (for readers that must not lose a row over it).
    public static func unescape(_ bytes: some RandomAccessCollection<UInt8>, at: Int, replacingLoneSurrogates: Bool = false,
                                into out: inout [UInt8]) throws(EscapeProblem) -> Int {
        func byte(_ i: Int) -> UInt8? { i < bytes.count ? bytes[bytes.index(bytes.startIndex, offsetBy: i)] : nil }
        func hex4(_ from: Int) -> UInt32? {
            var v: UInt32 = 0
            for i in from..<(from + 4) {
                guard let b = byte(i) else { return nil }
                switch b {
                case 0x30...0x39: v = v << 4 | UInt32(b - 0x30)
                case 0x41...0x46: v = v << 4 | UInt32(b - 0x41 + 10)
                case 0x61...0x66: v = v << 4 | UInt32(b - 0x61 + 10)
                default: return nil
                }
            }
            return v
        }
        guard let e = byte(at) else { throw .badEscape }
        switch e {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
        case UInt8(ascii: "b"): out.append(0x08)
        case UInt8(ascii: "f"): out.append(0x0C)
        case UInt8(ascii: "n"): out.append(0x0A)
        case UInt8(ascii: "r"): out.append(0x0D)
        case UInt8(ascii: "t"): out.append(0x09)
        case UInt8(ascii: "u"):
            guard let unit = hex4(at + 1) else { throw .badUnicodeEscape }
            var next = at + 5
            var scalar = unit
            if (0xD800...0xDBFF).contains(unit), byte(next) == UInt8(ascii: "\\"), byte(next + 1) == UInt8(ascii: "u"),
               let low = hex4(next + 2), (0xDC00...0xDFFF).contains(low) {
                scalar = 0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00)
                next += 6
            } else if (0xD800...0xDFFF).contains(unit) {
                guard replacingLoneSurrogates else { throw .loneSurrogate }
                scalar = 0xFFFD
            }
            out.append(contentsOf: UTF8.encode(Unicode.Scalar(scalar)!)!)
            return next
        default:
            throw .badEscape
        }
        return at + 1
    }
}
