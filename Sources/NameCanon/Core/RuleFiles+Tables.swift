extension RuleFiles {
    /// The rows of a TSV rule table, for other modules (the registry's seed): comment and blank
    /// lines skipped, columns split on TAB, with each row's 1-based line number.
    ///
    /// ```swift
    /// for row in RuleFiles.embedded.table("seed/people.tsv") { print(row.line, row.columns[0]) }
    /// ```
    public func table(_ path: String) -> [(line: Int, columns: [String])] {
        rows(path).map { ($0.line, $0.columns.map(String.init)) }
    }
}
