import ArgumentParser
import Foundation
import NameBatch
import NameCanon
import NameProtocol

struct Compare: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "compare",
        abstract: "Score how likely two names are one person's, 0 to 1, and say why.",
        discussion: """
            With two names, prints one TSV line: score, verdict (same, likely,
            possible, different), explanation. With --batch, reads lines of
            name<TAB>name from files (or stdin) and writes one such row per
            line, under a header. Scores: 1 for the same key; typos, spelling
            and given-name variants, initials and left-out middle names score
            high; Western names in swapped order score low; a Latin name is
            compared by sound with a Han, Hangul, kana or Cyrillic
            transcription. Verdicts: same >= 0.9, likely >= 0.75,
            possible >= 0.6, different below.

            Examples:
              namecanon compare "Emanuel Macron" "Emmanuel Macron"
              namecanon compare Trump 特朗普
              printf 'V. Putin\\tVladimir Putin\\n' | namecanon compare --batch
            """
    )

    @OptionGroup var engine: EngineOptions

    @Flag(name: .long, help: "Read name<TAB>name lines from the files (or stdin) instead of two names.")
    var batch = false

    @Option(name: .long, help: ArgumentHelp("Language hint for every name: zh, vi, ko, ja or other.", valueName: "lang"))
    var lang: NameLanguage?

    @Flag(name: .long, help: "One JSON object per comparison (the members of the protocol's compare op) instead of TSV.")
    var json = false

    @Flag(name: .long, help: "Leave out the TSV header row of --batch.")
    var noHeader = false

    @Option(name: .long, help: "On a bad line: skip (report it and go on) or fail (stop with exit code 1).")
    var onError: OnError = .skip

    @Argument(help: "Two names; with --batch, files of name<TAB>name lines (- or none for stdin).")
    var arguments: [String] = []

    func validate() throws {
        if !batch && arguments.count != 2 {
            throw ValidationError("give two names to compare, or --batch to read name<TAB>name lines")
        }
    }

    func row(_ c: NameComparison) -> String {
        if json { return ProtocolHandler.fields(of: c).asJSONObject + "\n" }
        return [String(c.score), c.verdict.rawValue, c.explanation].map(tsvField).joined(separator: "\t") + "\n"
    }

    func run() throws {
        let canon = try engine.makeEngine()
        let out = OutputWriter(fd: 1)
        if !batch {
            do {
                out.write(row(try canon.compare(arguments[0], arguments[1], hint: lang)))
                out.flush()
            } catch let error as NameCanonError {
                out.flush()
                reportError(error.message)
                throw ExitCode(1)
            }
            return
        }
        if !noHeader && !json { out.write("score\tverdict\texplanation\n") }
        try processLines(arguments, onError: onError, out: out, row: { line in
            let columns = line.split(separator: "\t", omittingEmptySubsequences: false)
            guard columns.count == 2 else {
                throw NameCanonError(.badInput, "expected two names separated by one TAB, found \(columns.count) field\(columns.count == 1 ? "" : "s")")
            }
            return row(try canon.compare(String(columns[0]), String(columns[1]), hint: lang))
        }, failedRow: { _, failure in
            json ? "{\"error\":" + JSON.string(failure).serialized + "}\n" : "\t\t" + tsvField("error: " + failure) + "\n"
        })
    }
}
