import ArgumentParser
import Foundation
import NameBatch
import NameCanon
import NameRegistry

struct Convert: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "convert",
        abstract: "Add normalized name columns to a CSV, TSV, JSON Lines or plain-lines file.",
        discussion: """
            Every input byte is written back as it was; the chosen columns are appended to each
            record (and their names to the header row). Records come out in input order, converted
            on --jobs threads. The format comes from the file extension (.csv, .tsv, .jsonl,
            .ndjson, .txt) or --format; stdin without --format is read as plain lines.

            A bad row (no name field, name not UTF-8, broken CSV quoting, empty name) is reported on
            stderr with its row number and, with --errors, as a JSON line in that file. With
            --on-error skip (the default) it is written unchanged with empty added columns and the
            run goes on and exits 0 (the report is the record); with --on-error fail the run stops
            there with exit code 1 and -o is not written. Usage errors exit with 2.

            Examples:
              namecanon convert people.csv --column name --add key,pinyin,hanviet -o people.out.csv
              namecanon convert --format jsonl --column fullName < in.jsonl > out.jsonl
              namecanon convert names.txt --add key,language --jobs 4
            """
    )

    @OptionGroup var engine: EngineOptions

    @Argument(help: "Input files, all of one format; - or none for stdin.")
    var files: [String] = []

    @Option(name: [.short, .long], help: ArgumentHelp("Write here (through a temporary file renamed at the end) instead of stdout.", valueName: "file"))
    var output: String?

    @Option(name: .long, help: ArgumentHelp("Input and output format: lines, csv, tsv or jsonl.", valueName: "format"))
    var format: String?

    @Option(name: .long, help: ArgumentHelp("The name column: a header name or a 1-based number (CSV, TSV), or a member name (JSON Lines). Default: name.", valueName: "name|number"))
    var column: String?

    @Option(name: .long, help: ArgumentHelp("Columns to append: key, display, latin, ascii, pinyin, hanviet, surname, given, language, order, entity, canonical (the last two from the registry).", valueName: "list"))
    var add: String = "key"

    @Flag(name: .long, help: "CSV: write a ' before every cell that starts with = + - @ TAB or CR, so spreadsheets show it as text instead of running it as a formula.")
    var safeCsv = false

    @Flag(name: .long, help: "The CSV or TSV input has no header row (then --column must be a number).")
    var noHeader = false

    @Option(name: .long, help: ArgumentHelp("Worker threads (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Option(name: .long, help: ArgumentHelp("On a bad row: skip (write it with empty added columns, go on) or fail (stop with exit code 1).", valueName: "skip|fail"))
    var onError: String = "skip"

    @Option(name: .long, help: ArgumentHelp("Write every bad row to this file as a JSON line.", valueName: "file"))
    var errors: String?

    @Flag(inversion: .prefixedNo, help: "Show a progress line and a summary on stderr (default: when stderr is a terminal).")
    var progress: Bool?

    @Option(name: .long, help: ArgumentHelp("Language hint for every name: zh, vi, ko, ja or other.", valueName: "lang"))
    var lang: String?

    @OptionGroup var store: RegistryOptions

    @Flag(name: .long, help: "With entity/canonical: register people the registry does not know yet.")
    var create = false

    /// Bad rows shown on stderr; the errors file gets them all.
    static let maxShownIssues = 50

    /// The options checked and parsed; a mistake is reported and exits with 2.
    private func parsedOptions(canon: NameCanon) throws -> (options: ConvertOptions, jobs: Int) {
        let inputs = files.isEmpty ? ["-"] : files
        let recordFormat: RecordFormat
        if let format {
            guard let f = RecordFormat(rawValue: format.lowercased()) else {
                throw usage("unknown format \"\(format)\"; expected lines, csv, tsv or jsonl")
            }
            recordFormat = f
        } else {
            let guessed = Set(inputs.map { $0 == "-" ? RecordFormat.lines : RecordFormat(path: $0) })
            guard guessed.count == 1, let first = guessed.first, let f = first else {
                throw usage("cannot tell the format from the file names; give --format lines|csv|tsv|jsonl")
            }
            recordFormat = f
        }
        guard onError == "skip" || onError == "fail" else { throw usage("--on-error takes skip or fail, not \"\(onError)\"") }
        let hint: NameLanguage?
        do { hint = try NameLanguage.hint(lang) } catch { throw usage(errorMessage(error)) }
        let jobCount = jobs ?? ProcessInfo.processInfo.activeProcessorCount
        guard jobCount >= 1 else { throw usage("--jobs must be at least 1") }
        let columns: [ConvertColumn]
        do { columns = try ConvertColumn.list(add) } catch { throw usage("\(error)") }
        var options = ConvertOptions(format: recordFormat, nameField: column.map(NameField.init), add: columns, hint: hint, header: !noHeader)
        if safeCsv {
            guard recordFormat == .csv else { throw usage("--safe-csv goes with CSV output") }
            options.safeCSV = true
        }
        if columns.contains(where: \.needsRegistry) {
            let registry: Registry
            do { registry = try store.open(canon: canon) } catch { throw usage("the registry cannot be opened: \(error)") }
            options.resolver = RegistryPersonResolver(registry: registry, create: create)
        } else if create {
            throw usage("--create goes with --add entity or canonical")
        }
        do { _ = try Converter(canon: canon, options: options) } catch { throw usage("\(error)") }
        return (options, jobCount)
    }

    func run() throws {
        let canon = try engine.makeEngine()
        let (options, jobCount) = try parsedOptions(canon: canon)
        let recordFormat = options.format
        let inputs = files.isEmpty ? ["-"] : files

        var descriptors: [(name: String, fd: Int32)] = []
        defer { for d in descriptors where d.fd != 0 { close(d.fd) } }
        for path in inputs {
            if path == "-" { descriptors.append(("-", 0)); continue }
            let fd = open(path, O_RDONLY)
            if fd < 0 { throw usage("cannot open \(path): \(String(cString: strerror(errno)))") }
            descriptors.append((path, fd))
        }
        let totalBytes = knownSize(descriptors.map(\.fd))

        let out: OutputFile
        do { out = try OutputFile(path: output) } catch { throw usage("\(error)") }
        var errorsFile: OutputFile? = nil
        if let errors {
            do { errorsFile = try OutputFile(path: errors, direct: true) } catch { out.discard(); throw usage("\(error)") }
        }

        let showProgress = progress ?? (isatty(2) == 1)
        let meter = ProgressMeter(totalBytes: totalBytes, enabled: showProgress)
        var summary = ConvertSummary()
        var shown = 0
        var bytesBefore = 0
        var headerWritten = false
        do {
            for input in descriptors {
                let reader = RecordReader(fd: input.fd, format: recordFormat)
                var converter = try Converter(canon: canon, options: options)
                let rowsBefore = summary.rows
                let result = try converter.convert(
                    reader, jobs: jobCount, writeHeader: !headerWritten,
                    output: { try out.write($0.bytes) },
                    onIssue: { record in
                        if shown < Self.maxShownIssues, let issue = record.issue {
                            meter.clear()
                            reportError("\(input.name): row \(record.row)\(record.line != record.row ? " (line \(record.line))" : ""): \(issue.message)")
                        }
                        shown += 1
                        try errorsFile?.write(Array((record.issueJSON(file: input.name) + "\n").utf8))
                        return onError == "skip"
                    },
                    progress: { rows in meter.update(rows: rowsBefore + rows, bytes: bytesBefore + reader.bytesConsumed) })
                summary += result
                // Several files make one output: only the first header goes out.
                if converter.expectsHeader && reader.bytesConsumed > 0 { headerWritten = true }
                bytesBefore += reader.bytesConsumed
                if let error = reader.readError {
                    meter.clear()
                    reportError("convert: reading \(input.name): \(error.message)")
                    summary.stopped = true
                }
                if summary.stopped { break }
            }
            try errorsFile?.commit()
            if summary.stopped {
                out.discard()
            } else {
                try out.commit()
            }
        } catch let error as ConvertError {
            meter.clear()
            out.discard()
            errorsFile?.discard()
            throw usage(error.description)
        } catch {
            meter.clear()
            out.discard()
            errorsFile?.discard()
            reportError("convert: \(error)")
            throw ExitCode(1)
        }
        if shown > Self.maxShownIssues {
            reportError("convert: \(shown - Self.maxShownIssues) more bad rows not shown\(errors == nil ? "; --errors FILE collects them all" : "")")
        }
        meter.finish(summary)
        // Bad rows skipped on request are reported, not failures: only a stopped run exits 1.
        if summary.stopped { throw ExitCode(1) }
    }

    /// The total size of the inputs when every one is a regular file, for percent and ETA.
    private func knownSize(_ fds: [Int32]) -> Int? {
        var total = 0
        for fd in fds {
            var st = stat()
            guard fstat(fd, &st) == 0, (st.st_mode & S_IFMT) == S_IFREG else { return nil }
            total += Int(st.st_size)
        }
        return total
    }
}

/// The registry as convert's `PersonResolver`: resolves each name, creating new people only
/// with `--create`.
struct RegistryPersonResolver: PersonResolver {
    let registry: Registry
    let create: Bool

    func person(named name: String, hint: NameLanguage?) throws -> ResolvedPerson? {
        // A name in lookalike letters is linked to no one (see Registry+Confusables.swift).
        let r = try registry.resolveGuarded(name, language: hint, doc: nil, create: create, source: "convert")
        guard let entity = r.entity, let canonical = r.canonical else { return nil }
        return ResolvedPerson(entity: entity, canonical: canonical)
    }
}

/// Reports a usage mistake; the caller throws the exit code 2 it returns.
private func usage(_ message: String) -> ExitCode {
    reportError("convert: \(message)")
    return ExitCode(2)
}

/// Where the converted records go: stdout, or a temporary file beside the destination that is
/// renamed into place only when the run succeeds, so a failed run leaves nothing half-written.
private final class OutputFile {
    struct Failure: Error, CustomStringConvertible {
        let description: String
    }

    private let fd: Int32
    private let path: String?
    /// The regular file the temporary file is renamed to (a symlink's target, not the link).
    private let destination: String?
    private let temporary: String?
    /// For an unnamed temporary file (O_TMPFILE): the directory it is linked into at commit.
    private var directory: String? = nil
    /// Buffers the writes; created once `fd` is known.
    private lazy var writer = OutputWriter(fd: fd)

    #if os(Linux)
    /// Linux's O_TMPFILE (__O_TMPFILE | O_DIRECTORY), which Glibc's Swift overlay does not export.
    private static let oTmpfile: Int32 = 0o20000000 | O_DIRECTORY
    #endif

    /// `path` nil: stdout. `direct`: write the file itself (the errors file, wanted even on failure).
    /// A path that exists and is not a regular file (a FIFO, /dev/stdout, a device) is
    /// written directly: renaming over it would replace the device or pipe itself.
    init(path: String?, direct: Bool = false) throws {
        self.path = path
        guard let path else { fd = 1; temporary = nil; destination = nil; return }
        var st = stat()
        let exists = stat(path, &st) == 0
        let regular = exists && (st.st_mode & S_IFMT) == S_IFREG
        if direct || (exists && !regular) {
            fd = open(path, O_WRONLY | O_CREAT | O_TRUNC, 0o666)
            temporary = nil
            destination = nil
        } else {
            // Follow a symlink so the link stays and its target gets the new contents.
            let target = exists ? (realpath(path, nil).map { p in defer { free(p) }; return String(cString: p) } ?? path) : path
            let url = URL(fileURLWithPath: target)
            var template = Array(url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).namecanon-XXXXXX").path.utf8CString)
            destination = target
            // An unnamed file (O_TMPFILE) vanishes with the process however it ends, kill -9
            // included; it gets its name only at commit. Where the file system cannot make
            // one, a named temporary file, removed on SIGINT and SIGTERM, does the same job.
            let mask = umask(0)
            umask(mask)
            #if os(Linux)
            let unnamed = open(url.deletingLastPathComponent().path, Self.oTmpfile | O_WRONLY, exists ? st.st_mode & 0o7777 : 0o666 & ~mask)
            #else
            // O_TMPFILE and /proc/self/fd are Linux's: elsewhere the named temporary file does the job
            // (the value 0o20000000 means O_DSYNC on macOS, so it must not be passed there).
            let unnamed: Int32 = -1
            #endif
            if unnamed >= 0 {
                fd = unnamed
                temporary = nil
                directory = url.deletingLastPathComponent().path
                if exists { fchmod(fd, st.st_mode & 0o7777) }
                InterruptCleanup.unblockSignals()
                return
            }
            fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
            temporary = fd >= 0 ? String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self) : nil
            if fd >= 0 {
                InterruptCleanup.remove(onSignal: template)
                // mkstemp makes the file 0600: keep the mode of the file replaced, or give a new file's.
                fchmod(fd, exists ? st.st_mode & 0o7777 : 0o666 & ~mask)
            }
        }
        if fd < 0 { throw Failure(description: "cannot write \(path): \(String(cString: strerror(errno)))") }
    }

    func write(_ bytes: [UInt8]) throws {
        writer.write(bytes)
        try check()
    }

    func flush() throws {
        writer.flush()
        try check()
    }

    private func check() throws {
        if let failure = writer.failure {
            throw Failure(description: "writing \(path ?? "stdout"): \(String(cString: strerror(failure)))")
        }
    }

    /// Flushes and, for a temporary file, renames it into place.
    func commit() throws {
        try flush()
        guard fd != 1 else { return }
        if let directory, let destination {
            try linkIntoPlace(directory: directory, destination: destination)
            return
        }
        if close(fd) != 0 { throw Failure(description: "writing \(path!): \(String(cString: strerror(errno)))") }
        defer { if temporary != nil { InterruptCleanup.clear() } }
        if let temporary, let destination, rename(temporary, destination) != 0 {
            let message = String(cString: strerror(errno))
            unlink(temporary)
            throw Failure(description: "cannot rename the output into \(path!): \(message)")
        }
    }

    /// Gives the unnamed file a temporary name beside the destination, then renames it over the
    /// destination: the old contents stay whole until the rename, the new ones are complete after.
    private func linkIntoPlace(directory: String, destination: String) throws {
        defer { close(fd) }
        if fsync(fd) != 0 { throw Failure(description: "writing \(path!): \(String(cString: strerror(errno)))") }
        let base = URL(fileURLWithPath: destination).lastPathComponent
        for _ in 0..<100 {
            let name = directory + "/.\(base).namecanon-" + String(UInt64.random(in: 0...UInt64.max), radix: 36)
            if linkat(AT_FDCWD, "/proc/self/fd/\(fd)", AT_FDCWD, name, AT_SYMLINK_FOLLOW) != 0 {
                if errno == EEXIST { continue }
                throw Failure(description: "cannot write \(path!): \(String(cString: strerror(errno)))")
            }
            if rename(name, destination) != 0 {
                let message = String(cString: strerror(errno))
                unlink(name)
                throw Failure(description: "cannot rename the output into \(path!): \(message)")
            }
            return
        }
        throw Failure(description: "cannot write \(path!): no free temporary name")
    }

    /// Gives up: stdout gets what was converted so far; a temporary file is removed.
    func discard() {
        if fd == 1 { try? flush(); return }
        close(fd)
        if let temporary { unlink(temporary); InterruptCleanup.clear() }
    }
}

