import Foundation
import NameCanon
@testable import NameRegistry

let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

/// A directory removed when the value is released, for registry files.
final class TemporaryDirectory {
    let url: URL

    init() throws {
        url = FileManager.default.temporaryDirectory.appendingPathComponent("namecanon-registry-tests-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    }

    func path(_ name: String) -> String { url.appendingPathComponent(name).path }

    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The stores every conformance test runs against.
enum StoreKind: String, CaseIterable, CustomTestStringConvertible {
    case sqliteFile = "SQLite file"
    case inMemory = "in memory"

    var testDescription: String { rawValue }

    /// Runs `body` with a fresh, empty store; a file store's directory lives until it returns.
    func withStore(_ body: (SQLiteStore) throws -> Void) throws {
        let directory = try TemporaryDirectory()
        try withExtendedLifetime(directory) {
            switch self {
            case .sqliteFile: try body(try SQLiteStore(path: directory.path("registry.sqlite")))
            case .inMemory: try body(try SQLiteStore(inMemory: ()))
            }
        }
    }
}

import Testing

func storedName(_ text: String, kind: NameKind = .primary) throws -> StoredName {
    let n = try NameCanon.shared.normalize(text)
    return StoredName(text: text, language: n.language.rawValue, script: n.script.rawValue, kind: kind, source: "test", keys: n.keys)
}

/// The whole export of a registry as one string.
func exported(_ registry: Registry) throws -> String {
    var out = ""
    try registry.export { out += $0 }
    return out
}
