#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import NameBatch
import NameCanon
import Testing

@Suite("Reading records")
struct RecordReaderTests {
    func read(_ text: String, _ format: RecordFormat = .csv, maxRecordBytes: Int = 8 << 20) -> [Record] {
        Array(RecordReader(source: MemorySource(Array(text.utf8)), format: format, maxRecordBytes: maxRecordBytes))
    }

    func values(_ record: Record, _ format: RecordFormat = .csv) -> [String] {
        (0..<record.fields.count).map { String(decoding: record.fieldBytes($0, format: format)!, as: UTF8.self) }
    }

    @Test func quotedFieldsHoldCommasQuotesAndLineBreaks() {
        let records = read("a,\"b, c\",\"say \"\"hi\"\"\",\"two\r\nlines\"\r\nlast,row\n")
        #expect(records.count == 2)
        #expect(values(records[0]) == ["a", "b, c", "say \"hi\"", "two\r\nlines"])
        #expect(records[0].terminator == .crlf)
        #expect(records[0].line == 1)
        #expect(records[1].line == 3)
        #expect(records[1].row == 2)
        #expect(values(records[1]) == ["last", "row"])
    }

    @Test func rawBytesKeepQuotesAndBOM() {
        let records = read("\u{FEFF}name,x\n\"a\"\"b\",1")
        #expect(records[0].bytes == Array("\u{FEFF}name,x".utf8))
        #expect(values(records[0]) == ["name", "x"])
        #expect(Array(records[1].rawField(0)!) == Array("\"a\"\"b\"".utf8))
        #expect(records[1].terminator == .none)
    }

    @Test func emptyFieldsAndEmptyLastField() {
        let records = read(",,\n\"\",x,\n")
        #expect(values(records[0]) == ["", "", ""])
        #expect(values(records[1]) == ["", "x", ""])
    }

    @Test func textAfterAClosingQuoteIsReportedAndCostsOneLine() {
        let records = read("1,\"a\"b,c\n2,ok\n")
        #expect(records.count == 2)
        #expect(records[0].issue?.code == .badQuoting)
        #expect(records[0].bytes == Array("1,\"a\"b,c".utf8))
        #expect(records[1].issue == nil)
        #expect(values(records[1]) == ["2", "ok"])
    }

    @Test func aQuoteThatNeverClosesCostsOnlyItsOwnLine() {
        let records = read("1,\"open\n2,fine\n3,\"also fine\"\n")
        #expect(records.map(\.row) == [1, 2, 3])
        #expect(records[0].issue?.code == .badQuoting)
        #expect(records[0].bytes == Array("1,\"open".utf8))
        #expect(values(records[1]) == ["2", "fine"])
        #expect(values(records[2]) == ["3", "also fine"])
        #expect(records[2].line == 3)
    }

    @Test func anUnclosedQuoteAtTheEndOfInput() {
        let records = read("1,\"open")
        #expect(records.count == 1)
        #expect(records[0].issue?.code == .badQuoting)
        #expect(records[0].bytes == Array("1,\"open".utf8))
    }

    @Test func aQuoteInsideAnUnquotedFieldIsBroken() {
        let records = read("5'10\",x\nok,y\n")
        #expect(records[0].issue?.code == .badQuoting)
        #expect(records[1].issue == nil)
    }

    @Test func tooLongRecordsAreDroppedAndReadingGoesOn() {
        let long = String(repeating: "x", count: 300)
        let records = read("a\n\(long)\nb\n", .lines, maxRecordBytes: 100)
        #expect(records.count == 3)
        #expect(records[1].dropped)
        #expect(records[1].issue?.code == .tooLong)
        #expect(records[2].bytes == Array("b".utf8))
        #expect(records[2].line == 3)
        #expect(records[1].droppedBytes == 300)
        #expect(records[0].droppedBytes == 0 && !records[0].dropped)
    }

