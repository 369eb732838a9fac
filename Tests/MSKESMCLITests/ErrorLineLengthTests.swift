import Foundation
import Testing

/// An argument echoed in an error is cut to a readable length: the error stays one short line.
struct ErrorLineLengthTests {
    @Test func aLongArgumentIsCutInTheErrorLine() throws {
        let path = "/no/such/" + String(repeating: "d", count: 100_000) + "/snapshot.json"
        let result = try CommandRunner.runBinary(["doctor", "--snapshot", path])
        #expect(result.exitCode == 2)
        #expect(result.stderr.hasPrefix("msk-esm: error: the path is too long (--snapshot /no/such/ddd"))
        #expect(result.stderr.contains("characters cut]"))
        #expect(result.stderr.hasSuffix("ddd/snapshot.json): check the path\n"))
        #expect(result.stderr.utf8.count < 400)
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func aLongOptionNameIsCutToo() async {
        let result = await CommandRunner.run(["doctor", "--" + String(repeating: "x", count: 50_000)])
        #expect(result.exitCode == 2)
        #expect(result.stderr.utf8.count < 400)
    }
}
