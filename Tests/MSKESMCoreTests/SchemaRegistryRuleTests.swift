import Foundation
import Testing

@testable import MSKESMCore

/// REG001–REG007 and the registry's secrets: each rule with a case that breaks it and one that passes, through
/// the doctor (the same checks the create/update preflight runs).
@Suite struct SchemaRegistryRuleTests {
    static let now = Date(timeIntervalSince1970: 1_796_000_000)
    static let glueArn = "arn:aws:glue:us-east-1:123456789012:registry/orders-schemas"
    static let basicSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry-basic-AbCdEf"
    static let caSecret = "arn:aws:secretsmanager:us-east-1:123456789012:secret:registry-ca-AbCdEf"
    static var pollers: [String: Any] { ["MinimumPollers": 1, "MaximumPollers": 2] }

    /// An example snapshot with `registry` as the MSK mapping's SchemaRegistryConfig, in provisioned mode
    /// unless told otherwise; `change` edits the document before it is read.
    static func snapshot(
        _ example: String = "healthy-iam.json", registry: [String: Any]?, provisioned: Bool = true,
        change: (inout [String: Any]) -> Void = { _ in }
    ) throws -> Snapshot {
        let url = SnapshotTestSupport.examples.appendingPathComponent(example)
        var document = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: url)) as? [String: Any])
        var mapping = try #require(document["EventSourceMapping"] as? [String: Any])
        let key =
            mapping["EventSourceArn"] == nil
            ? "SelfManagedKafkaEventSourceConfig" : "AmazonManagedKafkaEventSourceConfig"
        if let registry {
            var config = mapping[key] as? [String: Any] ?? [:]
            config["SchemaRegistryConfig"] = registry
            mapping[key] = config
        }
        if provisioned { mapping["ProvisionedPollerConfig"] = pollers }
        document["EventSourceMapping"] = mapping
        change(&document)
        return try Snapshot.decode(JSONSerialization.data(withJSONObject: document), source: example)
    }

    static func glue(_ extra: [String: Any] = [:]) -> [String: Any] {
        var registry: [String: Any] = [
            "SchemaRegistryURI": glueArn, "EventRecordFormat": "JSON",
            "SchemaValidationConfigs": [["Attribute": "VALUE"]],
        ]
        registry.merge(extra) { $1 }
        return registry
    }

    static func confluent(
        url: String = "https://psrc-abc12.us-east-1.aws.confluent.cloud", _ extra: [String: Any] = [:]
    )
        -> [String: Any]
    {
        var registry: [String: Any] = [
            "SchemaRegistryURI": url, "EventRecordFormat": "SOURCE",
            "SchemaValidationConfigs": [["Attribute": "KEY"], ["Attribute": "VALUE"]],
            "AccessConfigs": [["Type": "BASIC_AUTH", "URI": basicSecret]],
        ]
        registry.merge(extra) { $1 }
        return registry
    }

    static func findings(_ snapshot: Snapshot, _ code: FindingCode) throws -> [Finding] {
        try Doctor().run(snapshot, at: now).findings.filter { $0.code == code.code }
    }

    static func severities(_ snapshot: Snapshot, _ code: FindingCode) throws -> [Severity] {
        try findings(snapshot, code).map(\.severity)
    }

    @Test func aMappingWithoutARegistryHasNoRegistryFinding() throws {
        let report = try Doctor().run(try Self.snapshot(registry: nil), at: Self.now)
        #expect(report.findings.allSatisfy { !$0.code.hasPrefix("REG") })
        #expect(report.summary.checks.contains("schema-registry"))
    }

    @Test func theCheckIsInTheCreateAndUpdatePreflight() {
        #expect(Doctor.preflight.checks.contains { $0.name == "schema-registry" })
        #expect(Doctor.preflight.checks.contains { $0.name == "execution-role" && $0.codes.contains(.reg005) })
    }

    @Test func aRegistryNeedsProvisionedMode() throws {
        #expect(try Self.severities(Self.snapshot(registry: Self.glue(), provisioned: false), .reg001) == [.fail])
        #expect(try Self.severities(Self.snapshot(registry: Self.glue()), .reg001) == [.pass])
        let fix = try Self.findings(Self.snapshot(registry: Self.glue(), provisioned: false), .reg001).first?.fix
        #expect(fix?.contains("--pollers") == true)
    }

    @Test(arguments: [
        ("", Severity.fail), ("http://registry.example.com:8081", .fail), ("registry.example.com", .fail),
        ("arn:aws:glue:us-east-1:123456789012:schema/orders-schemas/orders", .fail),
        ("arn:aws:glue:us-east-1:123456789012:registry/", .fail), ("https://", .fail),
        ("arn:aws:glue:us-east-1:123456789012:registry/orders-schemas", .pass),
        ("https://registry.example.com:8081", .pass), ("HTTPS://psrc-abc12.us-east-1.aws.confluent.cloud", .pass),
    ])
    func theURIIsAGlueRegistryARNOrAnHTTPSURL(uri: String, severity: Severity) throws {
        let snapshot = try Self.snapshot(registry: Self.glue(["SchemaRegistryURI": uri]))
        #expect(try Self.severities(snapshot, .reg002) == [severity])
    }

    @Test func aGlueRegistryTakesNoAccessConfigs() throws {
        let withAuth = Self.glue(["AccessConfigs": [["Type": "BASIC_AUTH", "URI": Self.basicSecret]]])
        #expect(try Self.severities(Self.snapshot(registry: withAuth), .reg003) == [.fail])
        #expect(try Self.severities(Self.snapshot(registry: Self.glue()), .reg003) == [.pass])
    }

    @Test(arguments: [
        [["Type": "BASIC_AUTH", "URI": basicSecret], ["Type": "SERVER_ROOT_CA_CERTIFICATE", "URI": caSecret]],
        [["Type": "CLIENT_CERTIFICATE_TLS_AUTH", "URI": basicSecret]],
        [],
    ])
    func confluentAccessConfigsThatFit(_ entries: [[String: String]]) throws {
        let snapshot = try Self.snapshot(registry: Self.confluent(["AccessConfigs": entries]))
        #expect(try Self.severities(snapshot, .reg003) == [.pass])
    }

    @Test(arguments: [
        // Two authentication methods, or one type twice: inferred from the two-entry maximum, so a warning.
        [["Type": "BASIC_AUTH", "URI": basicSecret], ["Type": "CLIENT_CERTIFICATE_TLS_AUTH", "URI": caSecret]],
        [["Type": "BASIC_AUTH", "URI": basicSecret], ["Type": "BASIC_AUTH", "URI": caSecret]],
    ])
    func confluentAccessConfigsThatLikelyDoNotFit(_ entries: [[String: String]]) throws {
        let snapshot = try Self.snapshot(registry: Self.confluent(["AccessConfigs": entries]))
        #expect(try Self.severities(snapshot, .reg003) == [.warn])
    }

    @Test(arguments: [
        // More than two.
        [
            ["Type": "BASIC_AUTH", "URI": basicSecret], ["Type": "SERVER_ROOT_CA_CERTIFICATE", "URI": caSecret],
            ["Type": "SERVER_ROOT_CA_CERTIFICATE", "URI": caSecret],
        ],
        // Not a registry access type.
        [["Type": "SASL_SCRAM_512_AUTH", "URI": basicSecret]],
        // Not a secret ARN.
        [["Type": "BASIC_AUTH", "URI": "arn:aws:kms:us-east-1:123456789012:key/1"]],
    ])
    func confluentAccessConfigsThatDoNotFit(_ entries: [[String: String]]) throws {
        let snapshot = try Self.snapshot(registry: Self.confluent(["AccessConfigs": entries]))
        let found = try Self.findings(snapshot, .reg003)
        #expect(found.map(\.severity) == [.fail])
        #expect(found.first?.fix.isEmpty == false)
    }

    @Test(
        arguments: [
            ("JSON", ["VALUE"], Severity.pass), ("SOURCE", ["KEY", "VALUE"], .pass),
            (nil, ["VALUE"], .warn), ("JSON", [], .warn), ("AVRO", ["VALUE"], .fail),
            ("JSON", ["VALUE", "VALUE"], .fail),
            ("JSON", ["HEADERS"], .fail),
        ] as [(String?, [String], Severity)])
    func recordFormatAndValidation(format: String?, attributes: [String], severity: Severity) throws {
        var registry = Self.glue(["SchemaValidationConfigs": attributes.map { ["Attribute": $0] }])
        registry["EventRecordFormat"] = format
        #expect(try Self.severities(Self.snapshot(registry: registry), .reg004) == [severity])
    }

    @Test func repeatedTypesAndAttributesAreNamedInSortedOrder() throws {
        // Each repeated name appears once, in sorted order, so two runs over the same mapping say the same thing.
        let entries = [
            ["Type": "SERVER_ROOT_CA_CERTIFICATE", "URI": Self.caSecret],
            ["Type": "BASIC_AUTH", "URI": Self.basicSecret],
            ["Type": "SERVER_ROOT_CA_CERTIFICATE", "URI": Self.caSecret],
            ["Type": "BASIC_AUTH", "URI": Self.basicSecret],
        ]
        let access = try Self.findings(Self.snapshot(registry: Self.confluent(["AccessConfigs": entries])), .reg003)
        let detail = try #require(access.first?.detail)
        let basic = try #require(detail.range(of: "BASIC_AUTH is given more than once"))
        let rootCA = try #require(detail.range(of: "SERVER_ROOT_CA_CERTIFICATE is given more than once"))
        #expect(basic.lowerBound < rootCA.lowerBound)
        let attributes = ["VALUE", "KEY", "VALUE", "KEY"].map { ["Attribute": $0] }
        let format = try Self.findings(
            Self.snapshot(registry: Self.glue(["SchemaValidationConfigs": attributes])), .reg004)
        let formatDetail = try #require(format.first?.detail)
        let key = try #require(formatDetail.range(of: "names KEY more than once"))
        let value = try #require(formatDetail.range(of: "names VALUE more than once"))
        #expect(key.lowerBound < value.lowerBound)
    }

    static var gluePolicy: [String: Any] {
        [
            "PolicyName": "glue-registry",
            "PolicyDocument": [
                "Version": "2012-10-17",
                "Statement": [
                    [
                        "Effect": "Allow", "Action": ["glue:GetRegistry", "glue:GetSchemaVersion"],
                        "Resource": [glueArn, "arn:aws:glue:us-east-1:123456789012:schema/orders-schemas/*"],
                    ]
                ],
            ],
        ]
    }

    @Test func aGlueRegistryNeedsGetRegistryAndGetSchemaVersionOnTheRole() throws {
        let missing = try Self.findings(Self.snapshot(registry: Self.glue()), .reg005)
        #expect(missing.filter { $0.severity == .fail }.count == 2)
        #expect(missing.contains { $0.fix.contains("glue:GetSchemaVersion") })
        let granted = try Self.snapshot(registry: Self.glue()) { document in
            var policies = document["RolePolicies"] as? [Any] ?? []
            policies.append(Self.gluePolicy)
            document["RolePolicies"] = policies
        }
        let found = try Self.findings(granted, .reg005)
        #expect(!found.isEmpty && found.allSatisfy { $0.severity == .pass })
        // A Confluent registry needs no Glue permission.
        #expect(try Self.findings(Self.snapshot(registry: Self.confluent()), .reg005).isEmpty)
    }

    static var glueEndpoint: [String: Any] {
        [
            "VpcEndpointId": "vpce-0glue0000000000001", "VpcEndpointType": "Interface",
            "VpcId": "vpc-0a1b2c3d4e5f60718",
            "ServiceName": "com.amazonaws.us-east-1.glue", "State": "available", "PrivateDnsEnabled": true,
            "SubnetIds": [String](), "RouteTableIds": [String](), "Groups": [[String: String]](),
        ]
    }

    @Test func glueNeedsAnEndpointOrANATGateway() throws {
        // No NAT gateway, no VPC endpoint.
        let noNAT = "broken-no-nat-no-endpoints.json"
        let noPath = try Self.findings(Self.snapshot(noNAT, registry: Self.glue()), .reg006)
        #expect(noPath.map(\.severity) == [.fail])
        #expect(noPath.first?.fix.contains("com.amazonaws.us-east-1.glue") == true)
        let vpc = try #require(
            (Self.snapshot(noNAT, registry: nil).subnets?["Subnets"]?.arrayValue?.first?["VpcId"]?.stringValue))
        let withEndpoint = try Self.snapshot(noNAT, registry: Self.glue()) { document in
            var endpoints = document["VpcEndpoints"] as? [String: Any] ?? [:]
            var list = endpoints["VpcEndpoints"] as? [Any] ?? []
            var endpoint = Self.glueEndpoint
            endpoint["VpcId"] = vpc
            list.append(endpoint)
            endpoints["VpcEndpoints"] = list
            document["VpcEndpoints"] = endpoints
        }
        #expect(try Self.severities(withEndpoint, .reg006) == [.pass])
        #expect(try Self.severities(Self.snapshot("healthy-scram.json", registry: Self.glue()), .reg006) == [.pass])
    }

    @Test func aPublicConfluentURLNeedsANATRoute() throws {
        let noNAT = try Self.snapshot("broken-no-nat-no-endpoints.json", registry: Self.confluent())
        #expect(try Self.severities(noNAT, .reg007) == [.warn])
        #expect(
            try Self.severities(Self.snapshot("healthy-scram.json", registry: Self.confluent()), .reg007) == [.pass])
        let inVpc = Self.confluent(url: "https://10.0.12.7:8081")
        #expect(try Self.severities(Self.snapshot(registry: inVpc), .reg007) == [.pass])
    }

    @Test func selfManagedKafkaOutsideAVPCReachesTheRegistryOverTheInternet() throws {
        let snapshot = try Self.snapshot("healthy-self-managed.json", registry: Self.confluent()) { document in
            var mapping = document["EventSourceMapping"] as? [String: Any] ?? [:]
            let access = mapping["SourceAccessConfigurations"] as? [[String: Any]] ?? []
            mapping["SourceAccessConfigurations"] = access.filter { ($0["Type"] as? String)?.hasPrefix("VPC_") != true }
            document["EventSourceMapping"] = mapping
        }
        #expect(try Self.severities(snapshot, .reg007) == [.pass])
    }

    @Test func theRegistrysSecretsAreReadCheckedAndGranted() throws {
        let registry = Self.confluent(["AccessConfigs": [["Type": "BASIC_AUTH", "URI": Self.basicSecret]]])
        // The gatherer reads the registry's secret with the mapping's own.
        let mappingJSON = try JSONValue.parse(
            JSONSerialization.data(withJSONObject: [
                "AmazonManagedKafkaEventSourceConfig": ["SchemaRegistryConfig": registry]
            ]))
        #expect(MappingFacts.secretsToRead(mappingJSON) == [Self.basicSecret])
        // A value without a password is a SEC finding marked as the registry's.
        let snapshot = try Self.snapshot(registry: registry) { document in
            document["Secrets"] = [Self.basicSecret: ["SecretString": #"{"username":"registry-user"}"#]]
        }
        let report = try Doctor().run(snapshot, at: Self.now)
        let secretFindings = report.findings.filter {
            $0.code.hasPrefix("SEC") && $0.evidence["secret"]?.stringValue == Self.basicSecret
        }
        #expect(secretFindings.contains { $0.severity == .fail && $0.evidence["schemaRegistry"] == true })
        // The role must be able to read it (the existing secret permission, IAM001).
        let unreadable = report.findings.filter { $0.code == "IAM001" && $0.severity == .fail }
        #expect(unreadable.contains { $0.title.contains(Self.basicSecret) || $0.detail.contains(Self.basicSecret) })
        // Without its value or analysis, it is SEC024 skipped, never a silent pass.
        let unread = try Self.snapshot(registry: registry)
        #expect(
            try Doctor().run(unread, at: Self.now).findings.contains {
                $0.code == "SEC024" && $0.evidence["secret"]?.stringValue == Self.basicSecret
            })
    }

    @Test func privateAddresses() {
        #expect(SchemaRegistryCheck.isPrivateAddress("10.1.2.3"))
        #expect(SchemaRegistryCheck.isPrivateAddress("172.20.0.1"))
        #expect(SchemaRegistryCheck.isPrivateAddress("192.168.1.1"))
        #expect(!SchemaRegistryCheck.isPrivateAddress("172.32.0.1"))
        #expect(!SchemaRegistryCheck.isPrivateAddress("8.8.8.8"))
        #expect(!SchemaRegistryCheck.isPrivateAddress("registry.example.com"))
    }
}
