import Foundation

/// Counts of one conversion run.
public struct ConvertSummary: Sendable, Equatable {
    /// Data rows read (the header not counted).
    public var rows = 0
    /// Rows that got their added columns.
    public var converted = 0
    /// Bad rows.
    public var errors = 0
    /// True when `onIssue` asked to stop at a bad row.
    public var stopped = false

    /// All counts zero.
    public init() {}

    /// Adds the counts of another run (of the next input file) to these.
    public static func += (a: inout ConvertSummary, b: ConvertSummary) {
        a.rows += b.rows
        a.converted += b.converted
        a.errors += b.errors
        a.stopped = a.stopped || b.stopped
    }
}

extension Converter {
    /// Converts a sequence of records in order: the header first when `expectsHeader`
    /// (handed to `output` only when `writeHeader`), then every data record.
    ///
    /// - Parameters:
    ///   - records: the input records, read once, in order.
    ///   - jobs: worker threads; with more than one, batches of `batchSize` records are
    ///     converted concurrently and handed to `output` in input order.
    ///   - batchSize: records per batch handed to a worker, and between `progress` calls.
    ///   - writeHeader: whether the header record goes to `output` (when `expectsHeader`).
    ///   - output: receives each converted record, in input order, on the calling thread.
    ///   - onIssue: called for each bad row before its record goes to `output`; return false
    ///     to stop there, without writing it.
    ///   - progress: called on the calling thread after each batch with the rows done so far.
    /// - Throws: `ConvertError` for a missing or unusable header; whatever `output` throws.
    public mutating func convert(
        _ records: some Sequence<Record>, jobs: Int = 1, batchSize: Int = 1024, writeHeader: Bool = true,
        output: (ConvertedRecord) throws -> Void,
        onIssue: (ConvertedRecord) throws -> Bool = { _ in true },
        progress: (Int) -> Void = { _ in }
    ) throws -> ConvertSummary {
        var iterator = records.makeIterator()
        if expectsHeader {
            guard let header = iterator.next() else { return ConvertSummary() }
            let bytes = try readHeader(header)
            if writeHeader { try output(ConvertedRecord(row: header.row, line: header.line, bytes: bytes, issue: nil, name: nil)) }
        }
        var summary = ConvertSummary()
        // Takes one converted batch, in order; false to stop.
        func take(_ batch: [ConvertedRecord]) throws -> Bool {
            for record in batch {
                summary.rows += 1
                if record.issue != nil {
                    summary.errors += 1
                    if try !onIssue(record) { summary.stopped = true; return false }
                } else {
                    summary.converted += 1
                }
                if !record.bytes.isEmpty { try output(record) }
            }
            progress(summary.rows)
            return true
        }
        let converter = self
        try OrderedPool.run(threads: jobs, next: {
            var batch: [Record] = []
            batch.reserveCapacity(batchSize)
            while batch.count < batchSize, let r = iterator.next() { batch.append(r) }
            return batch
        }, transform: { batch in batch.map { converter.convert($0) } }, take: take)
        return summary
    }
}
