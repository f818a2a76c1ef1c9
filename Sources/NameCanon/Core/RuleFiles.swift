import Foundation

/// The text of every rule file NameCanon reads: the embedded copy of `Rules/`, optionally
/// overlaid by a directory given at run time (`--rules DIR`).
///
/// A file in the overlay with the same relative path as an embedded one replaces it
/// (`DIR/zh/surnames.tsv`); a file named `NAME+anything.tsv` beside it adds rows after the
/// table `NAME.tsv` (`DIR/zh/surnames+local.tsv`), and later rows win over earlier ones.
/// ICU rule files under `icu/` become extra transliteration targets named after the file.
public struct RuleFiles: Sendable {
    /// Relative path → text, in the order tables should be read (base first, additions after).
    private(set) var texts: [String: [String]]
    /// Relative paths that came from a `--rules` directory (additions under their table's path).
    private(set) var overlaidPaths: Set<String> = []

    /// The rule files compiled into the binary.
    public static let embedded: RuleFiles = {
        var texts: [String: [String]] = [:]
        for (path, text) in EmbeddedRules.files { texts[path] = [text] }
        return RuleFiles(texts: texts)
    }()

    init(texts: [String: [String]]) { self.texts = texts }

    /// The largest rule file `--rules` reads (the largest built-in table is well under 1 MB).
    public static let maxFileBytes = 16 << 20

    /// How deep `--rules` directories may nest; deeper is a symlink loop or a mistake.
    public static let maxDirectoryDepth = 8

    /// The embedded rules with the files of `directory` laid over them.
    ///
    /// ```swift
    /// let rules = try RuleFiles.embedded.overlaid(with: URL(fileURLWithPath: "my-rules"))
    /// let canon = try NameCanon(rules: rules)
    /// ```
    public func overlaid(with directory: URL) throws -> RuleFiles {
        var result = self
        let manager = FileManager.default
        var isDirectory: ObjCBool = false
        guard manager.fileExists(atPath: directory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw NameCanonError(.badRules, "rules directory not found: \(directory.path)")
        }
        guard let enumerator = manager.enumerator(at: directory, includingPropertiesForKeys: nil) else {
            throw NameCanonError(.badRules, "cannot read rules directory: \(directory.path)")
        }
        var replacements: [(String, String)] = []
        var additions: [(String, String)] = []
        let base = directory.standardizedFileURL.path
        for case let url as URL in enumerator {
            let name = url.lastPathComponent
            guard name.hasSuffix(".tsv") || name.hasSuffix(".txt") else { continue }
            var relative = url.standardizedFileURL.path
            if relative.hasPrefix(base) { relative.removeFirst(base.count) }
            while relative.hasPrefix("/") { relative.removeFirst() }
            if enumerator.level > Self.maxDirectoryDepth {
                throw NameCanonError(.badRules, "\(relative): rules nested more than \(Self.maxDirectoryDepth) directories deep (a symlink loop?)")
            }
            // Only regular files of bounded size: a symlink to /dev/zero or a FIFO would be read forever.
            var st = stat()
            guard stat(url.path, &st) == 0 else { throw NameCanonError(.badRules, "\(relative): cannot read: \(String(cString: strerror(errno)))") }
            guard (st.st_mode & S_IFMT) == S_IFREG else { throw NameCanonError(.badRules, "\(relative): not a regular file") }
            guard st.st_size <= Self.maxFileBytes else {
                throw NameCanonError(.badRules, "\(relative): \(st.st_size) bytes, over the limit of \(Self.maxFileBytes) for one rule file")
            }
            guard let data = manager.contents(atPath: url.path) else { continue }
            guard let text = String(validatingUTF8Data: data) else {
                throw NameCanonError(.badRules, "\(relative): not valid UTF-8")
            }
            var table = relative
            if let plus = name.firstIndex(of: "+") {
                let ext = name.hasSuffix(".tsv") ? ".tsv" : ".txt"
                let folder = (relative as NSString).deletingLastPathComponent
                let baseName = String(name[..<plus]) + ext
                table = folder.isEmpty ? baseName : folder + "/" + baseName
                additions.append((table, text))
            } else {
                replacements.append((relative, text))
            }
            result.overlaidPaths.insert(table)
            // Checked now, at start-up, against the built-in table's format where there is one.
            if table.hasPrefix("icu/") {
                try Self.checkICURules(text, file: relative)
            } else if let columns = texts[table]?.first.flatMap(Self.declaredColumns) ?? Self.declaredColumns(text) {
                try Self.checkColumns(text, expected: columns, file: relative)
            }
        }
        for (path, text) in replacements.sorted(by: { $0.0 < $1.0 }) { result.texts[path] = [text] }
        for (path, text) in additions.sorted(by: { $0.0 < $1.0 }) { result.texts[path, default: []].append(text) }
        return result
    }

    /// The texts that make up one table (the base file, then any additions).
    func texts(_ path: String) -> [String] { texts[path] ?? [] }

    /// Paths of every file present.
    var paths: [String] { texts.keys.sorted() }

