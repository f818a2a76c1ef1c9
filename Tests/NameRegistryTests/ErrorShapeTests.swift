import Foundation
import NameCanon
import NameProtocol
import Testing
@testable import NameRegistry

/// Every module's errors have one shape (`CodedError`): a code from the module's vocabulary and
/// a message; `errorMessage` reports any of them the same way, and anything else described.
@Suite struct ErrorShapeTests {
    struct Plain: Error, CustomStringConvertible { var description: String { "plain failure" } }

    @Test func messagesOfEveryModule() throws {
        // The engine's own error, as it really throws it.
        do {
            _ = try NameCanon.shared.normalize("   ")
            Issue.record("an empty name normalized")
        } catch {
            let coded = try #require(error as? any CodedError)
            #expect(coded.codeName == "empty_name")
            #expect(errorMessage(error) == coded.message && !coded.message.isEmpty)
        }
        // The registry's: the message without its cause, the code as the protocol prints it.
        let registry = try Registry(store: try SQLiteStore(inMemory: ()))
        do {
            _ = try registry.get("p0000000000")
            Issue.record("a missing entity was found")
        } catch {
            let coded: any CodedError = error  // get throws RegistryError only
            #expect(coded.codeName == "not_found")
            #expect(errorMessage(error) == coded.message)
        }
        let store = RegistryError(.store, "cannot write", cause: Plain())
        #expect(errorMessage(store) == "cannot write")
        #expect(store.description == "cannot write: plain failure")
        let wire = ProtocolError(.badField, "field \"lang\" must be a string")
        #expect(errorMessage(wire) == "field \"lang\" must be a string")
        #expect(wire.description == "bad_field: field \"lang\" must be a string")
        #expect(errorMessage(Plain()) == "plain failure")
    }
}
