// swift-tools-version:6.0
// libFuzzer targets for msk-esm's parsers of hostile input. A package of its own so that the main build never
// sees the fuzzer flags; it depends on the main package by path. Build and run with `Fuzz/run.sh`.
import PackageDescription

let package = Package(
    name: "msk-esm-fuzz",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "msk-esm", path: "..")],
    targets: [
        .executableTarget(
            name: "msk-esm-fuzz",
            dependencies: [
                .product(name: "MSKESMCore", package: "msk-esm"),
                .product(name: "MSKESMAWS", package: "msk-esm"),
                .product(name: "MSKESMKafka", package: "msk-esm"),
            ],
            path: "Sources/MSKESMFuzz",
            swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    ]
)
