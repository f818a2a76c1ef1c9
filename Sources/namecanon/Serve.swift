import ArgumentParser
import Foundation
import NameBatch
import NameCanon
import NameProtocol
import NameRegistry

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve",
        abstract: "Answer JSON-lines requests on stdin, one response line per request.",
        discussion: """
            Each line of stdin is one JSON request,
              {"id": 1, "op": "normalize", "name": "XI Jinping"}
            and gets exactly one response line on stdout, in order, flushed at
            once. A bad line is answered with an error and the server goes on;
            end of input ends it with exit code 0. See docs/protocol.md.
            With an existing registry, normalize also answers with the entity
            and canonical form of a person the registry knows.

            The registry ops (resolve, register, alias, merge, get, forget,
            stats; see docs/registry.md) open the registry on first use, so a
            server that only normalizes never creates it. Every write is
            committed before its response line is written.

            Examples:
              echo '{"id":1,"op":"normalize","name":"習近平"}' | namecanon serve
              echo '{"id":1,"op":"resolve","name":"Xi Jinping","create":true}' \
                | namecanon serve --in-memory
            """
    )

    @OptionGroup var engine: EngineOptions
    @OptionGroup var store: RegistryOptions

    @Option(name: .long, help: ArgumentHelp("The score (0-1) a fuzzy or phonetic candidate of resolve needs to be linked; requests may set fuzzy_threshold. Default 0.9.", valueName: "score"))
    var fuzzyThreshold: Double?

    func run() throws {
        let canon = try engine.makeEngine()
        let handler = ProtocolHandler(canon: canon)
        let store = self.store
        // normalize consults a registry that exists; it never creates one.
        let consult = store.inMemory || FileManager.default.fileExists(atPath: store.path)
        let threshold = fuzzyThreshold
        handler.registerRegistryOps(consultOnNormalize: consult) {
            let registry = try store.open(canon: canon)
            if let threshold { registry.fuzzy.threshold = threshold }
            return registry
        }
        let out = OutputWriter(fd: 1)
        let reader = RecordReader(fd: 0, format: .lines, maxRecordBytes: ProtocolHandler.maxLineBytes)
        // The requests that arrived together (already read, up to 512) are answered together:
        // their registry writes commit as one group, and their answers go out after the commit.
        while let first = reader.next() {
            var lines = [first]
            while lines.count < 512, reader.hasBufferedRecord, let line = reader.next() { lines.append(line) }
            var answers = handler.respond(toAll: lines.filter { !$0.dropped }.map { Array($0.lineBytes) })[...]
            for line in lines {
                out.write(line.dropped ? ProtocolHandler.tooLong(length: line.droppedBytes) : answers.popFirst()!)
                out.write("\n")
            }
            out.flush()
        }
        out.flush()
    }
}
