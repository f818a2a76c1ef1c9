import NameCanon

/// A column `Converter` can append to each record.
public enum ConvertColumn: String, Sendable, CaseIterable {
    /// `NormalizedName.key`: "xi jinping".
    case key
    /// `NormalizedName.display`: "Xi Jinping" for "XI Jinping".
    case display
    /// `NormalizedName.latin`, with diacritics: "Nguyễn Phú Trọng".
    case latin
    /// The `latin` form without diacritics: "Nguyen Phu Trong".
    case ascii
    /// `transliterate(_:to: .pinyin)` of the name: "Xi Jinping".
    case pinyin
    /// `transliterate(_:to: .hanviet)` of the name: "Tập Cận Bình".
    case hanviet
    /// `NormalizedName.surname`, in the name's own script: "習" for "習近平".
    case surname
    /// `NormalizedName.given`, in the name's own script.
    case given
    /// `NormalizedName.language`: zh, vi, ko, ja or other.
    case language
    /// `NormalizedName.order`: surname-first, given-first or unknown.
    case order
    /// The person's canonical ID in the registry (needs `ConvertOptions.resolver`).
    case entity
    /// The person's canonical name in the registry (needs `ConvertOptions.resolver`).
    case canonical

    /// Whether the column is answered by the registry rather than the normalizer.
    public var needsRegistry: Bool { self == .entity || self == .canonical }

    /// Parses a comma-separated list such as "key,pinyin,hanviet".
    public static func list(_ text: String) throws(ConvertError) -> [ConvertColumn] {
        let names = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.convertTrimmingSpaces }
        var out: [ConvertColumn] = []
        for name in names {
            guard let column = ConvertColumn(rawValue: name.lowercased()) else {
                throw ConvertError(.badOptions, "unknown column \"\(name)\" in --add; expected some of: \(allCases.map(\.rawValue).joined(separator: ", "))")
            }
            out.append(column)
        }
        return out
    }
}

/// Which field holds the name.
public enum NameField: Sendable, Hashable {
    /// A header column name (CSV, TSV) or a member name (JSON Lines).
    case named(String)
    /// A 1-based column number (CSV, TSV).
    case number(Int)

    /// "3" is a column number, anything else a name.
    public init(_ text: String) {
        if let n = Int(text), !text.isEmpty, text.allSatisfy(\.isASCII) { self = .number(n) } else { self = .named(text) }
    }
}

/// How to convert.
public struct ConvertOptions: Sendable {
    /// The input format, which is also the output's.
    public var format: RecordFormat
    /// The name field; nil means the column or member called "name" (the only column for lines).
    public var nameField: NameField?
    /// The columns to append, in this order.
    public var add: [ConvertColumn]
    /// Language hint passed to `normalize` for every name.
    public var hint: NameLanguage?
    /// Whether a CSV or TSV input starts with a header row.
    public var header: Bool
    /// Answers the `entity` and `canonical` columns: the registry's ID and canonical name for a
    /// name. The CLI wires the registry in here, with or without creating new people; without
    /// a resolver those columns are an error.
    public var resolver: (any PersonResolver)?
    /// CSV only: put a `'` before every cell, read or added, that a spreadsheet would run as a
    /// formula (one starting with = + - @ TAB or CR). See CSV+Safe.swift.
    public var safeCSV = false

    /// Options for one format; the other fields keep their defaults (no resolver, no `safeCSV`).
    public init(format: RecordFormat, nameField: NameField? = nil, add: [ConvertColumn] = [.key],
                hint: NameLanguage? = nil, header: Bool = true) {
        self.format = format
        self.nameField = nameField
        self.add = add
        self.hint = hint
        self.header = header
    }
}

/// A conversion that cannot start: bad options, or a header without the name column.
public struct ConvertError: CodedError {
    /// Stable codes a caller can switch on.
    public enum Code: String, Sendable {
        /// Options that contradict each other or name an unknown column.
        case badOptions = "bad_options"
        /// The header has no column of the name asked for, or fewer columns than the number.
        case noSuchColumn = "no_such_column"
        /// The header row itself cannot be read.
        case badHeader = "bad_header"
    }

