import Foundation
import NameBatch
import NameCanon
import Testing
import TestSupport

/// Fixtures/fuzz/records/ (see scripts/fuzz/make_regressions.py) read in every format and in
/// chunks of every small size, with the invariants of the FuzzRecords target of Tests/Fuzz: rows
/// increase, fields lie inside their record, nothing is read past the end, and the records with
/// their terminators give back the input byte for byte unless a record was dropped as too long.
@Suite struct RecordFuzzRegressionTests {
    @Test func hostileRecordInputsAreReadWithoutLoss() {
        let inputs = fuzzInputs("records")
        #expect(inputs.count >= 10)
        for (file, bytes) in inputs {
            for format in [RecordFormat.csv, .tsv, .jsonl, .lines] {
                for chunk in [1, 2, 3, 7, 4096] {
                    let reader = RecordReader(source: TrickleSource(bytes: bytes, chunk: chunk), format: format, maxRecordBytes: 4096)
                    var lastRow = 0
                    var rebuilt: [UInt8] = []
                    var dropped = false
                    while let record = reader.next() {
                        #expect(record.row > lastRow, "\(file) \(format) chunk \(chunk): rows must increase")
                        lastRow = record.row
                        for span in record.fields {
                            #expect(span.lowerBound >= 0 && span.upperBound <= record.bytes.count, "\(file) \(format): a field outside its record")
                        }
                        for i in 0..<record.fields.count { _ = record.fieldBytes(i, format: format) }
                        dropped = dropped || record.dropped
                        rebuilt += record.bytes + terminatorBytes(record.terminator)
                    }
                    #expect(reader.bytesConsumed <= bytes.count, "\(file) \(format): read past the end")
                    if !dropped {
                        #expect(rebuilt == bytes, "\(file) \(format) chunk \(chunk): the records do not give back the input")
                    }
                }
            }
        }
    }
}

private func terminatorBytes(_ terminator: LineTerminator) -> [UInt8] {
    switch terminator {
    case .lf: [0x0A]
    case .crlf: [0x0D, 0x0A]
    case .none: []
    }
}
