// swift-tools-version: 6.0
// libFuzzer targets, a package of their own so that `swift build` and `swift test` at the root never
// build them: they are built with coverage instrumentation and linked with libFuzzer's driver by
// scripts/fuzz.sh, which also runs them.
import PackageDescription


let package = Package(
    name: "NameCanonFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "NameCanon", path: "../..")],
    targets: [
        .target(name: "CFuzzer"),
        .executableTarget(name: "FuzzNormalize", dependencies: ["CFuzzer", .product(name: "NameCanon", package: "NameCanon")]),
        .executableTarget(name: "FuzzProtocol", dependencies: ["CFuzzer", .product(name: "NameProtocol", package: "NameCanon")]),
        .executableTarget(name: "FuzzRecords", dependencies: ["CFuzzer", .product(name: "NameBatch", package: "NameCanon")]),
        .executableTarget(name: "FuzzRules", dependencies: ["CFuzzer", .product(name: "NameCanon", package: "NameCanon")]),
    ]
)
