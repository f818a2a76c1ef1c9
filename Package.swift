// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "NameCanon",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "NameCanon", targets: ["NameCanon"]),
        .library(name: "NameRegistry", targets: ["NameRegistry"]),
        .library(name: "NameProtocol", targets: ["NameProtocol"]),
        .library(name: "NameBatch", targets: ["NameBatch"]),
        .executable(name: "namecanon", targets: ["namecanon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio", from: "1.33.2"),
        // Already in the graph through postgres-nio; named because NameRegistryPostgres imports them.
        .package(url: "https://github.com/apple/swift-nio", from: "2.81.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl", from: "2.25.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        // A command plugin only (`swift package generate-documentation`); no target depends on it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // The only code that includes ICU headers: prefixed plain-C functions over system ICU.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(name: "NameCanon", dependencies: ["CICU"]),
        // Batch I/O (record readers, writers, convert's worker pool): its own reason to change,
        // kept out of the engine library that only normalizes names.
        .target(name: "NameBatch", dependencies: ["NameCanon"]),
        .target(
            name: "NameRegistry",
            dependencies: ["NameCanon", .product(name: "GRDB", package: "GRDB.swift"), .product(name: "GRDBSQLite", package: "GRDB.swift")]
        ),
        // The PostgreSQL store: its own module so that postgres-nio stays out of NameRegistry.
        .target(
            name: "NameRegistryPostgres",
            dependencies: [
                "NameRegistry", "NameCanon",
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "NameProtocol", dependencies: ["NameCanon", "NameRegistry"]),
        .executableTarget(
            name: "namecanon",
            dependencies: [
                "NameCanon", "NameBatch", "NameProtocol", "NameRegistry", "NameRegistryPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A release binary carries the Swift runtime and Foundation inside it: it runs on a
            // machine without Swift, starts in about three quarters of the time (no relocation of
            // a dozen shared libraries) and calls the runtime directly. Debug builds link fast.
            // (Compiled with the flag too, so that its object names Foundation's static libraries.)
            swiftSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))],
            linkerSettings: [.unsafeFlags(["-static-stdlib"], .when(platforms: [.linux], configuration: .release))]
        ),
        // Shared by the test targets only: the subprocess runner for the real binary, `serve`
        // sessions, temporary directories.
        .target(name: "TestSupport", path: "Tests/TestSupport"),
        .testTarget(name: "NameCanonTests", dependencies: ["NameCanon", "TestSupport"]),
        .testTarget(name: "NameProtocolTests", dependencies: ["NameProtocol", "NameCanon", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["NameCanon", "TestSupport"]),
        .testTarget(
            name: "NameRegistryTests",
            dependencies: ["NameRegistry", "NameRegistryPostgres", "NameCanon", "NameProtocol", "TestSupport", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "ConvertTests", dependencies: ["NameBatch", "NameCanon", "TestSupport"]),
    ],
    swiftLanguageModes: [.v6]
)
