import NameCanon

/// Just enough JSON for JSON Lines conversion: find one string member of a top-level object
/// and the position of its closing brace, so members can be appended without re-serializing
/// (and so without touching a byte of) the rest of the object.
///
/// Nested values are skipped by matching brackets and strings, not fully validated.
struct JSONObjectScan {
    enum Value: Equatable {
        case missing
        case notString
        case string(String)
    }

    /// The member asked for.
    var value: Value
    /// Index of the object's closing brace.
    var closingBrace: Int
    /// True for `{}`.
    var isEmpty: Bool

    struct Failure: Error {
        let message: String
    }

    /// Scans `bytes[range]`, which must be exactly one JSON object (whitespace around it allowed).
    static func scan(_ bytes: [UInt8], _ range: Range<Int>, member: String) throws(Failure) -> JSONObjectScan {
        var s = Scanner(b: bytes, i: range.lowerBound, end: range.upperBound)
        s.skipSpace()
        guard s.peek == UInt8(ascii: "{") else { throw Failure(message: "not a JSON object") }
        s.i += 1
        var value = Value.missing
        var isEmpty = true
        s.skipSpace()
        if s.peek == UInt8(ascii: "}") {
            s.i += 1
        } else {
            while true {
                s.skipSpace()
                guard s.peek == UInt8(ascii: "\"") else { throw s.fail("expected a member name") }
                let key = try s.string()
                s.skipSpace()
                guard s.peek == UInt8(ascii: ":") else { throw s.fail("expected ':'") }
                s.i += 1
                s.skipSpace()
                if key == member {
                    if s.peek == UInt8(ascii: "\"") { value = .string(try s.string()) } else { try s.skipValue(); value = .notString }
                } else {
                    try s.skipValue()
                }
                isEmpty = false
                s.skipSpace()
                if s.peek == UInt8(ascii: ",") { s.i += 1; continue }
                if s.peek == UInt8(ascii: "}") { s.i += 1; break }
                throw s.fail("expected ',' or '}'")
            }
        }
        let brace = s.i - 1
        s.skipSpace()
        guard s.i == s.end else { throw s.fail("text after the object") }
        return JSONObjectScan(value: value, closingBrace: brace, isEmpty: isEmpty)
    }

    private struct Scanner {
        let b: [UInt8]
        var i: Int
        let end: Int

        var peek: UInt8? { i < end ? b[i] : nil }

        func fail(_ message: String) -> Failure {
            Failure(message: i < end ? "\(message) at byte \(i + 1)" : "\(message) at the end of the line")
        }

        mutating func skipSpace() {
            while i < end, b[i] == 0x20 || b[i] == 0x09 || b[i] == 0x0D || b[i] == 0x0A { i += 1 }
        }

        /// A string starting at its opening quote, decoded.
        mutating func string() throws(Failure) -> String {
            i += 1
            var out: [UInt8] = []
            while true {
                guard i < end else { throw fail("string not closed") }
                let c = b[i]
                if c == UInt8(ascii: "\"") { i += 1; break }
                if c < 0x20 { throw fail("control character in a string") }
                if c != UInt8(ascii: "\\") { out.append(c); i += 1; continue }
                guard i + 1 < end else { throw fail("string not closed") }
                do {
                    i = try JSONString.unescape(b[..<end], at: i + 1, replacingLoneSurrogates: true, into: &out)
                } catch {
                    i += 1
                    throw fail(error == .badEscape ? "bad escape" : "bad \\u escape")
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        mutating func skipValue() throws(Failure) {
            guard let c = peek else { throw fail("expected a value") }
            switch c {
            case UInt8(ascii: "\""):
                _ = try string()
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                var depth = 0
                while i < end {
                    let d = b[i]
                    if d == UInt8(ascii: "\"") { _ = try string(); continue }
                    if d == UInt8(ascii: "{") || d == UInt8(ascii: "[") { depth += 1 }
                    if d == UInt8(ascii: "}") || d == UInt8(ascii: "]") {
                        depth -= 1
                        if depth == 0 { i += 1; return }
                    }
                    i += 1
                }
                throw fail("unbalanced brackets")
            default:
                let from = i
                while i < end, b[i] == UInt8(ascii: "-") || b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: ".")
                    || (0x30...0x39).contains(b[i]) || (0x61...0x7A).contains(b[i]) || (0x41...0x5A).contains(b[i]) { i += 1 }
                let word = String(decoding: b[from..<i], as: UTF8.self)
                let first = word.utf8.first ?? 0
                guard word == "true" || word == "false" || word == "null" || first == UInt8(ascii: "-") || (0x30...0x39).contains(first)
                else { throw fail("expected a value") }
            }
        }
    }
}
