#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import NameCanon

/// Where a `RecordReader` gets its bytes.
public protocol ByteSource {
    /// Reads up to `buffer.count` bytes into `buffer`; returns 0 at the end of input.
    mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int
    /// True when a read would return at once (bytes are waiting, or the input ended); a source
    /// in memory or a file always says yes.
    var hasBytesWaiting: Bool { get }
}

extension ByteSource {
    /// Yes: most sources never make a reader wait.
    public var hasBytesWaiting: Bool { true }
}

/// An error reading the input itself (not a bad row).
public struct ReadError: CodedError {
    /// The one code of a read error.
    public enum Code: String, Sendable {
        /// The system refused the read (`read(2)` failed).
        case io = "io_error"
    }

    /// Always `io`.
    public let code = Code.io
    /// The system's reason (`strerror`).
    public let message: String
    /// The message.
    public var description: String { message }

    /// A read error with the system's reason.
    public init(message: String) { self.message = message }
}

/// Reads a file descriptor (0 for stdin); the descriptor is not closed.
public struct FileDescriptorSource: ByteSource {
    /// The descriptor read.
    public let fd: Int32
    /// Reads `fd` from where it stands.
    public init(fd: Int32) { self.fd = fd }

    /// One `read(2)`, retried on EINTR.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        while true {
            let n = POSIX.read(fd, buffer.baseAddress!, buffer.count)
            if n >= 0 { return n }
            if errno == EINTR { continue }
            throw ReadError(message: String(cString: strerror(errno)))
        }
    }

    /// Asks `poll(2)` without waiting: a pipe or a terminal may have nothing yet.
    public var hasBytesWaiting: Bool {
        var request = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&request, 1, 0) > 0
    }
}

/// Bytes already in memory.
public struct MemorySource: ByteSource {
    let bytes: [UInt8]
    var offset = 0
    /// Hands out `bytes`, then the end of input.
    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    /// Copies the next bytes into `buffer`.
    public mutating func read(into buffer: UnsafeMutableRawBufferPointer) throws -> Int {
        let n = Swift.min(buffer.count, bytes.count - offset)
        if n > 0 {
            bytes.withUnsafeBytes { src in
                buffer.baseAddress!.copyMemory(from: src.baseAddress! + offset, byteCount: n)
            }
        }
        offset += n
        return n
    }
}

/// Reads records of one format from a byte stream, holding at most one record (and one read
/// buffer) at a time, so memory stays flat however long the input is. It is the one framer of
/// the package: `convert` reads CSV, TSV and JSON Lines with it, and `normalize`, `resolve`,
/// `serve` and `registry import` read their lines with it.
///
/// CSV follows RFC 4180. A record whose quoting is broken comes back with an `issue`; when
/// the broken record spanned several lines (an opening quote that never closed properly, most
/// likely), only its first line is taken as the bad record and reading resumes on the next
/// line, so one stray quote costs one row, not the rest of the file.
///
/// ```swift
/// let reader = RecordReader(bytes: Array("name,id\n\"Xi, Jinping\",1\n".utf8), format: .csv)
/// for record in reader { print(record.row, record.fields.count) }   // 1 2, then 2 2
/// ```
public final class RecordReader: Sequence, IteratorProtocol {
    /// The format records are framed by.
    public let format: RecordFormat
    /// Longest record kept, in bytes; a longer one is reported as too long and dropped.
    public let maxRecordBytes: Int
    private var source: any ByteSource
    private var buffer: [UInt8]
    private var start = 0
    private var end = 0
    private var eof = false
    private var row = 0
    private var line = 1
    /// Bytes of input handed out so far (for progress).
    public private(set) var bytesConsumed = 0
    /// Set when reading the input failed; the records end there.
    public private(set) var readError: ReadError?

    /// Reads `source` record by record; a record over `maxRecordBytes` comes back dropped, with a `too_long` issue.
    public init(source: some ByteSource, format: RecordFormat, maxRecordBytes: Int = 8 << 20) {
        self.source = source
        self.format = format
        self.maxRecordBytes = maxRecordBytes
        self.buffer = [UInt8](repeating: 0, count: Swift.min(1 << 16, maxRecordBytes + 2))
    }

    /// Reads bytes already in memory.
    public convenience init(bytes: [UInt8], format: RecordFormat) {
        self.init(source: MemorySource(bytes), format: format)
    }

    /// Reads a file descriptor (0 for stdin) to its end; the descriptor is not closed.
    public convenience init(fd: Int32, format: RecordFormat, maxRecordBytes: Int = 8 << 20) {
        self.init(source: FileDescriptorSource(fd: fd), format: format, maxRecordBytes: maxRecordBytes)
    }

    /// True when `next()` can answer from what was already read, without waiting for input: a
    /// line break is buffered, or the input ended. A server groups the requests that arrived
    /// together this way and never waits for more to fill a group.
    public var hasBufferedRecord: Bool {
        eof || firstNewline(from: start) != nil
    }

