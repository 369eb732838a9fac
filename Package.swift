// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "msk-esm",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "msk-esm", targets: ["msk-esm"]),
        .library(name: "MSKESMCore", targets: ["MSKESMCore"]),
        .library(name: "MSKESMAWS", targets: ["MSKESMAWS"]),
        .library(name: "MSKESMKafka", targets: ["MSKESMKafka"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // YAML for --cli-input-yaml (libyaml underneath).
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // `swift package generate-documentation --target MSKESMCore` (the DocC catalogue in
        // Sources/MSKESMCore/MSKESMCore.docc); a command plugin, so no product links it.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        // System libraries, found with pkg-config.
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        // Headers only: libcurl itself is opened with dlopen on first use (CShims), so that commands which
        // never call AWS do not load it and its dependencies.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        .systemLibrary(
            name: "CEdit", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
        // Typed C wrappers for variadic functions and function-like macros.
        .target(name: "CShims", dependencies: ["COpenSSL", "CCurl", "CEdit"]),

        // The reusable core: decisions and local cryptography. No network, no printing, no exit().
        .target(name: "MSKESMCore", dependencies: ["COpenSSL", "CShims"]),

        // Talking to AWS: credentials and config, Signature V4, the libcurl transport, retries, service
        // clients and the Snapshot gatherer.
        .target(name: "MSKESMAWS", dependencies: ["MSKESMCore", "CCurl", "CShims"]),

        // Talking to brokers: a small Kafka wire-protocol client over TCP / TLS / mTLS with SASL, and the probe.
        .target(name: "MSKESMKafka", dependencies: ["MSKESMCore", "MSKESMAWS", "COpenSSL", "CShims"]),

        // JMESPath (https://jmespath.org/specification.html) over JSONValue, for `--query`.
        .target(name: "JMESPath", dependencies: ["MSKESMCore"]),

        // The command tree, renderers and (later) the REPL, as a library so that the REPL, the
        // documentation generator and the tests can run commands in-process.
        .target(
            name: "MSKESMCLI",
            dependencies: [
                "MSKESMCore", "MSKESMAWS", "MSKESMKafka", "JMESPath", "CEdit", "CShims",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .executableTarget(
            name: "msk-esm", dependencies: ["MSKESMCLI"],
            linkerSettings: [
                // Release: compact relative relocations (DT_RELR, glibc ≥ 2.36) in a position-independent binary.
                // The statically linked runtime has ~80,000 relative relocations; as RELA records the loader
                // reads 2 MB of them at every start, as RELR a few kilobytes (BENCHMARKS.md). GNU gold, the
                // default linker, cannot write RELR; the toolchain's lld can.
                .unsafeFlags(
                    ["-use-ld=lld", "-Xlinker", "-z", "-Xlinker", "pack-relative-relocs"],
                    .when(platforms: [.linux], configuration: .release)),
            ]),
        // Writes Completions/ and man/ from the command tree: `swift run msk-esm-docs`.
        .executableTarget(name: "msk-esm-docs", dependencies: ["MSKESMCLI"]),

        // What every test target shares: hang watchdogs and ports bound by the test that uses them (no product
        // depends on it).
        .target(name: "MSKESMTestSupport", dependencies: ["MSKESMCore"], path: "Tests/TestSupport"),
        .testTarget(name: "MSKESMCoreTests", dependencies: ["MSKESMCore", "MSKESMTestSupport"]),
        .testTarget(name: "JMESPathTests", dependencies: ["JMESPath", "MSKESMCore", "MSKESMTestSupport"]),
        .testTarget(
            name: "MSKESMKafkaTests", dependencies: ["MSKESMKafka", "MSKESMCore", "MSKESMAWS", "MSKESMTestSupport"]),
        .testTarget(name: "MSKESMCLITests", dependencies: ["MSKESMCLI", "msk-esm", "MSKESMTestSupport"]),
        .testTarget(name: "MSKESMAWSTests", dependencies: ["MSKESMAWS", "MSKESMCLI", "msk-esm", "MSKESMTestSupport"]),
    ]
)
