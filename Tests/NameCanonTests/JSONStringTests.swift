import Foundation
import Testing
import NameCanon

/// The one JSON string escaper: what it writes reads back as the same string, in both of its
/// output forms, and the characters it must escape are escaped.
@Suite struct JSONStringTests {
    @Test func escapes() {
        var text = ""
        JSONString.append("a\"b\\c\nd\re\tf\u{1}\u{1F}\u{7F} \u{2028}\u{2029}é", to: &text)
        #expect(text == #""a\"b\\c\nd\re\tf\u0001\u001f"# + "\u{7F} " + #"\u2028\u2029é""#)
        #expect(JSONString.quoted("") == Array(#""""#.utf8))
    }

    @Test func readsBackAsTheSameString() throws {
        let alphabet: [String] = ["a", "\"", "\\", "\n", "\r", "\t", "\u{0}", "\u{1B}", "\u{2028}", "\u{2029}", "é", "e\u{301}",
                                  "习", "\u{1F468}\u{200D}\u{1F469}", "/", " ", "\u{FEFF}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<5_000 {
            let s = (0..<Int.random(in: 0...10, using: &generator)).map { _ in alphabet.randomElement(using: &generator)! }.joined()
            var text = ""
            JSONString.append(s, to: &text)
            #expect(Array(text.utf8) == JSONString.quoted(s))
            let back = try JSONDecoder().decode(String.self, from: Data(text.utf8))
            #expect(Array(back.unicodeScalars) == Array(s.unicodeScalars), "\(s.debugDescription)")
        }
    }

    /// One escape decoder for both JSON readers: pairs joined, lone surrogates refused or
    /// replaced as asked, bad escapes refused.
    @Test func unescape() throws {
        func decode(_ text: String, replacing: Bool = false) throws(JSONString.EscapeProblem) -> (String, Int) {
            var out: [UInt8] = []
            let next = try JSONString.unescape(Array(text.utf8), at: 1, replacingLoneSurrogates: replacing, into: &out)
            return (String(decoding: out, as: UTF8.self), next)
        }
        #expect(try decode(#"\n"#) == ("\n", 2))
        #expect(try decode(#"\/"#) == ("/", 2))
        #expect(try decode(#"\u00e9x"#) == ("é", 6))
        #expect(try decode(#"\ud83d\ude00"#) == ("\u{1F600}", 12))
        #expect(throws: JSONString.EscapeProblem.loneSurrogate) { try decode(#"\ud83d"#) }
        #expect(throws: JSONString.EscapeProblem.loneSurrogate) { try decode(#"\ude00"#) }
        #expect(try decode(#"\ud83d\u0041"#, replacing: true) == ("\u{FFFD}", 6))
        #expect(throws: JSONString.EscapeProblem.badUnicodeEscape) { try decode(#"\u12"#) }
        #expect(throws: JSONString.EscapeProblem.badEscape) { try decode(#"\x"#) }
        #expect(throws: JSONString.EscapeProblem.badEscape) { try decode(#"\"#) }
    }
}