    @Test func lineBytesDropOnlyACarriageReturnLeftAtTheEnd() {
        let records = read("a\r\nb\r", .lines)
        #expect(records.count == 2)
        #expect(Array(records[0].lineBytes) == Array("a".utf8))
        #expect(records[1].terminator == .none)
        #expect(records[1].bytes == Array("b\r".utf8))
        #expect(Array(records[1].lineBytes) == Array("b".utf8))
    }

    @Test func aBufferedRecordIsToldApartFromInputStillToCome() throws {
        var fds: [Int32] = [0, 0]
        #expect(pipe(&fds) == 0)
        defer { close(fds[0]) }
        let reader = RecordReader(fd: fds[0], format: .lines)
        #expect(!reader.hasInputWaiting)
        _ = write(fds[1], "one\ntwo\nthr", 11)
        #expect(reader.hasInputWaiting)
        #expect(reader.next()?.bytes == Array("one".utf8))
        #expect(reader.hasBufferedRecord)
        #expect(reader.next()?.bytes == Array("two".utf8))
        #expect(!reader.hasBufferedRecord)
        #expect(!reader.hasInputWaiting)
        _ = write(fds[1], "ee\n", 3)
        close(fds[1])
        #expect(reader.hasInputWaiting)
        #expect(reader.next()?.bytes == Array("three".utf8))
        #expect(reader.next() == nil)
        #expect(reader.hasBufferedRecord)
    }

    @Test func tsvSplitsOnTabsOnlyAndKeepsCRLF() {
        let records = read("a\t\"b\tc\r\n\t\n", .tsv)
        #expect(values(records[0], .tsv) == ["a", "\"b", "c"])
        #expect(records[0].terminator == .crlf)
        #expect(values(records[1], .tsv) == ["", ""])
    }

    @Test func recordsAcrossReadBoundariesAreTheSame() {
        let text = "\u{FEFF}id,name\r\n1,\"Xi,\r\n Jinping\"\r\n2,\"a\"\"b\"\r\n3,\"bad\"x\r\n4,阮富仲"
        let whole = read(text)
        for chunk in 1...8 {
            let trickled = Array(RecordReader(source: TrickleSource(bytes: Array(text.utf8), chunk: chunk), format: .csv))
            #expect(trickled.map(\.bytes) == whole.map(\.bytes), "chunk \(chunk)")
            #expect(trickled.map(\.fields) == whole.map(\.fields), "chunk \(chunk)")
            #expect(trickled.map(\.terminator) == whole.map(\.terminator), "chunk \(chunk)")
            #expect(trickled.map { $0.issue?.code } == whole.map { $0.issue?.code }, "chunk \(chunk)")
        }
    }

    @Test func formatFromPath() {
        #expect(RecordFormat(path: "a/b.CSV") == .csv)
        #expect(RecordFormat(path: "x.ndjson") == .jsonl)
        #expect(RecordFormat(path: "x.tsv") == .tsv)
        #expect(RecordFormat(path: "names.txt") == .lines)
        #expect(RecordFormat(path: "dir.csv/file") == nil)
        #expect(RecordFormat(path: "noextension") == nil)
    }
}

@Suite("Converter API")
struct ConverterTests {
    @Test func convertsFromSwiftWithoutTheCLI() throws {
        let input = Array("id,name\n1,習近平\n2,\"NGUYEN, Phu Trong\"\n".utf8)
        let result = try convert(input, ConvertOptions(format: .csv, add: [.key, .pinyin]))
        #expect(result.output.text == "id,name,key,pinyin\n1,習近平,xi jinping,Xi Jinping\n2,\"NGUYEN, Phu Trong\",nguyen phu trong,\"NGUYEN, Phu Trong\"\n")
        #expect(result.summary == { var s = ConvertSummary(); s.rows = 2; s.converted = 2; return s }())
    }

