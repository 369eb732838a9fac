import Foundation
import Testing

@testable import MSKESMCLI

struct ShellWordsTests {
    @Test(arguments: [
        ("secret validate a.json", ["secret", "validate", "a.json"]),
        ("  spaced   out  ", ["spaced", "out"]),
        ("'single quoted' \"double \\\"q\\\"\"", ["single quoted", "double \"q\""]),
        ("back\\ slash", ["back slash"]),
        ("a # comment", ["a"]),
        ("a#b", ["a#b"]),
        ("''", [""]),
    ])
    func splitsLikeAShell(line: String, words: [String]) {
        #expect(ShellWords(line).words == words)
    }

    @Test func reportsAnUnterminatedQuote() {
        #expect(ShellWords("echo 'open").unterminatedQuote)
        #expect(!ShellWords("echo 'closed'").unterminatedQuote)
    }

    @Test(arguments: ["plain", "with space", "it's", "", "a\"b", "--x=1"])
    func quoteRoundTrips(word: String) {
        #expect(ShellWords(ShellWords.quote(word)).words == [word])
    }
}

struct HistoryPolicyTests {
    @Test(arguments: [
        "secret validate --password hunter2 x.json",
        "secret validate --password=hunter2 x.json",
        "fix --secret-string '{\"password\":\"x\"}'",
        "echo '-----BEGIN PRIVATE KEY-----'",
        "x --session-token abc",
    ])
    func linesWithSecretValuesAreNotRecorded(line: String) {
        #expect(!HistoryPolicy.mayRecord(line))
    }

    @Test(arguments: ["secret validate --password-file p.txt s.json", "doctor 6d9bce8e", "use x"])
    func ordinaryLinesAreRecorded(line: String) {
        #expect(HistoryPolicy.mayRecord(line))
    }
}

struct ReplCompleterTests {
    static func completer(learned: LearnedValues = LearnedValues()) throws -> ReplCompleter {
        let tree = try #require(CommandTreeDescription.of(MSKESM.self)).command
        return ReplCompleter(tree: tree, learned: learned, profiles: ["prod", "dev"], builtins: ReplSession.builtins)
    }

    @Test func completesAUniqueCommandWithASpace() throws {
        #expect(try Self.completer().complete("sec").insertion == "ret ")
    }

    @Test func listsCandidatesWhenAmbiguous() throws {
        let completion = try Self.completer().complete("secret validate --output js")
        #expect(completion.insertion == "on")
        #expect(completion.candidates == ["json", "jsonl"])
    }

    @Test func completesOptionsOfTheCurrentCommand() throws {
        let completion = try Self.completer().complete("secret validate --no-c")
        #expect(completion.insertion == "olor ")
    }

    @Test func offersLearnedUUIDsAfterUse() throws {
        var learned = LearnedValues()
        learned.learn(fromOutput: "{\"UUID\": \"6d9bce8e-1111-4222-8333-444455556666\"}")
        #expect(
            try Self.completer(learned: learned).complete("use 6d").insertion == "9bce8e-1111-4222-8333-444455556666 ")
    }

    @Test func learnsFunctionNamesAndClusterARNsFromOutput() {
        var learned = LearnedValues()
        learned.learn(
            fromOutput: """
                "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders-consumer",
                "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/orders/8c1f4b2e-7a4d-4c1e-9e1a-1234567890ab-2"
                """)
        #expect(learned.functionNames == ["orders-consumer"])
        #expect(
            learned.clusterARNs == [
                "arn:aws:kafka:us-east-1:123456789012:cluster/orders/8c1f4b2e-7a4d-4c1e-9e1a-1234567890ab-2"
            ])
    }

    @Test func completesFilePaths() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("repl-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        #expect(FileManager.default.createFile(atPath: directory.path + "/secret-one.json", contents: Data()))
        let completion = try Self.completer().complete("secret validate \(directory.path)/sec")
        #expect(completion.insertion == "ret-one.json ")
    }

    @Test func readsProfilesFromTheAWSConfigFiles() throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("aws-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try "[default]\nregion=us-east-1\n[profile prod]\n[sso-session x]\n".write(
            to: directory.appendingPathComponent("config"), atomically: false, encoding: .utf8)
        try "[ci]\naws_access_key_id=x\n".write(
            to: directory.appendingPathComponent("credentials"), atomically: false, encoding: .utf8)
        let profiles = ReplCompleter.profiles(environment: [
            "AWS_CONFIG_FILE": directory.path + "/config",
            "AWS_SHARED_CREDENTIALS_FILE": directory.path + "/credentials",
        ])
        #expect(profiles == ["default", "prod", "ci"])
    }
}

