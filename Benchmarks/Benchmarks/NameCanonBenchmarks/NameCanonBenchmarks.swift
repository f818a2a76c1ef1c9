import Benchmark
import Foundation
import NameCanon

/// A fixed sample of the mixed corpus (see scripts/make_corpus.py), embedded so the suite runs
/// without generating files. Each benchmark iteration normalizes all of it with a fresh engine
/// cache state as noted.
let sample: [String] = {
    let path = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("corpus/names.txt").path
    if let text = try? String(contentsOfFile: path, encoding: .utf8) {
        return Array(text.split(separator: "\n").prefix(10_000).map(String.init))
    }
    return ["Xi Jinping", "习近平", "習近平", "Nguyễn Phú Trọng", "NGUYEN Phu Trong", "Vương Đình Huệ", "Jinping Xi",
            "Phạm Minh Chính", "Vo Van Thuong", "Janet Yellen", "欧阳娜娜", "Hsi Chin-p'ing", "Nguyễn Thị Hoà"]
}()

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(metrics: [.wallClock, .throughput, .mallocCountTotal, .peakMemoryResident],
                                           maxDuration: .seconds(5), maxIterations: 50)

    // NameCanon over its own tables; a new engine per iteration, so its caches start cold.
    Benchmark("normalize (cold caches, \(sample.count) names)") { benchmark in
        let canon = try NameCanon()
        benchmark.startMeasurement()
        for name in sample { blackHole(try canon.normalize(name)) }
    }

    // The same names again through a warm engine: what a long-running server sees.
    let warm = try! NameCanon()
    for name in sample { _ = try? warm.normalize(name) }
    Benchmark("normalize (warm caches, \(sample.count) names)") { _ in
        for name in sample { blackHole(try warm.normalize(name)) }
    }

    Benchmark("transliterate pinyin (\(sample.count) names)") { benchmark in
        let canon = try NameCanon()
        benchmark.startMeasurement()
        for name in sample { blackHole(try canon.transliterate(name, to: .pinyin)) }
    }

    // Baseline: one ICU transliterator call per name, as a naive shim (or PyICU, or uconv) does.
    Benchmark("baseline: ICU Any-Latin; Latin-ASCII; Lower per name (\(sample.count) names)") { benchmark in
        let canon = NameCanon.shared
        _ = try canon.transliterate("x", icu: "Any-Latin; Latin-ASCII; Lower")
        benchmark.startMeasurement()
        for name in sample { blackHole(try canon.transliterate(name, icu: "Any-Latin; Latin-ASCII; Lower")) }
    }
}
