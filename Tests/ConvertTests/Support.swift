import Foundation
import NameBatch
import NameCanon
import Testing

/// The package root: the nearest directory above this file that holds Package.swift.
let packageRoot: URL = {
    var url = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
    while url.path != "/" {
        if FileManager.default.fileExists(atPath: url.appendingPathComponent("Package.swift").path) { return url }
        url = url.deletingLastPathComponent()
    }
    fatalError("no Package.swift above \(#filePath)")
}()

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

/// The built `namecanon` executable: beside the test bundle, or in .build/debug.
func namecanonBinary() throws -> URL {
    var candidates: [URL] = []
    let exe = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
    var dir = exe.deletingLastPathComponent()
    for _ in 0..<3 {
        candidates.append(dir.appendingPathComponent("namecanon"))
        dir = dir.deletingLastPathComponent()
    }
    candidates.append(Bundle.main.bundleURL.appendingPathComponent("namecanon"))
    candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent("namecanon"))
    candidates.append(packageRoot.appendingPathComponent(".build/debug/namecanon"))
    for url in candidates where FileManager.default.isExecutableFile(atPath: url.path) { return url }
    throw BinaryNotFound(looked: candidates.map(\.path))
}

struct BinaryNotFound: Error, CustomStringConvertible {
    let looked: [String]
    var description: String { "the namecanon executable was not built; looked in \(looked.joined(separator: ", ")) (run swift build)" }
}

/// What a run of the binary did.
struct Run {
    var status: Int32
    var stdout: [UInt8]
    var stderr: String
}

/// Runs `namecanon` with `arguments` in `directory`, feeding `stdin`.
func namecanon(_ arguments: [String], in directory: URL = fixtures, stdin: [UInt8] = []) throws -> Run {
    let process = Process()
    process.executableURL = try namecanonBinary()
    process.arguments = arguments
    process.currentDirectoryURL = directory
    let input = Pipe(), output = Pipe(), errors = Pipe()
    process.standardInput = input
    process.standardOutput = output
    process.standardError = errors
    try process.run()
    // Read both pipes while the process runs so neither fills up and blocks it.
    let group = DispatchGroup()
    nonisolated(unsafe) var out = Data()
    nonisolated(unsafe) var err = Data()
    DispatchQueue.global().async(group: group) { out = output.fileHandleForReading.readDataToEndOfFile() }
    DispatchQueue.global().async(group: group) { err = errors.fileHandleForReading.readDataToEndOfFile() }
    input.fileHandleForWriting.write(Data(stdin))
    try input.fileHandleForWriting.close()
    group.wait()
    process.waitUntilExit()
    return Run(status: process.terminationStatus, stdout: Array(out), stderr: String(decoding: err, as: UTF8.self))
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
