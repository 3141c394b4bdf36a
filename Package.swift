// swift-tools-version:6.0
import PackageDescription

// The pipeline is visible in the targets: model (values, units, dates,
// diagnostics) → syntax (tokens, tree, parser, printer) → data (loaders) →
// DealRules (checker, evaluator, reports, tooling, REPL engine). The
// `dealrules` executable and the libedit wrapper are thin clients.
let package = Package(
    name: "DealRules",
    platforms: [.macOS(.v13)],
    products: [
        .library(name: "DealRules", targets: ["DealRules"]),
        .executable(name: "dealrules", targets: ["dealrules"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "5.0.1"),
    ],
    targets: [
        .target(name: "DealRulesModel"),
        .target(name: "DealRulesSyntax", dependencies: ["DealRulesModel"]),
        .target(name: "CJSONScan"),
        .target(name: "DealRulesData", dependencies: ["DealRulesModel", "CJSONScan", .product(name: "Yams", package: "Yams")]),
        .target(name: "CMemoryHints"),
        .target(name: "DealRules", dependencies: ["DealRulesModel", "DealRulesSyntax", "DealRulesData", "CMemoryHints"]),
        .systemLibrary(
            name: "CEditLine",
            pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"])]
        ),
        .target(name: "CInterrupt"),
        .target(name: "LineEditor", dependencies: ["CEditLine", "CInterrupt"]),
        .executableTarget(
            name: "dealrules",
            dependencies: [
                "DealRules", "LineEditor", "CMemoryHints",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(
            name: "DealRulesTests",
            dependencies: ["DealRules", "DealRulesModel", "DealRulesSyntax", "DealRulesData", "LineEditor"],
            // Golden files and language case files are read through #filePath.
            exclude: ["Golden", "Language/cases"]
        ),
    ],
    swiftLanguageModes: [.v6]
)
