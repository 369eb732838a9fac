import Foundation
import MSKESMTestSupport
import Testing

/// The release binary loads libcurl only when a command talks to AWS.
///
/// The MCP SDK links FoundationNetworking, which names libcurl; statically linked, that would make the loader map
/// libcurl and its ~25 dependencies at every start (+8 ms, +6 MiB on `--version`; BENCHMARKS.md, "msk-esm mcp").
/// Sources/CFoundationNetworkingCurl defines FoundationNetworking's libcurl calls inside the binary and the release
/// link runs with --as-needed (scripts/lld-as-needed), so libcurl is no load-time dependency. Only the static
/// release binary is linked that way (the debug build links FoundationNetworking as a shared library), so the
/// suite runs when `MSK_ESM_BINARY` names it, as scripts/test does.
@Suite(
    "the release binary does not load libcurl at start",
    .enabled(if: !(ProcessInfo.processInfo.environment["MSK_ESM_BINARY"] ?? "").isEmpty))
struct LoadTimeLibraryTests {
    /// The libraries the dynamic loader maps for a command line, from its own trace (`LD_DEBUG=libs`).
    static func loadedLibraries(_ arguments: [String]) throws -> [String] {
        let result = try BinaryRunner.run(
            arguments, environment: ["LD_DEBUG": "libs", "HOME": NSTemporaryDirectory()], hangWatchdog: 60)
        return result.stderr.split(separator: "\n").compactMap { line in
            guard let range = line.range(of: "calling init: ") else { return nil }
            return String(line[range.upperBound...]).trimmingCharacters(in: .whitespaces)
        }
    }

    @Test(
        "no libcurl for commands that make no request",
        arguments: [["--version"], ["doctor", "--snapshot", "Examples/snapshots/healthy-scram.json"]])
    func noLibcurl(_ arguments: [String]) throws {
        let libraries = try Self.loadedLibraries(arguments)
        // The trace must be there for the check to mean anything: the C library is always initialised.
        #expect(libraries.contains { $0.contains("libc.so") }, "no LD_DEBUG trace: \(libraries)")
        #expect(!libraries.contains { $0.contains("libcurl") }, "\(libraries)")
    }
}
