import Foundation
import Testing
@testable import NameCanon

/// The golden fixtures of Fixtures/normalize and Fixtures/transliterate, one test case a row.
@Suite struct GoldenTests {
    static let normalizeRows = fixtureRows("normalize")
    static let transliterateRows = fixtureRows("transliterate")

    @Test func fixturesArePresent() {
        #expect(Self.normalizeRows.count >= 100)
        #expect(Self.transliterateRows.count >= 50)
    }

    @Test(arguments: normalizeRows)
    func normalize(_ row: FixtureRow) throws {
        var hint: NameLanguage? = nil
        var style = ToneStyle.new
        var expectations: [(String, String)] = []
        for column in row.columns.dropFirst() where !column.isEmpty {
            guard let eq = column.firstIndex(of: "=") else {
                Issue.record("\(row.file):\(row.line): expectation without '=': \(column)")
                continue
            }
            let field = String(column[..<eq]), value = String(column[column.index(after: eq)...])
            // A misspelt option must fail the row, not fall back to the default and test
            // something other than what the row says.
            switch field {
            case "@hint":
                guard let h = NameLanguage(rawValue: value) else {
                    Issue.record("\(row.file):\(row.line): unknown @hint value \"\(value)\"")
                    return
                }
                hint = h
            case "@tone-style":
                guard let s = ToneStyle(rawValue: value) else {
                    Issue.record("\(row.file):\(row.line): unknown @tone-style value \"\(value)\"")
                    return
                }
                style = s
            case let option where option.hasPrefix("@"):
                Issue.record("\(row.file):\(row.line): unknown option \(option) (known: @hint, @tone-style)")
                return
            default: expectations.append((field, value))
            }
        }
        let name = try Engines.with(style).normalize(row.columns[0], hint: hint)
        for (field, expected) in expectations {
            // An empty list (`repairs=`) asserts that there is none, as an empty field does.
            if field == "repairs" {
                if expected.isEmpty {
                    #expect(name.repairs.isEmpty, "\(row.file):\(row.line) \(row.columns[0]): expected no repairs, got \(name.repairs)")
                }
                for repair in expected.split(separator: ",") {
                    #expect(name.repairs.contains(String(repair)), "\(row.file):\(row.line) \(row.columns[0]): repairs \(name.repairs) lacks \(repair)")
                }
                continue
            }
            if field == "alternates" {
                if expected.isEmpty {
                    #expect(name.alternates.isEmpty, "\(row.file):\(row.line) \(row.columns[0]): expected no alternates, got \(name.alternates)")
                }
                for alt in expected.split(separator: "|") {
                    #expect(name.alternates.contains(String(alt)), "\(row.file):\(row.line) \(row.columns[0]): alternates \(name.alternates) lacks \(alt)")
                }
                continue
            }
            guard let actual = name.field(field) else {
                Issue.record("\(row.file):\(row.line): unknown field \(field)")
                continue
            }
            #expect(actual == expected, "\(row.file):\(row.line) \(row.columns[0]): \(field) is \"\(actual)\", expected \"\(expected)\"")
        }
    }

    @Test(arguments: transliterateRows)
    func transliterate(_ row: FixtureRow) throws {
        try #require(row.columns.count >= 3, "\(row.file):\(row.line): expected target, input, output")
        let target = try TransliterationTarget.named(row.columns[0])
        let actual = try NameCanon.shared.transliterate(row.columns[1], to: target)
        #expect(actual == row.columns[2], "\(row.file):\(row.line) \(row.columns[0]) \(row.columns[1]): got \"\(actual)\", expected \"\(row.columns[2])\"")
    }
}