/// Removes the temporary output file when the run is interrupted (Ctrl-C, SIGTERM), so an
/// interrupted run leaves nothing behind either. A signal handler may only make
/// async-signal-safe calls, so the path is kept as a C string set up beforehand.
private enum InterruptCleanup {
    nonisolated(unsafe) static var path: UnsafeMutablePointer<CChar>? = nil

    static func remove(onSignal cPath: [CChar]) {
        let copy = UnsafeMutablePointer<CChar>.allocate(capacity: cPath.count)
        copy.initialize(from: cPath, count: cPath.count)
        path = copy
        var set = sigset_t()
        sigemptyset(&set)
        for sig in signals {
            let previous = signal(sig) { sig in
                if let p = InterruptCleanup.path { unlink(p) }
                // Die of the same signal, so the caller sees how the run ended.
                signal(sig, SIG_DFL)
                raise(sig)
            }
            // A signal ignored on entry (nohup, a background job) stays ignored.
            if unsafeBitCast(previous, to: Int.self) == unsafeBitCast(SIG_IGN, to: Int.self) {
                signal(sig, SIG_IGN)
            } else {
                sigaddset(&set, sig)
            }
        }
        // A blocked signal would never reach the handler (a parent may hand its mask down).
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    private static let signals = [SIGINT, SIGTERM, SIGHUP]

    /// Lets SIGINT, SIGTERM and SIGHUP end the run even when the parent handed down a mask that
    /// blocks them (signals ignored on entry stay ignored): with an unnamed temporary file there
    /// is nothing to clean up, but a stopped run must still stop.
    static func unblockSignals() {
        var set = sigset_t()
        sigemptyset(&set)
        for sig in signals { sigaddset(&set, sig) }
        pthread_sigmask(SIG_UNBLOCK, &set, nil)
    }

    /// The file was renamed or removed: nothing to clean up any more.
    static func clear() {
        path = nil
    }
}

/// The progress line on stderr and the summary after it.
private final class ProgressMeter {
    private let totalBytes: Int?
    private let enabled: Bool
    private let start = Date()
    private var last = Date.distantPast
    private var drawn = false

