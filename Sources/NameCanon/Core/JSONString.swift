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
}
