import Foundation
import NameCanon
@testable import NameRegistry
import NameRegistryPostgres
import Testing
import TestSupport

/// The repository root (TestSupport finds it).
let repositoryRoot = packageRoot

/// The stores every conformance test runs against: PostgreSQL only when a server is configured
/// (`NAMECANON_TEST_POSTGRES`; `scripts/with-postgres.sh swift test` starts one), and then
/// `PostgresSuite.configured` says so; when not, its skipped test says why.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case sqliteFile = "SQLite file"
    case inMemory = "in memory"
    case postgres = "PostgreSQL"

    static var allCases: [StoreKind] { TestPostgres.url == nil ? [.sqliteFile, .inMemory] : [.sqliteFile, .inMemory, .postgres] }

    /// The stores that several processes can share.
    static var shared: [StoreKind] { allCases.filter { $0 != .inMemory } }

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh, empty store; a file store's directory (a PostgreSQL store's
    /// database) lives until it returns.
    func withStore(_ body: (any RegistryStore) throws -> Void) throws {
        switch self {
        case .sqliteFile, .inMemory:
            let directory = try TemporaryDirectory()
            try withExtendedLifetime(directory) {
                if self == .sqliteFile { try body(try SQLiteStore(path: directory.path("registry.sqlite"))) } else {
                    try body(try SQLiteStore(inMemory: ()))
                }
            }
        case .postgres:
            let database = try TestPostgres.Database()
            try withExtendedLifetime(database) { try body(try PostgresStore(url: database.url)) }
        }
    }

    /// A fresh, empty shared store: its location (a file path or a URL), a way to open another
    /// store object on it (as another process would), and what keeps it alive.
    func sharedLocation() throws -> (location: String, open: () throws -> any RegistryStore, keep: AnyObject) {
        switch self {
        case .sqliteFile, .inMemory:
            let directory = try TemporaryDirectory()
            let path = directory.path("registry.sqlite")
            return (path, { try SQLiteStore(path: path) }, directory)
        case .postgres:
            let database = try TestPostgres.Database()
            let url = database.url
            return (url, { try PostgresStore(url: url) }, database)
        }
    }
}

/// The PostgreSQL server the tests may use.
enum TestPostgres {
    static let url: String? = ProcessInfo.processInfo.environment["NAMECANON_TEST_POSTGRES"].flatMap { $0.isEmpty ? nil : $0 }
    static let skipped: Comment = "NAMECANON_TEST_POSTGRES is not set: the PostgreSQL store was NOT tested (scripts/with-postgres.sh swift test starts a throwaway server)"

    /// A new empty database on the test server, dropped when the value is released.
    final class Database {
        let name: String
        let url: String

        init() throws {
            guard let server = TestPostgres.url else { throw RegistryError(.store, "NAMECANON_TEST_POSTGRES is not set") }
            name = "namecanon_test_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "").prefix(16)
            url = try PostgresStore.createDatabase(name, server: server)
        }

        deinit { if let server = TestPostgres.url { try? PostgresStore.dropDatabase(name, server: server) } }
    }
}

func storedName(_ text: String, kind: NameKind = .primary) throws -> StoredName {
    let n = try NameCanon.shared.normalize(text)
    return StoredName(text: text, language: n.language, script: n.script, kind: kind, source: "test", keys: n.keys)
}

/// The whole export of a registry as one string.
func exported(_ registry: Registry) throws -> String {
    var out = ""
    try registry.export { out += $0 }
    return out
}
