import Foundation
import NameBatch
import NameCanon
import Testing

/// One golden conversion: an input fixture, the options, and the expected output and bad rows.
struct GoldenCase: CustomTestStringConvertible, Sendable {
    let input: String
    let expected: String
    let errors: String
    let format: RecordFormat
    let column: String?
    let add: [ConvertColumn]

    var testDescription: String { input }

    var options: ConvertOptions { ConvertOptions(format: format, nameField: column.map(NameField.init), add: add) }

    /// The CLI arguments for the same conversion.
    var arguments: [String] {
        [input, "--add", add.map(\.rawValue).joined(separator: ",")] + (column.map { ["--column", $0] } ?? [])
    }

    static let all: [GoldenCase] = [
        GoldenCase(input: "sample.csv", expected: "sample.expected.csv", errors: "sample.csv.errors.jsonl", format: .csv,
                   column: "name", add: [.key, .pinyin, .hanviet]),
        GoldenCase(input: "nasty.csv", expected: "nasty.expected.csv", errors: "nasty.csv.errors.jsonl", format: .csv,
                   column: "2", add: [.key, .display]),
        GoldenCase(input: "names.tsv", expected: "names.expected.tsv", errors: "names.tsv.errors.jsonl", format: .tsv,
                   column: "name", add: [.key, .display, .surname, .given]),
        GoldenCase(input: "people.jsonl", expected: "people.expected.jsonl", errors: "people.jsonl.errors.jsonl", format: .jsonl,
                   column: nil, add: [.key, .latin, .language]),
        // Rows 2 and 3 have fewer and more fields than the header: bad rows, not shifted columns.
        GoldenCase(input: "field-count.csv", expected: "field-count.expected.csv", errors: "field-count.csv.errors.jsonl",
                   format: .csv, column: "name", add: [.key]),
        GoldenCase(input: "names.txt", expected: "names.expected.txt", errors: "names.txt.errors.jsonl", format: .lines,
                   column: nil, add: [.key, .latin, .ascii, .order]),
    ]

    func errorLines(_ issues: [ConvertedRecord]) -> [UInt8] {
        Array(issues.map { $0.issueJSON(file: input) + "\n" }.joined().utf8)
    }
}

@Suite("Golden conversions in Fixtures/convert")
struct GoldenTests {
    @Test(arguments: GoldenCase.all)
    func matchesExpectedOutput(_ golden: GoldenCase) throws {
        let input = try fixture(golden.input)
        let result = try convert(input, golden.options)
        if recording {
            try Data(result.output).write(to: fixtures.appendingPathComponent(golden.expected))
            try Data(golden.errorLines(result.issues)).write(to: fixtures.appendingPathComponent(golden.errors))
        }
        let expected = try fixture(golden.expected)
        #expect(result.output == expected, "output differs from \(golden.expected):\n\(result.output.text)")
        let expectedErrors = try fixture(golden.errors)
        #expect(golden.errorLines(result.issues) == expectedErrors)
        #expect(result.summary.errors == result.issues.count)
        #expect(result.summary.converted + result.summary.errors == result.summary.rows)
    }

    /// Parallel conversion with tiny batches, and reading a few bytes at a time, give the same bytes.
    @Test(arguments: GoldenCase.all)
    func parallelAndTrickledReadsGiveTheSameOutput(_ golden: GoldenCase) throws {
        let input = try fixture(golden.input)
        let serial = try convert(input, golden.options)
        for jobs in [2, 3] {
            let parallel = try convert(input, golden.options, jobs: jobs, batchSize: 2)
            #expect(parallel.output == serial.output, "jobs \(jobs)")
            #expect(parallel.issues.map(\.row) == serial.issues.map(\.row), "jobs \(jobs)")
        }
        for chunk in [1, 2, 7] {
            let trickled = try convert(input, golden.options, chunk: chunk)
            #expect(trickled.output == serial.output, "chunk \(chunk)")
            #expect(trickled.issues.map(\.row) == serial.issues.map(\.row), "chunk \(chunk)")
        }
    }

    /// Every input record comes out with its bytes untouched, only columns appended.
    @Test(arguments: GoldenCase.all)
    func passThroughColumnsAreByteIdentical(_ golden: GoldenCase) throws {
        let input = try fixture(golden.input)
        let output = try convert(input, golden.options).output
        let inRecords = Array(RecordReader(bytes: input, format: golden.format))
        let outRecords = Array(RecordReader(bytes: output, format: golden.format))
        try #require(inRecords.count == outRecords.count)
        for (a, b) in zip(inRecords, outRecords) {
            #expect(b.terminator == a.terminator, "row \(a.row)")
            switch golden.format {
            case .csv, .tsv, .lines:
                #expect(Array(b.bytes.prefix(a.bytes.count)) == a.bytes, "row \(a.row)")
                if a.issue == nil && golden.format != .lines {
                    // The added columns are separate fields after the original ones.
                    #expect(b.fields.count == a.fields.count + golden.add.count, "row \(a.row)")
                    for i in 0..<a.fields.count {
                        #expect(Array(b.bytes[b.fields[i]]) == Array(a.bytes[a.fields[i]]), "row \(a.row) field \(i + 1)")
                    }
                }
            case .jsonl:
                // Removing the appended members gives back the input line.
                if b.bytes == a.bytes { continue }
                let brace = try #require(a.bytes.lastIndex(of: UInt8(ascii: "}")))
                #expect(Array(b.bytes.prefix(brace)) == Array(a.bytes.prefix(brace)), "row \(a.row)")
                #expect(Array(b.bytes.suffix(a.bytes.count - brace)) == Array(a.bytes.suffix(a.bytes.count - brace)), "row \(a.row)")
            }
        }
    }
}
