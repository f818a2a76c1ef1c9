import ArgumentParser
import Foundation
import NameBatch
import NameCanon
import NameRegistry

@main
struct NameCanonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "namecanon",
        abstract: "One canonical identity for every written form of a person's name.",
        discussion: """
            Normalizes, converts and matches Chinese, Vietnamese and other names
            in any script, romanization, order, casing or diacritic state, and
            gives every person one canonical ID.

            Examples:
              printf 'XI Jinping\\n習近平\\n' | namecanon normalize --json
              echo 欧阳娜娜 | namecanon transliterate --to pinyin
              namecanon compare "Emanuel Macron" "Emmanuel Macron"
              namecanon resolve --create mentions.tsv
              namecanon convert people.csv --column name --add key,pinyin
              namecanon serve < requests.jsonl
            """,
        version: "NameCanon \(NameCanonVersion.nameCanon), ICU \(NameCanonVersion.icu) (Unicode \(NameCanonVersion.unicode))",
        subcommands: [Normalize.self, Transliterate.self, Compare.self, Serve.self, Resolve.self, RegistryCommand.self, Convert.self]
    )

    /// Runs the command with NameCanon's exit codes: 0 ok, 1 input errors were reported,
    /// 2 usage error (swift-argument-parser's own default for usage errors is 64).
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
            OpenedRegistries.closeForExit()
        } catch {
            OpenedRegistries.closeForExit()
            let code = exitCode(for: error)
            if code == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}

/// Options every subcommand that builds an engine shares.
struct EngineOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("A directory of rule files laid over the built-in ones.", valueName: "dir"))
    var rules: String?

    @Option(name: .long, help: ArgumentHelp("Where Vietnamese tone marks go in display forms: new (Hòa), old (Hoà) or keep.", valueName: "style"))
    var toneStyle: ToneStyle = .new

    func validate() throws {
        guard let rules else { return }
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: rules, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw ValidationError("--rules: no such directory: \(rules)")
        }
    }

    func makeEngine() throws -> NameCanon {
        var files = RuleFiles.embedded
        if let rules { files = try files.overlaid(with: URL(fileURLWithPath: rules)) }
        return try NameCanon(rules: files, toneStyle: toneStyle)
    }
}

extension ToneStyle: ExpressibleByArgument {}
extension NameLanguage: ExpressibleByArgument {
    /// `--lang` reads a code in any case (`NameLanguage.hint`); leave the option out to let the
    /// normalizer guess.
    public init?(argument: String) {
        guard let language = try? NameLanguage.hint(argument) else { return nil }
        self = language
    }
}

/// What to do with a bad input line.
enum OnError: String, ExpressibleByArgument, CaseIterable {
    case skip, fail
}

/// Opens the named inputs in order ("-" or none: stdin), reporting files that cannot be opened.
func inputDescriptors(_ files: [String]) throws -> [(name: String, fd: Int32)] {
    if files.isEmpty { return [("-", 0)] }
    return try files.map { path in
        if path == "-" { return ("-", 0) }
        let fd = open(path, O_RDONLY)
        if fd < 0 { throw ValidationError("cannot open \(path): \(String(cString: strerror(errno)))") }
        return (path, fd)
    }
}

/// Writes an error line to stderr.
func reportError(_ text: String) {
    FileHandle.standardError.write(Data(("namecanon: " + text + "\n").utf8))
}

extension Record {
    /// The line as the text of one name, or why it is none: too long (the text is then empty),
    /// or not UTF-8 (the text is then the bytes with U+FFFD, to echo in the row).
    var nameText: (text: String, failure: String?) {
        if dropped { return ("", "line too long (\(droppedBytes) bytes)") }
        if let text = String(checkingUTF8: lineBytes) { return (text, nil) }
        return (String(decoding: lineBytes, as: UTF8.self), "not valid UTF-8")
    }
}

/// The line loop the line-oriented subcommands share: reads every line of `files` (stdin for
/// none or "-"), writes what `row` makes of each readable line, and for a bad one (too long,
/// not UTF-8, or `row` throws) reports it on stderr with its file and line number and writes
/// `failedRow` in its place, so output lines stay aligned with input lines. With `onError`
/// fail it stops at the first bad line with exit code 1; otherwise it exits 1 at the end if
/// any line was bad. A fault of the registry's store stops it at once.
///
/// With `grouped` (a registry's group commit), the lines already read when one is taken (up to
/// `groupLimit`) run inside one call of it, and their rows are written only after it returned,
/// so a row never reports a write that is not committed. When the group fails as a whole its
/// lines run again one by one, each committed on its own.
func processLines(_ files: [String], onError: OnError, out: OutputWriter,
                  grouped: ((() throws -> Void) throws -> Void)? = nil, groupLimit: Int = 512,
                  row: (String) throws -> String, failedRow: (_ text: String, _ failure: String) -> String) throws {
    enum Outcome {
        case row(String)
        case failed(line: Int, text: String, failure: String)
        case store(line: Int, RegistryError)
    }
    func outcome(_ line: Record) -> Outcome {
        let number = line.line
        let (decoded, unreadable) = line.nameText
        if let unreadable { return .failed(line: number, text: decoded, failure: unreadable) }
        do {
            return .row(try row(decoded))
        } catch let error as RegistryError where error.code == .store {
            return .store(line: number, error)
        } catch {
            return .failed(line: number, text: decoded, failure: errorMessage(error))
        }
    }
    var errors = 0
    for input in try inputDescriptors(files) {
        let reader = RecordReader(fd: input.fd, format: .lines, maxRecordBytes: 1 << 20)
        defer { if input.fd != 0 { close(input.fd) } }
        /// Writes one line's outcome; 1 for a bad line, else 0.
        func emit(_ outcome: Outcome) throws -> Int {
            switch outcome {
            case .row(let text):
                out.write(text)
                return 0
            case .store(let line, let error):
                // A fault of the store (disk full, file-size limit, read-only), not of the
                // line: every later write would fail the same way, so stop here. The rows
                // written so far were committed.
                out.flush()
                reportError("\(input.name):\(line): \(error); stopped, lines from here on were not read")
                throw ExitCode(1)
            case .failed(let line, let text, let failure):
                reportError("\(input.name):\(line): \(failure)")
                out.write(failedRow(text, failure))
                if onError == .fail { out.flush(); throw ExitCode(1) }
                return 1
            }
        }
        while let first = reader.next() {
            var chunk = [first]
            if let grouped {
                while chunk.count < groupLimit, reader.hasBufferedRecord, let line = reader.next() { chunk.append(line) }
                if chunk.count > 1 {
                    var outcomes: [Outcome] = []
                    do {
                        try grouped {
                            outcomes = []
                            for line in chunk {
                                let result = outcome(line)
                                outcomes.append(result)
                                switch result {
                                case .store(_, let error): throw error  // roll the group back; one by one below
                                case .failed where onError == .fail: return  // commit what came before it
                                default: continue
                                }
                            }
                        }
                    } catch {
                        outcomes = []
                    }
                    if !outcomes.isEmpty {
                        for result in outcomes { errors += try emit(result) }
                        continue
                    }
                }
            }
            for line in chunk { errors += try emit(outcome(line)) }
        }
    }
    out.flush()
    if errors > 0 { throw ExitCode(1) }
}
