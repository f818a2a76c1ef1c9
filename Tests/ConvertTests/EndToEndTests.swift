import Foundation
import NameBatch
import NameCanon
import Testing
import TestSupport

/// The real `namecanon convert` binary, run as a data engineer would.
@Suite("namecanon convert, end to end")
struct ConvertEndToEndTests {
    @Test func sampleCSVGetsThreeColumnsAndKeepsEveryOtherByte() throws {
        let run = try namecanon(["convert", "sample.csv", "--column", "name", "--add", "key,pinyin,hanviet", "--no-progress"])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stderr.isEmpty)
        #expect(run.bytes == (try fixture("sample.expected.csv")))

        // Independently of the golden file: each output record is the input record plus three fields.
        let input = Array(RecordReader(bytes: try fixture("sample.csv"), format: .csv))
        let output = Array(RecordReader(bytes: run.bytes, format: .csv))
        try #require(input.count == output.count)
        for (a, b) in zip(input, output) {
            #expect(b.fields.count == a.fields.count + 3)
            #expect(Array(b.bytes.prefix(a.bytes.count)) == a.bytes, "row \(a.row)")
            #expect(b.bytes[a.bytes.count] == UInt8(ascii: ","), "row \(a.row)")
        }
        let header = (0..<output[0].fields.count).map { output[0].fieldBytes($0, format: .csv)!.text }
        #expect(header == ["id", "name", "country", "born", "note", "key", "pinyin", "hanviet"])
        let xi = output[1]
        #expect(xi.fieldBytes(5, format: .csv)!.text == "xi jinping")
        #expect(xi.fieldBytes(6, format: .csv)!.text == "Xi Jinping")
        #expect(xi.fieldBytes(7, format: .csv)!.text == "Tập Cận Bình")
    }

    @Test func everyGoldenFixtureThroughTheBinary() throws {
        for golden in GoldenCase.all {
            let run = try namecanon(["convert"] + golden.arguments + ["--no-progress", "--jobs", "2"])
            #expect(run.bytes == (try fixture(golden.expected)), "\(golden.input)")
            let bad = try fixture(golden.errors).isEmpty == false
            #expect(run.status == 0, "\(golden.input): \(run.stderr)")
            #expect(run.stderr.isEmpty == !bad, "\(golden.input): bad rows are reported on stderr")
        }
    }

    @Test func aBrokenRowIsReportedAndSkippedByDefault() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.csv").path
        let errors = dir.appendingPathComponent("errors.jsonl").path
        let run = try namecanon(["convert", "nasty.csv", "--column", "2", "--add", "key,display", "-o", out, "--errors", errors, "--no-progress"])
        #expect(run.status == 0, "skipped rows are reported, and the run succeeds")
        #expect(run.bytes.isEmpty)
        // Every other row is converted; the broken ones are named with their row and line.
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: out))) == (try fixture("nasty.expected.csv")))
        #expect(run.stderr.contains("nasty.csv: row 6 (line 8): text after the closing quote of field 2"))
        #expect(run.stderr.contains("nasty.csv: row 8 (line 10):"))
        #expect(Array(try Data(contentsOf: URL(fileURLWithPath: errors))) == (try fixture("nasty.csv.errors.jsonl")))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["errors.jsonl", "out.csv"])
    }

    @Test func onErrorFailStopsAndLeavesNoOutputFile() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.csv")
        let run = try namecanon(["convert", "nasty.csv", "--column", "2", "--on-error", "fail", "-o", out.path, "--no-progress"])
        #expect(run.status == 1)
        #expect(run.stderr.contains("row 6 (line 8)"))
        #expect(!run.stderr.contains("row 8 "), "it stopped at the first bad row")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).isEmpty, "no output and no temporary file left")
    }

    @Test func onErrorFailOnStdoutWritesOnlyTheRowsBefore() throws {
        let run = try namecanon(["convert", "nasty.csv", "--column", "2", "--add", "key,display", "--on-error", "fail"])
        #expect(run.status == 1)
        let expected = try fixture("nasty.expected.csv").text
        // The header and rows 1 to 4, and nothing from the bad row (id 5) on.
        let cut = try #require(expected.range(of: "\r\n5,\"Hồ"))
        #expect(run.stdout == String(expected[..<cut.lowerBound]) + "\r\n")
    }

    @Test func aCleanFileExitsZeroAndReplacesTheOutputAtomically() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let out = dir.appendingPathComponent("out.csv")
        try Data("old contents".utf8).write(to: out)
        let run = try namecanon(["convert", "sample.csv", "--add", "key", "-o", out.path, "--progress"])
        #expect(run.status == 0)
        #expect(try String(contentsOf: out, encoding: .utf8).hasPrefix("id,name,country,born,note,key\n"))
        #expect(run.stderr.contains("namecanon convert: 18 rows, 18 converted, 0 errors"))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["out.csv"])
    }

    @Test func outputThroughASymlinkReplacesTheTargetAndKeepsTheLink() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let real = dir.appendingPathComponent("real.csv"), link = dir.appendingPathComponent("link.csv")
        try Data("old".utf8).write(to: real)
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: real.path)
        try FileManager.default.createSymbolicLink(atPath: link.path, withDestinationPath: "real.csv")
        let run = try namecanon(["convert", "sample.csv", "--add", "key", "-o", link.path])
        #expect(run.status == 0, "\(run.stderr)")
        #expect(try FileManager.default.destinationOfSymbolicLink(atPath: link.path) == "real.csv")
        #expect(try String(contentsOf: real, encoding: .utf8).hasPrefix("id,name,country,born,note,key\n"))
        #expect(try FileManager.default.attributesOfItem(atPath: real.path)[.posixPermissions] as? Int == 0o640)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path).sorted() == ["link.csv", "real.csv"])
    }

    /// A FIFO (or a device such as /dev/null) must be written, never renamed over.
    @Test func outputToAFIFOIsWrittenNotReplaced() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let fifo = dir.appendingPathComponent("pipe").path
        try #require(mkfifo(fifo, 0o600) == 0)
        // Open the read end first, without blocking, so the writer's open succeeds at once;
        // the output (under 2 KB) fits in the pipe buffer.
        let readEnd = open(fifo, O_RDONLY | O_NONBLOCK)
        try #require(readEnd >= 0)
        defer { close(readEnd) }
        let run = try namecanon(["convert", "sample.csv", "--column", "name", "--add", "key,pinyin,hanviet", "-o", fifo])
        #expect(run.status == 0, "\(run.stderr)")
        var received: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(readEnd, $0.baseAddress!, $0.count) }
            if n <= 0 { break }
            received += chunk[0..<n]
        }
        #expect(received == (try fixture("sample.expected.csv")))
        var st = stat()
        #expect(lstat(fifo, &st) == 0 && (st.st_mode & S_IFMT) == S_IFIFO, "the FIFO is still a FIFO")
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["pipe"])
    }

    @Test func severalFilesMakeOneOutputWithOneHeader() throws {
        let run = try namecanon(["convert", "sample.csv", "sample.csv", "--column", "name", "--add", "key,pinyin,hanviet"])
        #expect(run.status == 0, "\(run.stderr)")
        let one = try fixture("sample.expected.csv")
        let headerEnd = try #require(one.firstIndex(of: 0x0A))
        #expect(run.bytes == one + one[(headerEnd + 1)...])
    }

    @Test func anInterruptedRunLeavesNoTemporaryFile() throws {
        let dir = try scratchDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        // Big enough that the run is still going when it is interrupted.
        var text = "id,name\n"
        let names = ["習近平", "Nguyễn Phú Trọng", "Ouyang Nana", "Phạm Minh Chính", "Janet Yellen"]
        for i in 0..<100_000 { text += "\(i),\(names[i % names.count])\n" }
        let input = dir.appendingPathComponent("in.csv")
        try Data(text.utf8).write(to: input)
        let process = Process()
        process.executableURL = Binary.url
        process.arguments = ["convert", input.path, "-o", dir.appendingPathComponent("out.csv").path, "--jobs", "1"]
        process.standardError = FileHandle.nullDevice
        try process.run()
        // Wait for the temporary file to be open, then stop the run as a job scheduler would. It
        // is unnamed (O_TMPFILE) where the file system allows, so look for it among the process's
        // open files as well as in the directory.
        func writing() -> Bool {
            let fds = "/proc/\(process.processIdentifier)/fd"
            let open = ((try? FileManager.default.contentsOfDirectory(atPath: fds)) ?? []).contains {
                let target = (try? FileManager.default.destinationOfSymbolicLink(atPath: fds + "/" + $0)) ?? ""
                return target.hasPrefix(dir.path + "/") && target != input.path
            }
            return open || ((try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.count ?? 0) >= 2
        }
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline, !writing() { usleep(10_000) }
        process.terminate()
        process.waitUntilExit()
        try #require(process.terminationReason == .uncaughtSignal, "the run ended before it could be stopped")
        #expect(process.terminationStatus == SIGTERM)
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == ["in.csv"])
    }

    @Test func stdinToStdoutInAPipe() throws {
        let run = try namecanon(["convert", "--format", "jsonl", "--column", "who", "--add", "key,language"],
                                stdin: Array("{\"who\":\"阮富仲\"}\n{\"who\":\"Nguyễn Phú Trọng\"}\n".utf8))
        #expect(run.status == 0, "\(run.stderr)")
        #expect(run.stdout == "{\"who\":\"阮富仲\",\"key\":\"ruan fuzhong\",\"language\":\"zh\"}\n{\"who\":\"Nguyễn Phú Trọng\",\"key\":\"nguyen phu trong\",\"language\":\"vi\"}\n")
        #expect(run.stderr.isEmpty, "nothing on stderr but errors when it is not a terminal")
    }

    @Test func usageMistakesExitWithTwo() throws {
        for arguments in [["sample.csv", "--add", "key,bogus"], ["sample.csv", "--column", "nope"], ["sample.csv", "--format", "xml"],
                          ["sample.csv", "--jobs", "0"], ["missing.csv"], ["sample.csv", "--add", "key", "--create"]] {
            let run = try namecanon(["convert"] + arguments)
            #expect(run.status == 2, "\(arguments): \(run.stderr)")
            #expect(run.bytes.isEmpty)
        }
    }
}

