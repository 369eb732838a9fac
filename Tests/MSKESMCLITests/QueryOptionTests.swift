import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

/// `--query` on msk-esm's own commands, held to the AWS CLI v1 (Tests/TestBed/query_oracle.py: the CLI's
/// jmespath, json.dump and text.py) over the documents the commands print.
@Suite("--query on msk-esm's own documents")
struct QueryOptionTests {
    static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestBed/query_oracle.py").path

    static let hasOracle: Bool = {
        let probe = try? ChildProcess.run(
            "/usr/bin/env", ["python3", "-c", "import jmespath, awscli.text"], output: .null, error: .null)
        return probe?.status == 0
    }()

    /// Command lines whose JSON documents the queries run over: a healthy and a failing diagnosis, a secret
    /// report, a broker explanation.
    static let documents: [[String]] = [
        ["doctor", "--snapshot", DoctorCommandTests.example("healthy-iam.json")],
        ["doctor", "--snapshot", DoctorCommandTests.example("broken-sg-no-self-reference.json")],
        ["doctor", "--snapshot", DoctorCommandTests.example("broken-mtls-pbes2-key.json")],
        ["brokers", "explain", "--snapshot", DoctorCommandTests.example("healthy-self-managed.json")],
    ]

    static let queries = [
        "verdict", "findings[0].code", "findings[].code", "findings[?severity=='fail'].code",
        "findings[?severity=='fail'].[code, title]", "findings[?severity=='fail'].{code: code, fix: fix}",
        "findings[0]", "findings[:2]", "length(findings)", "sort_by(findings, &code)[-1].code", "summary",
        "keys(summary)", "findings[*].evidence", "findings[].evidence | [0]",
        "{verdict: verdict, count: length(findings)}",
        "[verdict, length(findings)]", "nothing.here", "findings[?code=='NOPE']", "join(', ', findings[].code)",
        "findings[?severity!='pass'] | length(@)", "max_by(findings, &length(title)).code", "`true`", "`false`",
        "`[1, [2, 3], 4.25, null]`",
        "findings[].[code, [severity]]", "to_number('1.5')",
        // Errors: a syntax error (exit 2, with the column) and a function given the wrong type.
        "findings[?", "abs(verdict)", "findings[0].{", "length(`1`)",
    ]

    struct OracleAnswer: Decodable {
        var json: String?
        var text: String?
        var error: String?
    }

    static func oracleAnswers(document: String, queries: [String]) throws -> [OracleAnswer] {
        let request =
            "{\"document\": \(document), \"queries\": \(JSONWriter.write(.array(queries.map { .string($0) }), pretty: false))}"
        let run = try ChildProcess.run(
            "/usr/bin/env", ["python3", oracle], input: .data(Data(request.utf8)), error: .inherit)
        try #require(run.status == 0, "the oracle failed")
        return try JSONDecoder().decode([OracleAnswer].self, from: run.output)
    }

    @Test(
        "each query prints what the AWS CLI prints for it, as JSON and as text; errors are exit 2",
        .enabled(if: hasOracle, "needs python3 with jmespath and awscli (Tests/requirements.txt)"), arguments: documents
    )
    func matchesTheAWSCLI(_ command: [String]) async throws {
        let whole = await CommandRunner.run(command + ["--output", "json"])
        try #require(whole.exitCode <= 1, "\(whole.stderr)")
        let answers = try Self.oracleAnswers(document: whole.stdout, queries: Self.queries)
        var compared = 0
        for (query, answer) in zip(Self.queries, answers) {
            for format in ["json", "text"] {
                let result = await CommandRunner.run(command + ["--query", query, "--output", format])
                if let error = answer.error {
                    #expect(
                        result.exitCode == 2,
                        "\(query): \(error) in the AWS CLI, here \(result.exitCode) \(result.stdout)")
                    #expect(result.stdout.isEmpty)
                    #expect(
                        result.stderr.hasPrefix("msk-esm: error: ") && result.stderr.contains("--query"),
                        "\(result.stderr)")
                    #expect(result.stderr.split(separator: "\n").count == 1, "\(result.stderr)")
                    if error == "syntax" { #expect(result.stderr.contains("column "), "\(result.stderr)") }
                } else {
                    // The exit code is the whole result's, whatever the query selects.
                    #expect(result.exitCode == whole.exitCode, "\(query) \(format): \(result.stderr)")
                    #expect(
                        result.stdout == (format == "json" ? answer.json : answer.text), "\(query) --output \(format)")
                    compared += 1
                }
            }
        }
        #expect(compared >= 2 * (Self.queries.count - 4))
    }

    @Test("the REPL passes its --query to every command it runs")
    func repl() throws {
        let snapshot = DoctorCommandTests.example("healthy-iam.json")
        let repl = try CommandRunner.runBinary(
            ["repl", "--query", "verdict"], stdin: Data("doctor --snapshot \(snapshot)\n".utf8))
        #expect(repl.stdout.contains("pass\n"), "\(repl.stdout) \(repl.stderr)")
        #expect(!repl.stdout.contains("findings"), "\(repl.stdout)")
    }

    @Test("a failing diagnosis keeps exit 1 when the query selects nothing, in the built binary")
    func exitCodeFromTheWholeResult() throws {
        let broken = DoctorCommandTests.example("broken-sg-no-self-reference.json")
        let nothing = try CommandRunner.runBinary(["doctor", "--snapshot", broken, "--query", "nosuch"])
        #expect(nothing.exitCode == 1)
        #expect(nothing.stdout == "None\n")
        let healthy = try CommandRunner.runBinary(
            ["--query", "verdict", "doctor", "--snapshot", DoctorCommandTests.example("healthy-iam.json")])
        #expect(healthy.exitCode == 0, "\(healthy.stderr)")
        #expect(healthy.stdout == "pass\n")
    }
}
