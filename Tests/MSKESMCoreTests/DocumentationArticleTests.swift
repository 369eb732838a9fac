import Foundation
import MSKESMCore
import Testing

/// The code of the DocC catalogue (Sources/MSKESMCore/MSKESMCore.docc), compiled and run here against the
/// repository's examples. Each ```swift block of an article is a region of this file, between
/// `// article: NAME begin` and `// article: NAME end` (NAME is the article's file name without `.md`), in the
/// article's order; ``DocumentationArticleTests/everyCodeBlockIsARegionOfThisFile()`` holds the two equal, so
/// that an article cannot show code that does not compile or does not do what its text says.
///
/// The import above is a plain one, not `@testable`: the articles are written for users of the library.
@Suite struct DocumentationArticleTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
    static let catalogue = repositoryRoot.appendingPathComponent("Sources/MSKESMCore/MSKESMCore.docc")
    /// After the example certificates' notBefore (Examples/secrets/make-examples.sh), long before their notAfter.
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    static func example(_ path: String) -> String {
        repositoryRoot.appendingPathComponent("Examples").appendingPathComponent(path).path
    }

    // MARK: - MSKESMCore (the overview)

    @Test func overview() throws {
        let path = Self.example("snapshots/broken-function-timeout-900.json")
        // article: MSKESMCore begin
        let report = try Doctor().run(Snapshot.load(path: path), at: Date())
        // article: MSKESMCore end
        #expect(report.verdict == .fail)
        #expect(report.findings.first?.code == "MAP001")
    }

    // MARK: - Diagnose a snapshot

    // article: DiagnoseASnapshot begin
    /// The doctor's report on the mapping a snapshot file describes.
    func diagnose(snapshotAt path: String, now: Date = Date()) throws -> CheckReport<DoctorSummary> {
        let snapshot = try Snapshot.load(path: path)
        return try Doctor().run(snapshot, at: now)
    }
    // article: DiagnoseASnapshot end

    @Test func diagnoseASnapshotWithAProblem() throws {
        let path = Self.example("snapshots/broken-function-timeout-900.json")
        // article: DiagnoseASnapshot begin
        let report = try diagnose(snapshotAt: path)
        let problems = report.findings.filter { $0.severity == .fail || $0.severity == .warn }
        let fixes = problems.map { "\($0.code) \($0.title): \($0.fix)" }
        let connection = "\(report.summary.method?.rawValue ?? "no method") on port \(report.summary.port ?? 0)"
        // article: DiagnoseASnapshot end
        #expect(connection == "iam on port 9098")
        #expect(report.summary.checks.contains("function-timeout"))
        #expect(report.verdict == .fail)
        #expect(problems.map(\.code) == ["MAP001"])
        #expect(
            fixes == [
                "MAP001 function timeout 900 s exceeds 840 s: "
                    + "aws lambda update-function-configuration --function-name orders-consumer --timeout 840"
            ])
        #expect(report.isFailing(strict: false))
    }

    @Test func diagnoseASnapshotWithSkippedChecks() throws {
        let path = Self.example("snapshots/partial-access-denied.json")
        let report = try diagnose(snapshotAt: path, now: Self.now)
        // article: DiagnoseASnapshot begin
        let skipped = report.findings.filter { $0.severity == .skipped }
        let notChecked = skipped.map { "\($0.title): \($0.fix)" }
        let failsStrictly = report.isFailing(strict: true)
        // article: DiagnoseASnapshot end
        #expect(report.verdict == .warn)
        #expect(skipped.map(\.code) == ["IAM001", "MAP015"])
        #expect(notChecked.first?.hasPrefix("execution-role needs Role, RolePolicies: add the part") == true)
        #expect(failsStrictly)
        #expect(!report.isFailing(strict: false))
    }

    @Test func diagnoseAFileThatIsNotASnapshot() throws {
        let path = Self.example("secrets/scram-good.json")
        // article: DiagnoseASnapshot begin
        var reason: String?
        var code: ToolError.Code?
        do {
            _ = try diagnose(snapshotAt: path)
        } catch let error as ToolError {
            reason = error.description
            code = error.code
        }
        // article: DiagnoseASnapshot end
        #expect(code == .inputShape)
        let line = try #require(reason)
        #expect(line.contains(path))
        #expect(!line.contains("\n"))
    }

    // MARK: - Validate a secret

    // article: ValidateASecret begin
    /// The report on a secret file, under Amazon MSK's rules: a JSON document as Secrets Manager stores
    /// it, or a PEM file.
    func validateSecret(inFile path: String, now: Date = Date()) throws -> CheckReport<SecretSummary> {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let input = try SecretInput.parse(text, label: path)
        let options = SecretValidationOptions(target: .msk, now: now)
        return SecretValidator(options: options).validate(input)
    }
    // article: ValidateASecret end

    @Test func validateAGoodSecret() throws {
        let report = try validateSecret(inFile: Self.example("secrets/mtls-good.json"), now: Self.now)
        #expect(report.verdict == .pass)
        #expect(report.findings.allSatisfy { $0.severity == .pass || $0.severity == .info })
    }

    @Test func validateASecretLambdaRejects() throws {
        let path = Self.example("secrets/mtls-pbes2-key.json")
        // article: ValidateASecret begin
        let report = try validateSecret(inFile: path)
        let failures = report.findings.filter { $0.severity == .fail }
        // article: ValidateASecret end
        #expect(report.verdict == .fail)
        #expect(failures.contains { $0.code == "SEC009" })
        #expect(failures.allSatisfy { !$0.fix.isEmpty })
        // The article's call judges the certificate today; at a fixed instant SEC009 is the only failure.
        let pinned = try validateSecret(inFile: path, now: Self.now).findings.filter { $0.severity == .fail }
        #expect(pinned.map(\.code) == ["SEC009"])
        #expect(pinned.first?.fix.contains("openssl pkcs8 -topk8 -v1 PBE-SHA1-3DES") == true)
        // What the report says never holds the key's password (Examples/secrets/make-examples.sh).
        let text = try String(data: JSONEncoder().encode(report), encoding: .utf8) ?? ""
        #expect(!text.contains("example-only-password"))
        #expect(!text.contains("PRIVATE KEY-----"))
    }

    @Test(arguments: [("scram-good.json", Verdict.pass, [String]()), ("scram-bad-characters.json", .warn, ["SEC018"])])
    func validateAScramSecretWithItsName(file: String, verdict: Verdict, problems: [String]) throws {
        let path = Self.example("secrets/\(file)")
        // article: ValidateASecret begin
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let options = SecretValidationOptions(type: .scram, target: .msk, secretName: "AmazonMSK_orders-consumer")
        let report = SecretValidator(options: options).validate(try SecretInput.parse(text, label: path))
        // article: ValidateASecret end
        #expect(report.verdict == verdict)
        #expect(report.findings.filter { $0.severity != .pass && $0.severity != .info }.map(\.code) == problems)
        #expect(report.findings.contains { $0.code == "SEC016" && $0.severity == .pass })
    }

    // MARK: - Evaluate a policy

    static let clusterArn =
        "arn:aws:kafka:us-east-1:123456789012:cluster/orders-prod/5a7c1e3b-9d2f-4b8a-a1c6-3e8f0d2b7c49-2"
    static let topicArn =
        "arn:aws:kafka:us-east-1:123456789012:topic/orders-prod/5a7c1e3b-9d2f-4b8a-a1c6-3e8f0d2b7c49-2/orders.v1"
    static let groupArn =
        "arn:aws:kafka:us-east-1:123456789012:group/orders-prod/5a7c1e3b-9d2f-4b8a-a1c6-3e8f0d2b7c49-2/orders-consumer"

    // article: EvaluateAPolicy begin
    /// An identity policy that lets a consumer connect to the `orders-prod` cluster and read `orders.v1`.
    func ordersConsumerPolicy() throws -> PolicyDocument {
        try PolicyDocumentReader.read(
            text: """
                {
                  "Version": "2012-10-17",
                  "Statement": [{
                    "Sid": "ConsumeOrders",
                    "Effect": "Allow",
                    "Action": ["kafka-cluster:Connect", "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData"],
                    "Resource": [
                      "arn:aws:kafka:us-east-1:123456789012:cluster/orders-prod/*",
                      "arn:aws:kafka:us-east-1:123456789012:topic/orders-prod/*/orders.v1"
                    ]
                  }]
                }
                """,
            source: "orders-consumer-policy.json")
    }
    // article: EvaluateAPolicy end

    @Test func evaluateOneAction() throws {
        let topicArn = Self.topicArn
        // article: EvaluateAPolicy begin
        let evaluator = PolicyEvaluator(policies: [try ordersConsumerPolicy()])
        let evaluation = evaluator.evaluate(action: "kafka-cluster:ReadData", resource: topicArn)
        // evaluation.decision is .allowed, by the statement "ConsumeOrders"
        // article: EvaluateAPolicy end
        #expect(evaluation.decision == .allowed)
        #expect(evaluation.statements.map(\.sid) == ["ConsumeOrders"])
        #expect(evaluator.evaluate(action: "kafka-cluster:WriteData", resource: topicArn).decision == .implicitDeny)
    }

    @Test func evaluateWithRequestContext() throws {
        let topicArn = Self.topicArn
        // article: EvaluateAPolicy begin
        let secureOnly = try PolicyDocumentReader.read(
            text: """
                {
                  "Version": "2012-10-17",
                  "Statement": [{
                    "Effect": "Allow",
                    "Action": "kafka-cluster:ReadData",
                    "Resource": "*",
                    "Condition": {"Bool": {"aws:SecureTransport": "true"}}
                  }]
                }
                """,
            source: "secure-only.json")
        let evaluator = PolicyEvaluator(policies: [secureOnly])
        let unknown = evaluator.evaluate(action: "kafka-cluster:ReadData", resource: topicArn)
        // unknown.decision is .conditional; unknown.dependsOn is ["aws:SecureTransport"]

        var context = RequestContext()
        context.add("aws:SecureTransport", "true")
        let known = evaluator.evaluate(action: "kafka-cluster:ReadData", resource: topicArn, context: context)
        // known.decision is .allowed
        // article: EvaluateAPolicy end
        #expect(unknown.decision == .conditional)
        #expect(unknown.dependsOn == ["aws:SecureTransport"])
        #expect(known.decision == .allowed)
    }

    @Test func simulateSeveralActions() throws {
        let (clusterArn, groupArn) = (Self.clusterArn, Self.groupArn)
        // article: EvaluateAPolicy begin
        let simulation = PolicySimulation(
            evaluator: PolicyEvaluator(policies: [try ordersConsumerPolicy()]),
            actions: ["kafka-cluster:Connect", "kafka-cluster:DescribeGroup", "kafka-cluster:AlterGroup"],
            resources: [clusterArn, groupArn])
        let report = simulation.report()
        let denied = report.findings.filter { $0.severity == .fail }
        // article: EvaluateAPolicy end
        #expect(report.verdict == .fail)
        #expect(report.findings.count == 6)
        // Connect is allowed on the cluster only; no statement names a group.
        #expect(denied.count == 5)
        #expect(denied.allSatisfy { $0.code == "IAM001" && $0.fix.hasPrefix("add the statement") })
        let allowed = report.findings.filter { $0.severity == .pass }.map(\.title)
        #expect(allowed == ["kafka-cluster:Connect on \(clusterArn): allowed"])
    }

    @Test func checkTheExecutionRoleOfASnapshot() throws {
        let path = Self.example("snapshots/broken-role-without-kafka-cluster.json")
        // article: EvaluateAPolicy begin
        let snapshot = try Snapshot.load(path: path)
        let report = try Doctor(checks: [ExecutionRoleCheck()]).run(snapshot, at: Date())
        let missing = report.findings.filter { $0.severity == .fail }
        // article: EvaluateAPolicy end
        #expect(report.verdict == .fail)
        #expect(missing.map(\.code) == ["IAM001", "IAM001", "IAM001", "IAM001", "IAM005", "IAM005"])
        #expect(missing.allSatisfy { $0.fix.hasPrefix("aws iam put-role-policy --role-name orders-consumer-role") })
    }

    // MARK: - Write your own check

    // article: WriteYourOwnCheck begin
    /// A team rule: a Kafka consumer function gets at least `minimumMegabytes` of memory.
    struct MinimumMemoryCheck: DoctorCheck {
        static let code = FindingCode("ORG001", "the function has less memory than the team's minimum")
        var minimumMegabytes = 1024

        let name = "minimum-memory"
        var codes: [FindingCode] { [Self.code] }

        func requiredParts(in snapshot: Snapshot) -> [SnapshotPart] { [.function] }

        func run(_ context: DoctorContext) throws -> [Finding] {
            guard let function = context.snapshot.function, let memory = function.memorySize else { return [] }
            let evidence: [String: JSONValue] = [
                "memorySize": .number(Double(memory)), "minimum": .number(Double(minimumMegabytes)),
            ]
            if memory >= minimumMegabytes {
                return [
                    Finding(
                        code: Self.code, severity: .pass, title: "the function has \(memory) MB",
                        evidence: evidence)
                ]
            }
            let functionName = function.functionName ?? "FUNCTION"
            return [
                Finding(
                    code: Self.code, severity: .warn,
                    title: "the function has \(memory) MB, under the team's minimum of \(minimumMegabytes) MB",
                    detail: "Consumers get at least \(minimumMegabytes) MB so that a full batch fits in memory.",
                    fix: "aws lambda update-function-configuration --function-name \(functionName) "
                        + "--memory-size \(minimumMegabytes)",
                    evidence: evidence)
            ]
        }
    }
    // article: WriteYourOwnCheck end

    @Test func runYourOwnCheckWithTheCatalogue() throws {
        let path = Self.example("snapshots/healthy-iam.json")
        // article: WriteYourOwnCheck begin
        let doctor = Doctor(checks: DoctorCatalogue.checks + [MinimumMemoryCheck()])
        let report = try doctor.run(Snapshot.load(path: path), at: Date())
        let memory = report.findings.filter { $0.code == MinimumMemoryCheck.code.code }
        // article: WriteYourOwnCheck end
        #expect(report.verdict == .warn)
        #expect(memory.map(\.severity) == [.warn])
        #expect(
            memory.first?.fix
                == "aws lambda update-function-configuration --function-name orders-consumer --memory-size 1024")
        #expect(report.findings.filter { $0.severity == .warn || $0.severity == .fail }.count == 1)
    }

    @Test func testYourOwnCheckAlone() throws {
        let path = Self.example("snapshots/healthy-iam.json")
        // article: WriteYourOwnCheck begin
        var snapshot = try Snapshot.load(path: path)
        snapshot.function?.memorySize = 2048
        let findings = try MinimumMemoryCheck().run(DoctorContext(snapshot: snapshot, now: Date()))
        // findings is one pass: "the function has 2048 MB"
        // article: WriteYourOwnCheck end
        #expect(findings.map(\.severity) == [.pass])
        #expect(findings.first?.title == "the function has 2048 MB")
    }

    @Test func yourOwnCheckIsSkippedWithoutThePartsItNeeds() throws {
        var snapshot = try Snapshot.load(path: Self.example("snapshots/healthy-iam.json"))
        snapshot.function = nil
        let report = try Doctor(checks: [MinimumMemoryCheck()]).run(snapshot, at: Self.now)
        #expect(report.findings.map(\.code) == ["ORG001"])
        #expect(report.findings.map(\.severity) == [.skipped])
        #expect(report.findings.first?.title == "minimum-memory needs Function")
    }

    // MARK: - The articles show exactly this file's code

    /// The ```swift blocks of an article, in order, each without its common indentation.
    static func codeBlocks(ofArticle text: String) -> [[String]] {
        var blocks: [[String]] = []
        var current: [String]?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            if current == nil, trimmed == "```swift" {
                current = []
            } else if current != nil, trimmed == "```" {
                blocks.append(dedented(current ?? []))
                current = nil
            } else {
                current?.append(line)
            }
        }
        return blocks
    }

    /// The regions of this file, by article name, in the file's order, each without its common indentation.
    static func regions(ofSource text: String) throws -> [String: [[String]]] {
        var regions: [String: [[String]]] = [:]
        var open: (name: String, lines: [String])?
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard trimmed.hasPrefix("// article: ") else {
                open?.lines.append(line)
                continue
            }
            let words = trimmed.dropFirst("// article: ".count).split(separator: " ").map(String.init)
            try #require(words.count == 2, "a marker is // article: NAME begin|end: \(trimmed)")
            if words[1] == "begin" {
                try #require(open == nil, "region \(words[0]) begins inside region \(open?.name ?? "")")
                open = (words[0], [])
            } else {
                let region = try #require(open, "region \(words[0]) ends without a begin")
                try #require(region.name == words[0] && words[1] == "end", "\(trimmed) closes region \(region.name)")
                regions[region.name, default: []].append(dedented(region.lines))
                open = nil
            }
        }
        try #require(open == nil, "region \(open?.name ?? "") never ends")
        return regions
    }

    static func dedented(_ lines: [String]) -> [String] {
        var lines = lines.map { $0.replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression) }
        while lines.first?.isEmpty == true { lines.removeFirst() }
        while lines.last?.isEmpty == true { lines.removeLast() }
        let indent = lines.filter { !$0.isEmpty }.map { $0.prefix(while: { $0 == " " }).count }.min() ?? 0
        return lines.map { $0.isEmpty ? $0 : String($0.dropFirst(indent)) }
    }

    static func articles() throws -> [String: String] {
        let names = try FileManager.default.contentsOfDirectory(atPath: catalogue.path).filter { $0.hasSuffix(".md") }
        var articles: [String: String] = [:]
        for name in names {
            articles[String(name.dropLast(3))] = try String(
                contentsOf: catalogue.appendingPathComponent(name), encoding: .utf8)
        }
        return articles
    }

    @Test func theCatalogueHasTheOverviewAndItsFourArticles() throws {
        let names = Set(try Self.articles().keys)
        #expect(
            names.isSuperset(of: [
                "MSKESMCore", "DiagnoseASnapshot", "ValidateASecret", "EvaluateAPolicy", "WriteYourOwnCheck",
            ]))
    }

    @Test func everyCodeBlockIsARegionOfThisFile() throws {
        let source = try String(contentsOfFile: #filePath, encoding: .utf8)
        let regions = try Self.regions(ofSource: source)
        let articles = try Self.articles()
        for (name, text) in articles.sorted(by: { $0.key < $1.key }) {
            let blocks = Self.codeBlocks(ofArticle: text)
            #expect(!blocks.isEmpty, "\(name).md has no ```swift block")
            let compiled = regions[name] ?? []
            #expect(
                blocks.count == compiled.count,
                "\(name).md has \(blocks.count) swift blocks, this file \(compiled.count) regions for it")
            for (index, (block, region)) in zip(blocks, compiled).enumerated() where block != region {
                Issue.record(
                    """
                    \(name).md's swift block \(index + 1) is not the code this file compiles; the article shows:
                    \(block.joined(separator: "\n"))
                    this file has:
                    \(region.joined(separator: "\n"))
                    """)
            }
        }
        #expect(Set(regions.keys).subtracting(articles.keys).isEmpty, "regions for no article")
        // An article's other code (```json, ```bash, ``` …) is not compiled: only swift blocks count, so a
        // block marked otherwise must not be Swift in disguise.
        for (name, text) in articles {
            #expect(!text.contains("```Swift"), "\(name).md: write ```swift, lower case")
        }
    }

    @Test func theMarkersAreReadAsWritten() throws {
        let article = "Text\n\n```swift\n    let a = 1\n      b()\n```\n\n```json\n{}\n```\n"
        #expect(Self.codeBlocks(ofArticle: article) == [["let a = 1", "  b()"]])
        let source =
            "x\n    // article: A begin\n        let a = 1\n    // article: A end\n"
            + "// article: A begin\nf()\n// article: A end\n"
        #expect(try Self.regions(ofSource: source) == ["A": [["let a = 1"], ["f()"]]])
    }
}
