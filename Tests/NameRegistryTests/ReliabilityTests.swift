import Foundation
import GRDB
import NameCanon
import Testing
import TestSupport
@testable import NameRegistry
#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// Hostile input and faults (issue 13; docs/reliability.md). Every trial runs the real binary.
// The counts here are small on purpose; scripts/fault-trials.sh runs the same trials by the hundred.

/// Runs the binary through /bin/sh so a trial can set limits first (see `Binary.shell`).
private func shell(_ script: String, input: String = "") throws -> Binary.Result {
    try Binary.shell(script, input: input)
}

/// Starts the binary and kills it with SIGKILL after `delay` seconds (or lets it finish first).
/// Returns true when the kill landed while the process was still running.
@discardableResult
private func runAndKill(_ arguments: [String], stdin: String? = nil, after delay: Double) throws -> Bool {
    let process = Process()
    process.executableURL = Binary.url
    process.arguments = arguments
    process.standardOutput = FileHandle.nullDevice
    process.standardError = FileHandle.nullDevice
    if let stdin { process.standardInput = FileHandle(forReadingAtPath: stdin) } else { process.standardInput = FileHandle.nullDevice }
    try process.run()
    Thread.sleep(forTimeInterval: delay)
    let running = process.isRunning
    kill(process.processIdentifier, SIGKILL)
    process.waitUntilExit()
    return running && process.terminationReason == .uncaughtSignal
}

/// The entity count of `registry stats` output ("entities TAB n").
private func entities(_ stats: String) -> Int? {
    stats.split(separator: "\n").first { $0.hasPrefix("entities\t") }.flatMap { Int($0.split(separator: "\t")[1]) }
}

/// Distinct full names that normalize to distinct keys: "Anna Abbott", "Anna Baxter", ...
private func people(_ count: Int) -> [String] {
    let given = ["Anna", "Boris", "Clara", "Dmitri", "Elena", "Felix", "Greta", "Hugo", "Irene", "Jonas",
                 "Karla", "Lukas", "Marta", "Nils", "Olga", "Pavel", "Rosa", "Sven", "Tilda", "Viktor"]
    let surnames = ["Abbott", "Baxter", "Carver", "Dalton", "Easton", "Fowler", "Garner", "Harlow", "Ingram", "Jarvis",
                    "Keller", "Lowell", "Marsh", "Norris", "Oakley", "Porter", "Quill", "Rowan", "Sutton", "Thorne",
                    "Upton", "Vance", "Walsh", "Yates", "Zeller"]
    var out: [String] = []
    outer: for suffix in ["", "sen", "ford", "wick", "ley", "ton", "field", "more"] {
        for s in surnames { for g in given { out.append("\(g) \(s)\(suffix)"); if out.count == count { break outer } } }
    }
    return out
}

/// The files in `directory` other than the SQLite database and its WAL and shared-memory files.
private func strayFiles(_ directory: TemporaryDirectory, keeping: Set<String>) throws -> [String] {
    try FileManager.default.contentsOfDirectory(atPath: directory.url.path).filter { name in
        !keeping.contains(name) && !keeping.contains { name == $0 + "-wal" || name == $0 + "-shm" || name == $0 + "-journal" }
    }
}

/// Checks the store after a fault: SQLite's integrity check passes, every name maps to at most one
/// entity, and the registry opens. Returns the registry.
private func checkedStore(_ path: String) throws -> Registry {
    let pool = try DatabaseQueue(path: path)
    #expect(try pool.read { db in try String.fetchOne(db, sql: "PRAGMA integrity_check") } == "ok")
    try pool.close()
    return try Registry(store: try SQLiteStore(path: path))
}