    /// What kind of mistake it is.
    public let code: Code
    /// What went wrong, for a person.
    public let message: String

    init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The message.
    public var description: String { message }
}

/// One record after conversion: the bytes to write (the input record, the added columns and
/// the input's line terminator) and, for a bad row, what was wrong with it.
public struct ConvertedRecord: Sendable {
    /// 1-based number of the record in its input, the header row included.
    public let row: Int
    /// 1-based line on which the record starts.
    public let line: Int
    /// Empty only for a record dropped as too long.
    public let bytes: [UInt8]
    /// What was wrong with the record; nil for a converted one.
    public let issue: RowIssue?
    /// The name as read, when there was one (for error reports).
    public let name: String?
}

/// Appends normalized columns to records, leaving every input byte as it was.
///
/// Converting a record is a pure function of the record (after the header, if any, has been
/// read), so records can be converted on any thread in any order.
///
/// ```swift
/// let input = Array("id,name\n1,習近平\n2,\"NGUYEN, Phu Trong\"\n".utf8)
/// var converter = try Converter(options: ConvertOptions(format: .csv, add: [.key, .pinyin]))
/// var output: [UInt8] = []
/// let summary = try converter.convert(RecordReader(bytes: input, format: .csv)) { output += $0.bytes }
/// // id,name,key,pinyin
/// // 1,習近平,xi jinping,Xi Jinping
/// // 2,"NGUYEN, Phu Trong",nguyen phu trong,"NGUYEN, Phu Trong"   (pinyin leaves non-Chinese names as written)
/// ```
public struct Converter: Sendable {
    /// The engine that normalizes each name.
    public let canon: NameCanon
    /// The options the converter was made with.
    public let options: ConvertOptions
    /// 0-based index of the name column (CSV, TSV); resolved from the header when named.
    private(set) var nameIndex: Int
    /// How many fields the header row has (CSV, TSV with a header): a data row with another
    /// count is a bad row, since its columns can no longer be trusted to line up.
    private(set) var headerWidth: Int?
    private let member: String

    /// A converter for one input: checks that the options fit together.
    ///
    /// - Throws: `ConvertError.Code.badOptions` when they do not (no columns to add, a column
    ///   number for JSON Lines, a column name without a header row).
    public init(canon: NameCanon = .shared, options: ConvertOptions) throws(ConvertError) {
        self.canon = canon
        self.options = options
        self.nameIndex = 0
        if options.format == .jsonl, case .named(let name) = options.nameField { member = name } else { member = "name" }
        if options.add.isEmpty { throw ConvertError(.badOptions, "no columns to add") }
        switch (options.format, options.nameField) {
        case (.lines, _), (_, nil):
            break
        case (.jsonl, .named):
            break
        case (.jsonl, .number):
            throw ConvertError(.badOptions, "JSON Lines names a member, not a column number")
        case (_, .number(let n)):
            guard n >= 1 else { throw ConvertError(.badOptions, "column numbers start at 1") }
            nameIndex = n - 1
        case (_, .named(let name)):
            guard options.header else { throw ConvertError(.badOptions, "column \"\(name)\" named, but the input has no header row; give a column number") }
        }
    }

    /// Whether the first record is a header row to hand to `readHeader`.
    public var expectsHeader: Bool { options.format.hasColumns && options.header }

