// swift-tools-version:6.0
// A program that uses msk-esm's core as a library: its own check added to the doctor, run over a snapshot.
// It depends on the product MSKESMCore alone, so it builds with the OpenSSL headers and nothing else of the
// system's (scripts/library-consumer builds it with libcurl's and libedit's headers hidden).
import PackageDescription

let package = Package(
    name: "msk-esm-library-example",
    platforms: [.macOS(.v13)],
    dependencies: [.package(name: "msk-esm", path: "../..")],
    targets: [
        .executableTarget(
            name: "msk-esm-library-example",
            dependencies: [.product(name: "MSKESMCore", package: "msk-esm")])
    ]
)
