// swift-tools-version:5.9
// KeyNet for Swift: the Rust core as a static library in an XCFramework (binary target
// KeyNetFFI), the Swift source UniFFI generates for it, and a thin hand-written layer.
// Build both first, on a Mac with Xcode:  bash scripts/build-xcframework.sh
// (it writes build/KeyNetFFI.xcframework, Sources/KeyNet/KeyNet.swift and KeyNetCore.swift).
import PackageDescription

let package = Package(
    name: "KeyNet",
    platforms: [.iOS(.v15), .macOS(.v12)],
    products: [
        .library(name: "KeyNet", targets: ["KeyNet"]),
    ],
    targets: [
        .binaryTarget(name: "KeyNetFFI", path: "build/KeyNetFFI.xcframework"),
        .target(name: "KeyNet", dependencies: ["KeyNetFFI"], path: "Sources/KeyNet"),
        // Reads the golden case table from ../tests/cases (the repository checkout).
        .testTarget(name: "KeyNetTests", dependencies: ["KeyNet"], path: "Tests/KeyNetTests"),
    ]
)