/// The registry columns: every form of one person gets one entity ID.
@Suite struct ConvertRegistryColumnsTests {
    @Test func everyFormOfAPersonGetsOneEntity() throws {
        let run = try namecanon(["convert", "sample.csv", "--column", "name", "--add", "key,entity,canonical",
                                 "--in-memory", "--create", "--no-progress"])
        #expect(run.status == 0, "\(run.stderr)")
        var entityOf: [String: String] = [:]
        for line in run.stdout.split(separator: "\n").dropFirst() {
            let fields = line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)
            guard fields.count >= 3 else { continue }
            entityOf[fields[1]] = fields[fields.count - 2]
        }
        let xi = ["習近平", "习近平", "XI Jinping", "Jinping Xi"].compactMap { entityOf[$0] }
        #expect(xi.count == 4 && Set(xi).count == 1 && !xi[0].isEmpty, "\(xi)")
    }

    @Test func withoutCreateAnEmptyRegistryKnowsNoOne() throws {
        let run = try namecanon(["convert", "sample.csv", "--column", "name", "--add", "entity", "--in-memory", "--no-progress"])
        #expect(run.status == 0)
        #expect(run.stdout.contains("習近平"))
        #expect(run.stdout.range(of: #",p[0-9a-z]{10}\r?(\n|$)"#, options: .regularExpression) == nil,
                "no row ends with an entity ID")
    }

    @Test func createWithoutARegistryColumnIsAUsageError() throws {
        #expect(try namecanon(["convert", "sample.csv", "--add", "key", "--create", "--in-memory"]).status == 2)
    }
}
