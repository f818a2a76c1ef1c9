import Foundation
import NameCanon
import Testing
import TestSupport
@testable import NameRegistry
@testable import NameRegistryPostgres

/// The PostgreSQL store's own concerns: its URL, its migrations, a server that goes away, and
/// moving a registry between stores. The conformance, freshness and race suites run it too.
@Suite("PostgreSQL store", .serialized)
struct PostgresTests {
    @Test(.enabled(if: TestPostgres.url != nil, TestPostgres.skipped))
    func aServerIsConfigured() throws {
        let store = try PostgresStore(url: TestPostgres.url!)
        #expect(store.location.hasPrefix("postgres://"))
    }

    @Test func urlsAndEnvironment() throws {
        let full = try PostgresSettings(url: "postgres://reg:s3cr%40t@db.example:6543/names?sslmode=require", environment: [:])
        #expect(full.host == "db.example" && full.port == 6543 && full.user == "reg" && full.password == "s3cr@t")
        #expect(full.database == "names" && full.tls == .require)
        #expect(!full.description.contains("s3cr"))
        #expect(try PostgresSettings(url: full.url, environment: [:]) == full)

        let env = ["PGHOST": "pg.internal", "PGPORT": "5433", "PGUSER": "ingest", "PGPASSWORD": "pw", "PGDATABASE": "people", "PGSSLMODE": "verify-full"]
        let bare = try PostgresSettings(url: "postgresql://", environment: env)
        #expect(bare.host == "pg.internal" && bare.port == 5433 && bare.user == "ingest" && bare.password == "pw")
        #expect(bare.database == "people" && bare.tls == .verifyFull)
        // The URL wins over the environment.
        let mixed = try PostgresSettings(url: "postgres://me@localhost/db?sslmode=disable", environment: env)
        #expect(mixed.host == "localhost" && mixed.port == 5433 && mixed.user == "me" && mixed.database == "db" && mixed.tls == .disable)

        let socket = try PostgresSettings(url: "postgres://postgres@%2Fvar%2Frun%2Fpostgresql:5432/reg", environment: [:])
        #expect(socket.isUnixSocket && socket.socketPath == "/var/run/postgresql/.s.PGSQL.5432")
        let query = try PostgresSettings(url: "postgres:///reg?host=/tmp/pg&port=5999&user=x", environment: [:])
        #expect(query.socketPath == "/tmp/pg/.s.PGSQL.5999" && query.user == "x" && query.database == "reg")
        #expect(try PostgresSettings(url: query.url, environment: [:]) == query)

        #expect(throws: RegistryError.self) { try PostgresSettings(url: "postgres://h/db?sslmode=sometimes", environment: [:]) }
        #expect(throws: RegistryError.self) { try PostgresSettings(url: "mysql://h/db", environment: [:]) }
        #expect(PostgresSettings.isURL("postgres://x") && PostgresSettings.isURL("postgresql://x") && !PostgresSettings.isURL("/tmp/r.sqlite"))
    }

    @Test func anUnreachableServerIsAClearStoreError() throws {
        let start = Date()
        do {
            _ = try PostgresStore(url: "postgres://nobody@%2Fnonexistent-namecanon-dir:5432/reg")
            Issue.record("opened a store on a socket that does not exist")
        } catch {
            #expect(error.code == .store)
            #expect(error.message.contains("cannot connect to postgres://nobody@"), "\(error)")
        }
        #expect(Date().timeIntervalSince(start) < 15)
        // Through the binary: a message and a failing exit status, no stack trace.
        let r = try Binary.run(["registry", "stats", "--registry", "postgres://nobody@%2Fnonexistent-namecanon-dir:5432/reg"])
        #expect(r.status != 0)
        #expect(r.stderr.contains("cannot connect"), "\(r.stderr)")
    }

    @Test(.enabled(if: TestPostgres.url != nil, TestPostgres.skipped))
    func processesStartingAtOnceMigrateOnce() throws {
        let database = try TestPostgres.Database()
        let url = database.url
        final class Box: @unchecked Sendable { let lock = NSLock(); var errors: [String] = [] }
        let box = Box()
        DispatchQueue.concurrentPerform(iterations: 6) { _ in
            do {
                let store = try PostgresStore(url: url)
                _ = try store.counts()
            } catch {
                box.lock.lock()
                box.errors.append("\(error)")
                box.lock.unlock()
            }
        }
        #expect(box.errors.isEmpty, "\(box.errors)")
        let store = try PostgresStore(url: database.url)
        let applied = try store.appliedMigrations()
        #expect(applied == PostgresStore.allMigrations.map(\.name))
    }

    @Test(.enabled(if: TestPostgres.url != nil, TestPostgres.skipped))
    func aDroppedConnectionIsReopenedAndTheWriteRunsOnce() throws {
        let database = try TestPostgres.Database()
        let registry = try Registry(store: try PostgresStore(url: database.url))
        let xi = try registry.resolve("Xi Jinping", create: true).entity
        // The server ends every connection to the database (an administrator, a failover).
        try PostgresStore.terminateConnections(database.name, server: TestPostgres.url!)
        let han = try registry.resolve("习近平", create: true)
        #expect(han.entity == xi && han.learned)
        try PostgresStore.terminateConnections(database.name, server: TestPostgres.url!)
        #expect(try registry.get(xi!).entity.names.map(\.text) == ["Xi Jinping", "习近平"])
        #expect(try registry.history(xi!).changes.count == 2)
    }

    @Test(.enabled(if: TestPostgres.url != nil, TestPostgres.skipped))
    func exportImportAcrossStoresIsByteIdentical() throws {
        let directory = try TemporaryDirectory()
        let database = try TestPostgres.Database()
        let a = directory.path("a.sqlite"), c = directory.path("c.sqlite")
        let created = try Binary.run(["resolve", "--create", "--registry", a],
                                     input: "Xi Jinping\n习近平\nTập Cận Bình\nLi Qiang\n李蔷\nNguyễn Phú Trọng\nNguyen Phu Trong\nTô Lâm\nTo Lam Minister\n")
        #expect(created.status == 0, "\(created.stderr)")
        let ids = created.lines.dropFirst().map { String($0.split(separator: "\t")[1]) }
        let merged = try Binary.run(["registry", "merge", "--registry", a, ids[8], ids[7]])
        #expect(merged.status == 0, "\(merged.stderr)")
        let first = try Binary.run(["registry", "export", "--registry", a])
        #expect(first.lines.count >= 4)
        let intoPostgres = try Binary.run(["registry", "import", "--registry", database.url], input: first.stdout)
        #expect(intoPostgres.status == 0, "\(intoPostgres.stderr)")
        let fromPostgres = try Binary.run(["registry", "export"], environment: ["NAMECANON_REGISTRY": database.url])
        #expect(fromPostgres.stdout == first.stdout)
        _ = try Binary.run(["registry", "import", "--registry", c], input: fromPostgres.stdout)
        let last = try Binary.run(["registry", "export", "--registry", c])
        #expect(last.stdout == first.stdout)
        // The import is recorded as such.
        let history = try Binary.run(["registry", "history", "--registry", database.url, "--no-header", ids[8]])
        #expect(history.status == 0, "\(history.stderr)")
        #expect(history.lines.allSatisfy { $0.split(separator: "\t")[2] == "import" }, "\(history.stdout)")
        #expect(history.lines.contains { $0.split(separator: "\t")[3] == "redirect" })
    }
}
