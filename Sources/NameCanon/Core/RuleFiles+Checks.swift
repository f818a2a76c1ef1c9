/// Checks a rule file must pass before NameCanon reads it, so a broken `--rules` directory is
/// refused at start-up with the file and line, never half-read or found on the first name.
extension RuleFiles {
    /// The numbers of columns a table's `# format:` header allows (`a TAB b TAB c` is 3...3; an
    /// optional last column written `a TAB b [TAB c]` makes it 2...3), or nil for a file without
    /// one (ICU rule files, tables of other programs).
    static func declaredColumns(_ text: String) -> ClosedRange<Int>? {
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.first == "#" else { break }
            guard let range = line.range(of: "# format:") else { continue }
            let format = String(line[range.upperBound...])
            let required = (format.components(separatedBy: "[").first ?? format).components(separatedBy: " TAB ").count
            let optional = format.components(separatedBy: "[TAB").count - 1
            return required...(required + optional)
        }
        return nil
    }

    /// Throws `bad_rules` naming `file` and the line of the first row with a number of columns
    /// outside `expected`. Columns may be empty, but every TAB must be there.
    static func checkColumns(_ text: String, expected: ClosedRange<Int>, file: String) throws {
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let trimmed = line.last == "\r" ? line.dropLast() : line
            if trimmed.isEmpty || trimmed.first == "#" { continue }
            let count = trimmed.utf8.reduce(1) { $1 == 0x09 ? $0 + 1 : $0 }
            if !expected.contains(count) {
                let allowed = expected.count == 1 ? "\(expected.lowerBound)" : "\(expected.lowerBound) to \(expected.upperBound)"
                throw NameCanonError(.badRules, "\(file):\(lineNumber): \(count) column\(count == 1 ? "" : "s"), expected \(allowed) as the table's format says")
            }
        }
    }

    /// The most characters one statement of an ICU rule file may stand for once its variables
    /// are expanded. ICU copies a variable's text into every place it is used, so definitions
    /// that each use the one before twice grow as 2ⁿ: thirty lines would ask for gigabytes.
    public static let maxICUExpansion = 100_000

    /// How deeply `[...]` sets and `(...)` groups may nest in an ICU rule file.
    static let maxICUNesting = 64

    /// Throws `bad_rules` for an ICU rule file whose variables expand past `maxICUExpansion`
    /// or whose sets and groups nest past `maxICUNesting`: ICU would spend unbounded time and
    /// memory compiling it (or exhaust the stack) before it could report anything.
    static func checkICURules(_ text: String, file: String) throws {
        var sizes: [String: Int] = [:]
        var statement = 0          // expanded size of the statement being read
        var statementLine = 1
        var defining: String? = nil
        var depth = 0
        var line = 1
        let scalars = Array(text.unicodeScalars)
        var i = 0

        func fail(_ message: String) -> NameCanonError {
            NameCanonError(.badRules, "\(file):\(statementLine): \(message)")
        }
        func isNameScalar(_ s: Unicode.Scalar) -> Bool {
            s.properties.isXIDContinue || s == "_"
        }
        func add(_ n: Int) throws {
            statement += n
            if statement > maxICUExpansion {
                throw fail("the statement expands to more than \(maxICUExpansion) characters through its variables; ICU cannot compile it in bounded time")
            }
        }
        var atStatementStart = true
        while i < scalars.count {
            let c = scalars[i]
            if atStatementStart {
                if c == " " || c == "\t" || c == "\r" || c == "\n" {
                    if c == "\n" { line += 1 }
                    i += 1
                    continue
                }
                atStatementStart = false
                statementLine = line
                statement = 0
                defining = nil
                // `$name =` opens a variable definition.
                if c == "$" {
                    var j = i + 1
                    while j < scalars.count, isNameScalar(scalars[j]) { j += 1 }
                    var k = j
                    while k < scalars.count, scalars[k] == " " || scalars[k] == "\t" { k += 1 }
                    if j > i + 1, k < scalars.count, scalars[k] == "=" {
                        defining = String(scalars: scalars[(i + 1)..<j])
                        i = k + 1
                        continue
                    }
                }
            }
            switch c {
            case "#":
                while i < scalars.count, scalars[i] != "\n" { i += 1 }
                continue
            case "\n":
                line += 1
                try add(1)
            case "\\":
                i += 1
                try add(1)
            case "'":
                i += 1
                while i < scalars.count, scalars[i] != "'" {
                    if scalars[i] == "\n" { line += 1 }
                    try add(1)
                    i += 1
                }
            case "$":
                var j = i + 1
                while j < scalars.count, isNameScalar(scalars[j]) { j += 1 }
                let name = String(scalars: scalars[(i + 1)..<j])
                try add(max(sizes[name] ?? 1, 1))
                i = j
                continue
            case "[", "(":
                depth += 1
                if depth > maxICUNesting { throw fail("sets and groups nest more than \(maxICUNesting) deep") }
                try add(1)
            case "]", ")":
                depth = max(depth - 1, 0)
                try add(1)
            case ";":
                if let defining { sizes[defining] = statement }
                atStatementStart = true
                depth = 0
            default:
                try add(1)
            }
            i += 1
        }
        if let defining, !atStatementStart { sizes[defining] = statement }
    }
}

extension NameCanon {
    /// Compiles the ICU rule files a `--rules` directory supplied, so a broken one is refused
    /// when the engine is made, with its file and line, not on the first name that needs it.
    /// (The built-in ones are compiled by the tests and opened lazily: compiling costs
    /// milliseconds each.)
    func compileOverlaidICURules() throws {
        for path in rules.overlaidPaths.sorted() where path.hasPrefix("icu/") && path.hasSuffix(".txt") {
            let name = String(path.dropFirst(4).dropLast(4))
            do { _ = try icu.get(name) } catch let error as ICUError {
                let line = error.line.flatMap { $0 > 0 ? ":\($0)" : nil } ?? ""
                throw NameCanonError(.badRules, "\(path)\(line): ICU cannot compile the rules: \(error.description)")
            }
        }
    }
}
