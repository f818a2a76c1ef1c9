/// The one shape of NameCanon's errors, whatever module raises them: a stable code from the
/// module's own vocabulary (`NameCanonError.Code`, `RegistryError.Code`, `ProtocolError.Code`,
/// `ConvertError.Code`, `ReadError.Code`), whose raw value is what the protocol and the CLI
/// print, and a message for people. A caller that only reports an error reads `message`; one
/// that reacts switches on the concrete type's `code`.
///
/// ```swift
/// catch let error as any CodedError { print(error.codeName, error.message) }
/// ```
public protocol CodedError: Error, Sendable, CustomStringConvertible {
    /// The module's vocabulary of stable codes.
    associatedtype Code: RawRepresentable, Sendable where Code.RawValue == String
    /// What kind of failure this is.
    var code: Code { get }
    /// What went wrong, naming the input, rule, entity or store at fault.
    var message: String { get }
}

extension CodedError {
    /// The code as printed: "empty_name", "not_found".
    public var codeName: String { code.rawValue }
}

/// What an error says to a person: a coded error's message, anything else described.
public func errorMessage(_ error: any Error) -> String {
    (error as? any CodedError)?.message ?? "\(error)"
}
