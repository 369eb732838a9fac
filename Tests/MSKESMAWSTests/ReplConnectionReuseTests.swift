import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

/// The REPL keeps one AWS client per set of options for the whole session: credentials are resolved once and
/// libcurl's connection stays open, so a second command does not pay for them again.
@Suite(.enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct ReplConnectionReuseTests {
    static let uuid = "6d9bce8e-1111-4222-8333-444455556666"

    @Test func twoCommandsInOneSessionShareOneConnection() async throws {
        let stub = try StubServer()
        let mapping = """
            {"UUID": "\(Self.uuid)", "State": "Enabled", "Topics": ["orders"], "LastProcessingResult": "OK",
             "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders-consumer",
             "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/c/5a7c1e3b-9d2f-4b8a-a1c6-3e8f0d2b7c49-2"}
            """
        try await stub.script(["/2015-03-31/event-source-mappings/\(Self.uuid)": [StubServer.Step(body: mapping)]])
        let script = "get \(Self.uuid) --output json\nget \(Self.uuid) --output json\n"
        let result = try Self.runRepl(
            script,
            environment: [
                "AWS_ACCESS_KEY_ID": "AKIDEXAMPLE", "AWS_SECRET_ACCESS_KEY": "not-a-real-secret",
                "AWS_REGION": "us-east-1",
                "AWS_ENDPOINT_URL": stub.url, "HOME": "/nonexistent-msk-esm-home", "AWS_CONFIG_FILE": "/dev/null",
                "AWS_SHARED_CREDENTIALS_FILE": "/dev/null", "AWS_EC2_METADATA_DISABLED": "true",
            ])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.components(separatedBy: Self.uuid).count - 1 >= 2)
        let stats = try await stub.stats()
        #expect(stats["requests"]?.intValue == 2)
        // The session's two requests share one connection (the side door's own ones are not counted).
        #expect(stats["clientConnections"]?.intValue == 1, "\(stats)")
    }

    static func runRepl(_ script: String, environment: [String: String]) throws -> (
        status: Int32, stdout: String, stderr: String
    ) {
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"]
        let repl = try ChildProcess.run(
            BinaryRunner.binary.path, ["repl"], environment: env, input: .data(Data(script.utf8)))
        return (repl.status, repl.outputText, repl.errorText)
    }
}