    /// True when `next()` will not wait long: a line break is buffered, the input ended, or the
    /// source has bytes to read now (a file always does).
    public var hasInputWaiting: Bool {
        hasBufferedRecord || source.hasBytesWaiting
    }

    /// Moves the unread bytes to the front and reads more; grows the buffer up to the record limit.
    private func fill() -> Bool {
        if eof { return false }
        if start > 0 {
            let count = end - start
            if count > 0 {
                buffer.withUnsafeMutableBytes { p in
                    _ = memmove(p.baseAddress!, p.baseAddress! + start, count)
                }
            }
            end = count
            start = 0
        }
        if end == buffer.count {
            guard buffer.count < maxRecordBytes + 2 else { return false }
            buffer.append(contentsOf: repeatElement(0, count: Swift.min(buffer.count, maxRecordBytes + 2 - buffer.count)))
        }
        let n: Int
        do {
            n = try buffer.withUnsafeMutableBytes { p in
                try source.read(into: UnsafeMutableRawBufferPointer(rebasing: p[end...]))
            }
        } catch {
            readError = error as? ReadError ?? ReadError(message: "\(error)")
            eof = true
            return false
        }
        if n == 0 { eof = true; return false }
        end += n
        return true
    }

    /// What scanning the buffer found.
    private enum Scan {
        case needMore
        /// `only` is the record's one field when it has just one; `fields` is then empty.
        case record(end: Int, next: Int, terminator: LineTerminator, fields: [Range<Int>], only: Range<Int>? = nil, lines: Int, issue: RowIssue?)
    }

    /// The next record, or nil at the end of input (or after a read error: see `readError`).
    public func next() -> Record? {
        while true {
            if start == end && eof { return nil }
            if start < end || eof {
                let scan = buffer.withUnsafeBufferPointer { p in
                    format == .csv ? scanCSV(p) : scanLine(p)
                }
                if case .record(let recordEnd, let next, let terminator, let fields, let only, let lines, let issue) = scan {
                    return emit(recordEnd: recordEnd, next: next, terminator: terminator, fields: fields, only: only, lines: lines, issue: issue)
                }
            }
            if end - start >= maxRecordBytes || (!fill() && !eof) { return tooLong() }
        }
    }

    private var contentStart: Int {
        if row == 0, end - start >= 3, buffer[start] == 0xEF, buffer[start + 1] == 0xBB, buffer[start + 2] == 0xBF { return 3 }
        return 0
    }

    private func emit(recordEnd: Int, next: Int, terminator: LineTerminator, fields: [Range<Int>], only: Range<Int>? = nil,
                      lines: Int, issue: RowIssue?) -> Record {
        row += 1
        let bytes = Array(buffer[start..<recordEnd])
        let record = if let only {
            Record(row: row, line: line, bytes: bytes, terminator: terminator,
                   only: (only.lowerBound - start)..<(only.upperBound - start), issue: issue)
        } else {
            Record(row: row, line: line, bytes: bytes, terminator: terminator,
                   fields: start == 0 ? fields : fields.map { ($0.lowerBound - start)..<($0.upperBound - start) }, issue: issue)
        }
        line += lines
        bytesConsumed += next - start
        start = next
        return record
    }

    /// A record longer than the limit. For CSV with a line break in it, the opening quote never
    /// closed: the first line is the bad record. Otherwise the bytes up to the next line break are dropped.
    private func tooLong() -> Record? {
        if format == .csv, let nl = firstNewline(from: start) {
            let e = nl > start && buffer[nl - 1] == 0x0D ? nl - 1 : nl
            return emit(recordEnd: e, next: nl + 1, terminator: e < nl ? .crlf : .lf, fields: [(start + contentStart)..<e], lines: 1,
                        issue: RowIssue(.badQuoting, "quoted field not closed within \(maxRecordBytes) bytes"))
        }
        var dropped = end - start
        bytesConsumed += dropped
        start = end
        while true {
            if let nl = firstNewline(from: start) {
                dropped += nl - start
                bytesConsumed += nl + 1 - start
                start = nl + 1
                break
            }
            dropped += end - start
            bytesConsumed += end - start
            start = end
            if !fill() { break }
        }
        row += 1
        defer { line += 1 }
        return Record(row: row, line: line, bytes: [], terminator: .lf, fields: [],
                      issue: RowIssue(.tooLong, "record longer than \(maxRecordBytes) bytes (\(dropped) bytes dropped)"), droppedBytes: Swift.max(dropped, 1))
    }

    private func firstNewline(from i: Int) -> Int? {
        guard i < end else { return nil }
        return buffer.withUnsafeBytes { p -> Int? in
            guard let hit = memchr(p.baseAddress! + i, 0x0A, end - i) else { return nil }
            return p.baseAddress!.distance(to: UnsafeRawPointer(hit))
        }
    }

