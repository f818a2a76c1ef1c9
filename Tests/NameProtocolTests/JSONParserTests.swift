import Foundation
import Testing
import TestSupport
@testable import NameProtocol

/// The protocol's own JSON parser reads every text as Foundation's decoder did: the same value
/// (members, their order, `.int` or `.double`, string contents) or, for text that is not JSON,
/// nothing.
@Suite struct JSONParserTests {
    /// Compares two parse results strictly: `.int(1)` and `.double(1)` differ here, although
    /// they serialize alike.
    /// Past 2^53 a number written with a fraction or an exponent ("9999999999999999999E-01") has
    /// no exact reading: this parser takes the nearest Double (1e18), Foundation may truncate
    /// (999999999999999999). Such readings agree to a unit in the last place of a Double.
    static func roundedAlike(_ a: Double, _ b: Double) -> Bool {
        let magnitude = Swift.max(abs(a), abs(b))
        return magnitude >= 0x1p53 && abs(a - b) <= magnitude.ulp
    }

    static func same(_ a: JSON?, _ b: JSON?) -> Bool {
        switch (a, b) {
        case (nil, nil): return true
        case (.null?, .null?): return true
        case (.bool(let x)?, .bool(let y)?): return x == y
        case (.int(let x)?, .int(let y)?): return x == y || roundedAlike(Double(x), Double(y))
        case (.int(let x)?, .double(let y)?), (.double(let y)?, .int(let x)?): return roundedAlike(Double(x), y)
        case (.double(let x)?, .double(let y)?): return x == y || (x.isNaN && y.isNaN)
        case (.string(let x)?, .string(let y)?): return Array(x.unicodeScalars) == Array(y.unicodeScalars)
        case (.array(let x)?, .array(let y)?): return x.count == y.count && zip(x, y).allSatisfy { same($0, $1) }
        case (.object(let x)?, .object(let y)?):
            return x.count == y.count && zip(x, y).allSatisfy { Array($0.0.unicodeScalars) == Array($1.0.unicodeScalars) && same($0.1, $1.1) }
        default: return false
        }
    }

    /// True when Foundation read something that is not JSON as a number: each of its decodes
    /// failed and `JSON`'s conformance fell back to infinity (meant for 1e400 only).
    static func holdsInfinity(_ value: JSON?) -> Bool {
        switch value {
        case .double(let d)?: return d.isInfinite
        case .array(let items)?: return items.contains { holdsInfinity($0) }
        case .object(let members)?: return members.contains { holdsInfinity($0.1) }
        default: return false
        }
    }

    /// A comma before a closing bracket outside strings, which Foundation let through.
    static func trailingComma(_ bytes: [UInt8]) -> Bool {
        var inString = false, escaped = false, lastSignificant: UInt8 = 0
        for b in bytes {
            if inString {
                if escaped { escaped = false } else if b == 0x5C { escaped = true } else if b == 0x22 { inString = false }
                continue
            }
            if b == 0x22 { inString = true }
            if (b == 0x5D || b == 0x7D) && lastSignificant == 0x2C { return true }
            if ![0x20, 0x0A, 0x0D, 0x09].contains(b) { lastSignificant = b }
        }
        return false
    }

    static func check(_ bytes: [UInt8]) {
        let mine = JSON.parse(bytes), foundation = FoundationJSON.parse(bytes)
        // Where this parser is stricter on purpose: it refuses what is not JSON.
        // And UTF-16 or UTF-32 text, whose encoding Foundation guessed from the NUL bytes.
        if mine == nil, holdsInfinity(foundation) || trailingComma(bytes) || bytes.contains(0) { return }
        // 1e400 and -1e400 are both infinite; Foundation lost the sign.
        if case .double(let a)? = mine, case .double(let b)? = foundation, a.isInfinite, b.isInfinite { return }
        #expect(same(mine, foundation), "\(String(decoding: bytes, as: UTF8.self).debugDescription): \(mine?.serialized ?? "nil") vs \(foundation?.serialized ?? "nil")")
    }

