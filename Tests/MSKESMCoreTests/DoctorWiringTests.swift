import Foundation
import Testing

@testable import MSKESMCore

/// The IAM and network checks inside the doctor: built from the snapshot, triggered, silent and skipped.
struct DoctorWiringTests {
    typealias Support = SnapshotTestSupport
    static let now = DoctorTests.now

    /// An example snapshot as a mutable JSON object.
    static func object(_ file: String) throws -> [String: Any] {
        let data = try Data(contentsOf: Support.examples.appendingPathComponent(file))
        return try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
    }

    static func run(_ object: [String: Any], checks: [any DoctorCheck] = DoctorCatalogue.checks) throws -> CheckReport<
        DoctorSummary
    > {
        let snapshot = try Snapshot.decode(JSONSerialization.data(withJSONObject: object), source: "t.json")
        return try Doctor(checks: checks).run(snapshot, at: now)
    }

    static func problems(_ report: CheckReport<DoctorSummary>, prefix: String) -> [Finding] {
        report.findings.filter { $0.code.hasPrefix(prefix) && [.fail, .warn, .skipped].contains($0.severity) }
    }

    // MARK: execution-role

    @Test(arguments: ["healthy-iam.json", "healthy-scram.json", "healthy-mtls.json", "healthy-self-managed.json"])
    func healthyExamplesPassEveryRequiredPermission(file: String) throws {
        let report = try Self.run(try Self.object(file), checks: [ExecutionRoleCheck()])
        #expect(report.findings.count >= 10, "every required permission is evaluated and shown")
        #expect(report.findings.allSatisfy { $0.severity == .pass }, "\(Self.problems(report, prefix: "IAM"))")
    }

    /// moto's IAM evaluator, an independent oracle, agrees with every pass and every missing Allow the doctor
    /// reports for the examples' roles (their policies use no conditions, NotResource or `?`).
    @Test(arguments: [
        "healthy-iam.json", "healthy-scram.json", "healthy-mtls.json", "healthy-self-managed.json",
        "broken-role-without-kafka-cluster.json", "broken-serverless-with-secret.json",
    ])
    func motoAgreesWithTheDecisionsOnTheExampleRoles(file: String) throws {
        guard IAMPythonOracle.isAvailable else { return }
        let object = try Self.object(file)
        let report = try Self.run(object, checks: [ExecutionRoleCheck()])
        struct Input: Encodable {
            var policies: [String]
            var pairs: [[String]]
        }
        let decided = report.findings.filter { $0.code != "IAM004" && ($0.severity == .pass || $0.severity == .fail) }
        let pairs = decided.compactMap { finding -> [String]? in
            guard let action = finding.evidence["actions"]?.arrayValue?.first?.stringValue,
                let resource = finding.evidence["resource"]?.stringValue
            else { return nil }
            return [action, resource]
        }
        #expect(pairs.count == decided.count && pairs.count >= 10)
        let documents = try (object["RolePolicies"] as? [[String: Any]] ?? []).map {
            String(decoding: try JSONSerialization.data(withJSONObject: $0["PolicyDocument"] as Any), as: UTF8.self)
        }
        let program = """
            import json, sys
            from moto.iam.access_control import IAMPolicy, PermissionResult
            data = json.load(sys.stdin)
            out = []
            for action, resource in data["pairs"]:
                results = [IAMPolicy(p).is_action_permitted(action, resource) for p in data["policies"]]
                out.append(PermissionResult.DENIED not in results and PermissionResult.PERMITTED in results)
            print(json.dumps(out))
            """
        let allowed = try IAMPythonOracle.run(program, input: Input(policies: documents, pairs: pairs), as: [Bool].self)
        for (finding, motoAllows) in zip(decided, allowed) {
            #expect((finding.severity == .pass) == motoAllows, "\(finding.title)")
        }
    }