    /// Rows of a TSV table: comment and blank lines skipped, columns split on TAB, with the
    /// 1-based line number for error messages.
    ///
    /// Read over the UTF-8 bytes, with the result of splitting the text's Characters: a tab or
    /// line feed is always a Character of its own, except CR LF, which is one Character and so
    /// ends no line; a line whose last Character is CR loses it.
    func rows(_ path: String) -> [(line: Int, columns: [Substring])] {
        var rows: [(Int, [Substring])] = []
        for var text in texts(path) {
            text.makeContiguousUTF8()
            let base = text.utf8.startIndex
            func index(_ offset: Int) -> String.Index { text.utf8.index(base, offsetBy: offset) }
            Self.forEachRow(of: text) { row in
                rows.append((row.line, (0..<row.count).map { i in text[index(row.bounds[i &* 2])..<index(row.bounds[i &* 2 &+ 1])] }))
            }
        }
        return rows
    }
}

extension RuleFiles {
    /// Calls `body` with each row of a TSV table, the rows `rows(_:)` gives, read straight off
    /// the text's bytes: the engine's tables are built at every start, and a `Substring` per
    /// column, then a `String` per trimmed column, cost more than the table's lookups.
    func forEachRow(_ path: String, _ body: (RuleRow) throws -> Void) rethrows {
        for var text in texts(path) {
            text.makeContiguousUTF8()
            try Self.forEachRow(of: text, body)
        }
    }

    /// An upper bound on a table's rows (its line feeds, plus one a text): what a table built
    /// from them reserves, so it is not hashed again each time it grows.
    func rowBound(_ path: String) -> Int {
        texts(path).reduce(0) { total, text in total + text.utf8.reduce(1) { $1 == 0x0A ? $0 &+ 1 : $0 } }
    }

    /// The rows of one text, whose UTF-8 is contiguous. Lines end at a line feed not preceded
    /// by a carriage return (CR LF is one Character, which ends no line), lose one trailing CR,
    /// and are skipped when empty or when their first Character is "#"; columns split on TAB.
    private static func forEachRow(of text: String, _ body: (RuleRow) throws -> Void) rethrows {
        var bounds: [Int] = []
        var text = text
        try text.withUTF8 { utf8 in
            var lineNumber = 0
            var start = 0, i = 0
            var previous: UInt8 = 0
            let count = utf8.count
            while true {
                let atEnd = i == count
                if atEnd || (utf8[i] == 0x0A && previous != 0x0D) {
                    lineNumber &+= 1
                    var end = i
                    if end > start, utf8[end &- 1] == 0x0D { end &-= 1 }
                    if end > start, !RuleRow.isComment(utf8, start, end) {
                        bounds.removeAll(keepingCapacity: true)
                        var column = start
                        for j in start..<end where utf8[j] == 0x09 {
                            bounds.append(column)
                            bounds.append(j)
                            column = j &+ 1
                        }
                        bounds.append(column)
                        bounds.append(end)
                        try bounds.withUnsafeBufferPointer { b in
                            try body(RuleRow(bytes: utf8, bounds: b, line: lineNumber))
                        }
                    }
                    if atEnd { break }
                    i &+= 1
                    start = i
                    previous = 0x0A
                    continue
                }
                previous = utf8[i]
                i &+= 1
            }
        }
    }
}

/// One row of a rule table as ``RuleFiles/forEachRow(_:_:)`` reads it, valid only inside the
/// call: its columns, split on TAB.
struct RuleRow {
    fileprivate let bytes: UnsafeBufferPointer<UInt8>
    /// Start and end offsets of each column in `bytes`.
    fileprivate let bounds: UnsafeBufferPointer<Int>
    /// The 1-based line number, for error messages.
    let line: Int

    /// How many columns the row has.
    var count: Int { bounds.count >> 1 }

    /// True for a line whose first Character is "#" (a "#" with a combining mark is not one).
    fileprivate static func isComment(_ bytes: UnsafeBufferPointer<UInt8>, _ start: Int, _ end: Int) -> Bool {
        guard bytes[start] == 0x23 else { return false }
        if start &+ 1 == end || bytes[start &+ 1] < 0x80 { return true }
        let line = String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
        return line.first == "#"
    }

    /// Column `i` exactly as written; "" past the last column.
    func raw(_ i: Int) -> String {
        guard i < count else { return "" }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[bounds[i &* 2]..<bounds[i &* 2 &+ 1]]), as: UTF8.self)
    }

    /// Column `i` without spaces, tabs and carriage returns at either end (as `trimmingSpaces`
    /// trims); "" past the last column.
    subscript(_ i: Int) -> String {
        guard i < count else { return "" }
        let start = bounds[i &* 2], end = bounds[i &* 2 &+ 1]
        func blank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0D }
        var lo = start, hi = end
        while lo < hi, blank(bytes[lo]) { lo &+= 1 }
        while hi > lo, blank(bytes[hi &- 1]) { hi &-= 1 }
        // Where a trimmed blank might have joined a mark's cluster, `trimmingSpaces` decides.
        if (lo != start && lo < hi && (bytes[lo] >= 0x80 || bytes[lo] == 0x0A)) || (hi != end && hi > lo && bytes[hi &- 1] >= 0x80) {
            return raw(i).trimmingSpaces
        }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[lo..<hi]), as: UTF8.self)
    }
}

extension String {
    /// Decodes UTF-8 strictly: nil when `data` is not valid UTF-8.
    init?(validatingUTF8Data data: Data) {
        guard let text = String(data: data, encoding: .utf8) else { return nil }
        self = text
    }
}
