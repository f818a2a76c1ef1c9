import Foundation
import Testing
import TestSupport

/// Every public declaration in Sources/ carries a doc comment, so the generated API
/// documentation has no bare symbol (`swift package generate-documentation`, README.md).
/// Generated/ is skipped: it is written by scripts/embed_rules.py.
@Suite struct DocCommentTests {
    /// A public or open declaration without a `///` line or a `/** … */` block right above it
    /// (attribute lines such as `@discardableResult` may stand between).
    struct Miss: CustomStringConvertible {
        let file: String
        let line: Int
        let text: String
        var description: String { "\(file):\(line): \(text)" }
    }

    /// Modifiers that may stand before or after `public` in a declaration.
    static let modifiers: Set<String> = [
        "final", "static", "class", "override", "mutating", "nonmutating", "nonisolated", "indirect",
        "convenience", "required", "lazy", "dynamic", "optional", "prefix", "postfix", "infix",
        "private(set)", "fileprivate(set)", "internal(set)", "package(set)", "public(set)",
    ]

    /// Whether `line` declares something public or open that needs a doc comment: not an
    /// import, not an extension (its members are checked one by one).
    static func isPublicDeclaration(_ line: Substring) -> Bool {
        var words = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)[...]
        while let first = words.first, first.hasPrefix("@") || modifiers.contains(first) { words.removeFirst() }
        guard let access = words.first, access == "public" || access == "open" else { return false }
        words.removeFirst()
        while let first = words.first, modifiers.contains(first) { words.removeFirst() }
        guard let keyword = words.first else { return false }
        return keyword != "import" && keyword != "extension"
    }

    /// The misses in one file's text, `file` naming it in the report.
    static func misses(in text: String, file: String) -> [Miss] {
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            .map { $0.trimmingCharacters(in: .whitespaces)[...] }
        var out: [Miss] = []
        for (i, line) in lines.enumerated() where isPublicDeclaration(line) {
            var above = i - 1
            while above >= 0, lines[above].hasPrefix("@") { above -= 1 }
            let previous = above >= 0 ? lines[above] : ""
            if previous.hasPrefix("///") || previous.hasSuffix("*/") { continue }
            out.append(Miss(file: file, line: i + 1, text: String(line)))
        }
        return out
    }

    /// The Swift files under Sources/, Generated/ left out, as paths relative to the package root.
    static func sourceFiles() -> [String] {
        let sources = packageRoot.appendingPathComponent("Sources")
        guard let e = FileManager.default.enumerator(atPath: sources.path) else { return [] }
        return e.compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") && !$0.split(separator: "/").contains("Generated") }
            .sorted()
            .map { "Sources/\($0)" }
    }

    @Test func everyPublicDeclarationHasADocComment() throws {
        let files = Self.sourceFiles()
        #expect(files.count > 50, "found only \(files.count) Swift files under \(packageRoot.path)/Sources")
        var declarations = 0
        for file in files {
            let text = try String(contentsOf: packageRoot.appendingPathComponent(file), encoding: .utf8)
            declarations += text.split(separator: "\n").filter {
                Self.isPublicDeclaration($0.trimmingCharacters(in: .whitespaces)[...])
            }.count
            for miss in Self.misses(in: text, file: file) {
                Issue.record("\(miss): public declaration without a doc comment (///)")
            }
        }
        // Guards the scan itself: a pattern that matched nothing would pass vacuously.
        #expect(declarations > 300, "only \(declarations) public declarations found")
    }

    @Test func theScanFindsWhatItShould() {
        let text = """
            /// Documented.
            public struct A {
                public var bare: Int
                /// Documented, with an attribute between.
                @discardableResult
                public func f() -> Int { 0 }
                /** A block comment. */
                public static let g = 1
                public private(set) var h = 2
                @inlinable public init() {}
            }
            public import Foundation
            public extension A {}
            extension A: Equatable {}
            let fd = open("x", 0)
            // public var commented: Int
            """
        let misses = Self.misses(in: text, file: "T.swift").map(\.line)
        #expect(misses == [3, 9, 10])
    }
}
