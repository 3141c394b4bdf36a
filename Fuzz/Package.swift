// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets live in their own package so that neither the default
// build nor `swift test` of the root package compiles them. Each target is
// an executable whose test function is `LLVMFuzzerTestOneInput`; its
// `<module>_main` (the name SwiftPM gives an executable's entry point)
// starts libFuzzer's driver. Build with `scripts/fuzz.sh` or `make fuzz`, which pass
// `-sanitize=fuzzer,address -parse-as-library` to the Swift compiler.
let fuzzTargets = [
    "fuzz-parser", "fuzz-checker", "fuzz-printer", "fuzz-repl",
    "fuzz-json", "fuzz-ndjson", "fuzz-yaml", "fuzz-csv",
]

let package = Package(
    name: "DealRulesFuzz",
    platforms: [.macOS(.v13)],
    dependencies: [
        .package(name: "DealRules", path: ".."),
    ],
    targets: [
        .target(name: "CFuzzDriver"),
        .target(
            name: "FuzzSupport",
            dependencies: ["CFuzzDriver", .product(name: "DealRules", package: "DealRules")]
        ),
    ] + fuzzTargets.map { name in
        .executableTarget(
            name: name,
            dependencies: ["FuzzSupport", .product(name: "DealRules", package: "DealRules")]
        )
    },
    swiftLanguageModes: [.v6]
)
