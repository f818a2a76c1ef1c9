import ArgumentParser
import Foundation
import NameCanon
import NameProtocol

struct Normalize: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Normalize names, one per line.",
        discussion: """
            Reads one name per line from each FILE (none, or -, reads stdin) and writes one line per
            name: TSV by default (with a header row), or one JSON object per line with --json.
            A bad line (invalid UTF-8, empty, no letters) is reported on stderr with its line number
            and written as an error row; the exit code is then 1.

            Examples:
              printf 'XI Jinping\\nNguyễn Phú Trọng\\n' | namecanon normalize
              namecanon normalize --json names.txt
              namecanon normalize --lang vi --tone-style old names.txt
            """
    )

    @OptionGroup var engine: EngineOptions

    @Flag(name: .long, help: "Write one JSON object per line instead of TSV.")
    var json = false

    @Flag(name: .long, help: "Leave out the TSV header row.")
    var noHeader = false

    @Option(name: .long, help: ArgumentHelp("Language hint for every name: zh, vi, ko, ja or other.", valueName: "lang"))
    var lang: NameLanguage?

    @Option(name: .long, help: "On a bad line: skip (report it and go on) or fail (stop with exit code 1).")
    var onError: OnError = .skip

    @Argument(help: "Files of names, one per line; - or none for stdin.")
    var files: [String] = []

    static let columns = ["input", "key", "display", "latin", "surname", "middle", "given", "title", "reference",
                          "language", "script", "order", "keys.syllable", "keys.hanviet"]

    func run() throws {
        let canon = try engine.makeEngine()
        let inputs = try inputDescriptors(files)
        let out = OutputWriter(fd: 1)
        if !json && !noHeader { out.write(Self.columns.joined(separator: "\t") + "\n") }
        var errors = 0
        for input in inputs {
            var reader = LineReader(fd: input.fd, maxLine: 1 << 20)
            defer { if input.fd != 0 { close(input.fd) } }
            while let line = reader.next() {
                let number = reader.lineNumber
                var failure: String? = nil
                var inputText = ""
                switch line {
                case .tooLong(let length):
                    failure = "line too long (\(length) bytes)"
                case .bytes(let bytes):
                    if let text = String(validating: bytes, as: UTF8.self) {
                        inputText = text
                        do {
                            let name = try canon.normalize(text, hint: lang)
                            if json {
                                out.write(JSON.object([("line", .int(number))] + ProtocolHandler.fields(of: name)).serialized + "\n")
                            } else {
                                let values = Self.columns.dropFirst().map { name.field($0) ?? "" }
                                out.write(([tsvField(text)] + values.map(tsvField)).joined(separator: "\t") + "\n")
                            }
                        } catch {
                            failure = (error as? NameCanonError)?.message ?? "\(error)"
                        }
                    } else {
                        inputText = String(decoding: bytes, as: UTF8.self)
                        failure = "not valid UTF-8"
                    }
                }
                if let failure {
                    errors += 1
                    reportError("\(input.name):\(number): \(failure)")
                    if json {
                        out.write(JSON.object([("line", .int(number)), ("input", .string(inputText)), ("ok", .bool(false)),
                                               ("error", .string(failure))]).serialized + "\n")
                    } else {
                        out.write(tsvField(inputText) + String(repeating: "\t", count: Self.columns.count - 1) + "\n")
                    }
                    if onError == .fail {
                        out.flush()
                        throw ExitCode(1)
                    }
                }
            }
        }
        out.flush()
        if errors > 0 { throw ExitCode(1) }
    }
}

/// A value made safe for one TSV field: tabs and newlines become spaces.
func tsvField(_ s: String) -> String {
    guard s.contains(where: { $0 == "\t" || $0 == "\n" || $0 == "\r" }) else { return s }
    return String(s.map { $0 == "\t" || $0 == "\n" || $0 == "\r" ? " " : $0 })
}
