import NameCanon

/// A person as the registry knows them: the answers of the `entity` and `canonical` columns.
public struct ResolvedPerson: Sendable, Hashable {
    /// The person's canonical ID, such as "nc:7".
    public var entity: String
    /// The person's canonical name, such as "Xi Jinping".
    public var canonical: String

    /// Makes an answer from an ID and a canonical name.
    public init(entity: String, canonical: String) {
        self.entity = entity
        self.canonical = canonical
    }
}

/// Answers who a name refers to, for the `entity` and `canonical` columns of a conversion.
///
/// NameBatch does not depend on the registry: whatever holds people (the CLI wires
/// `NameRegistry.Registry` in through a small adapter) conforms to this protocol and is handed
/// to `ConvertOptions.resolver`. It is called from the conversion's worker threads, at most
/// once per record, so it must be safe to call concurrently.
///
/// ```swift
/// struct Directory: PersonResolver {
///     let people: [String: ResolvedPerson]
///     func person(named name: String, hint: NameLanguage?) throws -> ResolvedPerson? { people[name] }
/// }
/// var options = ConvertOptions(format: .csv, add: [.key, .entity])
/// options.resolver = Directory(people: ["Xi Jinping": ResolvedPerson(entity: "nc:1", canonical: "Xi Jinping")])
/// ```
public protocol PersonResolver: Sendable {
    /// The person `name` refers to, or nil when no one is known by it.
    ///
    /// - Parameters:
    ///   - name: the name as read from the record (not normalized).
    ///   - hint: the conversion's language hint, if any.
    /// - Throws: whatever the resolver's store throws; the record is then reported as a bad
    ///   row (`name_error`) and the conversion goes on.
    func person(named name: String, hint: NameLanguage?) throws -> ResolvedPerson?
}