    @Test func addedValuesAreQuotedOnlyWhenNeeded() throws {
        // The pinyin column of a name that is not Chinese is the name as written, comma
        // included: the added CSV field must be quoted; the plain key must not be.
        let input = Array("name\n\"Yellen, Janet\"\n".utf8)
        let result = try convert(input, ConvertOptions(format: .csv, add: [.pinyin, .key]))
        #expect(result.output.text == "name,pinyin,key\n\"Yellen, Janet\",\"Yellen, Janet\",janet yellen\n")
    }

    @Test func headerColumnByNameIsCaseInsensitiveAsAFallback() throws {
        let input = Array("ID,Full Name\n1,Xi Jinping\n".utf8)
        let result = try convert(input, ConvertOptions(format: .csv, nameField: .named("full name"), add: [.key]))
        #expect(result.output.text == "ID,Full Name,key\n1,Xi Jinping,xi jinping\n")
    }

    @Test func aBOMIsNotPartOfTheFirstColumnName() throws {
        let input = Array("\u{FEFF}name,id\r\nLê Duẩn,1\r\n".utf8)
        let result = try convert(input, ConvertOptions(format: .csv, nameField: .named("name"), add: [.key]))
        #expect(result.output.text == "\u{FEFF}name,id,key\r\nLê Duẩn,1,le duan\r\n")
    }

    @Test func emptyInputAndHeaderOnly() throws {
        #expect(try convert([], ConvertOptions(format: .csv)).output.isEmpty)
        #expect(try convert(Array("name".utf8), ConvertOptions(format: .csv)).output.text == "name,key")
        #expect(try convert(Array("name\n".utf8), ConvertOptions(format: .csv)).summary.rows == 0)
    }

    @Test func missingColumnIsAnErrorBeforeAnyRow() throws {
        let input = Array("id,who\n1,Xi Jinping\n".utf8)
        #expect(throws: ConvertError.self) { try convert(input, ConvertOptions(format: .csv, add: [.key])) }
    }

    @Test func noHeaderWithAColumnNumber() throws {
        let input = Array("1,Xi Jinping\n2,阮富仲\n".utf8)
        let result = try convert(input, ConvertOptions(format: .csv, nameField: .number(2), add: [.key], header: false))
        #expect(result.output.text == "1,Xi Jinping,xi jinping\n2,阮富仲,ruan fuzhong\n")
    }

    @Test func aNamedColumnNeedsAHeader() {
        #expect(throws: ConvertError.self) {
            try Converter(options: ConvertOptions(format: .csv, nameField: .named("name"), header: false))
        }
    }

    @Test func columnListParsing() throws {
        #expect(try ConvertColumn.list("key, pinyin,hanviet") == [.key, .pinyin, .hanviet])
        #expect(throws: ConvertError.self) { try ConvertColumn.list("key,bogus") }
        #expect(try ConvertColumn.list("entity,canonical") == [.entity, .canonical])
    }

    @Test func stoppingAtTheFirstBadRow() throws {
        let input = Array("name\nXi Jinping\n\nLi Keqiang\n".utf8)
        let result = try convert(input, ConvertOptions(format: .csv, add: [.key]), stopAtFirstIssue: true)
        #expect(result.summary.stopped)
        #expect(result.summary.rows == 2)
        #expect(result.issues.map(\.row) == [3])
        #expect(result.output.text == "name,key\nXi Jinping,xi jinping\n")
    }

    @Test func parallelOutputKeepsInputOrder() throws {
        let names = ["習近平", "Nguyễn Phú Trọng", "Ouyang Nana", "Phạm Minh Chính", "李克强", "Janet Yellen"]
        var text = "n,name\n"
        for i in 0..<3000 { text += "\(i),\(names[i % names.count])\n" }
        let input = Array(text.utf8)
        let options = ConvertOptions(format: .csv, add: [.key, .hanviet])
        let serial = try convert(input, options)
        let parallel = try convert(input, options, jobs: 4, batchSize: 7)
        #expect(parallel.output == serial.output)
        #expect(parallel.summary == serial.summary)
        #expect(serial.summary.rows == 3000)
    }
}
