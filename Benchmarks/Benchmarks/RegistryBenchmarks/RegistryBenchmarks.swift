import Benchmark
import Foundation
import NameCanon
import NameRegistry

// Issue 5 item 9: a registry of 1,000,000 names (NAMECANON_BENCH_NAMES for another size), built
// once into Benchmarks/corpus/ and reused. package-benchmark runs each benchmark in its own
// process, so each sets up only what it uses.

/// What the benchmarks share within their process, made on first use (setup hooks, never while
/// the benchmarks are only being listed).
enum Shared {
    static let corpus = Corpus(names: RegistryFile.names, extra: RegistryFile.extra)

    static let registry: Registry = {
        try! RegistryFile.ensure { corpus }
        return try! Registry(store: try SQLiteStore(path: RegistryFile.path))
    }()

    /// 100,000 mentions of known people: more distinct names than the engine's cache (10,000),
    /// so each is normalized afresh, as in a stream of articles.
    static let known = corpus.knownMentions(100_000, seed: 1)
    /// 1,000 mentions cycled: the engine's cache answers the normalization, and resolve is left
    /// with the index.
    static let repeated = corpus.knownMentions(1_000, seed: 2)
    static let unknown = corpus.unknownMentions(0..<100_000)
    static let toCreate = corpus.unknownMentions(100_000..<RegistryFile.extra)
}

/// Where a benchmark is in its list of mentions, across iterations.
final class Cursor: @unchecked Sendable {
    var next = 0
    func take(_ list: [String]) -> String {
        defer { next += 1 }
        return list[next % list.count]
    }
}

/// Resolves some mentions and logs how they matched, so the figures can be read knowing what work
/// the resolves did (and that known names resolve to one entity).
func logMatches(_ what: String, _ registry: Registry, _ mentions: some Collection<String>) {
    var counts: [String: Int] = [:]
    for mention in mentions {
        let kind = (try? registry.resolve(mention).match.rawValue) ?? "error"
        counts[kind, default: 0] += 1
    }
    let list = counts.sorted { $0.value > $1.value }.map { "\($0.key) \($0.value)" }.joined(separator: ", ")
    RegistryFile.log("\(what), \(mentions.count) resolved: \(list)")
}

let bytesPerName = BenchmarkMetric.custom("resident after open, B/name", polarity: .prefersSmaller, useScalingFactor: false)
let liveBytesPerName = BenchmarkMetric.custom("after malloc_trim, B/name", polarity: .prefersSmaller, useScalingFactor: false)

/// Opens the registry file at `path`, timing only the open; resident memory is read before
/// (after handing freed pages back) and after, and the difference over the names is the index's
/// cost per name.
func measureOpen(_ benchmark: Benchmark, _ path: String) throws {
    Memory.trim()
    let before = Memory.resident()
    benchmark.startMeasurement()
    let registry = try Registry(store: try SQLiteStore(path: path))
    benchmark.stopMeasurement()
    let after = Memory.resident()
    Memory.trim()
    let live = Memory.resident()
    let names = try registry.stats().names
    benchmark.measurement(bytesPerName, (after - before) / max(names, 1))
    benchmark.measurement(liveBytesPerName, (live - before) / max(names, 1))
    blackHole(registry)
}

