/// The `id` of a request line, kept as the JSON text the client wrote.
///
/// A response echoes the id byte for byte: `18446744073709551616`, `12.50`, `-0` and `"a\u0062"`
/// come back exactly as sent, never rounded through a `Double` or re-escaped. Only a member of
/// the top-level object counts, and only when the line up to the end of that member is
/// well-formed JSON: an `"id"` inside a nested object, or one cut off by the end of a broken
/// line, is not the request's id.
///
/// ```swift
/// RequestID.scan(Array(#"{"id":12.5,"op":"#.utf8))           // .text("12.5")
/// RequestID.scan(Array(#"{"op":"x","meta":{"id":5}"#.utf8))  // .absent
/// ```
enum RequestID: Equatable {
    /// No top-level `id` member could be read.
    case absent
    /// The id's JSON text: a string literal with its quotes, or a number literal.
    case text(String)
    /// A top-level `id` that is not a string or number, or that appears twice.
    case unusable

    /// The top-level `id` of a request line, whether or not the whole line is valid JSON.
    static func scan(_ bytes: [UInt8]) -> RequestID {
        var scanner = Scanner(bytes: bytes)
        return scanner.topLevelID()
    }

    /// The JSON text to put in a response's `id`.
    var json: String {
        if case .text(let t) = self { return t }
        return "null"
    }

    private struct Scanner {
        let bytes: [UInt8]
        var i = 0

        init(bytes: [UInt8]) { self.bytes = bytes }

        var atEnd: Bool { i >= bytes.count }
        var current: UInt8? { i < bytes.count ? bytes[i] : nil }

        mutating func skipSpace() {
            while let b = current, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1 }
        }

        /// Walks the members of the top-level object, stopping at the first thing that is not JSON.
        mutating func topLevelID() -> RequestID {
            var found: RequestID = .absent
            skipSpace()
            guard current == UInt8(ascii: "{") else { return .absent }
            i += 1
            skipSpace()
            if current == UInt8(ascii: "}") { return .absent }
            while true {
                skipSpace()
                guard let keyRange = string() else { return found }
                let isID = key(keyRange) == "id"
                skipSpace()
                guard current == UInt8(ascii: ":") else { return found }
                i += 1
                skipSpace()
                let start = i
                let kind = value(depth: 0)
                guard kind != .broken else { return found }
                let end = i
                skipSpace()
                // The member ends where JSON says it may: a number cut off by the end of the
                // line ("12" of "12.5") is not the number the client sent.
                guard current == UInt8(ascii: ",") || current == UInt8(ascii: "}") else { return found }
                if isID {
                    if found != .absent { return .unusable }
                    if kind == .string || kind == .number {
                        found = .text(String(decoding: bytes[start..<end], as: UTF8.self))
                    } else {
                        found = .unusable
                    }
                }
                if current == UInt8(ascii: "}") { return found }
                i += 1
            }
        }

        /// The member name with its escapes decoded (so `"\u0069d"` is `id`).
        func key(_ range: Range<Int>) -> String? {
            let raw = bytes[range]
            guard raw.contains(UInt8(ascii: "\\")) else { return String(decoding: raw.dropFirst().dropLast(), as: UTF8.self) }
            return JSON.parse(Array("[".utf8) + raw + Array("]".utf8)).flatMap {
                if case .array(let items) = $0 { return items.first?.stringValue }
                return nil
            }
        }

        enum Kind { case string, number, other, broken }

        /// Skips one JSON value, nesting bounded so a hostile line cannot exhaust the stack.
        mutating func value(depth: Int) -> Kind {
            guard let b = current, depth < 512 else { return .broken }
            switch b {
            case UInt8(ascii: "\""):
                return string() == nil ? .broken : .string
            case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return number() ? .number : .broken
            case UInt8(ascii: "t"): return literal("true") ? .other : .broken
            case UInt8(ascii: "f"): return literal("false") ? .other : .broken
            case UInt8(ascii: "n"): return literal("null") ? .other : .broken
            case UInt8(ascii: "["), UInt8(ascii: "{"):
                let object = b == UInt8(ascii: "{")
                let close = object ? UInt8(ascii: "}") : UInt8(ascii: "]")
                i += 1
                skipSpace()
                if current == close { i += 1; return .other }
                while true {
                    skipSpace()
                    if object {
                        guard string() != nil else { return .broken }
                        skipSpace()
                        guard current == UInt8(ascii: ":") else { return .broken }
                        i += 1
                        skipSpace()
                    }
                    guard value(depth: depth + 1) != .broken else { return .broken }
                    skipSpace()
                    if current == close { i += 1; return .other }
                    guard current == UInt8(ascii: ",") else { return .broken }
                    i += 1
                }
            default:
                return .broken
            }
        }

        mutating func literal(_ word: String) -> Bool {
            let w = Array(word.utf8)
            guard i + w.count <= bytes.count, Array(bytes[i..<(i + w.count)]) == w else { return false }
            i += w.count
            return true
        }

        /// A string literal per RFC 8259 (escapes checked, no raw control characters); its range.
        mutating func string() -> Range<Int>? {
            let start = i
            guard current == UInt8(ascii: "\"") else { return nil }
            i += 1
            while let b = current {
                switch b {
                case UInt8(ascii: "\""):
                    i += 1
                    return start..<i
                case UInt8(ascii: "\\"):
                    i += 1
                    guard let e = current else { return nil }
                    switch e {
                    case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"), UInt8(ascii: "b"), UInt8(ascii: "f"),
                         UInt8(ascii: "n"), UInt8(ascii: "r"), UInt8(ascii: "t"):
                        i += 1
                    case UInt8(ascii: "u"):
                        i += 1
                        for _ in 0..<4 {
                            guard let h = current, Self.isHex(h) else { return nil }
                            i += 1
                        }
                    default:
                        return nil
                    }
                case 0x00..<0x20:
                    return nil
                default:
                    i += 1
                }
            }
            return nil
        }

        static func isHex(_ b: UInt8) -> Bool {
            (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x46) || (b >= 0x61 && b <= 0x66)
        }

        static func isDigit(_ b: UInt8?) -> Bool { b.map { $0 >= 0x30 && $0 <= 0x39 } ?? false }

        /// A number literal per RFC 8259: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
        mutating func number() -> Bool {
            if current == UInt8(ascii: "-") { i += 1 }
            guard Self.isDigit(current) else { return false }
            if current == UInt8(ascii: "0") {
                i += 1
            } else {
                while Self.isDigit(current) { i += 1 }
            }
            if current == UInt8(ascii: ".") {
                i += 1
                guard Self.isDigit(current) else { return false }
                while Self.isDigit(current) { i += 1 }
            }
            if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
                i += 1
                if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { i += 1 }
                guard Self.isDigit(current) else { return false }
                while Self.isDigit(current) { i += 1 }
            }
            // "01" or "1x" is not a number followed by something else: it is not JSON.
            if let b = current, Self.isDigit(b) || b == UInt8(ascii: ".") || (b >= 0x41 && b <= 0x7A) { return false }
            return true
        }
    }
}
