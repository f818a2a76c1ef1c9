/// An error raised by NameCanon, with a stable code clients can switch on.
public struct NameCanonError: CodedError, Equatable {
    /// Stable error codes; their raw values are what the protocol and CLI print.
    public enum Code: String, Sendable, Codable {
        case emptyName = "empty_name"
        case unknownTarget = "unknown_target"
        case badRules = "bad_rules"
        case badInput = "bad_input"
        /// A character carries more combining marks than `NameCanon.maxMarksPerCharacter`.
        case tooManyMarks = "too_many_marks"
        case icu = "icu_error"
    }

    /// What kind of failure this is; switch on it rather than on ``message``.
    public let code: Code
    /// A human-readable account of the failure, naming the input or rule at fault.
    public let message: String

    /// An error of kind `code`, described by `message`.
    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// The code's raw value and the message, as the CLI prints them: "empty_name: …".
    public var description: String { "\(code.rawValue): \(message)" }
}