let benchmarks: @Sendable () -> Void = {
    let size = RegistryFile.names.formatted()
    let resolveConfiguration = Benchmark.Configuration(
        metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
        warmupIterations: 1, scalingFactor: .kilo, maxDuration: .seconds(10), maxIterations: 1_000)

    // Open: load the file into the in-memory index. Resident memory is read before (after handing
    // freed pages back) and after; the difference over the names is the index's cost per name.
    Benchmark("open (\(size) names)",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident, bytesPerName, liveBytesPerName],
                                   warmupIterations: 1, maxDuration: .seconds(120), maxIterations: 5,
                                   setup: { try RegistryFile.ensure { Shared.corpus } })) { benchmark in
        try measureOpen(benchmark, RegistryFile.path)
    }

    // Open from the stored index (IndexImage.swift): a copy of the file with an image stored in it
    // (`registry index`), made once and reused; the first benchmark above opens from the rows.
    Benchmark("open from the stored index (\(size) names)",
              configuration: .init(metrics: [.wallClock, .peakMemoryResident, bytesPerName, liveBytesPerName],
                                   warmupIterations: 1, maxDuration: .seconds(60), maxIterations: 10,
                                   setup: {
                                       try RegistryFile.ensure { Shared.corpus }
                                       try RegistryFile.ensureImageCopy()
                                   })) { benchmark in
        try measureOpen(benchmark, RegistryFile.imagePath)
    }

    let known = Cursor()
    Benchmark("resolve known names, distinct (\(size) names)",
              configuration: .init(metrics: resolveConfiguration.metrics, warmupIterations: 1, scalingFactor: .kilo,
                                   maxDuration: .seconds(10), maxIterations: 1_000,
                                   setup: { logMatches("known, distinct", Shared.registry, Shared.known.prefix(2_000)) })) { benchmark in
        let registry = Shared.registry
        for _ in benchmark.scaledIterations { blackHole(try registry.resolve(known.take(Shared.known))) }
    }

    let repeated = Cursor()
    Benchmark("resolve known names, 1,000 repeated (\(size) names)",
              configuration: .init(metrics: resolveConfiguration.metrics, warmupIterations: 1, scalingFactor: .kilo,
                                   maxDuration: .seconds(10), maxIterations: 1_000,
                                   setup: { logMatches("known, repeated", Shared.registry, Shared.repeated) })) { benchmark in
        let registry = Shared.registry
        for _ in benchmark.scaledIterations { blackHole(try registry.resolve(repeated.take(Shared.repeated))) }
    }

    let unknown = Cursor()
    Benchmark("resolve unknown names (\(size) names)",
              configuration: .init(metrics: resolveConfiguration.metrics, warmupIterations: 1, scalingFactor: .kilo,
                                   maxDuration: .seconds(10), maxIterations: 1_000,
                                   setup: { logMatches("unknown", Shared.registry, Shared.unknown.suffix(2_000)) })) { benchmark in
        let registry = Shared.registry
        for _ in benchmark.scaledIterations { blackHole(try registry.resolve(unknown.take(Shared.unknown))) }
    }

    // With create: into a copy of the registry file, made for this run and removed after it, so
    // the shared file never grows. Every mention is a new person: one committed transaction each.
    /// A copy of the registry file for benchmarks that write, made in setup and removed in teardown.
    final class WritableCopy: @unchecked Sendable {
        let path: String
        var registry: Registry?
        init(_ name: String) { path = RegistryFile.directory.appendingPathComponent("registry-\(RegistryFile.names)-\(name).sqlite").path }
        func remove() { for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) } }
        func make() throws {
            try RegistryFile.ensure { Shared.corpus }
            remove()
            try FileManager.default.copyItem(atPath: RegistryFile.path, toPath: path)
            registry = try Registry(store: try SQLiteStore(path: path))
            _ = Shared.toCreate
        }
        func drop() {
            if let registry { RegistryFile.log("\(path): grew to \((try? registry.stats().entities) ?? 0) entities") }
            registry = nil
            remove()
        }
    }
    func writing(_ copy: WritableCopy) -> Benchmark.Configuration {
        .init(metrics: resolveConfiguration.metrics, warmupIterations: 1, scalingFactor: .kilo, maxDuration: .seconds(10),
              maxIterations: 100, setup: { try copy.make() }, teardown: { copy.drop() })
    }

    let created = Cursor()
    let copy = WritableCopy("create")
    Benchmark("resolve with create, new names (\(size) names)", configuration: writing(copy)) { benchmark in
        let registry = copy.registry!
        for _ in benchmark.scaledIterations { blackHole(try registry.resolve(created.take(Shared.toCreate), create: true)) }
    }

    // The same in a stream, as `resolve --create` runs it: 250 resolves to a group commit, each
    // group committed (and acknowledged) once. Its own copy of the file.
    let streamed = Cursor()
    let streamCopy = WritableCopy("stream")
    Benchmark("resolve with create in groups of 250, new names (\(size) names)", configuration: writing(streamCopy)) { benchmark in
        let registry = streamCopy.registry!
        var left = benchmark.scaledIterations.count
        while left > 0 {
            let n = min(left, 250)
            try registry.grouped {
                for _ in 0..<n { blackHole(try registry.resolve(streamed.take(Shared.toCreate), create: true)) }
            }
            left -= n
        }
    }
}