    /// Lines, TSV and JSON Lines: a record is a line.
    private func scanLine(_ p: UnsafeBufferPointer<UInt8>) -> Scan {
        let s = start + contentStart
        var recordEnd: Int
        var next: Int
        var terminator = LineTerminator.lf
        if let nl = firstNewline(from: start) {
            recordEnd = nl
            next = nl + 1
            if recordEnd > start && p[recordEnd - 1] == 0x0D { recordEnd -= 1; terminator = .crlf }
        } else if eof {
            recordEnd = end
            next = end
            terminator = .none
        } else {
            return .needMore
        }
        var fields: [Range<Int>] = []
        if format == .tsv, UnsafeBufferPointer(rebasing: p[s..<Swift.max(s, recordEnd)]).contains(0x09) {
            var f = s
            var i = s
            while i < recordEnd {
                if p[i] == 0x09 { fields.append(f..<i); f = i + 1 }
                i += 1
            }
            fields.append(f..<Swift.max(f, recordEnd))
        } else {
            // One field: the record holds it without an array (an empty array allocates nothing).
            return .record(end: Swift.max(s, recordEnd), next: next, terminator: terminator, fields: [],
                           only: s..<Swift.max(s, recordEnd), lines: 1, issue: nil)
        }
        return .record(end: Swift.max(s, recordEnd), next: next, terminator: terminator, fields: fields, lines: 1, issue: nil)
    }

    /// RFC 4180 CSV, one record (which may span lines inside quotes).
    private func scanCSV(_ p: UnsafeBufferPointer<UInt8>) -> Scan {
        let quote = CSV.quote, comma = CSV.comma, lf: UInt8 = 0x0A, cr: UInt8 = 0x0D
        let limit = end
        var i = start + contentStart
        var fields: [Range<Int>] = []
        var lines = 0
        var firstQuotedNewline: Int? = nil

        func done(_ recordEnd: Int, _ next: Int, _ terminator: LineTerminator) -> Scan {
            .record(end: recordEnd, next: next, terminator: terminator, fields: fields,
                    lines: lines + (terminator == .none ? 0 : 1), issue: nil)
        }
        // A bad record: its first line if it ran over several, else up to the end of its line.
        var spanningField = 0
        func broken(_ reason: String, at position: Int) -> Scan {
            let issue = RowIssue(.badQuoting, firstQuotedNewline == nil ? reason
                : "the quote opening field \(spanningField) does not close properly before the line ends")
            let nl = firstQuotedNewline ?? firstNewline(from: position)
            guard let nl else {
                return eof ? .record(end: limit, next: limit, terminator: .none, fields: [(start + contentStart)..<limit], lines: 0, issue: issue) : .needMore
            }
            let e = nl > start && p[nl - 1] == cr ? nl - 1 : nl
            return .record(end: e, next: nl + 1, terminator: e < nl ? .crlf : .lf,
                           fields: [(start + contentStart)..<Swift.max(start + contentStart, e)], lines: 1, issue: issue)
        }

        while true {
            let fieldStart = i
            if i < limit && p[i] == quote {
                i += 1
                while true {
                    if i == limit { return eof ? broken("quoted field not closed", at: fieldStart) : .needMore }
                    let c = p[i]
                    if c == quote {
                        if i + 1 == limit && !eof { return .needMore }
                        if i + 1 < limit && p[i + 1] == quote { i += 2; continue }
                        i += 1
                        break
                    }
                    if c == lf {
                        lines += 1
                        if firstQuotedNewline == nil { firstQuotedNewline = i; spanningField = fields.count + 1 }
                    }
                    i += 1
                }
                if i == limit {
                    if !eof { return .needMore }
                    fields.append(fieldStart..<i)
                    return done(i, i, .none)
                }
                let c = p[i]
                if c == comma { fields.append(fieldStart..<i); i += 1; continue }
                if c == lf { fields.append(fieldStart..<i); return done(i, i + 1, .lf) }
                if c == cr {
                    if i + 1 == limit && !eof { return .needMore }
                    if i + 1 < limit && p[i + 1] == lf { fields.append(fieldStart..<i); return done(i, i + 2, .crlf) }
                }
                return broken("text after the closing quote of field \(fields.count + 1)", at: i)
            } else {
                while i < limit {
                    let c = p[i]
                    if c == comma { break }
                    if c == lf {
                        let e = i > fieldStart && p[i - 1] == cr ? i - 1 : i
                        fields.append(fieldStart..<e)
                        return done(e, i + 1, e < i ? .crlf : .lf)
                    }
                    if c == quote { return broken("quote inside unquoted field \(fields.count + 1)", at: i) }
                    i += 1
                }
                if i < limit { fields.append(fieldStart..<i); i += 1; continue }
                if !eof { return .needMore }
                fields.append(fieldStart..<limit)
                return done(limit, limit, .none)
            }
        }
    }
}