struct ReplSessionTests {
    static func session() -> (ReplSession, OutputCapture, OutputCapture) {
        let output = OutputCapture()
        let errors = OutputCapture()
        let console = Console(output: { output.append($0) }, error: { errors.append($0) })
        return (ReplSession(console: console), output, errors)
    }

    @Test func anErrorReturnsToThePromptAndStatusShowsIt() async {
        let (session, output, errors) = Self.session()
        #expect(await session.execute("secret validate /nope") == 2)
        #expect(await session.execute("status") == 2)
        #expect(output.text == "2\n")
        #expect(errors.text.hasPrefix("msk-esm: error: file not found (/nope)"))
        #expect(!session.shouldExit)
    }

    @Test(
        "help CMD shows the command's usage without msk-esm; help of an unknown command is an error; a typed msk-esm is dropped with a hint"
    )
    func helpAndThePrefix() async {
        let (session, output, errors) = Self.session()
        #expect(await session.execute("help get") == 0)
        #expect(output.text.contains("USAGE: get [<options>] [<uuid>]") && !output.text.contains("msk-esm get"))
        #expect(await session.execute("help nosuch") == 2)
        #expect(errors.text.contains("no such command (help nosuch): type help to list the commands"))
        #expect(await session.execute("help secret nosuch") == 2)
        #expect(await session.execute("msk-esm secret validate /nope") == 2)
        #expect(errors.text.contains("no need to type msk-esm here"))
        #expect(errors.text.contains("file not found (/nope)"))
    }

    @Test func useValidatesAndRemembersTheMapping() async {
        let (session, _, errors) = Self.session()
        #expect(await session.execute("use not-a-uuid") == 2)
        #expect(errors.text.contains("not a mapping UUID"))
        #expect(await session.execute("use 6D9BCE8E-1111-4222-8333-444455556666") == 0)
        #expect(session.currentMapping == "6d9bce8e-1111-4222-8333-444455556666")
        #expect(await session.execute("unset") == 0)
        #expect(session.currentMapping == nil)
    }

    @Test func globalOptionsMayComeFirstInTheReplToo() async throws {
        let (session, output, errors) = Self.session()
        let example = DoctorCommandTests.example("healthy-iam.json")
        #expect(await session.execute("--output json --strict doctor --snapshot \(example)") == 0, "\(errors.text)")
        #expect(output.text.hasPrefix("{"))
        // The current mapping goes to the command, not after the first word: here `wait` gets it, and so
        // complains about its --timeout, not about a missing UUID.
        #expect(await session.execute("use 6d9bce8e-1111-4222-8333-444455556666") == 0)
        #expect(await session.execute("--region us-east-1 wait --for enabled --timeout=0") == 2)
        #expect(errors.text.contains("--timeout and --poll-interval must be more than 0 seconds"), "\(errors.text)")
    }

    @Test func blankAndCommentLinesDoNothing() async {
        let (session, output, _) = Self.session()
        #expect(await session.execute("   ") == nil)
        #expect(await session.execute("# note") == nil)
        #expect(output.text.isEmpty)
    }

    @Test func exitEndsTheSession() async {
        let (session, _, _) = Self.session()
        await session.execute("exit")
        #expect(session.shouldExit)
    }

    @Test func replInsideTheReplIsRefused() async {
        let (session, _, errors) = Self.session()
        #expect(await session.execute("repl") == 2)
        #expect(errors.text.contains("already in the REPL"))
    }

    @Test func mcpInsideTheReplIsRefused() async {
        let (session, _, errors) = Self.session()
        #expect(await session.execute("mcp") == 2)
        #expect(errors.text.contains("start it as its own process"))
    }
}
