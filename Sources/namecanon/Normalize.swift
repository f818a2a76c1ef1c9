import ArgumentParser
import Foundation
import NameBatch
import NameCanon
import NameProtocol
import NameRegistry

struct Normalize: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "normalize",
        abstract: "Normalize names, one per line.",
        discussion: """
            Reads one name per line from each FILE (none, or -, reads stdin) and
            writes one line per name: TSV by default (with a header row), or one
            JSON object per line with --json. A bad line (invalid UTF-8, empty,
            no letters, over 512 characters) is reported on stderr with its line
            number and written as an empty row; the exit code is then 1.

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
    /// The field each column after "input" holds.
    static let fields = columns.dropFirst().map { NormalizedName.Field(rawValue: $0)! }

    @Option(name: .long, help: "Worker threads (default: all cores). Output order is input order.")
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp(
        "A registry file to consult: a person it knows is shown in its canonical form, with entity and canonical columns.",
        valueName: "path"))
    var registry: String?

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        // (Asked only when --jobs is not given: counting the cores reads the cgroup's files.)
        let threads = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        let canon = try engine.makeEngine()
        var opened: Registry? = nil
        if let registry {
            guard FileManager.default.fileExists(atPath: registry) else {
                throw ValidationError("no registry at \(registry) (normalize reads a registry; resolve --create makes one)")
            }
            opened = try Registry(store: try SQLiteStore(path: registry), canon: canon)
        }
        let rows = Rows(canon: canon, registry: opened, json: json, lang: lang)
        let inputs = try inputDescriptors(files)
        let out = OutputWriter(fd: 1)
        if !json && !noHeader { out.write((Self.columns + (opened != nil ? ["entity", "canonical"] : [])).joined(separator: "\t") + "\n") }
        var errors = 0
        let failFast = onError == .fail
        for input in inputs {
            let reader = RecordReader(fd: input.fd, format: .lines, maxRecordBytes: 1 << 20)
            defer { if input.fd != 0 { close(input.fd) } }
            // Batches of the lines already read (up to 4,096): a file goes a buffer at a time,
            // and a slow pipe gets each line's row as soon as it arrives.
            try OrderedPool.run(threads: threads, next: {
                var batch: [Record] = []
                while batch.count < 4096, batch.isEmpty || reader.hasBufferedRecord, let line = reader.next() {
                    batch.append(line)
                }
                return batch
            }, inputReady: { reader.hasInputWaiting }, transform: { batch in
                batch.map { (number: $0.line, outcome: rows.outcome($0.line, $0)) }
            }, take: { outcomes in
                for (number, outcome) in outcomes {
                    out.write(outcome.row)
                    if let failure = outcome.failure {
                        errors += 1
                        reportError("\(input.name):\(number): \(failure)")
                        if failFast {
                            out.flush()
                            throw ExitCode(1)
                        }
                    }
                }
                // Rows go out now when more input would have to be waited for.
                if !reader.hasInputWaiting { out.flush() }
                return true
            })
        }
        out.flush()
        if errors > 0 { throw ExitCode(1) }
    }
}

/// What makes `normalize`'s row for a line: the engine, the registry consulted when --registry
/// names one (it must exist: normalize never creates one), the output form and the language
/// hint, read once from the command's options (each read of an option goes through
/// ArgumentParser's property wrapper), and the rows written lately for a line's exact text.
/// Names repeat heavily in real input; a repeated line then costs a lookup instead of a
/// normalization and a row's formatting. With a registry nothing is remembered: the row
/// depends on what the registry knows, which another process may change while the run goes on.
final class Rows: @unchecked Sendable {
    let canon: NameCanon
    let registry: Registry?
    let json: Bool
    let lang: NameLanguage?
    private let memo: RowMemo

    init(canon: NameCanon, registry: Registry?, json: Bool, lang: NameLanguage?) {
        self.canon = canon
        self.registry = registry
        self.json = json
        self.lang = lang
        memo = RowMemo(limit: registry == nil ? 10_000 : 0)
    }

    /// One input line's outcome: the output row, or an error message.
    struct Outcome {
        var row: [UInt8]
        var failure: String?
    }

    /// Thrown by the memo's computation for a line that is not UTF-8 (`nameText` says why).
    private struct NotUTF8: Error {}

    func outcome(_ number: Int, _ line: Record) -> Outcome {
        var error: String? = nil
        if !line.dropped {
            do {
                // Asked by the line's bytes, so a line seen before is answered before any String
                // is made of it: only UTF-8 text is remembered, and the same bytes are the same
                // text. With --json the line number leads the object; the rest is the same for
                // the same text.
                let body = try memo.row(forUTF8: line.lineBytes) {
                    guard let text = String(checkingUTF8: line.lineBytes) else { throw NotUTF8() }
                    return try row(text)
                }
                return Outcome(row: json ? Array("{\"line\":\(number),".utf8) + body : body)
            } catch is NotUTF8 {
            } catch let thrown {
                error = errorMessage(thrown)
            }
        }
        let (inputText, unreadable) = line.nameText
        let failure = unreadable ?? error ?? "unreadable line"
        if json {
            return Outcome(row: Array((JSON.object([("line", .int(number)), ("input", .string(inputText)), ("ok", .bool(false)),
                                                   ("error", .string(failure))]).serialized + "\n").utf8), failure: failure)
        }
        let width = Normalize.columns.count - 1 + (registry != nil ? 2 : 0)
        return Outcome(row: Array((tsvField(inputText) + String(repeating: "\t", count: width) + "\n").utf8), failure: failure)
    }

    /// The row for `text`: the TSV line, or with --json the JSON object's members after "line"
    /// and its closing brace, each with its newline.
    private func row(_ text: String) throws -> [UInt8] {
        // Without a registry the row memo remembers this row: the engine need not remember the name.
        var name = try canon.normalize(text, hint: lang, remember: registry != nil)
        var person: (entity: String, canonical: String)? = nil
        if let registry {
            person = registry.knownCanonical(text, language: lang)
            if let person { name.display = person.canonical }
        }
        if json {
            var members = ProtocolHandler.fields(of: name)
            if let person { members += [("entity", .string(person.entity)), ("canonical", .string(person.canonical))] }
            var object: [UInt8] = []
            JSON.appendMembers(members, to: &object)
            object.append(contentsOf: "}\n".utf8)
            return object
        }
        var row: [UInt8] = []
        row.reserveCapacity(text.utf8.count * 8 + 64)
        appendTSVField(text, to: &row)
        for field in Normalize.fields {
            row.append(0x09)
            appendTSVField(name.value(field), to: &row)
        }
        if registry != nil {
            row.append(0x09)
            appendTSVField(person?.entity ?? "", to: &row)
            row.append(0x09)
            appendTSVField(person?.canonical ?? "", to: &row)
        }
        row.append(0x0A)
        return row
    }
}

/// A value made safe for one TSV field, escaped as PostgreSQL's text format and "linear TSV" do:
/// a backslash becomes `\\`, a TAB `\t`, a line feed `\n` and a carriage return `\r`, so every
/// row stays one line of the same columns and the value can be read back exactly.
func tsvField(_ s: String) -> String {
    guard needsTSVEscape(s) else { return s }
    var out: [UInt8] = []
    appendTSVField(s, to: &out)
    return String(decoding: out, as: UTF8.self)
}

/// `tsvField(s)` appended to a row of UTF-8 bytes.
func appendTSVField(_ s: String, to row: inout [UInt8]) {
    var s = s
    s.withUTF8 { bytes in
        guard bytes.contains(where: isTSVEscaped) else {
            row.append(contentsOf: bytes)
            return
        }
        for b in bytes {
            switch b {
            case 0x5C: row.append(0x5C); row.append(0x5C)
            case 0x09: row.append(0x5C); row.append(0x74)
            case 0x0A: row.append(0x5C); row.append(0x6E)
            case 0x0D: row.append(0x5C); row.append(0x72)
            default: row.append(b)
            }
        }
    }
}

/// Whether `s` holds a byte `tsvField` escapes (backslash, TAB, LF, CR).
private func needsTSVEscape(_ s: String) -> Bool { s.utf8.contains(where: isTSVEscaped) }

/// A byte `tsvField` escapes: backslash, TAB, LF, CR.
private func isTSVEscaped(_ b: UInt8) -> Bool { b == 0x09 || b == 0x0A || b == 0x0D || b == 0x5C }