    @Test func theScramExampleNeedsDecryptOnItsCustomerManagedKey() throws {
        var object = try Self.object("healthy-scram.json")
        let key = try #require((object["KmsKeys"] as? [String: Any])?.keys.first)
        let report = try Self.run(object, checks: [ExecutionRoleCheck()])
        #expect(
            report.findings.contains {
                $0.code == "IAM006" && $0.severity == .pass && $0.evidence["resource"] == .string(key)
            })
        // Without the kms:Decrypt statement the same key is IAM006.
        var policies = try #require(object["RolePolicies"] as? [[String: Any]])
        var document = try #require(policies[1]["PolicyDocument"] as? [String: Any])
        document["Statement"] = (document["Statement"] as? [[String: Any]])?.filter {
            ($0["Action"] as? String) != "kms:Decrypt"
        }
        policies[1]["PolicyDocument"] = document
        object["RolePolicies"] = policies
        let broken = try Self.run(object, checks: [ExecutionRoleCheck()])
        let finding = try #require(broken.findings.first { $0.code == "IAM006" })
        #expect(finding.severity == .fail)
        #expect(finding.fix.contains("kms:Decrypt") && finding.fix.contains(key))
        // An AWS-managed key needs no grant.
        var aws = object
        var keys = try #require(aws["KmsKeys"] as? [String: [String: [String: Any]]])
        keys[key]?["KeyMetadata"]?["KeyManager"] = "AWS"
        aws["KmsKeys"] = keys
        #expect(!(try Self.run(aws, checks: [ExecutionRoleCheck()])).findings.contains { $0.code == "IAM006" })
        // A key the snapshot does not describe is unknown, not a pass and not a failure.
        var undescribed = object
        undescribed["KmsKeys"] = nil
        undescribed["Errors"] = ["kms.DescribeKey": "AccessDeniedException: not authorized to perform kms:DescribeKey"]
        let unknown = try #require(
            try Self.run(undescribed, checks: [ExecutionRoleCheck()]).findings.first { $0.code == "IAM006" })
        #expect(unknown.severity == .skipped)
        #expect(unknown.detail.contains("kms.DescribeKey"))
    }

    @Test func theRoleWithoutKafkaClusterActionsFailsOnTheDataPlaneAndTheGroup() throws {
        let report = try Self.run(
            try Self.object("broken-role-without-kafka-cluster.json"), checks: [ExecutionRoleCheck()])
        let failing = report.findings.filter { $0.severity == .fail }
        let actions = Set(failing.compactMap { $0.evidence["actions"]?.arrayValue?.first?.stringValue })
        #expect(
            actions == [
                "kafka-cluster:Connect", "kafka-cluster:DescribeClusterDynamicConfiguration",
                "kafka-cluster:DescribeTopic", "kafka-cluster:ReadData", "kafka-cluster:DescribeGroup",
                "kafka-cluster:AlterGroup",
            ])
        // The group is the mapping's UUID (the example's ConsumerGroupId is the UUID, as AWS reports it).
        let group = try #require(failing.first { $0.code == "IAM005" })
        #expect(group.evidence["resource"]?.stringValue?.hasSuffix("/9c2e4a6b-1d3f-4e8a-b5c7-0f2d4b6e8a13") == true)
        #expect(group.detail.contains("UUID"))
    }

    @Test(arguments: [true, false])
    func policyDocumentsMayBeURLEncoded(encoded: Bool) throws {
        var object = try Self.object("healthy-iam.json")
        var policies = try #require(object["RolePolicies"] as? [[String: Any]])
        let document = try JSONSerialization.data(withJSONObject: policies[1]["PolicyDocument"] as Any)
        if encoded {
            policies[1]["PolicyDocument"] = String(decoding: document, as: UTF8.self)
                .addingPercentEncoding(withAllowedCharacters: .alphanumerics)
        }
        object["RolePolicies"] = policies
        let report = try Self.run(object, checks: [ExecutionRoleCheck()])
        #expect(report.verdict == .pass)
        #expect(
            report.findings.contains { $0.evidence["actions"] == ["kafka-cluster:ReadData"] && $0.severity == .pass })
    }

    @Test func aTrustPolicyForAnotherServiceIsIAM004() throws {
        var object = try Self.object("healthy-iam.json")
        var role = try #require(object["Role"] as? [String: [String: Any]])
        role["Role"]?["AssumeRolePolicyDocument"] = [
            "Version": "2012-10-17",
            "Statement": [
                ["Effect": "Allow", "Principal": ["Service": "ec2.amazonaws.com"], "Action": "sts:AssumeRole"]
            ],
        ]
        object["Role"] = role
        let finding = try #require(
            try Self.run(object, checks: [ExecutionRoleCheck()]).findings.first { $0.code == "IAM004" })
        #expect(finding.severity == .fail)
        #expect(finding.fix.contains("update-assume-role-policy --role-name orders-consumer-role"))
    }

    @Test func aBoundaryIsEvaluatedWhenPresentAndReportedUnknownWhenNot() throws {
        var object = try Self.object("healthy-iam.json")
        var role = try #require(object["Role"] as? [String: [String: Any]])
        let boundaryArn = "arn:aws:iam::123456789012:policy/team-boundary"
        role["Role"]?["PermissionsBoundary"] = [
            "PermissionsBoundaryType": "Policy", "PermissionsBoundaryArn": boundaryArn,
        ]
        object["Role"] = role
        object["Errors"] = ["iam.GetPolicyVersion": "AccessDenied: not authorized to perform iam:GetPolicyVersion"]
        let unknown = try Self.run(object, checks: [ExecutionRoleCheck()])
        let skipped = try #require(unknown.findings.first { $0.code == "IAM003" })
        #expect(skipped.severity == .skipped && skipped.detail.contains("iam.GetPolicyVersion"))
        // With the boundary (allowing only kafka:* and ec2:*), the logs and kafka-cluster actions are IAM003.
        object["Errors"] = nil
        object["PermissionsBoundary"] = [
            "PolicyDocument": [
                "Version": "2012-10-17",
                "Statement": [["Effect": "Allow", "Action": ["kafka:*", "ec2:*"], "Resource": "*"]],
            ]
        ]
        let bounded = try Self.run(object, checks: [ExecutionRoleCheck()])
        let blocked = bounded.findings.filter { $0.code == "IAM003" && $0.severity == .fail }
        #expect(blocked.count == 9, "3 logs + 6 kafka-cluster actions: \(blocked.map(\.title))")
        #expect(
            !bounded.findings.contains {
                $0.evidence["actions"]?.arrayValue?.first == "kafka:GetBootstrapBrokers" && $0.severity != .pass
            })
    }

    @Test func policiesThatCouldNotBeReadTurnAMissingAllowIntoSkipped() throws {
        var object = try Self.object("broken-role-without-kafka-cluster.json")
        object["Errors"] = ["iam.ListRolePolicies": "AccessDenied: not authorized to perform iam:ListRolePolicies"]
        let report = try Self.run(object, checks: [ExecutionRoleCheck()])
        #expect(!report.findings.contains { $0.severity == .fail })
        let skipped = report.findings.filter { $0.severity == .skipped }
        #expect(skipped.count == 6)
        #expect(skipped.allSatisfy { $0.detail.contains("iam.ListRolePolicies") })
    }

    @Test(
        arguments: [
            ("Role", "iam.GetRole", "AccessDenied: not authorized to perform iam:GetRole"),
            ("RolePolicies", "iam.ListAttachedRolePolicies", "AccessDenied: no"),
            ("Role", nil, nil),
        ] as [(String, String?, String?)])
    func withoutTheRoleOrItsPoliciesTheCheckIsSkippedNamingWhy(part: String, call: String?, message: String?) throws {
        var object = try Self.object("healthy-iam.json")
        object[part] = nil
        if let call, let message { object["Errors"] = [call: message] }
        let report = try Self.run(object)
        let skipped = try #require(report.findings.first { $0.evidence["check"] == "execution-role" })
        #expect(skipped.severity == .skipped && skipped.code == "IAM001")
        #expect(skipped.detail.contains(call ?? "not in the snapshot"))
        let ran = report.summary.checks
        #expect(!ran.isEmpty && !ran.contains("execution-role"))
    }

    @Test func aCrossAccountMappingNamesTheTargetClusterOfItsVpcConnection() throws {
        var object = try Self.object("healthy-iam.json")
        var esm = try #require(object["EventSourceMapping"] as? [String: Any])
        let target = "arn:aws:kafka:us-east-1:210987654321:cluster/shared/7e9a1c3b-5d7f-4a2c-9e4b-6d8f0a2c4e6a-3"
        esm["EventSourceArn"] = "arn:aws:kafka:us-east-1:123456789012:vpc-connection/210987654321/shared/ab12cd34"
        object["EventSourceMapping"] = esm
        object["VpcConnection"] = [
            "VpcConnectionArn": esm["EventSourceArn"] as Any, "TargetClusterArn": target, "State": "AVAILABLE",
            "Authentication": "SASL_IAM", "VpcId": "vpc-0a1b2c3d4e5f60718",
            "Subnets": ["subnet-0a11b22c33d44e551"], "SecurityGroups": ["sg-0c1d2e3f4a5b6c7d8"],
        ]
        let snapshot = try Snapshot.decode(JSONSerialization.data(withJSONObject: object), source: "t")
        let facts = try DoctorContext(snapshot: snapshot, now: Self.now).mappingPermissionContext()
        #expect(facts.context.clusterArn == target)
        let required = MappingPermissions.required(for: facts.context)
        #expect(required.map(\.resource).contains(target))
        // The connection itself is read with kafka:DescribeVpcConnection, and with nothing else.
        let connection = try #require(esm["EventSourceArn"] as? String)
        #expect(required.filter { $0.resource == connection }.map(\.actions) == [["kafka:DescribeVpcConnection"]])
        let inputs = try DoctorContext(snapshot: snapshot, now: Self.now).networkInputs()
        #expect(
            inputs.mappingGroupIds == ["sg-0c1d2e3f4a5b6c7d8"]
                && inputs.mappingSubnetIds == ["subnet-0a11b22c33d44e551"])
    }

    @Test func theSelfManagedExampleNeedsTheNetworkInterfaceActionsAndItsCustomGroupNoClusterActions() throws {
        let snapshot = try Snapshot.load(
            path: Support.examples.appendingPathComponent("healthy-self-managed.json").path)
        let facts = try DoctorContext(snapshot: snapshot, now: Self.now).mappingPermissionContext()
        #expect(facts.context.clusterArn == nil)
        #expect(facts.context.usesVpcAccessConfigs)
        #expect(facts.context.consumerGroup == "inventory-sync")
        #expect(facts.context.functionName == "inventory-sync")
        #expect(facts.context.account == "123456789012" && facts.context.region == "us-east-1")
        let actions = Set(MappingPermissions.required(for: facts.context).flatMap(\.actions))
        #expect(actions.isSuperset(of: MappingPermissions.networkInterfaceActions))
        #expect(!actions.contains { $0.hasPrefix("kafka") })
    }

    // MARK: network

    @Test(arguments: ["healthy-iam.json", "healthy-scram.json", "healthy-mtls.json", "healthy-self-managed.json"])
    func healthyExamplesPassEveryNetworkCheck(file: String) throws {
        let report = try Self.run(try Self.object(file), checks: [NetworkPathCheck()])
        let codes = Set(report.findings.map(\.code))
        #expect(codes.isSuperset(of: ["NET001", "NET002", "NET003", "NET004", "NET005", "NET008", "NET009"]))
        #expect(report.findings.allSatisfy { $0.severity == .pass }, "\(Self.problems(report, prefix: "NET"))")
    }

    @Test(arguments: [
        (
            "broken-sg-no-self-reference.json", "NET001",
            "authorize-security-group-ingress --group-id sg-0c1d2e3f4a5b6c7d8 --protocol tcp --port 9098 --source-group sg-0c1d2e3f4a5b6c7d8"
        ),
        ("broken-no-nat-no-endpoints.json", "NET004", "com.amazonaws.us-east-1.sts"),
    ])
    func brokenNetworkExamplesFailWithTheirFix(file: String, code: String, fix: String) throws {
        let report = try Self.run(try Self.object(file), checks: [NetworkPathCheck()])
        let failing = report.findings.filter { $0.severity == .fail }
        #expect(failing.map(\.code) == [code])
        #expect(failing.first?.fix.contains(fix) == true)
    }

    @Test func provisionedModeMakesAMissingLambdaAndSTSPathAWarning() throws {
        var object = try Self.object("broken-no-nat-no-endpoints.json")
        var esm = try #require(object["EventSourceMapping"] as? [String: Any])
        esm["ProvisionedPollerConfig"] = ["MinimumPollers": 1, "MaximumPollers": 3]
        object["EventSourceMapping"] = esm
        let finding = try #require(
            try Self.run(object, checks: [NetworkPathCheck()]).findings.first { $0.code == "NET004" })
        #expect(finding.severity == .warn)
    }

    @Test func aMissingEC2PartSkipsTheChecksThatReadItNamingTheErrorsEntry() throws {
        var object = try Self.object("healthy-iam.json")
        object["SecurityGroups"] = nil
        object["Errors"] = ["ec2.DescribeSecurityGroups": "UnauthorizedOperation: You are not authorized"]
        let report = try Self.run(object, checks: [NetworkPathCheck()])
        let skipped = report.findings.filter { $0.severity == .skipped }
        #expect(Set(skipped.map(\.code)) == ["NET001", "NET002", "NET003", "NET007"])
        for finding in skipped {
            #expect(finding.detail.contains("SecurityGroups could not be read: ec2.DescribeSecurityGroups"))
            #expect(finding.fix.contains("aws ec2 describe-security-groups"))
        }
        // Without an Errors entry the part is simply absent.
        object["Errors"] = nil
        let absent = try Self.run(object, checks: [NetworkPathCheck()])
        #expect(
            absent.findings.filter { $0.severity == .skipped }.allSatisfy {
                $0.detail.hasPrefix("SecurityGroups is not in the snapshot")
            })
        // The rest still runs.
        #expect(absent.findings.contains { $0.code == "NET004" && $0.severity == .pass })
    }

    @Test func withoutTheClusterTheNetworkCheckIsSkipped() throws {
        var object = try Self.object("healthy-iam.json")
        object["Cluster"] = nil
        object["Errors"] = ["kafka.DescribeClusterV2": "ForbiddenException: not authorized"]
        let report = try Self.run(object, checks: [NetworkPathCheck()])
        #expect(report.findings.count == 1)
        #expect(
            report.findings[0].severity == .skipped && report.findings[0].detail.contains("kafka.DescribeClusterV2"))
    }

    @Test(arguments: [true, false])
    func selfManagedVpcEntriesMayBePrefixedOrBare(prefixed: Bool) throws {
        var object = try Self.object("healthy-self-managed.json")
        var esm = try #require(object["EventSourceMapping"] as? [String: Any])
        if !prefixed {
            esm["SourceAccessConfigurations"] = (esm["SourceAccessConfigurations"] as? [[String: String]])?.map {
                entry in
                var bare = entry
                bare["URI"] = entry["URI"]?.replacingOccurrences(of: "security_group:", with: "")
                    .replacingOccurrences(of: "subnet:", with: "")
                return bare
            }
        }
        object["EventSourceMapping"] = esm
        let snapshot = try Snapshot.decode(JSONSerialization.data(withJSONObject: object), source: "t")
        let inputs = try DoctorContext(snapshot: snapshot, now: Self.now).networkInputs()
        #expect(inputs.mappingGroupIds == ["sg-0c1d2e3f4a5b6c7d8"])
        #expect(inputs.mappingSubnetIds == ["subnet-0a11b22c33d44e551", "subnet-0b22c33d44e55f662"])
        #expect(inputs.brokerPorts == [9096])
        #expect(inputs.usesSecretsManager && inputs.secretArn?.contains(":secret:kafka/inventory-consumer") == true)
        #expect(inputs.executionRoleArn == "arn:aws:iam::123456789012:role/inventory-sync-role")
        #expect(inputs.functionArn == "arn:aws:lambda:us-east-1:123456789012:function:inventory-sync")
        #expect(try Self.run(object, checks: [NetworkPathCheck()]).verdict == .pass)
    }

    /// The brokers' groups of self-managed Kafka are not in the snapshot: a missing inbound rule is an
    /// assumption, so a warning that names `--broker-group-id`, never a failure.
    @Test func aSelfManagedPortFailureSaysTheBrokersGroupsWereAssumed() throws {
        var object = try Self.object("healthy-self-managed.json")
        var groups = try #require(object["SecurityGroups"] as? [String: [[String: Any]]])
        groups["SecurityGroups"]?[0]["IpPermissions"] = [] as [Any]
        object["SecurityGroups"] = groups
        let report = try Self.run(object, checks: [NetworkPathCheck()])
        let finding = try #require(report.findings.first { $0.code == "NET001" })
        #expect(finding.severity == .warn)
        #expect(finding.detail.contains("--broker-group-id") && finding.fix.contains("--broker-group-id"))
    }

    @Test func selfManagedKafkaOutsideAVpcHasNoVpcChecks() throws {
        var object = try Self.object("healthy-self-managed.json")
        var esm = try #require(object["EventSourceMapping"] as? [String: Any])
        esm["SourceAccessConfigurations"] = (esm["SourceAccessConfigurations"] as? [[String: String]])?.filter {
            !($0["Type"] ?? "").hasPrefix("VPC_")
        }
        object["EventSourceMapping"] = esm
        let report = try Self.run(object, checks: [NetworkPathCheck()])
        #expect(report.findings.map(\.severity) == [.info])
    }

    @Test func serverlessListensOn9098EvenWhenNoMethodWorks() throws {
        let snapshot = try Snapshot.load(
            path: Support.examples.appendingPathComponent("broken-serverless-with-secret.json").path)
        let context = DoctorContext(snapshot: snapshot, now: Self.now)
        #expect(context.brokerChoice?.port == nil)
        #expect(try context.networkInputs().brokerPorts == [9098])
    }

    @Test(arguments: [
        ("broken-sg-no-self-reference.json", "NET001"), ("broken-role-without-kafka-cluster.json", "IAM001"),
    ])
    func theProcessingResultPointsAtTheCauseFoundInTheSameReport(file: String, code: String) throws {
        let report = try Self.run(try Self.object(file))
        let map011 = try #require(report.findings.first { $0.code == "MAP011" })
        #expect(map011.evidence["foundCodes"]?.arrayValue?.contains(.string(code)) == true)
    }

    // MARK: no internal section references in what users read

    static let sourcesRoot = Support.repositoryRoot.appendingPathComponent("Sources")

    @Test func noRenderedFindingOfTheExamplesCitesSPEC() throws {
        var texts: [String] = FindingCatalogue.all.map(\.meaning)
        let snapshots = try FileManager.default.contentsOfDirectory(atPath: Support.examples.path).filter {
            $0.hasSuffix(".json")
        }
        for file in snapshots {
            let report = try Doctor().run(
                try Snapshot.load(path: Support.examples.appendingPathComponent(file).path), at: Self.now)
            texts += report.findings.flatMap { [$0.title, $0.detail, $0.fix] }
        }
        // Every example secret, and every fixture key in an mTLS secret (with and without its password).
        let secrets = Support.repositoryRoot.appendingPathComponent("Examples/secrets")
        for file in try FileManager.default.contentsOfDirectory(atPath: secrets.path) where file.hasSuffix(".json") {
            let text = try String(contentsOf: secrets.appendingPathComponent(file), encoding: .utf8)
            let input = try SecretInput.parse(text, label: file)
            for target in [SecretTarget.msk, .selfManaged] {
                let report = SecretValidator(options: .init(target: target, now: Self.now)).validate(input)
                texts += report.findings.flatMap { [$0.title, $0.detail, $0.fix] }
            }
        }
        let keys = try SecretFixtures.directory().appendingPathComponent("keys")
        for file in try FileManager.default.contentsOfDirectory(atPath: keys.path) where file.hasSuffix(".pem") {
            for password in [SecretFixtures.password, nil] {
                let json = try SecretFixtures.mtlsJSON(
                    chain: SecretFixtures.chain("ec").reversed(), key: "keys/" + file, password: password)
                let report = SecretValidator(options: .init(now: Self.now)).validate(
                    try SecretInput.parse(json, label: file))
                texts += report.findings.flatMap { [$0.title, $0.detail, $0.fix] }
            }
        }
        for sasl in [#"{"username":"u"}"#, #"{"username":"u","password":"a/b\"c"}"#, #"{"certificate":"x"}"#] {
            let report = SecretValidator(options: .init(now: Self.now)).validate(
                try SecretInput.parse(sasl, label: "s"))
            texts += report.findings.flatMap { [$0.title, $0.detail, $0.fix] }
        }
        #expect(texts.count > 300)
        let citing = texts.filter { $0.contains("SPEC §") }
        #expect(citing.isEmpty, "\(citing.prefix(3))")
    }

    /// The source scan catches texts no example renders: outside `//` comments no line names a SPEC section.
    @Test func noStringInTheSourcesCitesSPEC() throws {
        let enumerator = try #require(FileManager.default.enumerator(atPath: Self.sourcesRoot.path))
        var offending: [String] = []
        var scanned = 0
        while let path = enumerator.nextObject() as? String {
            guard path.hasSuffix(".swift") else { continue }
            scanned += 1
            let text = try String(contentsOf: Self.sourcesRoot.appendingPathComponent(path), encoding: .utf8)
            for (number, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let code = line.trimmingCharacters(in: .whitespaces)
                if code.hasPrefix("//") { continue }
                let beforeComment = code.range(of: " // ").map { String(code[..<$0.lowerBound]) } ?? code
                if beforeComment.contains("SPEC §") { offending.append("\(path):\(number + 1)") }
            }
        }
        #expect(scanned > 50)
        #expect(offending.isEmpty, "\(offending)")
    }
}