    /// Takes the header row: finds the name column and returns the header with the added
    /// column names appended.
    public mutating func readHeader(_ record: Record) throws(ConvertError) -> [UInt8] {
        if let issue = record.issue { throw ConvertError(.badHeader, "the header row is unreadable: \(issue.message)") }
        let names = (0..<record.fieldCount).map { i in
            String(decoding: record.fieldBytes(i, format: options.format) ?? [], as: UTF8.self)
        }
        switch options.nameField {
        case .number(let n):
            guard n <= names.count else { throw ConvertError(.noSuchColumn, "column \(n) asked for, but the header has \(names.count)") }
        case .named(let wanted):
            guard let i = Self.column(wanted, in: names) else {
                throw ConvertError(.noSuchColumn, "no column \"\(wanted)\" in the header (\(names.joined(separator: ", ")))")
            }
            nameIndex = i
        case nil:
            guard let i = Self.column("name", in: names) else {
                throw ConvertError(.noSuchColumn, "no column \"name\" in the header (\(names.joined(separator: ", "))); choose one with --column")
            }
            nameIndex = i
        }
        headerWidth = record.fieldCount
        return appending(options.add.map(\.rawValue), to: record)
    }

    private static func column(_ wanted: String, in names: [String]) -> Int? {
        if let i = names.firstIndex(of: wanted) { return i }
        let folded = wanted.convertTrimmingSpaces.lowercased()
        return names.firstIndex { $0.convertTrimmingSpaces.lowercased() == folded }
    }

    /// The added column values for one name, in `options.add` order.
    ///
    /// - Throws: `NameCanonError` (`.emptyName` when the name has no letters).
    public func values(forName name: String) throws -> [String] {
        let n = try canon.normalize(name, hint: options.hint)
        var resolved: ResolvedPerson?? = nil
        func person() throws -> ResolvedPerson? {
            if let resolved { return resolved }
            guard let resolver = options.resolver else {
                throw ConvertError(.badOptions, "the entity and canonical columns need a registry")
            }
            let answer = try resolver.person(named: name, hint: options.hint)
            resolved = .some(answer)
            return answer
        }
        return try options.add.map { column -> String in
            switch column {
            case .key: n.key
            case .display: n.display
            case .latin: n.latin
            case .ascii: try canon.transliterate(n.latin, to: .ascii)
            case .pinyin: try canon.transliterate(name, to: .pinyin)
            case .hanviet: try canon.transliterate(name, to: .hanviet)
            case .surname: n.surname
            case .given: n.given
            case .language: n.language.rawValue
            case .order: n.order.rawValue
            case .entity: try person()?.entity ?? ""
            case .canonical: try person()?.canonical ?? ""
            }
        }
    }

    /// Converts one data record. A bad row comes back unchanged with empty added columns
    /// (a JSON line that is not an object: unchanged) and its issue.
    public func convert(_ record: Record) -> ConvertedRecord {
        if record.dropped { return ConvertedRecord(row: record.row, line: record.line, bytes: [], issue: record.issue, name: nil) }
        if let issue = record.issue { return failed(record, issue, name: nil) }
        let nameBytes: [UInt8]
        var json: JSONObjectScan? = nil
        if options.format == .jsonl {
            guard String.isWellFormedUTF8(record.bytes) else {
                return failed(record, RowIssue(.invalidUTF8, "the line is not valid UTF-8"), name: nil)
            }
            do {
                let scan = try JSONObjectScan.scan(record.bytes, record.fields.first ?? 0..<0, member: member)
                json = scan
                switch scan.value {
                case .missing: return failed(record, RowIssue(.missingField, "no \"\(member)\" member"), name: nil, json: scan)
                case .notString: return failed(record, RowIssue(.missingField, "the \"\(member)\" member is not a string"), name: nil, json: scan)
                case .string(let s): nameBytes = Array(s.utf8)
                }
            } catch {
                return failed(record, RowIssue(.badJSON, error.message), name: nil)
            }
        } else {
            if let headerWidth, record.fieldCount != headerWidth {
                let has = "\(record.fieldCount) field\(record.fieldCount == 1 ? "" : "s")"
                return failed(record, RowIssue(.fieldCount, "the row has \(has) but the header has \(headerWidth)"), name: nil)
            }
            guard let bytes = record.fieldBytes(nameIndex, format: options.format) else {
                return failed(record, RowIssue(.missingField, "the name is column \(nameIndex + 1) but the row has \(record.fieldCount) column\(record.fieldCount == 1 ? "" : "s")"), name: nil)
            }
            nameBytes = bytes
        }
        guard let name = String(checkingUTF8: nameBytes) else {
            return failed(record, RowIssue(.invalidUTF8, "the name is not valid UTF-8"), name: String(decoding: nameBytes, as: UTF8.self), json: json)
        }
        if name.allSatisfy(\.isWhitespace) { return failed(record, RowIssue(.emptyName, "the name is empty"), name: name, json: json) }
        do {
            let values = try values(forName: name)
            return ConvertedRecord(row: record.row, line: record.line, bytes: appending(values, to: record, json: json), issue: nil, name: name)
        } catch let error as NameCanonError {
            let code: RowIssue.Code = error.code == .emptyName ? .emptyName : .nameError
            return failed(record, RowIssue(code, error.message), name: name, json: json)
        } catch {
            return failed(record, RowIssue(.nameError, "\(error)"), name: name, json: json)
        }
    }

