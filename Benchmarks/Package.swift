// swift-tools-version:6.0
import PackageDescription

// Benchmarks live in their own package so that neither the default build
// nor `swift test` of the root package compiles or times them. `make bench`
// builds this package in release mode and runs `dealrules-bench`.
let package = Package(
    name: "DealRulesBenchmarks",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "DealRules", path: ".."),
    ],
    targets: [
        .target(
            name: "DealRulesBenchKit",
            dependencies: [.product(name: "DealRules", package: "DealRules")]
        ),
        .executableTarget(
            name: "dealrules-bench",
            dependencies: ["DealRulesBenchKit", .product(name: "DealRules", package: "DealRules")]
        ),
        .testTarget(
            name: "DealRulesBenchTests",
            dependencies: ["DealRulesBenchKit", .product(name: "DealRules", package: "DealRules")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
