// swift-tools-version: 6.1
// The benchmarks are their own package so that `swift test` at the root never builds them.
import PackageDescription

let package = Package(
    name: "NameCanonBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "NameCanon", path: ".."),
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "NameCanonBenchmarks",
            dependencies: [
                .product(name: "NameCanon", package: "NameCanon"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/NameCanonBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        // The registry at 1,000,000 names (issue 5 item 9). NameRegistry is not a product of the
        // root package; it comes in through NameProtocol, which is built on it.
        .executableTarget(
            name: "RegistryBenchmarks",
            dependencies: [
                .product(name: "NameCanon", package: "NameCanon"),
                .product(name: "NameProtocol", package: "NameCanon"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/RegistryBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ]
)
