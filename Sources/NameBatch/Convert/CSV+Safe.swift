/// Spreadsheet formula injection: Excel, LibreOffice and Google Sheets run a cell that begins with
/// `=`, `+`, `-` or `@` as a formula (`=HYPERLINK(...)`, `=cmd|' /C calc'!A0`), and a leading TAB
/// or CR can hide such a prefix. With `--safe-csv` every such cell is written with a `'` in front,
/// which spreadsheets show as text and never evaluate (OWASP's advice for CSV injection).
extension CSV {
    /// The bytes a cell may not begin with: = + - @ TAB CR.
    static let formulaPrefixes: Set<UInt8> = [0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D]

    /// `value` with a `'` in front when a spreadsheet would read it as a formula.
    static func defused(_ value: [UInt8]) -> [UInt8] {
        guard let first = value.first, formulaPrefixes.contains(first) else { return value }
        return [0x27] + value
    }

    /// One field, defused and quoted as needed.
    static func safeField(_ value: String) -> [UInt8] {
        let bytes = defused(Array(value.utf8))
        return bytes.count == value.utf8.count ? field(value) : field(String(decoding: bytes, as: UTF8.self))
    }

    /// The record's bytes with every field that would run as a formula defused; the fields that
    /// would not are written back byte for byte.
    static func defusedRecord(_ record: Record) -> [UInt8] {
        guard record.fields.contains(where: { needsDefusing(record.bytes[$0]) }) else { return record.bytes }
        var out: [UInt8] = []
        out.reserveCapacity(record.bytes.count + record.fieldCount * 3)
        var written = 0
        for span in record.fields {
            out += record.bytes[written..<span.lowerBound]
            let raw = record.bytes[span]
            if needsDefusing(raw) {
                out += field(String(decoding: defused(unquote(raw)), as: UTF8.self))
            } else {
                out += raw
            }
            written = span.upperBound
        }
        out += record.bytes[written...]
        return out
    }

    /// Whether a raw field (quotes included) holds a value a spreadsheet would run.
    static func needsDefusing(_ raw: ArraySlice<UInt8>) -> Bool {
        guard let first = raw.first else { return false }
        if first == quote, raw.count >= 2 { return formulaPrefixes.contains(raw[raw.startIndex + 1]) }
        return formulaPrefixes.contains(first)
    }
}
