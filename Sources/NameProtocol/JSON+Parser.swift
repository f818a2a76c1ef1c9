import NameCanon

extension JSON {
    /// Parses JSON text (RFC 8259); nil when it is not valid JSON, holds invalid UTF-8 or a lone
    /// surrogate escape, or nests deeper than 512 arrays and objects.
    ///
    /// Reads the bytes once, without Foundation (whose decoder was a fifth of a `normalize`
    /// request's cost), and gives what `JSONDecoder` gave through `JSON`'s `Decodable`
    /// conformance (`JSONParserTests` holds them side by side): a leading byte order mark
    /// skipped, object members sorted by key, the first of a repeated key kept, a number that is
    /// a whole `Int` as `.int`, other numbers as `.double` (beyond its range: infinity). It is
    /// stricter where Foundation read text that is not JSON as a number: a bad escape, a raw
    /// control character or invalid UTF-8 in a string, a malformed number ("01", "1.", "-"), a
    /// trailing comma; and text in UTF-16 or UTF-32, whose encoding Foundation guessed. Those
    /// lines are now refused as not JSON.
    public static func parse(_ bytes: [UInt8]) -> JSON? {
        bytes.withUnsafeBufferPointer { buffer in
            var parser = JSONParser(bytes: buffer)
            if buffer.count >= 3, buffer[0] == 0xEF, buffer[1] == 0xBB, buffer[2] == 0xBF { parser.at = 3 }
            parser.skipSpace()
            guard let value = parser.value(depth: 0) else { return nil }
            parser.skipSpace()
            return parser.at == buffer.count ? value : nil
        }
    }
}

/// One pass over the bytes of a JSON text.
private struct JSONParser {
    let bytes: UnsafeBufferPointer<UInt8>
    var at = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    static let maxDepth = 512

    var current: UInt8? { at < bytes.count ? bytes[at] : nil }

    mutating func skipSpace() {
        while at < bytes.count, bytes[at] == 0x20 || bytes[at] == 0x0A || bytes[at] == 0x0D || bytes[at] == 0x09 { at += 1 }
    }

    mutating func literal(_ word: StaticString, _ value: JSON) -> JSON? {
        let count = word.utf8CodeUnitCount
        guard at + count <= bytes.count else { return nil }
        for i in 0..<count where bytes[at + i] != word.utf8Start[i] { return nil }
        at += count
        return value
    }

    mutating func value(depth: Int) -> JSON? {
        guard let b = current else { return nil }
        switch b {
        case UInt8(ascii: "{"):
            guard depth < Self.maxDepth else { return nil }
            return object(depth: depth + 1)
        case UInt8(ascii: "["):
            guard depth < Self.maxDepth else { return nil }
            return array(depth: depth + 1)
        case UInt8(ascii: "\""):
            return string().map { .string($0) }
        case UInt8(ascii: "t"): return literal("true", .bool(true))
        case UInt8(ascii: "f"): return literal("false", .bool(false))
        case UInt8(ascii: "n"): return literal("null", .null)
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return number()
        default: return nil
        }
    }

    mutating func object(depth: Int) -> JSON? {
        at += 1
        // A request has a handful of members: they are kept in an array, a repeated key looked
        // for by reading it, and a dictionary takes over only past `inlineMembers`.
        var list: [(String, JSON)] = []
        var members: [String: JSON]? = nil
        let inlineMembers = 16
        skipSpace()
        if current == UInt8(ascii: "}") {
            at += 1
            return .object([])
        }
        while true {
            skipSpace()
            guard current == UInt8(ascii: "\""), let key = string() else { return nil }
            skipSpace()
            guard current == UInt8(ascii: ":") else { return nil }
            at += 1
            skipSpace()
            guard let value = value(depth: depth) else { return nil }
            // The first of a repeated key is kept.
            if members != nil {
                if members![key] == nil { members![key] = value }
            } else if !list.contains(where: { $0.0 == key }) {
                list.append((key, value))
                if list.count > inlineMembers { members = Dictionary(list, uniquingKeysWith: { first, _ in first }) }
            }
            skipSpace()
            switch current {
            case UInt8(ascii: ","): at += 1
            case UInt8(ascii: "}"):
                at += 1
                if let members { return .object(members.sorted { $0.key < $1.key }.map { ($0.key, $0.value) }) }
                list.sort { $0.0 < $1.0 }
                return .object(list)
            default: return nil
            }
        }
    }

    mutating func array(depth: Int) -> JSON? {
        at += 1
        var items: [JSON] = []
        skipSpace()
        if current == UInt8(ascii: "]") {
            at += 1
            return .array([])
        }
        while true {
            skipSpace()
            guard let item = value(depth: depth) else { return nil }
            items.append(item)
            skipSpace()
            switch current {
            case UInt8(ascii: ","): at += 1
            case UInt8(ascii: "]"):
                at += 1
                return .array(items)
            default: return nil
            }
        }
    }

    /// A string from its opening quote; nil for a raw control character, a bad escape, a lone
    /// surrogate or invalid UTF-8.
    mutating func string() -> String? {
        at += 1
        let start = at
        // The common case: no escape at all, one copy of the bytes.
        while at < bytes.count {
            let b = bytes[at]
            if b == UInt8(ascii: "\"") {
                defer { at += 1 }
                return String(checkingUTF8: UnsafeBufferPointer(rebasing: bytes[start..<at]))
            }
            if b == UInt8(ascii: "\\") { break }
            if b < 0x20 { return nil }
            at += 1
        }
        var out = Array(bytes[start..<at])
        while at < bytes.count {
            let b = bytes[at]
            switch b {
            case UInt8(ascii: "\""):
                at += 1
                return String(checkingUTF8: out)
            case UInt8(ascii: "\\"):
                guard let next = try? JSONString.unescape(bytes, at: at + 1, into: &out) else { return nil }
                at = next
            default:
                if b < 0x20 { return nil }
                out.append(b)
                at += 1
            }
        }
        return nil
    }

    mutating func digits() -> Bool {
        let start = at
        while at < bytes.count, bytes[at] >= 0x30, bytes[at] <= 0x39 { at += 1 }
        return at > start
    }

    mutating func number() -> JSON? {
        let start = at
        if current == UInt8(ascii: "-") { at += 1 }
        if current == UInt8(ascii: "0") {
            at += 1
        } else if !digits() {
            return nil
        }
        var whole = true
        if current == UInt8(ascii: ".") {
            at += 1
            guard digits() else { return nil }
            whole = false
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            at += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { at += 1 }
            guard digits() else { return nil }
            whole = false
        }
        let text = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<at]), as: UTF8.self)
        if whole, let i = Int(text) { return .int(i) }
        guard let d = Double(text) else { return .double(.infinity) }
        if let i = Int(exactly: d), !whole { return .int(i) }
        return .double(d)
    }
}
