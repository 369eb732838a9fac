import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

@testable import MSKESMCLI

/// `--cli-input-yaml` reads YAML as AWS CLI v2 does (ruamel.yaml's safe loader, YAML 1.2:
/// Tests/TestBed/yaml_oracle.py), gives the same request as the same file in JSON, and refuses hostile files
/// with one line before they cost much.
@Suite("--cli-input-yaml")
struct YAMLInputTests {
    static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestBed/yaml_oracle.py").path

    static let hasOracle: Bool = {
        let probe = try? ChildProcess.run(
            "/usr/bin/env", ["python3", "-c", "import ruamel.yaml"], output: .null, error: .null)
        return probe?.status == 0
    }()

    /// Scalars where YAML 1.1 and 1.2 (and loaders) disagree, each as a plain, quoted and listed value.
    static let scalars = [
        "on", "off", "yes", "no", "Yes", "NO", "y", "true", "True", "TRUE", "tRue", "false", "~", "null", "Null", "",
        "0", "-0", "+12", "017", "0o17", "0x1F", "0b101", "1_000", "1e3", "1.5", ".5", "-1.25e-3", "1.0", ".inf",
        "-.Inf",
        ".nan", "12:30", "12:30:45", "2026-01-01", "2026-01-01T10:00:00Z", "LATEST", "orders.v1", "a b", "'quoted'",
        "\"double\"", "9007199254740993",
    ]

    static var documents: [String] {
        var documents: [String] = []
        for scalar in scalars {
            documents.append("Key: \(scalar)\n")
            documents.append("Key: [\(scalar)]\n")
            documents.append("Key:\n  - \(scalar)\n")
        }
        documents += [
            "FunctionName: orders\nTopics:\n  - orders\n  - payments\nBatchSize: 100\nEnabled: false\n",
            "SourceAccessConfigurations:\n  - Type: VPC_SUBNET\n    URI: subnet:subnet-1\n",
            "base: &b {Type: BASIC_AUTH, URI: arn}\nlist: [*b, *b]\n",
            "{FunctionName: f, Topics: [t], \"BatchSize\": 5}\n",
            "FunctionName: |\n  multi\n  line\n",
            "FunctionName: >-\n  folded\n  text\n",
            "# only a comment\nFunctionName: f # trailing\n",
            "Key: [unclosed\n", "Key: : :\n", "- a\n- b\n", "plain", "? [a, b]\n: c\n",
        ]
        return documents
    }

    struct OracleAnswer: Decodable {
        var value: JSONValue?
        var timestamp: Bool?
        var nonfinite: Bool?
        var error: String?
    }

