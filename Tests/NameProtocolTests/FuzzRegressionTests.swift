import Foundation
import Testing
import NameCanon
@testable import NameProtocol
import TestSupport

/// Fixtures/fuzz/protocol/ (see scripts/fuzz/make_regressions.py): every line, however hostile,
/// gets exactly one response line, a JSON object that says ok or names an error code, as in the
/// FuzzProtocol target of Tests/Fuzz.
@Suite struct ProtocolFuzzRegressionTests {
    @Test func everyHostileLineGetsOneWellFormedAnswer() {
        let inputs = fuzzInputs("protocol")
        #expect(inputs.count >= 30)
        let handler = ProtocolHandler(canon: .shared)
        for (file, bytes) in inputs {
            let text = handler.respond(to: bytes)
            #expect(!text.isEmpty && !text.contains("\n"), "\(file): one line")
            guard let answer = JSON.parse(Array(text.utf8)), case .object = answer else {
                Issue.record("\(file): the answer is not a JSON object: \(text.prefix(200))")
                continue
            }
            if answer["ok"] == .bool(true) { continue }
            #expect(answer["ok"] == .bool(false), "\(file): neither ok nor an error")
            #expect(answer["error"]?["code"]?.stringValue?.isEmpty == false, "\(file): an error without a code: \(text.prefix(200))")
        }
    }
}
