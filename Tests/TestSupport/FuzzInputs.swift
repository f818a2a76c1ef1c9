import Foundation

/// The inputs under Fixtures/fuzz/TARGET/ (hand-made hostile inputs from
/// scripts/fuzz/make_regressions.py and minimized crashes the fuzzers found), by file name, for
/// the suites that replay them through each fuzz target's entry point.
public func fuzzInputs(_ target: String) -> [(name: String, bytes: [UInt8])] {
    let dir = packageRoot.appendingPathComponent("Fixtures/fuzz/\(target)")
    let names = (try? FileManager.default.contentsOfDirectory(atPath: dir.path))?.filter { !$0.hasPrefix(".") }.sorted() ?? []
    return names.compactMap { name in
        guard let data = FileManager.default.contents(atPath: dir.appendingPathComponent(name).path) else { return nil }
        return (name, Array(data))
    }
}