    @Test(
        "documents read as AWS CLI v2's YAML loader reads them (YAML 1.2: on, yes, no stay strings)",
        .enabled(if: hasOracle, "needs python3 with ruamel.yaml (Tests/requirements.txt)"))
    func matchesTheLoader() throws {
        let documents = Self.documents
        let run = try ChildProcess.run(
            "/usr/bin/env", ["python3", Self.oracle],
            input: .data(Data(JSONWriter.write(.array(documents.map(JSONValue.string)), pretty: false).utf8)),
            error: .inherit)
        try #require(run.status == 0)
        let answers = try JSONDecoder().decode([OracleAnswer].self, from: run.output)
        try #require(answers.count == documents.count)
        var compared = 0
        for (document, answer) in zip(documents, answers) {
            let ours = Result { try YAMLInput.parse(Data(document.utf8), source: "in.yaml", fix: "fix") }
            if let value = answer.value {
                #expect(
                    (try? ours.get()) == value,
                    "\(document.debugDescription): ruamel \(value.compactText), msk-esm \(String(describing: try? ours.get()))"
                )
                compared += 1
            } else if answer.timestamp == true {
                // msk-esm keeps a timestamp's text; the members that take one read ISO 8601.
                #expect((try? ours.get())?.compactText.contains("2026-01-01") == true, "\(document.debugDescription)")
            } else {
                #expect(
                    throws: ToolError.self,
                    "\(document.debugDescription): ruamel refuses it (\(answer.error ?? "not finite"))"
                ) {
                    try ours.get()
                }
            }
        }
        #expect(compared > 100)
    }

    @Test(
        "hostile and broken files are refused with one line: deep nesting, alias bombs, several documents, repeated keys"
    )
    func hostile() throws {
        let deep = String(repeating: "[", count: 100) + String(repeating: "]", count: 100)
        let unclosed = String(repeating: "[", count: 100_000)
        let laughs = (1...30).map {
            "l\($0): &l\($0) [" + Array(repeating: "*l\($0 - 1)", count: 10).joined(separator: ", ") + "]"
        }
        let bomb = "l0: &l0 lol\n" + laughs.joined(separator: "\n") + "\n"
        let cases: [(String, String)] = [
            (deep, "nested deeper than 64"), (bomb, "more than 100000 values"),
            ("a: 1\n---\nb: 2\n", "more than one YAML document"),
            ("a: [1\n", "not YAML: did not find expected ',' or ']' at line 2"), (unclosed, "in.yaml"),
            ("a: 1\na: 2\n", "the key 'a' appears twice"), ("a: .inf\n", "not a number JSON can hold"),
            ("", "an empty YAML document"),
        ]
        for (text, message) in cases {
            #expect {
                try YAMLInput.parse(Data(text.utf8), source: "in.yaml", fix: "fix")
            } throws: { error in
                let description = String(describing: error)
                return description.contains(message) && !description.contains("\n")
            }
        }
    }

    /// The request `create ARGUMENTS` reads from its input file.
    static func request(_ arguments: [String]) throws -> [String: JSONValue] {
        let command = try MSKESM.parseAsRoot(["create"] + arguments + ["--region", "us-east-1"])
        return try #require(command as? CreateCommand).flags.inputFile()
    }

    @Test("--cli-input-yaml F gives the request --cli-input-json gives for the same document; both at once is exit 2")
    func sameRequestAsJSON() async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("yaml-input-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let yaml = """
            FunctionName: orders-consumer
            EventSourceArn: arn:aws:kafka:us-east-1:123456789012:cluster/prod/1a2b3c4d-5e6f-2
            Topics: [orders, on]
            StartingPosition: LATEST
            BatchSize: 1_000
            Enabled: false
            AmazonManagedKafkaEventSourceConfig:
              ConsumerGroupId: yes
            SourceAccessConfigurations:
              - Type: SASL_SCRAM_512_AUTH
                URI: arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_orders-AbCdEf

            """
        let json = """
            {"FunctionName": "orders-consumer", "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/prod/1a2b3c4d-5e6f-2",
             "Topics": ["orders", "on"], "StartingPosition": "LATEST", "BatchSize": 1000, "Enabled": false,
             "AmazonManagedKafkaEventSourceConfig": {"ConsumerGroupId": "yes"},
             "SourceAccessConfigurations": [{"Type": "SASL_SCRAM_512_AUTH",
               "URI": "arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_orders-AbCdEf"}]}
            """
        let yamlFile = directory.appendingPathComponent("request.yaml").path
        let jsonFile = directory.appendingPathComponent("request.json").path
        try yaml.write(toFile: yamlFile, atomically: true, encoding: .utf8)
        try json.write(toFile: jsonFile, atomically: true, encoding: .utf8)
        let fromYAML = try Self.request(["--cli-input-yaml", yamlFile])
        #expect(fromYAML == (try Self.request(["--cli-input-json", jsonFile])))
        #expect(
            fromYAML["AmazonManagedKafkaEventSourceConfig"]?["ConsumerGroupId"] == "yes", "YAML 1.2: yes is a string")
        let both = await CommandRunner.run([
            "create", "--cli-input-yaml", yamlFile, "--cli-input-json", jsonFile, "--dry-run",
        ])
        #expect(both.exitCode == 2 && both.stderr.contains("give one"), "\(both.stderr)")
        // The skeleton's YAML reads back as the skeleton's JSON does.
        let skeletonYAML = await CommandRunner.run(["create", "--generate-cli-skeleton", "yaml-input"])
        let skeletonJSON = await CommandRunner.run(["create", "--generate-cli-skeleton", "input"])
        let skeleton = try YAMLInput.parse(Data(skeletonYAML.stdout.utf8), source: "skeleton.yaml", fix: "")
        #expect(skeleton == (try JSONParser.parse(Data(skeletonJSON.stdout.utf8))))
        // A bad file is one line naming it.
        try "FunctionName: [unclosed\n".write(toFile: yamlFile, atomically: true, encoding: .utf8)
        let bad = await CommandRunner.run([
            "create", "--cli-input-yaml", yamlFile, "--dry-run", "--region", "us-east-1",
        ])
        #expect(
            bad.exitCode == 2 && bad.stderr.contains(yamlFile) && bad.stderr.split(separator: "\n").count == 1,
            "\(bad.stderr)")
    }
}
