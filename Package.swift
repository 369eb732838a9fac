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
        // The Model Context Protocol SDK, for `msk-esm mcp` (MSKESMMCP). On Linux its MCP library builds on swift-log
        // and swift-system alone; the package's other dependencies (swift-nio, eventsource) serve its conformance
        // tools and Apple platforms and are resolved but never built. Exact: the protocol it speaks is its version's.
        .package(url: "https://github.com/modelcontextprotocol/swift-sdk", exact: "0.12.1"),
        // The SDK's Transport protocol names swift-log's Logger, so MSKESMMCP's transport imports it.
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // System libraries, found with pkg-config.
        .systemLibrary(
            name: "COpenSSL", pkgConfig: "openssl",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]),
        // Headers only: libcurl itself is opened with dlopen on first use (CCurlShims), so that commands which
        // never call AWS do not load it and its dependencies.
        .systemLibrary(name: "CCurl", providers: [.apt(["libcurl4-openssl-dev"]), .brew(["curl"])]),
        .systemLibrary(
            name: "CEdit", pkgConfig: "libedit",
            providers: [.apt(["libedit-dev"]), .brew(["libedit"])]),
        // Typed C wrappers for what Swift cannot call (variadic functions, function-like macros, signal handlers),
        // one target per library, so that a target gets the headers of the libraries it uses and no others.
        .target(name: "COpenSSLShims", dependencies: ["COpenSSL"]),
        // The dlopen loader; OpenSSL for the loader thread's cleanup.
        .target(name: "CCurlShims", dependencies: ["CCurl", "COpenSSL"]),
        .target(name: "CEditShims", dependencies: ["CEdit"]),
        // The C library only: posix_spawn's GNU extensions and signal handlers.
        .target(name: "CPOSIXShims"),

        // The reusable core: decisions and local cryptography. No network, no printing, no exit().
        .target(name: "MSKESMCore", dependencies: ["COpenSSL", "COpenSSLShims"]),

        // What the tool does to the operating system that is not a decision: child processes (posix_spawn, for
        // `credential_process` and the tests' helpers) and atomic file writes. Out of the core so that a program
        // using the core gets neither.
        .target(name: "MSKESMSystem", dependencies: ["MSKESMCore", "CPOSIXShims"]),

        // Talking to AWS: credentials and config, Signature V4, the libcurl transport, retries, service
        // clients and the Snapshot gatherer.
        .target(
            name: "MSKESMAWS", dependencies: ["MSKESMCore", "MSKESMSystem", "CCurl", "CCurlShims", "COpenSSLShims"]),

        // Talking to brokers: a small Kafka wire-protocol client over TCP / TLS / mTLS with SASL, and the probe.
        .target(name: "MSKESMKafka", dependencies: ["MSKESMCore", "MSKESMAWS", "COpenSSL", "COpenSSLShims"]),

        // JMESPath (https://jmespath.org/specification.html) over JSONValue, for `--query`.
        .target(name: "JMESPath", dependencies: ["MSKESMCore"]),

        // The Model Context Protocol server of `msk-esm mcp`: tools, their input schemas and results, and the finding
        // catalogue as resources. The only target that links the MCP SDK; the CLI gives it the commands to run.
        // FoundationNetworking's libcurl calls, defined in the binary and forwarded to libcurl opened with dlopen:
        // the MCP SDK imports FoundationNetworking, whose static link would otherwise load libcurl at every start.
        .target(name: "CFoundationNetworkingCurl"),
        .target(
            name: "MSKESMMCP",
            dependencies: [
                "MSKESMCore", "CFoundationNetworkingCurl", .product(name: "MCP", package: "swift-sdk"),
                .product(name: "Logging", package: "swift-log"),
            ]),

        // The command tree, renderers and (later) the REPL, as a library so that the REPL, the
        // documentation generator and the tests can run commands in-process.
        .target(
            name: "MSKESMCLI",
            dependencies: [
                "MSKESMCore", "MSKESMSystem", "MSKESMAWS", "MSKESMKafka", "MSKESMMCP", "JMESPath", "CEdit",
                "CEditShims", "CPOSIXShims",
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
                // scripts/lld-as-needed runs lld with --as-needed, so that libcurl, which the statically linked
                // FoundationNetworking names, is no load-time dependency (Sources/CFoundationNetworkingCurl).
                .unsafeFlags(
                    [
                        "-use-ld=lld", "-ld-path=\(Context.packageDirectory)/scripts/lld-as-needed", "-Xlinker", "-z",
                        "-Xlinker", "pack-relative-relocs",
                        // Start-up code packed together (scripts/record-startup-order): the functions `--version` and
                        // `doctor --snapshot` run span few of the kernel's 64 KiB fault-around windows instead of
                        // being spread over the whole text, 3 MiB less peak memory (BENCHMARKS.md, MCP section).
                        "-Xlinker",
                        "--symbol-ordering-file=\(Context.packageDirectory)/scripts/startup-symbol-order.txt",
                        "-Xlinker", "--no-warn-symbol-ordering",
                    ],
                    .when(platforms: [.linux], configuration: .release))
            ]),
        // Writes Completions/ and man/ from the command tree: `swift run msk-esm-docs`.
        .executableTarget(name: "msk-esm-docs", dependencies: ["MSKESMCLI", "MSKESMSystem"]),

        // What every test target shares: hang watchdogs and ports bound by the test that uses them (no product
        // depends on it).
        .target(name: "MSKESMTestSupport", dependencies: ["MSKESMSystem"], path: "Tests/TestSupport"),
        // The core's tests run Python oracles through ChildProcess: MSKESMSystem, not the AWS layer.
        .testTarget(name: "MSKESMCoreTests", dependencies: ["MSKESMCore", "MSKESMSystem", "MSKESMTestSupport"]),
        .testTarget(name: "MSKESMSystemTests", dependencies: ["MSKESMSystem", "MSKESMTestSupport"]),
        .testTarget(name: "JMESPathTests", dependencies: ["JMESPath", "MSKESMCore", "MSKESMTestSupport"]),
        .testTarget(
            name: "MSKESMKafkaTests",
            dependencies: ["MSKESMKafka", "MSKESMCore", "MSKESMSystem", "MSKESMAWS", "MSKESMTestSupport"]),
        .testTarget(
            name: "MSKESMCLITests", dependencies: ["MSKESMCLI", "MSKESMSystem", "msk-esm", "MSKESMTestSupport"]),
        .testTarget(
            name: "MSKESMAWSTests",
            dependencies: ["MSKESMAWS", "MSKESMSystem", "MSKESMCLI", "msk-esm", "MSKESMTestSupport"]),
    ]
)
