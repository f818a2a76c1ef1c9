import Foundation
import NameRegistry

/// Where a PostgreSQL registry lives and how to reach it: a `postgres://` URL filled in from the
/// standard libpq environment variables (`PGHOST`, `PGPORT`, `PGUSER`, `PGPASSWORD`,
/// `PGDATABASE`, `PGSSLMODE`) for whatever the URL leaves out.
///
/// ```swift
/// let settings = try PostgresSettings(url: "postgres://registry@db.example:5432/names?sslmode=require")
/// settings.description   // "postgres://registry@db.example:5432/names" (never the password)
/// ```
///
/// A host that starts with "/" is the directory of a Unix socket, as with libpq:
/// `postgres://me@%2Fvar%2Frun%2Fpostgresql/names` or `postgres:///names?host=/var/run/postgresql`.
public struct PostgresSettings: Sendable, Hashable, CustomStringConvertible {
    /// How TLS is used, with libpq's names and meanings.
    public enum TLSMode: String, Sendable, Hashable {
        /// Plain TCP.
        case disable
        /// TLS when the server offers it, without checking its certificate (libpq's default).
        case prefer
        /// TLS or no connection, without checking the certificate.
        case require
        /// TLS, and the certificate must be signed by a trusted authority.
        case verifyCA = "verify-ca"
        /// As `verifyCA`, and the certificate must name the host.
        case verifyFull = "verify-full"
    }

    /// A host name or address, or (starting with "/") the directory of a Unix socket; from the
    /// URL, its `host` parameter or `PGHOST`, else "localhost".
    public var host: String
    /// The TCP port, or the number in the socket file's name; from the URL or `PGPORT`, else 5432.
    public var port: Int
    /// The role to connect as; from the URL, `PGUSER` or `USER`, else "postgres".
    public var user: String
    /// The password, if any; from the URL or `PGPASSWORD`. Never printed by `description`.
    public var password: String?
    /// The database name; from the URL's path, its `dbname` parameter or `PGDATABASE`, else the user's name.
    public var database: String
    /// How TLS is used; from `sslmode` or `PGSSLMODE`, else `prefer` (libpq's `allow` is read as `disable`).
    public var tls: TLSMode

    /// True when `host` is a Unix socket directory.
    public var isUnixSocket: Bool { host.hasPrefix("/") }

    /// The socket file of a Unix socket connection: libpq's `.s.PGSQL.PORT` in the directory.
    public var socketPath: String { (host.hasSuffix("/") ? host : host + "/") + ".s.PGSQL.\(port)" }

    /// True when `location` names a PostgreSQL registry rather than a file.
    public static func isURL(_ location: String) -> Bool {
        location.hasPrefix("postgres://") || location.hasPrefix("postgresql://")
    }

    /// Parses a `postgres://` or `postgresql://` URL; missing parts come from `environment`
    /// (the process's by default), then libpq's defaults (localhost, 5432, the user's name).
    ///
    /// - Throws: `RegistryError` `.badInput` for a URL that cannot be read.
    public init(url: String, environment: [String: String] = ProcessInfo.processInfo.environment) throws(RegistryError) {
        guard Self.isURL(url), let components = URLComponents(string: url) else {
            throw RegistryError(.badInput, "not a PostgreSQL URL (postgres://user@host:port/database): \(Self.redacted(url))")
        }
        let query = Dictionary((components.queryItems ?? []).map { ($0.name, $0.value ?? "") }, uniquingKeysWith: { _, last in last })
        func env(_ name: String) -> String? { environment[name].flatMap { $0.isEmpty ? nil : $0 } }
        let decodedHost = components.percentEncodedHost?.removingPercentEncoding
        host = query["host"].flatMap { $0.isEmpty ? nil : $0 } ?? decodedHost.flatMap { $0.isEmpty ? nil : $0 } ?? env("PGHOST") ?? "localhost"
        if let p = components.port {
            port = p
        } else if let p = query["port"] ?? env("PGPORT") {
            guard let value = Int(p), (1...65_535).contains(value) else { throw RegistryError(.badInput, "bad PostgreSQL port \"\(p)\"") }
            port = value
        } else {
            port = 5432
        }
        user = components.user.flatMap { $0.isEmpty ? nil : $0 } ?? query["user"] ?? env("PGUSER") ?? env("USER") ?? "postgres"
        password = components.password ?? query["password"] ?? env("PGPASSWORD")
        let path = String(components.path.drop(while: { $0 == "/" }))
        database = path.isEmpty ? (query["dbname"] ?? env("PGDATABASE") ?? user) : path
        let mode = query["sslmode"] ?? env("PGSSLMODE") ?? "prefer"
        switch mode {
        case "disable", "allow": tls = .disable
        case "prefer": tls = .prefer
        case "require": tls = .require
        case "verify-ca": tls = .verifyCA
        case "verify-full": tls = .verifyFull
        default: throw RegistryError(.badInput, "unknown sslmode \"\(mode)\" (disable, prefer, require, verify-ca, verify-full)")
        }
    }

    /// The URL without the password, for messages.
    public var description: String {
        if isUnixSocket {
            let dir = host.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? host
            return "postgres://\(user)@\(dir):\(port)/\(database)"
        }
        let h = host.contains(":") ? "[\(host)]" : host
        return "postgres://\(user)@\(h):\(port)/\(database)"
    }

    /// The settings as a URL, password included: what `init(url:)` reads back to these settings.
    public var url: String {
        var components = URLComponents()
        components.scheme = "postgres"
        components.user = user
        components.password = password
        if isUnixSocket {
            components.path = "/" + database
            components.queryItems = [URLQueryItem(name: "host", value: host)]
        } else {
            components.host = host
            components.path = "/" + database
        }
        components.port = port
        var items = components.queryItems ?? []
        if tls != .prefer { items.append(URLQueryItem(name: "sslmode", value: tls.rawValue)) }
        components.queryItems = items.isEmpty ? nil : items
        return components.string ?? description
    }

    /// A URL as given, with any password replaced, for error messages.
    static func redacted(_ url: String) -> String {
        guard var components = URLComponents(string: url), components.password != nil else { return url }
        components.password = "***"
        return components.string ?? "postgres://…"
    }
}
