import CFuzzer
import Foundation
import NameBatch

/// The CSV/TSV/JSON Lines/lines record reader on arbitrary bytes, read in small chunks: records
/// must cover the input in order and never overlap, whatever the quoting.
func fuzzRecords(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let formats: [RecordFormat] = [.csv, .tsv, .jsonl, .lines]
    let format = formats[size % formats.count]
    let reader = RecordReader(source: MemorySource(bytes), format: format, maxRecordBytes: 4096)
    var lastRow = 0
    while let record = reader.next() {
        if record.row <= lastRow { fatalError("rows must increase: \(record.row) after \(lastRow)") }
        lastRow = record.row
        for i in 0..<record.fields.count { _ = record.fieldBytes(i, format: format) }
    }
    if reader.bytesConsumed > bytes.count { fatalError("read past the end") }
    return 0
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzRecords(data, size) })
