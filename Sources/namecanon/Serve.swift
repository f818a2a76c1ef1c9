import ArgumentParser
import Foundation
import NameCanon
import NameProtocol

struct Serve: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Answer JSON-lines requests on stdin, one response line per request.",
        discussion: """
            Each line of stdin is one JSON request, {"id": 1, "op": "normalize", "name": "XI Jinping"};
            each gets exactly one response line on stdout, in order, flushed at once. A bad line is
            answered with an error and the server goes on; end of input ends it with exit code 0.
            See docs/protocol.md.

            Example:
              echo '{"id":1,"op":"normalize","name":"習近平"}' | namecanon serve
            """
    )

    @OptionGroup var engine: EngineOptions

    func run() throws {
        let canon = try engine.makeEngine()
        let handler = ProtocolHandler(canon: canon)
        let out = OutputWriter(fd: 1)
        var reader = LineReader(fd: 0, maxLine: ProtocolHandler.maxLineBytes)
        while let line = reader.next() {
            switch line {
            case .tooLong(let length): out.write(ProtocolHandler.tooLong(length: length))
            case .bytes(let bytes): out.write(handler.respond(to: bytes))
            }
            out.write("\n")
            out.flush()
        }
        out.flush()
    }
}
