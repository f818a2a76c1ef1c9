import Foundation
import Logging
import NIOCore
import NIOPosix
import NameRegistry
import PostgresNIO

extension PostgresStore {
    /// Creates an empty database on the server `url` points at (connecting to the URL's own
    /// database), for tests and benchmarks that need a registry of their own.
    ///
    /// - Parameters:
    ///   - name: lowercase letters, digits and underscores only.
    ///   - url: a `postgres://` URL of the server, naming a database to connect to for the
    ///     `CREATE DATABASE` (its role must be allowed to create databases).
    /// - Returns: the URL of the new database.
    public static func createDatabase(_ name: String, server url: String) throws(RegistryError) -> String {
        try admin(url, "CREATE DATABASE \(try quoted(name)) TEMPLATE template0 ENCODING 'UTF8'")
        var settings = try PostgresSettings(url: url)
        settings.database = name
        return settings.url
    }

    /// Drops a database (ending its connections) on the server `url` points at.
    public static func dropDatabase(_ name: String, server url: String) throws(RegistryError) {
        try admin(url, "DROP DATABASE IF EXISTS \(try quoted(name)) WITH (FORCE)")
    }

    private static func quoted(_ name: String) throws(RegistryError) -> String {
        guard !name.isEmpty, name.utf8.count <= 63,
              name.utf8.allSatisfy({ ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39) || $0 == 0x5F }) else {
            throw RegistryError(.badInput, "bad database name \"\(name)\": lowercase letters, digits and _ only")
        }
        return "\"\(name)\""
    }

    private static func admin(_ url: String, _ sql: String) throws(RegistryError) {
        let settings = try PostgresSettings(url: url)
        let configuration = try connectionConfiguration(settings)
        let group = MultiThreadedEventLoopGroup(numberOfThreads: 1)
        defer { try? group.syncShutdownGracefully() }
        var logger = Logger(label: "namecanon.postgres.admin")
        logger.logLevel = .critical
        do {
            let connection = try PostgresConnection.connect(on: group.next(), configuration: configuration, id: 0, logger: logger).wait()
            defer { _ = try? connection.close().wait() }
            _ = try connection.query(PostgresQuery(unsafeSQL: sql), logger: logger).wait()
        } catch {
            throw RegistryError(.store, "cannot run \(sql.split(separator: " ").prefix(2).joined(separator: " ")) on \(settings): \(describe(error))")
        }
    }
}

extension PostgresStore {
    /// Ends every other connection to a database, as an administrator or a failover would: for
    /// tests of what the store does when its connection goes away.
    static func terminateConnections(_ database: String, server url: String) throws(RegistryError) {
        try admin(url, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '\(try quoted(database).dropFirst().dropLast())' AND pid <> pg_backend_pid()")
    }

    /// The names of the migrations this database has, in the order applied.
    func appliedMigrations() throws(RegistryError) -> [String] {
        try transaction("read the migrations", write: false) { s in
            try s.query("SELECT name FROM namecanon_migration ORDER BY applied_at, name").map { try $0.decode(String.self) }
        }
    }
}