    @Test func edgeCases() {
        let texts = [
            #"{"id":1,"op":"normalize","name":"Xi Jinping"}"#, "", " ", "null", "true", "false", "nul", "tru", "1", "-0", "-0.0", "0.5",
            "1.0", "1e2", "1E+2", "1e-2", "-1.5e3", "01", "1.", ".5", "-", "+1", "1e", "1e+", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "-9223372036854775809", "1e400", "-1e400", "1e-400",
            "123456789012345678901234567890", "4.0e0", "2.5e1", "1.7976931348623157e308",
            #""""#, #""a""#, #""\""#, #""\u0041""#, #""\u00e9""#, #""\ud83d\ude00""#, #""\ud83d""#, #""\ude00""#,
            #""\ud83dx""#, #""\ud83d\u0041""#, #""\x""#, #""\/""#, #""\b\f\n\r\t""#, "\"\u{1}\"", "\"\u{7F}\"", #""\u0000""#,
            #""\uZZZZ""#, #""\u12""#, "\"é\"", "\"\u{2028}\"", "[]", "[1,]", "[,1]", "[1 2]", "{}", #"{"a":1,}"#, #"{"a"}"#,
            #"{"a":1,"a":2}"#, #"{"b":1,"a":2,"B":3,"é":4,"e\u0301":5}"#, #"{"a":{"a":[1,{"a":null}]}}"#, #"{1:2}"#,
            " \t\r\n{ \"a\" : [ 1 , 2 ] } \n", "{} x", "{}{}", "[1]]", "\u{FEFF}{}", "\u{FEFF}1", "{\"a\":1}\u{0}",
            #"{"id":"x","name":"Nguyễn Phú Trọng","doc":"a\tb"}"#, "[[[[[[]]]]]]",
        ]
        for text in texts { Self.check(Array(text.utf8)) }
        for bytes: [UInt8] in [[0x22, 0xFF, 0x22], [0x22, 0xC3, 0x22], [0xFF], [0x22, 0xED, 0xA0, 0x80, 0x22], [0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xE9, 0x22, 0x7D]] {
            Self.check(bytes)
        }
    }

    @Test func nestingLimit() {
        for depth in [510, 511, 512, 513, 600] {
            Self.check(Array((String(repeating: "[", count: depth) + String(repeating: "]", count: depth)).utf8))
            Self.check(Array((String(repeating: #"{"a":"#, count: depth) + "1" + String(repeating: "}", count: depth)).utf8))
        }
    }

    /// Every hostile protocol line the fuzz corpus keeps.
    @Test func fuzzCorpus() throws {
        let directory = packageRoot.appendingPathComponent("Fixtures/fuzz/protocol")
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        #expect(files.count > 20)
        for file in files {
            let data = try Data(contentsOf: directory.appendingPathComponent(file))
            for line in data.split(separator: 0x0A, omittingEmptySubsequences: false) { Self.check(Array(line)) }
            Self.check(Array(data))
        }
    }

    /// Random texts from JSON's pieces, most of them not JSON.
    @Test func randomTexts() {
        let pieces = ["{", "}", "[", "]", ",", ":", " ", "\"", "\"a\"", "\"id\"", "1", "-", "0", ".", "5", "e", "E", "+",
                      "true", "null", "fals", "\\", "\\u", "00e9", "d83d", "\\n", "é", "\u{1}", "\u{2028}", "9999999999999999999"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<30_000 {
            let text = (0..<Int.random(in: 1...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            Self.check(Array(text.utf8))
        }
    }

    /// The serializer writes numbers over bytes; they read as `String` writes them, and every
    /// value serialized reads back as itself.
    @Test func serializerWritesNumbersAsStringDoes() {
        var generator = SystemRandomNumberGenerator()
        var samples: [Int] = [0, 1, 9, 10, 99, 100, -1, -9, -10, Int.max, Int.min, Int.min + 1, 1_000_000_000_000_000]
        for _ in 0..<5_000 {
            let magnitude = Int.random(in: 0...62, using: &generator)
            samples.append(Int.random(in: -(1 << magnitude)...(1 << magnitude), using: &generator))
        }
        for i in samples {
            #expect(JSON.int(i).serialized == String(i))
            if abs(Double(i)) < 1e15 { #expect(JSON.double(Double(i)).serialized == String(i)) }
        }
        #expect(JSON.double(0.5).serialized == "0.5")
        #expect(JSON.double(1e15).serialized == String(1e15))
        #expect(JSON.double(.nan).serialized == "null")
        let value = JSON.object([("a", .array([.int(-12), .double(2.5), .bool(true), .null, .string("é\"\n")])), ("b", .object([]))])
        #expect(value.serialized == #"{"a":[-12,2.5,true,null,"é\"\n"],"b":{}}"#)
        #expect(JSON.parse(Array(value.serialized.utf8)) == value)
    }

    /// A number past 2^53 with an exponent, which random texts found: the two readings differ
    /// by rounding only.
    @Test func hugeNumbersWithAnExponent() {
        Self.check(Array("9999999999999999999E-01".utf8))
        Self.check(Array("[-9999999999999999999e-1, 12345678901234567890.5]".utf8))
        #expect(!Self.same(.int(9_007_199_254_740_993 - 2), .int(9_007_199_254_740_993 - 4)))
    }
}
