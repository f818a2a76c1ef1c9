// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "NameCanon",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "NameCanon", targets: ["NameCanon"]),
        .library(name: "NameRegistry", targets: ["NameRegistry"]),
        .library(name: "NameProtocol", targets: ["NameProtocol"]),
        .executable(name: "namecanon", targets: ["namecanon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/groue/GRDB.swift", from: "7.10.0"),
    ],
    targets: [
        // The only code that includes ICU headers: prefixed plain-C functions over system ICU.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(name: "NameCanon", dependencies: ["CICU"]),
        .target(
            name: "NameRegistry",
            dependencies: ["NameCanon", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .target(name: "NameProtocol", dependencies: ["NameCanon", "NameRegistry"]),
        .executableTarget(
            name: "namecanon",
            dependencies: [
                "NameCanon", "NameProtocol", "NameRegistry",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NameCanonTests", dependencies: ["NameCanon"]),
        .testTarget(name: "NameProtocolTests", dependencies: ["NameProtocol", "NameCanon"]),
        .testTarget(name: "EndToEndTests", dependencies: ["NameCanon"]),
        .testTarget(
            name: "NameRegistryTests",
            dependencies: ["NameRegistry", "NameCanon", "NameProtocol", .product(name: "GRDB", package: "GRDB.swift")]
        ),
        .testTarget(name: "ConvertTests", dependencies: ["NameCanon"]),
    ],
    swiftLanguageModes: [.v6]
)