    private func failed(_ record: Record, _ issue: RowIssue, name: String?, json: JSONObjectScan? = nil) -> ConvertedRecord {
        let bytes: [UInt8]
        if options.format == .jsonl && json == nil {
            bytes = record.bytes + record.terminator.bytes
        } else if options.format == .csv && options.safeCSV && record.fields.isEmpty {
            // Unreadable quoting: no fields to defuse one by one, so the whole line is.
            bytes = CSV.defused(record.bytes) + record.terminator.bytes
        } else {
            bytes = appending(options.add.map { _ in "" }, to: record, json: json)
        }
        return ConvertedRecord(row: record.row, line: record.line, bytes: bytes, issue: issue, name: name)
    }

    /// The record's bytes with `values` appended in the record's format, then its terminator.
    private func appending(_ values: [String], to record: Record, json: JSONObjectScan? = nil) -> [UInt8] {
        var out: [UInt8] = []
        out.reserveCapacity(record.bytes.count + values.count * 24 + 2)
        switch options.format {
        case .csv where options.safeCSV:
            out += CSV.defusedRecord(record)
            for v in values { out.append(CSV.comma); out += CSV.safeField(v) }
        case .csv:
            out += record.bytes
            for v in values { out.append(CSV.comma); out += CSV.field(v) }
        case .tsv, .lines:
            out += record.bytes
            for v in values { out.append(0x09); out += TSV.field(v) }
        case .jsonl:
            guard let json else { return record.bytes + record.terminator.bytes }
            out += record.bytes[..<json.closingBrace]
            for (i, (column, v)) in zip(options.add, values).enumerated() {
                if i > 0 || !json.isEmpty { out.append(UInt8(ascii: ",")) }
                JSONString.append(column.rawValue, to: &out)
                out.append(UInt8(ascii: ":"))
                JSONString.append(v, to: &out)
            }
            out += record.bytes[json.closingBrace...]
        }
        out += record.terminator.bytes
        return out
    }
}

extension StringProtocol {
    /// Without leading and trailing spaces (named apart from the engine's own helpers).
    var convertTrimmingSpaces: String {
        var s = Substring(self)
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}

extension ConvertedRecord {
    /// A bad row as one JSON object (no line break): file, row, line, code, reason and the name
    /// if one was read.
    ///
    /// ```swift
    /// // {"file":"people.csv","row":4,"line":4,"code":"bad_quoting","reason":"text after the closing quote of field 2"}
    /// ```
    public func issueJSON(file: String) -> String {
        var out: [UInt8] = Array("{\"file\":".utf8) + JSONString.quoted(file)
        out += Array(",\"row\":\(row),\"line\":\(line)".utf8)
        if let issue {
            out += Array(",\"code\":".utf8) + JSONString.quoted(issue.code.rawValue)
            out += Array(",\"reason\":".utf8) + JSONString.quoted(issue.message)
        }
        if let name { out += Array(",\"name\":".utf8) + JSONString.quoted(name) }
        out.append(UInt8(ascii: "}"))
        return String(decoding: out, as: UTF8.self)
    }
}
