import Foundation
import Testing
import TestSupport

/// Japanese names through the real binary: one person in kanji, kana and Latin in either order
/// is one entity; Japanese homophones written with other kanji stay apart (issue 14 §4).
@Suite("Japanese names through the registry")
struct JapaneseRegistryTests {
    static func resolve(_ id: Int, _ name: String, ja: Bool = false, create: Bool = true) throws -> String {
        var object: [String: Any] = ["id": id, "op": "resolve", "name": name, "create": create]
        if ja { object["lang"] = "ja" }
        return String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func onePersonInEveryWritingAndHomophonesApart() throws {
        // (name, lang ja?, the mention the answer must share an entity with, or nil for a new one; why)
        let cases: [(String, Bool, Int?, String)] = [
            ("安倍晋三", false, nil, "kanji, recognized as Japanese with no hint"),
            ("Abe Shinzo", true, 0, "Latin, surname first"),
            ("Shinzo Abe", true, 0, "Latin, Western order: the same key"),
            ("Abe Shinzō", true, 0, "with the macron"),
            ("あべ しんぞう", false, 0, "kana"),
            ("安倍晋太郎", false, nil, "his father, Abe Shintarō: another person"),
            ("Shintaro Abe", true, 5, "the father in Latin"),
            ("岸田文雄", false, nil, "Kishida Fumio through the whole-name reading"),
            ("Fumio Kishida", true, 7, "the press form"),
            ("大野一郎", false, nil, "Ōno Ichirō"),
            ("小野一郎", false, nil, "Ono Ichirō: same key ono ichiro, other kanji, another person"),
        ]
        let input = try cases.enumerated().map { i, c in try Self.resolve(i, c.0, ja: c.1) }.joined(separator: "\n") + "\n"
        let r = try Binary.run(["serve", "--in-memory"], input: input)
        #expect(r.status == 0, "\(r.stderr)")
        let lines = r.lines
        #expect(lines.count == cases.count)
        guard lines.count == cases.count else { return }
        let entities = lines.map { member($0, "entity") as? String }
        for (i, c) in cases.enumerated() {
            #expect(entities[i] != nil, "\(c.3): \(lines[i])")
            if let same = c.2 {
                #expect(entities[i] == entities[same], "\(c.0) — \(c.3): \(lines[i])")
            } else {
                #expect(member(lines[i], "match") as? String == "created", "\(c.0) — \(c.3): \(lines[i])")
                #expect(!entities[..<i].contains(entities[i]), "\(c.0) — \(c.3)")
            }
        }
        #expect(member(lines[0], "canonical") as? String == "Abe Shinzō")
        // A Latin mention that fits both homophones names neither.
        let ono = try Binary.run(["serve", "--in-memory"], input: input + (try Self.resolve(99, "Ono Ichiro", ja: true, create: false)) + "\n")
        let last = ono.lines.last ?? ""
        #expect(member(last, "match") as? String == "ambiguous", "\(last)")
        #expect((member(last, "candidates") as? [Any])?.count == 2)
    }
}