/// Makes `directory` unwritable, for root too: mode 0555, and the immutable attribute when the
/// mode alone does not stop this user. Returns an undo, or nil when neither works here.
private func makeReadOnly(_ directory: String) -> (() -> Void)? {
    chmod(directory, 0o555)
    func writable() -> Bool {
        let probe = directory + "/.probe"
        let fd = open(probe, O_WRONLY | O_CREAT, 0o600)
        if fd >= 0 { close(fd); unlink(probe); return true }
        return false
    }
    if !writable() { return { chmod(directory, 0o755) } }
    let set = try? shell("chattr +i '\(directory)' 2>/dev/null")
    if set?.status == 0, !writable() {
        return { _ = try? shell("chattr -i '\(directory)'"); chmod(directory, 0o755) }
    }
    chmod(directory, 0o755)
    return nil
}

@Suite("Lookalike names")
struct ConfusableTests {
    // A child that exits early (as it should, on a refused input) must not kill the test runner.
    init() { _ = ignoringSIGPIPE }

    struct Case { let input: String; let flagged: Bool; let why: String }

    static let cases: [Case] = {
        let text = try! String(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/reliability/confusables.tsv"), encoding: .utf8)
        return text.split(separator: "\n").filter { !$0.hasPrefix("#") }.map {
            let c = $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(input: c[0], flagged: c[1] == "flagged", why: c[2])
        }
    }()

    @Test func fixtures() throws {
        #expect(Self.cases.count >= 20)
        for c in Self.cases {
            let n = try NameCanon.shared.normalize(c.input)
            #expect(n.repairs.contains("confusable") == c.flagged, "\(c.input) (\(c.why)): repairs \(n.repairs)")
        }
    }

    /// Every name of the normalize and registry fixtures is honest writing: none may be flagged.
    @Test func noFalseFlagsOnTheFixtures() throws {
        var names: [String] = []
        let normalize = repositoryRoot.appendingPathComponent("Fixtures/normalize")
        for file in try FileManager.default.contentsOfDirectory(atPath: normalize.path) where file.hasSuffix(".tsv") {
            let text = try String(contentsOf: normalize.appendingPathComponent(file), encoding: .utf8)
            names += text.split(separator: "\n").filter { !$0.hasPrefix("#") && !$0.hasPrefix("@") }
                .map { String($0.split(separator: "\t", omittingEmptySubsequences: false)[0]) }
        }
        let pairs = try String(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/registry/never-merge.tsv"), encoding: .utf8)
        for line in pairs.split(separator: "\n") where !line.hasPrefix("#") {
            let c = line.split(separator: "\t", omittingEmptySubsequences: false)
            if c.count > 2 { names += [String(c[1]), String(c[2])] }
        }
        #expect(names.count > 500)
        var flagged: [String] = []
        for name in names where !name.isEmpty {
            if let n = try? NameCanon.shared.normalize(name), n.repairs.contains("confusable") { flagged.append(name) }
        }
        #expect(flagged.isEmpty, "flagged honest names: \(flagged)")
    }

    @Test func resolveNeverLinksALookalikeSilently() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        let made = try Binary.run(["resolve", "--create", "--no-header", "--doc-column", "0", "--registry", path], input: "Bill Gates\n")
        let id = String(made.lines[0].split(separator: "\t")[1])
        // Cyrillic а: the same key as Bill Gates; refused, explained, nothing created.
        let spoof = try Binary.run(["resolve", "--create", "--explain", "--no-header", "--doc-column", "0", "--registry", path],
                                   input: "Bill Gаtes\nJοhn Smith\nВill Gates\n")
        #expect(spoof.status == 0, "\(spoof.stderr)")
        let rows = spoof.lines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows[0][1] == "" && rows[0][3] == "confusable", "\(rows[0])")
        #expect(rows[0][4].contains("Bill Gates (\(id))") && rows[0][4].contains("not linked"), "\(rows[0][4])")
        #expect(rows[1][1] == "" && rows[1][3] == "confusable" && rows[1][4].contains("imitates no known person"), "\(rows[1])")
        // Cyrillic В reads as V in the key, but looks like B: still a lookalike of Bill Gates.
        #expect(rows[2][1] == "" && rows[2][3] == "confusable" && rows[2][4].contains("Bill Gates (\(id))"), "\(rows[2])")
        let stats = try Binary.run(["registry", "stats", "--registry", path])
        #expect(entities(stats.stdout) == 1, "\(stats.stdout)")
        // The caller may opt in.
        let allowed = try Binary.run(["resolve", "--allow-confusable", "--no-header", "--doc-column", "0", "--registry", path], input: "Bill Gаtes\n")
        #expect(allowed.lines == ["Bill Gаtes\t\(id)\tBill Gates\tkey"])
    }

