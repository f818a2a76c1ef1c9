// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "NameCanon",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "NameCanon", targets: ["NameCanon"]),
        .library(name: "NameProtocol", targets: ["NameProtocol"]),
        .executable(name: "namecanon", targets: ["namecanon"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    ],
    targets: [
        // The only code that includes ICU headers: prefixed plain-C functions over system ICU.
        .target(
            name: "CICU",
            linkerSettings: [.linkedLibrary("icui18n"), .linkedLibrary("icuuc"), .linkedLibrary("icudata")]
        ),
        .target(name: "NameCanon", dependencies: ["CICU"]),
        .target(name: "NameProtocol", dependencies: ["NameCanon"]),
        .executableTarget(
            name: "namecanon",
            dependencies: [
                "NameCanon", "NameProtocol",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "NameCanonTests", dependencies: ["NameCanon"]),
        .testTarget(name: "NameProtocolTests", dependencies: ["NameProtocol", "NameCanon"]),
        .testTarget(name: "EndToEndTests", dependencies: ["NameCanon"]),
        .testTarget(name: "ConvertTests", dependencies: ["NameCanon"]),
    ],
    swiftLanguageModes: [.v6]
)
