import Foundation
import Testing
import TestSupport

@Suite struct EndToEndTests {
    @Test func normalizeJSONGivesTheIssueKeys() throws {
        let input = "XI Jinping\n習近平\nNguyễn Phú Trọng\nNGUYEN Phu Trong\nVương Đình Huệ\n"
        let r = try Binary.run(["normalize", "--json"], input: Data(input.utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let rows = jsonLines(r)
        #expect(rows.map { $0["key"] as? String } == ["xi jinping", "xi jinping", "nguyen phu trong", "nguyen phu trong", "vuong dinh hue"])
        #expect(rows.map { $0["surname"] as? String } == ["Xi", "習", "Nguyễn", "Nguyen", "Vương"])
    }

    @Test func normalizeTSVReadsAFileAndReportsBadLines() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("namecanon-e2e-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let file = dir.appendingPathComponent("names.txt")
        var bytes = Data("Xi Jinping\n".utf8)
        bytes.append(contentsOf: [0x4E, 0x67, 0xFF, 0x0A])  // invalid UTF-8
        bytes.append(Data("\nNguyen Phu Trong\n".utf8))
        try bytes.write(to: file)
        let r = try Binary.run(["normalize", file.path])
        #expect(r.status == 1)
        #expect(r.stderr.contains(":2: not valid UTF-8"))
        #expect(r.stderr.contains(":3: the name is empty"))
        #expect(r.allLines.count == 5, "header + one row per input line")
        #expect(r.allLines[1].hasPrefix("Xi Jinping\txi jinping\t"))
        #expect(r.allLines[4].hasPrefix("Nguyen Phu Trong\tnguyen phu trong\t"))
        let failFast = try Binary.run(["normalize", "--on-error", "fail", "--no-header", file.path])
        #expect(failFast.status == 1)
        #expect(failFast.allLines.count == 2, "stops at the bad row")
    }

    /// Repeated lines get the rows their first occurrence got (normalize remembers rows by the
    /// line's exact bytes), with their own line numbers in JSON; a decomposed spelling of a
    /// name seen composed is its own line, with its own bytes in the input column, on one
    /// thread and on several.
    @Test(arguments: ["1", "2"])
    func repeatedAndEquivalentLinesKeepTheirOwnRows(jobs: String) throws {
        let composed = "Nguy\u{1EC5}n Ph\u{FA} Tr\u{1ECD}ng", decomposed = "Nguye\u{302}\u{303}n Phu\u{301} Tro\u{323}ng"
        let names = [composed, "XI Jinping", decomposed, composed, "XI Jinping", "Xi Jinping", decomposed]
        let input = Data(names.map { $0 + "\n" }.joined().utf8)
        let tsv = try Binary.run(["normalize", "--no-header", "--jobs", jobs], input: input)
        #expect(tsv.status == 0, "\(tsv.stderr)")
        let rows = tsv.allLines.map { $0.split(separator: "\t", omittingEmptySubsequences: false).map(String.init) }
        #expect(rows.count == names.count)
        for (row, name) in zip(rows, names) {
            #expect(Array((row.first ?? "").utf8) == Array(name.utf8))
            let first = names.firstIndex { Array($0.utf8) == Array(name.utf8) }!
            #expect(row.dropFirst().elementsEqual(rows[first].dropFirst()))
        }
        #expect(rows[0][1] == "nguyen phu trong" && rows[2][1] == "nguyen phu trong")
        let json = try Binary.run(["normalize", "--json", "--jobs", jobs], input: input)
        let objects = jsonLines(json)
        #expect(objects.map { $0["line"] as? Int } == Array(1...names.count))
        #expect(objects.map { Array((($0["input"] as? String) ?? "").utf8) } == names.map { Array($0.utf8) })
        #expect(objects[1]["key"] as? String == "xi jinping" && objects[4]["key"] as? String == "xi jinping")
    }

    /// A slow pipe gets each row as soon as its line arrived, on one thread and on several: the
    /// batch commands never wait to fill a batch. (A row held back would leave `readLine`
    /// waiting until the watchdog ends the process, and the test fails.)
    @Test(arguments: ["1", "2"])
    func normalizeAnswersEachLineOfAPipeAtOnce(jobs: String) throws {
        let process = try ServeProcess(["--jobs", jobs, "--no-header"], subcommand: "normalize")
        let finished = Finished()
        let pid = process.process.processIdentifier
        DispatchQueue.global().asyncAfter(deadline: .now() + 30) { if !finished.value { kill(pid, SIGKILL) } }
        defer { finished.value = true; process.finish() }
        for (name, key) in [("XI Jinping", "xi jinping"), ("Nguyễn Phú Trọng", "nguyen phu trong"), ("習近平", "xi jinping")] {
            process.send(name)
            let row = try process.readLine().split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            #expect(row.first == name && row.contains(key), "\(row)")
        }
    }

    final class Finished: @unchecked Sendable { var value = false }

    @Test func transliteratePipes() throws {
        let r = try Binary.run(["transliterate", "--to", "pinyin"], input: Data("欧阳娜娜\n单雄信\nMao Tse-tung\n習近平\n".utf8))
        #expect(r.status == 0)
        #expect(r.allLines == ["Ouyang Nana", "Shan Xiongxin", "Mao Zedong", "Xi Jinping"])
        let hv = try Binary.run(["transliterate", "--to", "hanviet", "-"], input: Data("習近平\n阮富仲\n".utf8))
        #expect(hv.allLines == ["Tập Cận Bình", "Nguyễn Phú Trọng"])
    }

    @Test func usageErrorsExitTwo() throws {
        #expect(try Binary.run(["transliterate", "--to", "klingon"]).status == 2)
        #expect(try Binary.run(["frobnicate"]).status == 2)
        let rules = try Binary.run(["normalize", "--rules", "no-such-rules-dir"], input: Data("Xi\n".utf8))
        #expect(rules.status == 2, "a missing --rules directory is a usage error")
        #expect(rules.stderr.contains("no such directory"))
        let v = try Binary.run(["--version"])
        #expect(v.status == 0 && v.stdout.contains("ICU 72"))
    }

    @Test func serveAnswersEveryLineAndSurvivesBadInput() throws {
        var input = Data()
        input.append(Data(#"{"id":1,"op":"normalize","name":"XI Jinping"}"#.utf8)); input.append(0x0A)
        input.append(contentsOf: [0xC3, 0x28, 0x0A])                                   // invalid UTF-8
        input.append(Data(#"{"id":2,"op":"normalize","#.utf8)); input.append(0x0A)    // truncated JSON
        input.append(0x0A)                                                              // empty line
        input.append(Data(repeating: 0x61, count: 1 << 20)); input.append(0x0A)         // 1 MiB line
        input.append(Data([0x7B, 0x00, 0x7D, 0x0A]))                                    // NUL byte
        input.append(Data(#"{"id":3,"op":"normalize","name":"習近平"}"#.utf8)); input.append(0x0A)
        input.append(Data(#"{"id":4,"op":"ping"}"#.utf8))                               // no final newline
        let r = try Binary.run(["serve"], input: input)
        #expect(r.status == 0)
        let rows = jsonLines(r)
        #expect(rows.count == 8, "one response per request line")
        let codes = rows.map { ($0["error"] as? [String: Any])?["code"] as? String }
        #expect(codes == [nil, "bad_utf8", "bad_json", "empty_line", "line_too_long", "bad_json", nil, nil])
        #expect(rows[0]["key"] as? String == "xi jinping")
        #expect(rows[6]["key"] as? String == "xi jinping")
        #expect(rows[6]["id"] as? Int == 3)
        #expect(rows[7]["ok"] as? Bool == true)
    }

    @Test func serveAnswersRandomBytesLineByLine() throws {
        var generator = SystemRandomNumberGenerator()
        var input = Data()
        for _ in 0..<200 {
            var line = (0..<Int.random(in: 0...80, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            line.removeAll { $0 == 0x0A }
            input.append(contentsOf: line)
            input.append(0x0A)
        }
        input.append(Data(#"{"id":"after","op":"normalize","name":"Nguyen Phu Trong"}"#.utf8))
        input.append(0x0A)
        let r = try Binary.run(["serve"], input: input)
        #expect(r.status == 0)
        let rows = jsonLines(r)
        #expect(rows.count == 201)
        #expect(rows.dropLast().allSatisfy { $0["ok"] as? Bool == false })
        #expect(rows.last?["key"] as? String == "nguyen phu trong")
    }

    @Test func aCopiedBinaryWorksAnywhere() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("namecanon-copy-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let copy = dir.appendingPathComponent("namecanon")
        try FileManager.default.copyItem(at: Binary.url, to: copy)
        let run = try runProcess(copy, ["transliterate", "--to", "pinyin"], input: Data("曾国藩\n".utf8), environment: [:], directory: dir)
        #expect(run.stdout == "Zeng Guofan\n")
    }
}

/// The README's quick start resolves the sample articles' mentions into entities.
@Suite struct QuickStartTests {
    @Test func sampleArticlesResolveIntoPeople() throws {
        let file = packageRoot.appendingPathComponent("Fixtures/samples/mentions.tsv").path
        let r = try Binary.run(["resolve", "--in-memory", "--create", file])
        #expect(r.status == 0, "\(r.stderr)")
        var entityOf: [String: String] = [:]
        for line in r.allLines.dropFirst() {
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            guard f.count >= 4 else { continue }
            entityOf[f[0]] = f[1]
        }
        func same(_ mentions: [String]) {
            let ids = Set(mentions.map { entityOf[$0] ?? "missing: \($0)" })
            #expect(ids.count == 1 && !ids.contains(""), "\(mentions) → \(ids)")
        }
        same(["Xi Jinping", "Xi", "Chủ tịch Tập Cận Bình", "习近平", "习主席", "Chinese President Xi Jinping", "XI Jinping"])
        same(["Nguyen Phu Trong", "Tổng Bí thư Nguyễn Phú Trọng", "Ông Trọng", "阮富仲", "Trong",
              "Communist Party General Secretary Nguyen Phu Trong"])
        same(["Nguyen Khac Giang", "Nguyen"])
        same(["Pham Minh Chinh", "Thủ tướng Phạm Minh Chính", "范明政"])
        same(["Vuong Dinh Hue", "Chủ tịch Quốc hội Vương Đình Huệ"])
        let people = Set(entityOf.values.filter { !$0.isEmpty })
        #expect(people.count == 7, "Xi, Trong, Hue, Giang, Chinh, Thuong, Yellen")
    }
}

/// `normalize --registry` shows a known person in the registry's canonical form.
@Suite struct NormalizeWithRegistryTests {
    @Test func aKnownPersonGetsTheCanonicalDisplay() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("namecanon-reg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("people.sqlite").path
        let created = try Binary.run(["resolve", "--registry", path, "--create"], input: Data("Nguyễn Phú Trọng\n".utf8))
        #expect(created.status == 0, "\(created.stderr)")
        let r = try Binary.run(["normalize", "--registry", path, "--json"], input: Data("Nguyen Phu Trong\nNguyen Khac Giang\n".utf8))
        #expect(r.status == 0, "\(r.stderr)")
        let rows = jsonLines(r)
        #expect(rows.count == 2)
        #expect(rows.first?["display"] as? String == "Nguyễn Phú Trọng")
        #expect(rows.first?["entity"] as? String != nil)
        #expect(rows.last?["display"] as? String == "Nguyen Khac Giang", "no diacritics are guessed")
        #expect(rows.last?["entity"] == nil)
        #expect(try Binary.run(["normalize", "--registry", dir.appendingPathComponent("none.sqlite").path]).status == 2)
    }
}
