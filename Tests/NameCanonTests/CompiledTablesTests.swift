import Foundation
import Testing
@testable import NameCanon

/// The tables embed_rules.py compiles (CompiledRules+Generated.swift) must hold exactly what the
/// TSV parser reads from Rules/ today: the parser still serves `--rules` overlays, and a stale or
/// differently read compiled table would change output only for the embedded rules.
@Suite struct CompiledTablesTests {
    static let files = ["zh/han-pinyin.tsv", "vi/hanviet.tsv", "zh/hant-hans.tsv", "zh/hans-hant.tsv",
                        "zh/given-readings.tsv", "vi/hanviet-overrides.tsv", "zh/han-cantonese.tsv",
                        "ko/hanja-readings.tsv", "ja/surnames.tsv", "ja/given-names.tsv"]

    /// Tables read through the TSV parser: Rules/'s own files laid over the embedded rules.
    static func parsedFromDisk() throws -> (Tables, RomanizationTables, JapaneseTables) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("compiled-tables-\(getpid())")
        defer { try? FileManager.default.removeItem(at: dir) }
        for file in files {
            let target = dir.appendingPathComponent(file)
            try FileManager.default.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try Data(contentsOf: repositoryRoot.appendingPathComponent("Rules").appendingPathComponent(file)).write(to: target)
        }
        let rules = try RuleFiles.embedded.overlaid(with: dir)
        for file in files { #expect(rules.overlaidPaths.contains(file)) }
        let tables = try Tables(rules)
        return (tables, RomanizationTables(rules: rules, tables: tables), JapaneseTables(rules))
    }

    static func same<V: Equatable>(_ compiled: StringTable<V>, _ parsed: StringTable<V>, _ name: String) {
        #expect(compiled.count == parsed.count, "\(name): \(compiled.count) compiled keys, \(parsed.count) parsed: run python3 scripts/embed_rules.py")
        #expect(compiled.longestKey == parsed.longestKey, "\(name): longest key")
        var differing = 0
        for (key, value) in compiled where parsed[key] != value {
            differing += 1
            if differing <= 5 { Issue.record("\(name): \(key) compiled \(value), parsed \(String(describing: parsed[key]))") }
        }
        #expect(differing == 0, "\(name): \(differing) keys differ: run python3 scripts/embed_rules.py")
    }

    static func same<V: Equatable>(_ compiled: ScalarTable<V>, _ parsed: ScalarTable<V>, _ name: String) {
        #expect(compiled.count == parsed.count, "\(name): \(compiled.count) compiled keys, \(parsed.count) parsed: run python3 scripts/embed_rules.py")
        var differing = 0
        for (key, value) in compiled where parsed[key] != value {
            differing += 1
            if differing <= 5 { Issue.record("\(name): \(key) compiled \(value), parsed \(String(describing: parsed[key]))") }
        }
        #expect(differing == 0, "\(name): \(differing) keys differ: run python3 scripts/embed_rules.py")
    }

    @Test func compiledTablesMatchTheParsedRules() throws {
        let canon = NameCanon.shared
        let compiled = canon.tables
        let (parsed, parsedRomanization, parsedJapanese) = try Self.parsedFromDisk()
        Self.same(compiled.hanPinyin, parsed.hanPinyin, "hanPinyin")
        Self.same(compiled.hanviet, parsed.hanviet, "hanviet")
        Self.same(compiled.hantToHans, parsed.hantToHans, "hantToHans")
        Self.same(compiled.hansToHant, parsed.hansToHant, "hansToHant")
        Self.same(compiled.givenReadings, parsed.givenReadings, "givenReadings")
        Self.same(compiled.hanvietOverrides, parsed.hanvietOverrides, "hanvietOverrides")
        let romanization = RomanizationTables(rules: canon.rules, tables: compiled)
        Self.same(romanization.hongKong, parsedRomanization.hongKong, "hongKong")
        Self.same(romanization.hanja, parsedRomanization.hanja, "hanja")
        Self.same(canon.japanese.surnames, parsedJapanese.surnames, "jaSurnames")
        Self.same(canon.japanese.given, parsedJapanese.given, "jaGiven")
        let romanized = canon.japanese.romanizedLatinTables()
        Self.same(canon.japanese.latinSurnames, romanized.surnames, "jaLatinSurnames")
        Self.same(canon.japanese.latinGiven, romanized.given, "jaLatinGiven")
    }

    @Test func lookupsFindFirstLastAndMissingKeys() {
        let t = NameCanon.shared.tables
        #expect(t.hanPinyin["习"]?.first == "xi2")
        #expect(t.hanviet["習"]?.first == "tập")
        #expect(t.hantToHans["習"] == "习")
        #expect(t.hansToHant["习"] == "習")
        #expect(t.hanPinyin["a"] == nil)
        #expect(t.hanPinyin["\u{10FFFF}"] == nil)
        let ja = NameCanon.shared.japanese
        #expect(ja.surnames["佐藤"]?.readings.first == "サトー")
        #expect(ja.surnames[""] == nil)
        #expect(ja.surnames["佐藤佐藤佐藤"] == nil)
        let keys = Array(t.hanPinyin.map(\.key))
        #expect(keys == keys.sorted { $0.value < $1.value })
        if let first = keys.first, let last = keys.last {
            #expect(t.hanPinyin[first] != nil)
            #expect(t.hanPinyin[last] != nil)
        }
    }
}
