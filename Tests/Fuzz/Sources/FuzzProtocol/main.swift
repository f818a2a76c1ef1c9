import CFuzzer
import Foundation
import NameCanon
import NameProtocol

/// The JSON-lines protocol handler on one arbitrary line: every line gets exactly one response
/// line, whatever the bytes.
func fuzzProtocol(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data else { return 0 }
    let line = Array(UnsafeBufferPointer(start: data, count: size))
    let response = Handler.shared.respond(to: line)
    if response.isEmpty || response.contains("\n") { fatalError("a request must get exactly one response line") }
    return 0
}

enum Handler {
    static let shared = ProtocolHandler(canon: .shared)
}

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(LLVMFuzzerRunDriver(&argc, &argv) { data, size in fuzzProtocol(data, size) })
