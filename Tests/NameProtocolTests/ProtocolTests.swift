import Foundation
import Testing
import NameCanon
@testable import NameProtocol

@Suite struct ProtocolTests {
    let handler = ProtocolHandler(canon: .shared)

    func reply(_ line: String) -> JSON { reply(Array(line.utf8)) }
    func reply(_ bytes: [UInt8]) -> JSON {
        let text = handler.respond(to: bytes)
        #expect(!text.contains("\n"), "a response is one line")
        return JSON.parse(Array(text.utf8)) ?? .null
    }

    @Test func normalizeAnswersFlatFields() {
        let r = reply(#"{"id":7,"op":"normalize","name":"XI Jinping"}"#)
        #expect(r["id"] == .int(7))
        #expect(r["ok"] == .bool(true))
        #expect(r["key"] == .string("xi jinping"))
        #expect(r["display"] == .string("Xi Jinping"))
        #expect(r["surname"] == .string("Xi"))
        #expect(r["language"] == .string("zh"))
    }

    /// Answers to `normalize` are remembered by name, hint and tone style: a repeated request
    /// gets its own id and the same members, and a request differing in hint, style or the
    /// bytes of its name gets its own answer, exactly what a fresh handler gives it.
    @Test func repeatedNormalizeRequestsKeepTheirOwnIDsAndAnswers() {
        let requests = [
            #"{"id":1,"op":"normalize","name":"Hoàng Hoà"}"#, #"{"id":"x","op":"normalize","name":"Hoàng Hoà"}"#,
            #"{"id":2,"op":"normalize","name":"Hoàng Hoà","tone_style":"old"}"#, #"{"id":3,"op":"normalize","name":"Hoàng Hoà","tone_style":"keep"}"#,
            #"{"id":4,"op":"normalize","name":"Hoàng Hoà","lang":"zh"}"#, #"{"op":"normalize","name":"Hoàng Hoà"}"#,
            #"{"id":5,"op":"normalize","name":"Hoa\u0300ng Hoa\u0300"}"#, #"{"id":6,"op":"normalize","name":"Hoàng Hoà","tone_style":"bad"}"#,
            #"{"id":7,"op":"normalize","name":"Hoàng Hoà","tone_style":"old"}"#,
        ]
        let answers = requests.map { handler.respond(to: Array($0.utf8)) }
        for (request, answer) in zip(requests, answers) {
            #expect(answer == ProtocolHandler(canon: .shared).respond(to: Array(request.utf8)), "\(request)")
        }
        #expect(answers[0].hasPrefix(#"{"id":1,"ok":true,"#) && answers[1].hasPrefix(#"{"id":"x","ok":true,"#))
        #expect(answers[0].dropFirst(8) == answers[1].dropFirst(10))
        #expect(answers[2] != answers[0] && answers[2].dropFirst(8) == answers[8].dropFirst(8))
        #expect(answers[7].contains(#""ok":false"#))
    }

    /// Requests in another tone style, from many threads at once, each get the answer one
    /// thread gets (the handler makes that style's engine once, under a lock).
    @Test func toneStylesFromManyThreads() {
        let handler = ProtocolHandler(canon: .shared)
        let requests = (0..<64).map { i in
            Array(#"{"id":\#(i),"op":"normalize","name":"Nguyễn Văn Hoà \#(i % 4)","tone_style":"\#(["old", "keep"][i % 2])"}"#.utf8)
        }
        let expected = requests.map { ProtocolHandler(canon: .shared).respond(to: $0) }
        let answers = Answers(count: requests.count)
        DispatchQueue.concurrentPerform(iterations: requests.count) { i in answers.set(i, handler.respond(to: requests[i])) }
        #expect(answers.all == expected)
    }

    final class Answers: @unchecked Sendable {
        private var values: [String]
        private let lock = NSLock()
        init(count: Int) { values = Array(repeating: "", count: count) }
        func set(_ i: Int, _ value: String) { lock.lock(); values[i] = value; lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return values }
    }

    @Test func languageHintWins() {
        let r = reply(#"{"id":"a","op":"normalize","name":"阮富仲","lang":"vi"}"#)
        #expect(r["id"] == .string("a"))
        #expect(r["latin"] == .string("Nguyễn Phú Trọng"))
    }

    /// One reading of a language hint everywhere: any case, "" and "auto" for none; anything
    /// else refused, by every operation that takes `lang`.
    @Test func languageHintsReadAlike() throws {
        #expect(try NameLanguage.hint("VI") == .vi)
        #expect(try NameLanguage.hint("auto") == nil && NameLanguage.hint("") == nil && NameLanguage.hint(nil) == nil)
        #expect(throws: NameCanonError.self) { try NameLanguage.hint("vn") }
        for lang in ["VI", "vi", "Vi"] {
            #expect(reply(#"{"op":"normalize","name":"阮富仲","lang":"\#(lang)"}"#)["latin"] == .string("Nguyễn Phú Trọng"), "\(lang)")
        }
        #expect(reply(#"{"op":"normalize","name":"阮富仲","lang":"AUTO"}"#)["latin"] == .string("Ruan Fuzhong"))
        for op in [#""op":"normalize","name":"x""#, #""op":"compare","a":"x","b":"y""#] {
            let r = reply(#"{\#(op),"lang":"vn"}"#)
            #expect(r["ok"] == .bool(false))
            #expect(r["error"]?["code"] == .string("bad_field"), "\(op)")
        }
    }

    @Test func transliterateVersionPing() {
        #expect(reply(#"{"id":1,"op":"transliterate","text":"欧阳娜娜","to":"pinyin"}"#)["text"] == .string("Ouyang Nana"))
        #expect(reply(#"{"id":2,"op":"ping"}"#)["ok"] == .bool(true))
        #expect(reply(#"{"id":3,"op":"version"}"#)["icu"] == .string(NameCanonVersion.icu))
    }

    func code(_ r: JSON) -> String? { r["error"]?["code"]?.stringValue }

    /// `name` is the documented input field; `text` is its synonym in every op, and the two
    /// disagreeing is an error rather than a silent pick.
    @Test func nameAndTextAreOneField() {
        #expect(reply(#"{"id":1,"op":"transliterate","name":"欧阳娜娜","to":"pinyin"}"#)["text"] == .string("Ouyang Nana"))
        #expect(reply(#"{"id":2,"op":"normalize","text":"XI Jinping"}"#)["key"] == .string("xi jinping"))
        #expect(reply(#"{"id":3,"op":"normalize","name":"Xi","text":"Xi"}"#)["key"] == .string("xi"))
        #expect(code(reply(#"{"id":4,"op":"normalize","name":"Xi","text":"Li"}"#)) == "bad_field")
        #expect(code(reply(#"{"id":5,"op":"transliterate","to":"pinyin"}"#)) == "missing_field")
    }

    @Test func everyErrorHasAStableCode() {
        #expect(code(reply("{\"id\":1,\"op\":")) == "bad_json")
        #expect(reply("{\"id\":1,\"op\":")["id"] == .int(1), "the id of broken JSON is salvaged when readable")
        #expect(code(reply([0x7B, 0xFF, 0xFE, 0x7D])) == "bad_utf8")
        #expect(code(reply("")) == "empty_line")
        #expect(code(reply("[1,2]")) == "not_an_object")
        #expect(code(reply(#"{"id":1,"op":"fly"}"#)) == "unknown_op")
        #expect(code(reply(#"{"id":1}"#)) == "missing_field")
        #expect(code(reply(#"{"id":1,"op":"normalize"}"#)) == "missing_field")
        #expect(code(reply(#"{"id":1,"op":"normalize","name":5}"#)) == "bad_field")
        #expect(code(reply(#"{"id":[1],"op":"ping"}"#)) == "bad_field")
        #expect(code(reply(#"{"id":1,"op":"normalize","name":"  "}"#)) == "empty_name")
        #expect(code(reply(#"{"id":1,"op":"transliterate","text":"x","to":"klingon"}"#)) == "unknown_target")
        #expect(code(reply(#"{"id":1,"op":"normalize","name":"Xi","lang":"xx"}"#)) == "bad_field")
        #expect(code(reply(Array(repeating: 0x61, count: ProtocolHandler.maxLineBytes + 1))) == "line_too_long")
        #expect(reply(#"{"id":1,"op":"fly"}"#)["ok"] == .bool(false))
    }

    @Test func aNulByteInsideAStringIsJustData() {
        let r = reply(Array(#"{"id":1,"op":"normalize","name":"Xi\u0000 Jinping"}"#.utf8))
        #expect(r["key"] == .string("xi jinping"))
    }
}
