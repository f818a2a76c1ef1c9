import Foundation
import NameCanon

/// A JSON value with object members kept in order, so responses are stable byte for byte.
public enum JSON: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String)
    case array([JSON])
    case object([(String, JSON)])

    /// Two values are equal when they serialize to the same text, so objects with the same
    /// members in a different order differ, and `.int(1)` equals `.double(1)`.
    public static func == (a: JSON, b: JSON) -> Bool { a.serialized == b.serialized }

    /// Compact serialization, no trailing newline.
    public var serialized: String {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the compact serialization to `out` as UTF-8 bytes: object members in their
    /// stored order, non-finite doubles as `null`, whole doubles below 1e15 without a fraction.
    public func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): Self.appendDecimal(i, to: &out)
        case .double(let d):
            if !d.isFinite {
                out.append(contentsOf: "null".utf8)
            } else if d == d.rounded() && abs(d) < 1e15 {
                Self.appendDecimal(Int(d), to: &out)
            } else {
                out.append(contentsOf: String(d).utf8)
            }
        case .string(let s): JSONString.append(s, to: &out)
        case .array(let items):
            out.append(0x5B)  // [
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                item.write(to: &out)
            }
            out.append(0x5D)
        case .object(let members):
            out.append(0x7B)  // {
            Self.appendMembers(members, to: &out)
            out.append(0x7D)
        }
    }

    /// An object's `members` as they appear between its braces, separated by commas: for a
    /// caller that writes the braces itself (a response with its id first, a row with its line
    /// number first).
    public static func appendMembers(_ members: [(String, JSON)], to out: inout [UInt8]) {
        for (i, (key, value)) in members.enumerated() {
            if i > 0 { out.append(0x2C) }
            JSONString.append(key, to: &out)
            out.append(0x3A)
            value.write(to: &out)
        }
    }

    /// `i` in decimal, as `String(i)` writes it, without making a `String`.
    static func appendDecimal(_ i: Int, to out: inout [UInt8]) {
        if i < 0 {
            out.append(0x2D)
            // The magnitude of Int.min does not fit an Int.
            var digits: [UInt8] = []
            var m = i.magnitude
            repeat { digits.append(UInt8(m % 10) + 0x30); m /= 10 } while m > 0
            out.append(contentsOf: digits.reversed())
            return
        }
        if i < 10 { out.append(UInt8(i) + 0x30); return }
        var m = UInt(i), count = 0
        var probe = m
        while probe > 0 { count += 1; probe /= 10 }
        let start = out.count
        out.append(contentsOf: repeatElement(0x30, count: count))
        var at = start + count - 1
        while m > 0 { out[at] = UInt8(m % 10) + 0x30; m /= 10; at -= 1 }
    }

    /// Member of an object by key.
    public subscript(key: String) -> JSON? {
        if case .object(let members) = self { return members.first { $0.0 == key }?.1 }
        return nil
    }

    /// The string, when this is a `.string`; nil for every other case.
    public var stringValue: String? { if case .string(let s) = self { return s }; return nil }
    /// The boolean, when this is a `.bool`; nil for every other case (no truthiness).
    public var boolValue: Bool? { if case .bool(let b) = self { return b }; return nil }

}

extension JSON: Decodable {
    private struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    /// Decodes any JSON value. Object members come out sorted by key (the decoder does not keep
    /// their order), and numbers beyond `Double`'s range decode as `.double(.infinity)`.
    public init(from decoder: Decoder) throws {
        if let object = try? decoder.container(keyedBy: Key.self) {
            self = .object(try object.allKeys.sorted { $0.stringValue < $1.stringValue }.map {
                ($0.stringValue, try object.decode(JSON.self, forKey: $0))
            })
            return
        }
        if var array = try? decoder.unkeyedContainer() {
            var items: [JSON] = []
            while !array.isAtEnd { items.append(try array.decode(JSON.self)) }
            self = .array(items)
            return
        }
        let single = try decoder.singleValueContainer()
        if single.decodeNil() { self = .null }
        else if let b = try? single.decode(Bool.self) { self = .bool(b) }
        else if let i = try? single.decode(Int.self) { self = .int(i) }
        else if let d = try? single.decode(Double.self) { self = .double(d) }
        else if let s = try? single.decode(String.self) { self = .string(s) }
        // Valid JSON numbers beyond Double's range (1e400) fail every decode above; they are
        // still numbers, and an id among them is echoed as written (see RequestID).
        else { self = .double(.infinity) }
    }
}