    init(totalBytes: Int?, enabled: Bool) {
        self.totalBytes = totalBytes
        self.enabled = enabled
    }

    func update(rows: Int, bytes: Int) {
        guard enabled else { return }
        let now = Date()
        guard now.timeIntervalSince(last) >= 0.25 else { return }
        last = now
        let seconds = now.timeIntervalSince(start)
        let rate = seconds > 0 ? Double(rows) / seconds : 0
        var text = "\(rows) rows, \(Int(rate)) rows/s"
        if let totalBytes, totalBytes > 0 {
            let fraction = min(1, Double(bytes) / Double(totalBytes))
            text += String(format: ", %.0f%%", fraction * 100)
            if fraction > 0.001 {
                let eta = Int(seconds / fraction - seconds)
                text += String(format: ", ETA %d:%02d", eta / 60, eta % 60)
            }
        }
        write("\r\u{1B}[K" + text)
        drawn = true
    }

    func clear() {
        if drawn { write("\r\u{1B}[K"); drawn = false }
    }

    func finish(_ summary: ConvertSummary) {
        guard enabled else { return }
        clear()
        let seconds = Date().timeIntervalSince(start)
        write(String(format: "namecanon convert: %d rows, %d converted, %d errors, %.2f s\n",
                     summary.rows, summary.converted, summary.errors, seconds))
    }

    private func write(_ text: String) { FileHandle.standardError.write(Data(text.utf8)) }
}
