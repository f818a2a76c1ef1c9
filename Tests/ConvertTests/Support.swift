import Foundation
import NameBatch
import NameCanon
import Testing
import TestSupport

let fixtures = packageRoot.appendingPathComponent("Fixtures/convert")

func fixture(_ name: String) throws -> [UInt8] {
    Array(try Data(contentsOf: fixtures.appendingPathComponent(name)))
}

/// Set NAMECANON_RECORD_FIXTURES=1 to rewrite the expected files from what the code does now
/// (then read the diff before committing it).
let recording = ProcessInfo.processInfo.environment["NAMECANON_RECORD_FIXTURES"] == "1"

/// A source that hands out at most `chunk` bytes a read, so records straddle every possible
/// buffer boundary.
struct TrickleSource: ByteSource {
    let bytes: [UInt8]
    let chunk: Int
    var offset = 0

    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = min(chunk, buffer.count, bytes.count - offset)
        for i in 0..<n { buffer[i] = bytes[offset + i] }
        offset += n
        return n
    }
}

/// Everything one conversion produced.
struct Conversion {
    var output: [UInt8] = []
    var issues: [ConvertedRecord] = []
    var summary = ConvertSummary()
}

/// Converts `input` through the library, the way the CLI does.
func convert(_ input: [UInt8], _ options: ConvertOptions, jobs: Int = 1, batchSize: Int = 1024, chunk: Int? = nil,
             stopAtFirstIssue: Bool = false) throws -> Conversion {
    var converter = try Converter(options: options)
    let reader = chunk.map { RecordReader(source: TrickleSource(bytes: input, chunk: $0), format: options.format) }
        ?? RecordReader(bytes: input, format: options.format)
    var result = Conversion()
    result.summary = try converter.convert(
        reader, jobs: jobs, batchSize: batchSize,
        output: { result.output += $0.bytes },
        onIssue: { result.issues.append($0); return !stopAtFirstIssue })
    return result
}

/// Runs `namecanon` with `arguments` in `directory` (the convert fixtures by default), feeding `stdin`.
func namecanon(_ arguments: [String], in directory: URL = fixtures, stdin: [UInt8] = []) throws -> Binary.Result {
    try Binary.run(arguments, input: stdin, directory: directory)
}

/// A fresh empty directory for files a test writes.
func scratchDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("namecanon-convert-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

extension Array where Element == UInt8 {
    var text: String { String(decoding: self, as: UTF8.self) }
}
