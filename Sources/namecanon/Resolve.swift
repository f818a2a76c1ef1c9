import ArgumentParser
import Foundation
import NameBatch
import NameCanon
import NameRegistry

struct Resolve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "resolve",
        abstract: "Resolve name mentions to registry entities, one per line.",
        discussion: """
            Reads one mention per line: a name, or fields separated by TAB with
            the document in column --doc-column and the name in the last column.
            Writes TSV: mention, entity, canonical, match (exact, key, syllables,
            romanization, hanviet, order, context, fuzzy, phonetic, created, none,
            ambiguous, confusable); entity and canonical are empty when there is none.
            Short forms ("Xi", "Nguyen") resolve to the most recent full mention in
            the same document. When no key matches, names close by spelling or sound
            are candidates (--candidates shows them); one is linked only when it
            scores at least --fuzzy-threshold and clearly leads the others.

            Examples:
              printf 'a1\\tXi Jinping\\na1\\tXi\\n' | namecanon resolve --create
              namecanon resolve --in-memory --create mentions.tsv
            """
    )

    @OptionGroup var engine: EngineOptions
    @OptionGroup var store: RegistryOptions

    @Flag(name: .long, help: "Create an entity for a full name that matches nothing, and learn new forms of matched ones.")
    var create = false

    @Option(name: .long, help: ArgumentHelp("The 1-based column of the document ID in lines with a TAB; 0: no documents, the whole line is the name.", valueName: "n"))
    var docColumn = 1

    @Option(name: .long, help: ArgumentHelp("Language hint for every name: zh, vi, ko, ja or other.", valueName: "lang"))
    var lang: NameLanguage?

    @Flag(name: .long, help: "Link names written in lookalike letters of another script (\"Вill Gates\") like any other; by default they match \"confusable\" and are linked to no one.")
    var allowConfusable = false

    @Flag(name: .long, help: "Add a column with the explanation.")
    var explain = false

    @Option(name: .long, help: ArgumentHelp("The score (0-1) a fuzzy or phonetic candidate needs to be linked; above 1 never links. Default 0.9.", valueName: "score"))
    var fuzzyThreshold: Double?

    @Flag(name: .long, help: "Add a column with the candidates: entity:score pairs, best first, separated by spaces.")
    var candidates = false

    @Flag(name: .long, help: "Leave out the TSV header row.")
    var noHeader = false

    @Option(name: .long, help: "On a bad line: skip (report it and go on) or fail (stop with exit code 1).")
    var onError: OnError = .skip

    @Argument(help: "Files of mentions; - or none for stdin.")
    var files: [String] = []

    func validate() throws {
        if docColumn < 0 { throw ValidationError("--doc-column must be 0 or more") }
        if let t = fuzzyThreshold, !(t >= 0) { throw ValidationError("--fuzzy-threshold must be 0 or more") }
    }

    /// The document and the name of one input line.
    func split(_ line: String) -> (doc: String?, name: String) {
        guard docColumn > 0, line.contains("\t") else { return (nil, line) }
        let columns = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
        let doc = docColumn <= columns.count ? columns[docColumn - 1] : ""
        let name = docColumn == columns.count ? columns[0] : columns[columns.count - 1]
        return (doc.isEmpty ? nil : doc, name)
    }

    func run() throws {
        let canon = try engine.makeEngine()
        let registry = try store.open(canon: canon)
        let out = OutputWriter(fd: 1)
        if let fuzzyThreshold { registry.fuzzy.threshold = fuzzyThreshold }
        let extra = (candidates ? ["candidates"] : []) + (explain ? ["explain"] : [])
        if !noHeader { out.write((["mention", "entity", "canonical", "match"] + extra).joined(separator: "\t") + "\n") }
        // With --create, the lines read together commit together (one transaction, one sync).
        let grouped: ((() throws -> Void) throws -> Void)? = create ? { try registry.grouped($0) } : nil
        try processLines(files, onError: onError, out: out, grouped: grouped, row: { text in
            let (doc, name) = split(text)
            let r = try registry.resolveGuarded(name, language: lang, doc: doc, create: create, allowConfusable: allowConfusable)
            var fields = [name, r.entity ?? "", r.canonical ?? "", r.match.rawValue]
            if candidates { fields.append(r.candidates.map { "\($0.entity):\($0.score)" }.joined(separator: " ")) }
            if explain { fields.append(r.explain) }
            return fields.map(tsvField).joined(separator: "\t") + "\n"
        }, failedRow: { text, failure in
            tsvField(split(text).1) + "\t\t\tnone" + (candidates ? "\t" : "") + (explain ? "\t" + tsvField(failure) : "") + "\n"
        })
    }
}