    @Test func serveAnswersCandidatesAndHonoursTheOptIn() throws {
        let directory = try TemporaryDirectory()
        let server = try ServeProcess(["--registry", directory.path("s.sqlite")])
        defer { server.finish() }
        let made = try server.request(#"{"id":1,"op":"resolve","name":"Angela Merkel","create":true}"#)
        let id = try #require(member(made, "entity") as? String)
        let spoof = try server.request(#"{"id":2,"op":"resolve","name":"Аngela Merkel","create":true}"#)
        #expect(member(spoof, "match") as? String == "confusable")
        #expect(member(spoof, "entity") is NSNull)
        let candidates = member(spoof, "candidates") as? [[String: Any]]
        #expect(candidates?.first?["entity"] as? String == id, "\(spoof)")
        let normalized = try server.request(#"{"id":3,"op":"normalize","name":"Аngela Merkel"}"#)
        #expect((member(normalized, "repairs") as? [String])?.contains("confusable") == true, "\(normalized)")
        let allowed = try server.request(#"{"id":4,"op":"resolve","name":"Аngela Merkel","allow_confusable":true}"#)
        #expect(member(allowed, "entity") as? String == id, "\(allowed)")
        let wrongType = try server.request(#"{"id":5,"op":"resolve","name":"Аngela Merkel","allow_confusable":"yes"}"#)
        #expect((member(wrongType, "error") as? [String: Any])?["code"] as? String == "bad_field", "\(wrongType)")
    }
}

@Suite("Output safety")
struct OutputSafetyTests {
    // A child that exits early (as it should, on a refused input) must not kill the test runner.
    init() { _ = ignoringSIGPIPE }

    @Test func tsvEscapesTabsNewlinesAndBackslashes() throws {
        let r = try Binary.run(["normalize", "--no-header"], input: "Xi\\Jin\tping\n")
        let fields = r.stdout.dropLast().split(separator: "\t", omittingEmptySubsequences: false)
        #expect(fields.count == 14, "\(r.stdout)")
        #expect(fields.first == "Xi\\\\Jin\\tping", "\(r.stdout)")
        #expect(r.lines.count == 1)
        let resolved = try Binary.run(["resolve", "--in-memory", "--no-header", "--doc-column", "0"], input: "Li\tQiang\\\n")
        #expect(resolved.stdout.hasPrefix("Li\\tQiang\\\\\t"), "\(resolved.stdout)")
        #expect(resolved.lines.count == 1 && resolved.lines[0].split(separator: "\t", omittingEmptySubsequences: false).count == 4)
    }

    @Test func safeCSVDefusesFormulas() throws {
        let input = repositoryRoot.appendingPathComponent("Fixtures/convert/formulas.csv").path
        let expected = try String(contentsOf: repositoryRoot.appendingPathComponent("Fixtures/convert/formulas.safe.expected.csv"), encoding: .utf8)
        let safe = try Binary.run(["convert", "--safe-csv", "--add", "key,display", "--no-progress", input])
        #expect(safe.stdout == expected, "\(safe.stdout)")
        // No cell of the output starts with a formula prefix once its quotes are undone.
        for line in safe.stdout.split(separator: "\n") {
            for cell in line.split(separator: ",") {
                let bare = cell.hasPrefix("\"") ? cell.dropFirst() : cell
                #expect(!["=", "+", "-", "@", "\t", "\r"].contains(bare.first.map(String.init) ?? ""), "\(line)")
            }
        }
        // Without the option the input passes byte for byte.
        let plain = try Binary.run(["convert", "--add", "key", "--no-progress", input])
        #expect(plain.stdout.contains("\n\"=HYPERLINK(\"\"http://x.example/\"\",\"\"Xi Jinping\"\")\",\"=1+2\",10,"), "\(plain.stdout)")
        let tsv = try Binary.run(["convert", "--safe-csv", "--format", "tsv", "--no-progress", "-"], input: "name\nXi Jinping\n")
        #expect(tsv.status == 2 && tsv.stderr.contains("--safe-csv"), "\(tsv.stderr)")
    }
}

@Suite("Fault trials", .serialized)
struct FaultTrialTests {
    // A child that exits early (as it should, on a refused input) must not kill the test runner.
    init() { _ = ignoringSIGPIPE }

    static let trials = 3

    @Test func killServeWhileCreating() throws {
        let names = people(120)
        for trial in 0..<Self.trials {
            let directory = try TemporaryDirectory()
            let path = directory.path("r.sqlite")
            let server = try ServeProcess(["--registry", path])
            for (i, name) in names.enumerated() { server.send(#"{"id":\#(i),"op":"resolve","name":"\#(name)","create":true}"#) }
            var acknowledged: [String: String] = [:]
            for _ in 0..<(20 + trial * 30) {
                let line = try server.readLine()
                let i = try #require(member(line, "id") as? Int)
                acknowledged[names[i]] = member(line, "entity") as? String
            }
            server.kill9()
            let registry = try checkedStore(path)
            for (name, id) in acknowledged { #expect(try registry.resolve(name).entity == id, "\(name) acknowledged as \(id)") }
            for name in names { #expect(try registry.resolve(name).match != .ambiguous, "\(name) is duplicated") }
            #expect(try strayFiles(directory, keeping: ["r.sqlite"]).isEmpty)
            // The store takes more writes afterwards, and creates no second entity for anyone.
            let again = try Binary.run(["resolve", "--create", "--no-header", "--doc-column", "0", "--registry", path],
                                       input: names.joined(separator: "\n") + "\n")
            #expect(again.status == 0, "\(again.stderr)")
            let stats = try Binary.run(["registry", "stats", "--registry", path])
            #expect(entities(stats.stdout) == names.count, "\(stats.stdout)")
        }
    }

    @Test func killMerge() throws {
        for trial in 0..<Self.trials {
            let directory = try TemporaryDirectory()
            let path = directory.path("r.sqlite")
            let made = try Binary.run(["resolve", "--create", "--no-header", "--doc-column", "0", "--registry", path],
                                      input: "Ada Lovelace\nAugusta King\n")
            let ids = made.lines.map { String($0.split(separator: "\t")[1]) }
            try runAndKill(["registry", "merge", "--registry", path, ids[0], ids[1]], after: 0.01 + 0.04 * Double(trial))
            let registry = try checkedStore(path)
            let a = try registry.resolve("Ada Lovelace").entity, b = try registry.resolve("Augusta King").entity
            // All or nothing: merged (both names on the second entity) or untouched.
            #expect((a == ids[1] && b == ids[1]) || (a == ids[0] && b == ids[1]), "after the kill: \(String(describing: a)), \(String(describing: b))")
            #expect(try strayFiles(directory, keeping: ["r.sqlite"]).isEmpty)
        }
    }

    @Test func killImportOfALargeFile() throws {
        let directory = try TemporaryDirectory()
        let names = people(1500)
        // The export is written here in `registry export`'s own format rather than made by
        // `resolve --create` one person at a time, which took 20 of this test's 35 s.
        let export: String = names.enumerated().map { i, name -> String in
            let digits = String(i, radix: 36)
            let id: String = "p" + String(repeating: "0", count: 10 - digits.count) + digits
            return #"{"display":"\#(name)","id":"\#(id)","names":[{"kind":"primary","lang":"other","script":"Latn","source":"resolve","text":"\#(name)"}]}"#
        }.joined(separator: "\n") + "\n"
        let exportPath = directory.path("export.jsonl")
        try export.write(toFile: exportPath, atomically: true, encoding: .utf8)
        for trial in 0..<Self.trials {
            let path = directory.path("t\(trial).sqlite")
            try runAndKill(["registry", "import", "--registry", path, exportPath], after: 0.1 + 0.3 * Double(trial))
            if FileManager.default.fileExists(atPath: path) {
                let registry = try checkedStore(path)
                for name in names.prefix(200) { #expect(try registry.resolve(name).match != .ambiguous, "\(name) duplicated") }
            }
            // Importing again completes the store, with every person once.
            let again = try Binary.run(["registry", "import", "--registry", path, exportPath])
            #expect(again.status == 0, "\(again.stderr)")
            let stats = try Binary.run(["registry", "stats", "--registry", path])
            #expect(entities(stats.stdout) == names.count, "\(stats.stdout)")
        }
        #expect(try strayFiles(directory, keeping: ["export.jsonl", "t0.sqlite", "t1.sqlite", "t2.sqlite"]).isEmpty)
    }

    @Test func killConvertToAFile() throws {
        let directory = try TemporaryDirectory()
        let input = directory.path("in.txt")
        try (people(4000).joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        let full = try Binary.run(["convert", "--format", "lines", "--add", "key,display", "--no-progress", input])
        #expect(full.status == 0)
        let output = directory.path("out.txt")
        for trial in 0..<Self.trials {
            try "old contents\n".write(toFile: output, atomically: true, encoding: .utf8)
            try runAndKill(["convert", "--format", "lines", "--add", "key,display", "--no-progress", input, "-o", output],
                       after: 0.05 + 0.25 * Double(trial))
            let after = try String(contentsOfFile: output, encoding: .utf8)
            #expect(after == "old contents\n" || after == full.stdout, "trial \(trial): \(after.utf8.count) bytes, neither old nor complete")
            #expect(try strayFiles(directory, keeping: ["in.txt", "out.txt"]).isEmpty)
        }
    }

    @Test func fileSizeLimitDuringConvert() throws {
        let directory = try TemporaryDirectory()
        let input = directory.path("in.txt"), output = directory.path("out.txt")
        try (people(4000).joined(separator: "\n") + "\n").write(toFile: input, atomically: true, encoding: .utf8)
        try "old contents\n".write(toFile: output, atomically: true, encoding: .utf8)
        let r = try shell(#"ulimit -f 64; trap '' XFSZ; exec "$NAMECANON" convert --format lines --add key,display --no-progress "$1" -o "$2""#
                          .replacingOccurrences(of: "\"$1\"", with: "'\(input)'").replacingOccurrences(of: "\"$2\"", with: "'\(output)'"))
        #expect(r.status != 0)
        #expect(r.stderr.contains("File too large"), "\(r.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "old contents\n")
        #expect(try strayFiles(directory, keeping: ["in.txt", "out.txt"]).isEmpty)
    }

    @Test func fileSizeLimitDuringRegistryWrites() throws {
        let directory = try TemporaryDirectory()
        let path = directory.path("r.sqlite")
        let names = people(3000)
        let first = try Binary.run(["resolve", "--create", "--no-header", "--doc-column", "0", "--registry", path],
                                   input: names.prefix(100).joined(separator: "\n") + "\n")
        #expect(first.status == 0)
        let size = (try FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? 0
        let blocks = size / 512 + 64
        let r = try shell("ulimit -f \(blocks); trap '' XFSZ; exec \"$NAMECANON\" resolve --create --no-header --doc-column 0 --registry '\(path)'",
                          input: names.dropFirst(100).joined(separator: "\n") + "\n")
        #expect(r.status != 0, "the registry grew past the limit without an error")
        #expect(!r.stderr.isEmpty && r.stderr.count < 2000, "\(r.stderr)")
        let registry = try checkedStore(path)
        for name in names.prefix(100) { #expect(try registry.resolve(name).entity != nil, "\(name) lost") }
        for line in r.lines {
            let c = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            if c.count == 4, c[3] == "created" { #expect(try registry.resolve(c[0]).entity == c[1], "\(c[0]) acknowledged, then lost") }
        }
    }

    @Test func readOnlyDirectory() throws {
        let directory = try TemporaryDirectory()
        let sub = directory.path("locked")
        try FileManager.default.createDirectory(atPath: sub, withIntermediateDirectories: false)
        let input = directory.path("in.txt"), output = sub + "/out.txt", path = sub + "/r.sqlite"
        try "Xi Jinping\nLi Qiang\n".write(toFile: input, atomically: true, encoding: .utf8)
        try "old contents\n".write(toFile: output, atomically: true, encoding: .utf8)
        _ = try Binary.run(["resolve", "--create", "--no-header", "--doc-column", "0", "--registry", path], input: "Xi Jinping\n")
        guard let undo = makeReadOnly(sub) else {
            Issue.record("cannot make a directory read-only here (neither chmod nor chattr)")
            return
        }
        let convert = try Binary.run(["convert", "--format", "lines", "--no-progress", input, "-o", output])
        let write = try Binary.run(["resolve", "--create", "--no-header", "--doc-column", "0", "--registry", path], input: "Wang Yi\n")
        undo()
        #expect(convert.status != 0 && convert.stderr.contains("out.txt"), "\(convert.stderr)")
        #expect(try String(contentsOfFile: output, encoding: .utf8) == "old contents\n")
        #expect(write.status != 0 && !write.stderr.isEmpty, "status \(write.status): \(write.stdout) \(write.stderr)")
        let registry = try checkedStore(path)
        #expect(try registry.resolve("Xi Jinping").entity != nil)
    }
}

@Suite("Bounded work")
struct BoundedWorkTests {
    // A child that exits early (as it should, on a refused input) must not kill the test runner.
    init() { _ = ignoringSIGPIPE }

    /// Runs `body` and checks it took under `seconds` (generous: the machine may be busy).
    func quickly<T>(_ seconds: Double = 60, _ body: () throws -> T) rethrows -> T {
        let start = Date()
        let result = try body()
        #expect(Date().timeIntervalSince(start) < seconds)
        return result
    }

    func code(_ line: String) -> String? { (member(line, "error") as? [String: Any])?["code"] as? String }

    @Test func serveRefusesHostileLines() throws {
        let deep = #"{"id":1,"op":"normalize","name":"# + String(repeating: "[", count: 30_000) + String(repeating: "]", count: 30_000) + "}"
        let huge = #"{"id":2,"op":"normalize","name":""# + String(repeating: "a", count: 10 << 20) + #""}"#
        let marks = #"{"id":3,"op":"normalize","name":"Xi J"# + String(repeating: "\u{301}", count: 5000) + #"inping"}"#
        let surrogate = #"{"id":4,"op":"normalize","name":"Xi \ud800 Jinping"}"#
        let low = #"{"id":5,"op":"normalize","name":"Xi \udc00Jinping"}"#
        let after = #"{"id":6,"op":"ping"}"#
        let r = try quickly { try Binary.run(["serve"], input: [deep, huge, marks, surrogate, low, after].joined(separator: "\n") + "\n") }
        #expect(r.status == 0)
        let lines = r.lines
        #expect(lines.count == 6, "\(lines.map { $0.prefix(200) })")
        guard lines.count == 6 else { return }
        #expect(code(lines[0]) == "bad_field" || code(lines[0]) == "bad_json", "\(lines[0].prefix(300))")
        #expect(code(lines[1]) == "line_too_long")
        #expect(code(lines[2]) == "too_many_marks", "\(lines[2].prefix(300))")
        #expect(code(lines[3]) == "bad_json", "\(lines[3])")
        #expect(code(lines[4]) == "bad_json", "\(lines[4])")
        #expect(member(lines[5], "pong") as? Bool == true)
    }

    @Test func normalizeAndConvertRefuseHugeLinesAndMarkFloods() throws {
        let huge = String(repeating: "a", count: 10 << 20)
        let flood = "Nguyen" + String(repeating: "\u{301}", count: 100_000)
        let r = try quickly { try Binary.run(["normalize", "--no-header"], input: huge + "\n" + flood + "\nXi Jinping\n") }
        #expect(r.status == 1)
        #expect(r.stderr.contains("-:1: line too long"), "\(r.stderr.prefix(300))")
        #expect(r.stderr.contains("-:2:"), "\(r.stderr.prefix(300))")
        #expect(r.lines.count == 3 && r.lines[2].hasPrefix("Xi Jinping\txi jinping"), "\(r.lines.map { $0.prefix(80) })")
        let c = try quickly { try Binary.run(["convert", "--format", "lines", "--no-progress", "-"], input: huge + "\nXi Jinping\n") }
        #expect(c.status == 0 && c.stderr.contains("record longer than"), "\(c.stderr)")  // convert skips bad rows (docs/convert.md)
        #expect(c.stdout.hasSuffix("Xi Jinping\txi jinping\n"), "\(c.stdout.suffix(200))")
    }

    @Test func rulesThatExplodeAreRefusedAtStart() throws {
        let directory = try TemporaryDirectory()
        // Each variable twice the one before: 2^40 characters once expanded.
        let icu = directory.path("bomb/icu")
        try FileManager.default.createDirectory(atPath: icu, withIntermediateDirectories: true)
        var rules = "$v0 = a;\n"
        for i in 1...40 { rules += "$v\(i) = $v\(i - 1) $v\(i - 1);\n" }
        rules += "$v40 > b;\n"
        try rules.write(toFile: icu + "/fallback-latin.txt", atomically: true, encoding: .utf8)
        let bomb = try quickly { try Binary.run(["normalize", "--rules", directory.path("bomb")]) }
        #expect(bomb.status != 0 && bomb.stderr.contains("fallback-latin.txt"), "\(bomb.stderr)")
        // A rule file that never ends (a symlink to /dev/zero) and one over the size limit.
        let endless = directory.path("endless/zh")
        try FileManager.default.createDirectory(atPath: endless, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: endless + "/surnames.tsv", withDestinationPath: "/dev/zero")
        let zero = try quickly { try Binary.run(["normalize", "--rules", directory.path("endless")]) }
        #expect(zero.status != 0 && zero.stderr.contains("not a regular file"), "\(zero.stderr)")
        let big = directory.path("big/zh")
        try FileManager.default.createDirectory(atPath: big, withIntermediateDirectories: true)
        #expect(FileManager.default.createFile(atPath: big + "/surnames.tsv", contents: nil))
        let handle = try #require(FileHandle(forWritingAtPath: big + "/surnames.tsv"))
        try handle.truncate(atOffset: UInt64(RuleFiles.maxFileBytes + 1))
        try handle.close()
        let large = try quickly { try Binary.run(["normalize", "--rules", directory.path("big")]) }
        #expect(large.status != 0 && large.stderr.contains("over the limit"), "\(large.stderr)")
        // A directory that contains itself.
        let loop = directory.path("loop/zh")
        try FileManager.default.createDirectory(atPath: loop, withIntermediateDirectories: true)
        try FileManager.default.createSymbolicLink(atPath: loop + "/again", withDestinationPath: "..")
        let looped = try quickly { try Binary.run(["normalize", "--rules", directory.path("loop")]) }
        #expect(looped.status == 0 || looped.stderr.contains("symlink loop"), "\(looped.stderr)")
    }
}
