/// The record formats `namecanon convert` reads and writes.
public enum RecordFormat: String, Sendable, CaseIterable {
    /// One name a line; added columns are appended TAB-separated.
    case lines
    /// RFC 4180: comma-separated, fields optionally in double quotes (which may hold commas,
    /// doubled quotes and line breaks), LF or CRLF line ends.
    case csv
    /// TAB-separated, one record a line, no quoting.
    case tsv
    /// One JSON object a line; added columns become members appended to the object.
    case jsonl

    /// The format a file name's extension stands for, if it is one we know.
    ///
    /// ```swift
    /// RecordFormat(path: "people.csv")   // .csv
    /// RecordFormat(path: "x.ndjson")     // .jsonl
    /// ```
    public init?(path: String) {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return nil }
        switch path[path.index(after: dot)...].lowercased() {
        case "csv": self = .csv
        case "tsv", "tab": self = .tsv
        case "jsonl", "ndjson": self = .jsonl
        case "txt", "lst", "lines": self = .lines
        default: return nil
        }
    }

    /// Whether records have several fields picked by header name or index.
    public var hasColumns: Bool { self == .csv || self == .tsv }
}

/// How a record's line ended in the input; the output record ends the same way.
public enum LineTerminator: Sendable, Equatable {
    /// "\n".
    case lf
    /// "\r\n".
    case crlf
    /// The last record of a file without a final line break.
    case none

    var bytes: [UInt8] {
        switch self {
        case .lf: [0x0A]
        case .crlf: [0x0D, 0x0A]
        case .none: []
        }
    }
}

/// What is wrong with a row that cannot be converted.
public struct RowIssue: Error, Sendable, Equatable, CustomStringConvertible {
    /// Stable codes, written to the errors file.
    public enum Code: String, Sendable {
        /// No name column (a short row) or member (JSON Lines), or a member that is not a string.
        case missingField = "missing_field"
        /// A CSV or TSV row with more or fewer fields than the header.
        case fieldCount = "field_count"
        /// The name, or a JSON line, is not valid UTF-8.
        case invalidUTF8 = "invalid_utf8"
        /// CSV quoting that does not follow RFC 4180.
        case badQuoting = "bad_quoting"
        /// A JSON line that is not one JSON object.
        case badJSON = "bad_json"
        /// A name with no letters.
        case emptyName = "empty_name"
        /// A record longer than the reader's limit; its bytes were dropped.
        case tooLong = "too_long"
        /// The engine or the resolver refused the name.
        case nameError = "name_error"
    }

    /// What kind of problem it is.
    public let code: Code
    /// The problem, for a person.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// "code: message".
    public var description: String { "\(code.rawValue): \(message)" }
}

/// One record of input exactly as read: its raw bytes and where its fields are.
///
/// The bytes are kept so that the conversion writes every column it does not add back byte
/// for byte; `fields` are the raw spans (a CSV field with its quotes), relative to `bytes`.
public struct Record: Sendable {
    /// 1-based number of the record in its input, the header row included.
    public let row: Int
    /// 1-based line on which the record starts (CSV records can span lines).
    public let line: Int
    /// The record without its line terminator; the first record keeps a UTF-8 BOM if the input had one.
    public let bytes: [UInt8]
    /// How the record's line ended; the output record ends the same way.
    public let terminator: LineTerminator
    /// Raw field spans within `bytes` (one span for lines and JSON Lines, past any BOM).
    public var fields: [Range<Int>] { spans ?? [onlyField] }
    /// The spans of a record of several fields (CSV, TSV); nil for one field, `onlyField`, so a
    /// line costs no array of its own.
    private let spans: [Range<Int>]?
    private let onlyField: Range<Int>
    /// Set when the record could not be read cleanly (broken quoting, too long).
    public let issue: RowIssue?
    /// How many bytes were dropped because the record was longer than the reader's limit; 0
    /// for a record that was kept.
    public let droppedBytes: Int
    /// True when the record was longer than the reader's limit: its bytes were dropped.
    public var dropped: Bool { droppedBytes > 0 }

    init(row: Int, line: Int, bytes: [UInt8], terminator: LineTerminator, fields: [Range<Int>],
                issue: RowIssue? = nil, droppedBytes: Int = 0) {
        self.row = row
        self.line = line
        self.bytes = bytes
        self.terminator = terminator
        if fields.count == 1 {
            spans = nil
            onlyField = fields[0]
        } else {
            spans = fields
            onlyField = 0..<0
        }
        self.issue = issue
        self.droppedBytes = droppedBytes
    }

    /// A record of one field.
    init(row: Int, line: Int, bytes: [UInt8], terminator: LineTerminator, only: Range<Int>, issue: RowIssue? = nil) {
        self.row = row
        self.line = line
        self.bytes = bytes
        self.terminator = terminator
        spans = nil
        onlyField = only
        self.issue = issue
        droppedBytes = 0
    }

    /// The record as one line of text for the commands that read a name or a request a line:
    /// its bytes, without a carriage return left at the end of an input that had no final line
    /// break (a "\r\n" line end is never part of `bytes`).
    public var lineBytes: ArraySlice<UInt8> {
        terminator == .none && bytes.last == 0x0D ? bytes.dropLast() : bytes[...]
    }

    /// How many fields the record has.
    public var fieldCount: Int { spans?.count ?? 1 }

    /// The raw bytes of field `index` (0-based), quotes included.
    public func rawField(_ index: Int) -> ArraySlice<UInt8>? {
        guard let spans else { return index == 0 ? bytes[onlyField] : nil }
        return index < spans.count ? bytes[spans[index]] : nil
    }

    /// The value of field `index` (0-based): for CSV with its quoting undone.
    public func fieldBytes(_ index: Int, format: RecordFormat) -> [UInt8]? {
        guard let raw = rawField(index) else { return nil }
        if format == .csv { return CSV.unquote(raw) }
        return Array(raw)
    }
}

/// CSV quoting, both ways.
enum CSV {
    static let quote: UInt8 = 0x22
    static let comma: UInt8 = 0x2C

    /// `"a ""b"""` → `a "b"`; an unquoted field is returned as is.
    static func unquote(_ raw: ArraySlice<UInt8>) -> [UInt8] {
        guard raw.count >= 2, raw.first == quote, raw.last == quote else { return Array(raw) }
        var out: [UInt8] = []
        out.reserveCapacity(raw.count - 2)
        var i = raw.startIndex + 1
        let end = raw.endIndex - 1
        while i < end {
            let c = raw[i]
            out.append(c)
            i += (c == quote && i + 1 < end && raw[i + 1] == quote) ? 2 : 1
        }
        return out
    }

    /// A value made into one field: quoted only when it holds a comma, a quote or a line break.
    static func field(_ value: String) -> [UInt8] {
        let needs = value.utf8.contains { $0 == comma || $0 == quote || $0 == 0x0A || $0 == 0x0D }
        guard needs else { return Array(value.utf8) }
        var out: [UInt8] = [quote]
        for c in value.utf8 {
            if c == quote { out.append(quote) }
            out.append(c)
        }
        out.append(quote)
        return out
    }
}

/// TSV has no quoting: TABs and line breaks in an added value become spaces.
enum TSV {
    static func field(_ value: String) -> [UInt8] {
        value.utf8.map { $0 == 0x09 || $0 == 0x0A || $0 == 0x0D ? 0x20 : $0 }
    }
}
