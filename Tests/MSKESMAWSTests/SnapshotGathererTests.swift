import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMSystem
import Testing

/// The gatherer against the local test bed (moto + the project's Lambda/kafka server), signatures checked.
// Serialized: the tests share one test bed, and some reconfigure its proxy or read its request log.
@Suite(
    "Snapshot gatherer", .serialized,
    .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct SnapshotGathererTests {
    func gather(
        user: String = "msk-esm-reader", includeSecrets: Bool = false, extra: [String: String] = [:],
        analyze: Bool = false
    ) async throws -> (TestBed, JSONValue) {
        let bed = try await TestBed.shared()
        let client = AWSClient(configuration: try bed.configuration(user: user, extra: extra))
        let gatherer = SnapshotGatherer(client: client, includeSecrets: includeSecrets, analyzesSecrets: analyze)
        return (bed, try await gatherer.gather(mappingUUID: bed.mappingUUID))
    }

    @Test("collects every part of the snapshot and records no errors")
    func collectsEveryPart() async throws {
        let (_, snapshot) = try await gather()
        let keys = Set(snapshot.objectValue?.keys.map { $0 } ?? [])
        for part in [
            "SnapshotVersion", "Region", "CapturedAt", "EventSourceMapping", "Function", "Cluster", "BootstrapBrokers",
            "Role", "RolePolicies", "PermissionsBoundary", "SecurityGroups", "Subnets", "RouteTables", "NatGateways",
            "VpcEndpoints", "ScramSecrets", "KmsKeys", "Secrets", "Metrics",
        ] {
            #expect(keys.contains(part), "missing \(part)")
        }
        #expect(snapshot["Errors"] == nil)
        #expect(snapshot["ScramSecrets"]?["SecretArnList"]?.arrayValue?.count == 3)  // two pages
        #expect(snapshot["RolePolicies"]?.arrayValue?.count == 2)
    }

    /// The gatherer reads only what the core's plan declares: every part it wrote is one of
    /// ``MappingReadPlan/declaredParts``, and (MappingReadPlanTests) every declared part is read for some mapping.
    @Test("the gatherer writes only the parts the core's read plan declares, for MSK, self-managed and cross-account")
    func writesOnlyDeclaredParts() async throws {
        let bed = try await TestBed.shared()
        let gatherer = SnapshotGatherer(client: AWSClient(configuration: try bed.configuration()))
        let declared = Set(MappingReadPlan.declaredParts.map(\.key))
        let fixed: Set<String> = ["SnapshotVersion", "Region", "CapturedAt", "EventSourceMapping", "Errors"]
        var written: Set<String> = []
        for key in ["mappingUUID", "selfManagedMappingUUID", "crossAccountMappingUUID"] {
            let uuid = bed.info[key]?.stringValue ?? ""
            let snapshot = try await gatherer.gather(mappingUUID: uuid)
            let keys = Set(snapshot.objectValue?.keys.map { $0 } ?? [])
            #expect(
                keys.subtracting(fixed).isSubset(of: declared),
                "\(key): \(keys.subtracting(fixed).subtracting(declared))")
            written.formUnion(keys.subtracting(fixed))
        }
        #expect(written == declared, "declared but never written here: \(declared.subtracting(written))")
    }

    /// The create/update preflight is the doctor over the mapping: on the same environment, the checks both
    /// run give the same findings, and those that judge a running mapping are not in the preflight at all.
    @Test("the preflight gives the doctor's findings for every check both run")
    func preflightIsTheDoctor() async throws {
        let bed = try await TestBed.shared()
        let client = AWSClient(configuration: try bed.configuration())
        let now = Date()
        let mapping = try await LambdaClient(client: client).getEventSourceMapping(uuid: bed.mappingUUID)
        let (preflight, snapshot) = try await MappingPreflight(client: client, now: now).run(mapping: mapping)
        #expect(snapshot.secrets?.values.allSatisfy { $0.secretString == nil } == true)
        let gathered = try await SnapshotGatherer(client: client, includeSecrets: true, now: { now })
            .gather(mapping: mapping)
        let doctor = try Doctor().run(try Snapshot.decode(gathered, source: "gathered"), at: now)
        let runningOnly = Set(DoctorCatalogue.checks.filter(\.judgesExistingMapping).flatMap(\.codes).map(\.code))
        #expect(preflight.findings == doctor.findings.filter { !runningOnly.contains($0.code) })
        #expect(doctor.findings.contains { runningOnly.contains($0.code) })
        #expect(preflight.findings.contains { $0.code.hasPrefix("SEC") && $0.severity != .skipped })
    }

    /// Each part must equal what the AWS CLI (botocore's parsers, an independent implementation) prints.
    @Test(
        "each part is exactly what the AWS CLI prints for that call",
        .enabled(if: AWSCLI.available, "skipped: the aws CLI is not installed"))
    func matchesAWSCLI() async throws {
        let (bed, snapshot) = try await gather()
        let info = bed.info
        let cluster = info["clusterArn"]?.stringValue ?? ""
        let vpc = info["vpcId"]?.stringValue ?? ""
        let secret = info["secretArn"]?.stringValue ?? ""
        let key = info["kmsKeyArn"]?.stringValue ?? ""
        let subnets = info["subnetIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
        let cases: [(JSONValue?, [String])] = [
            (snapshot["EventSourceMapping"], ["lambda", "get-event-source-mapping", "--uuid", bed.mappingUUID]),
            (
                snapshot["Function"],
                ["lambda", "get-function-configuration", "--function-name", info["functionArn"]?.stringValue ?? ""]
            ),
            (snapshot["Cluster"], ["kafka", "describe-cluster-v2", "--cluster-arn", cluster]),
            (snapshot["BootstrapBrokers"], ["kafka", "get-bootstrap-brokers", "--cluster-arn", cluster]),
            (snapshot["ScramSecrets"], ["kafka", "list-scram-secrets", "--cluster-arn", cluster]),
            (snapshot["Role"], ["iam", "get-role", "--role-name", "msk-esm-exec"]),
            (
                snapshot["SecurityGroups"],
                ["ec2", "describe-security-groups", "--filters", "Name=vpc-id,Values=\(vpc)"]
            ),
            (snapshot["Subnets"], ["ec2", "describe-subnets", "--subnet-ids"] + subnets),
            (snapshot["RouteTables"], ["ec2", "describe-route-tables", "--filters", "Name=vpc-id,Values=\(vpc)"]),
            (snapshot["NatGateways"], ["ec2", "describe-nat-gateways", "--filter", "Name=vpc-id,Values=\(vpc)"]),
            (snapshot["VpcEndpoints"], ["ec2", "describe-vpc-endpoints", "--filters", "Name=vpc-id,Values=\(vpc)"]),
            (snapshot["KmsKeys"]?[key], ["kms", "describe-key", "--key-id", key]),
            (snapshot["Secrets"]?[secret]?["Describe"], ["secretsmanager", "describe-secret", "--secret-id", secret]),
        ]
        // Policy documents, which botocore URL-decodes and parses as the snapshot does.
        let inline = snapshot["RolePolicies"]?.arrayValue?.first { $0["PolicyArn"] == nil }
        let managed = snapshot["RolePolicies"]?.arrayValue?.first { $0["PolicyArn"] != nil }
        let documents: [(JSONValue?, [String], [String])] = [
            (
                inline?["PolicyDocument"],
                ["iam", "get-role-policy", "--role-name", "msk-esm-exec", "--policy-name", "msk-access"],
                ["PolicyDocument"]
            ),
            (
                managed?["PolicyDocument"],
                [
                    "iam", "get-policy-version", "--policy-arn", info["managedPolicyArn"]?.stringValue ?? "",
                    "--version-id", "v2",
                ], ["PolicyVersion", "Document"]
            ),
            (
                snapshot["PermissionsBoundary"]?["PolicyDocument"],
                [
                    "iam", "get-policy-version", "--policy-arn", info["boundaryArn"]?.stringValue ?? "", "--version-id",
                    "v1",
                ], ["PolicyVersion", "Document"]
            ),
        ]
        var environment = bed.environment()
        environment["HOME"] = nil  // the CLI may live under a HOME-relative pyenv
        environment["AWS_DEFAULT_REGION"] = bed.region  // AWS CLI v1 reads only this one
        for (ours, command) in cases {
            let theirs = try AWSCLI.run(command, environment: environment)
            let left = JSONNormalizer.normalize(ours ?? .null)
            let right = JSONNormalizer.normalize(theirs)
            let differences = JSONNormalizer.differences(left, right)
            #expect(differences.isEmpty, "\(command.prefix(2).joined(separator: " ")): \(differences.prefix(5))")
        }
        for (ours, command, path) in documents {
            var theirs: JSONValue? = try AWSCLI.run(command, environment: environment)
            for key in path { theirs = theirs?[key] }
            #expect(ours != nil)
            #expect(ours == theirs, "\(command.prefix(2).joined(separator: " "))")
        }
    }

    @Test("every Lambda and kafka request carried a signature the test server verified with botocore")
    func signaturesVerified() async throws {
        let bed = try await TestBed.shared()
        // Through a proxy of this test's own: its log holds this gather's requests and nothing else.
        let proxy = try PrivateFaultProxy(bed: bed)
        let (_, snapshot) = try await gather(extra: ["AWS_ENDPOINT_URL": proxy.url])
        let log = try await bed.sideDoor(proxy.url + "/_proxy/log").arrayValue ?? []
        // Tests/TestBed/testbed_server.py answers a request whose signature botocore does not verify with 403
        // InvalidSignatureException: every Lambda and kafka request of this gather was answered 2xx, so every
        // signature was verified.
        let lambdaOrKafka = log.filter {
            let operation = $0["operation"]?.stringValue ?? ""
            return operation.contains(" /2015-03-31/") || operation.contains(" /v1/") || operation.contains(" /api/v2/")
        }
        #expect(lambdaOrKafka.count >= 5, "\(log)")
        for entry in lambdaOrKafka {
            let status = entry["status"]?.intValue ?? 0
            #expect((200..<300).contains(status), "\(entry)")
        }
        let errors = (snapshot["Errors"]?.objectValue ?? [:]).keys.filter {
            $0.hasPrefix("lambda.") || $0.hasPrefix("kafka.")
        }
        #expect(errors.isEmpty, "\(errors)")
    }

    @Test("a wrong secret key fails the first read with exit 3: the servers check signatures")
    func wrongSignatureFails() async throws {
        let bed = try await TestBed.shared()
        let (key, _) = bed.keys("msk-esm-reader")
        let configuration = try bed.configuration(extra: [
            "AWS_ACCESS_KEY_ID": key, "AWS_SECRET_ACCESS_KEY": "wrong-secret-key",
        ])
        let gatherer = SnapshotGatherer(client: AWSClient(configuration: configuration))
        do {
            _ = try await gatherer.gather(mappingUUID: bed.mappingUUID)
            Issue.record("a wrong signature was accepted")
        } catch let error as ToolError {
            #expect(error.kind == .remote)
            #expect(error.code == .awsRequestFailed)
            #expect(error.description.contains("InvalidSignatureException"))
            #expect(!error.description.contains("wrong-secret-key"))
        }
        // moto too rejects it.
        let iam = IAMClient(client: AWSClient(configuration: configuration))
        await #expect(throws: AWSError.self) { _ = try await iam.getRole(roleName: "msk-esm-exec") }
    }

    @Test("a mapping that does not exist is exit 2, naming the UUID")
    func missingMapping() async throws {
        let bed = try await TestBed.shared()
        let gatherer = SnapshotGatherer(client: AWSClient(configuration: try bed.configuration()))
        let uuid = "00000000-1111-2222-3333-444444444444"
        do {
            _ = try await gatherer.gather(mappingUUID: uuid)
            Issue.record("no error")
        } catch let error as ToolError {
            #expect(error.kind == .usage)
            #expect(error.code == .notFound)
            #expect(error.description.contains(uuid))
        }
    }

    @Test("a denied read is recorded under Errors and the rest is still gathered")
    func deniedReadsAreRecorded() async throws {
        let (_, snapshot) = try await gather(user: "msk-esm-limited")
        let errors = snapshot["Errors"]?.objectValue ?? [:]
        #expect(errors["iam.GetRole"]?.stringValue?.hasPrefix("AccessDenied") == true)
        #expect(errors["iam.ListRolePolicies"] != nil)
        #expect(snapshot["Role"] == nil)
        #expect(snapshot["Cluster"] != nil)
        #expect(snapshot["SecurityGroups"] != nil)
    }

    /// A denied metrics read is recorded under the label the snapshot model declares for Metrics
    /// (`cloudwatch.GetMetricData`), so the doctor names the denial and the IAM action (issue 14, defect 1).
    @Test("a denied GetMetricData is recorded as cloudwatch.GetMetricData, and the doctor names that denial")
    func deniedMetricsAreRecordedUnderTheModelsLabel() async throws {
        let bed = try await TestBed.shared()
        let proxy = try PrivateFaultProxy(bed: bed)
        _ = try await bed.sideDoor(
            proxy.url + "/_proxy/config",
            body: [
                "reset": true,
                "faults": [["match": "GetMetricData", "status": 400, "code": "AccessDenied", "times": 50]],
            ])
        let client = AWSClient(configuration: try bed.configuration(extra: ["AWS_ENDPOINT_URL": proxy.url]))
        let document = try await SnapshotGatherer(client: client).gather(mappingUUID: bed.mappingUUID)
        let errors = document["Errors"]?.objectValue ?? [:]
        #expect(errors.keys.sorted() == ["cloudwatch.GetMetricData"], "\(errors)")
        #expect(document["Metrics"] == nil)
        let snapshot = try Snapshot.decode(document, source: "gathered")
        #expect(SnapshotPart.metrics.calls.contains(where: { errors[$0] != nil }))
        let report = try Doctor().run(snapshot, at: Date())
        let lag = try #require(report.findings.first { $0.code == "MAP015" })
        #expect(lag.severity == .skipped && lag.detail.contains("could not be read"), "\(lag.detail)")
        let denial = try #require(report.findings.first { $0.code == "ACC001" })
        #expect(denial.fix.contains("cloudwatch:GetMetricData") && !denial.fix.contains("monitoring:"))
    }

    @Test("secret values are left out by default, kept with includeSecrets, and analysed by the core")
    func secretsHandling() async throws {
        let canary = "CANARY-scram-password-93f1"
        let (bed, plain) = try await gather()
        let secret = bed.info["secretArn"]?.stringValue ?? ""
        #expect(plain["Secrets"]?[secret]?["Describe"] != nil)
        #expect(plain["Secrets"]?[secret]?["SecretString"] == nil)
        let encoded = String(decoding: try JSONEncoder().encode(plain), as: UTF8.self)
        #expect(!encoded.contains(canary))

        let (_, kept) = try await gather(includeSecrets: true)
        #expect(kept["Secrets"]?[secret]?["SecretString"]?.stringValue?.contains(canary) == true)

        // The core's analysis (the `secret validate --output json` document), without the value.
        let (_, analysed) = try await gather(analyze: true)
        let analysis = analysed["Secrets"]?[secret]?["Analysis"]
        #expect(analysis?["verdict"] != nil && analysis?["findings"]?.arrayValue?.isEmpty == false)
        #expect(analysed["Secrets"]?[secret]?["SecretString"] == nil)
        let encodedAnalysis = String(decoding: try JSONEncoder().encode(analysed), as: UTF8.self)
        #expect(!encodedAnalysis.contains(canary))
    }

    @Test("a self-managed Kafka mapping takes its network from VPC_SUBNET and VPC_SECURITY_GROUP")
    func selfManaged() async throws {
        let bed = try await TestBed.shared()
        let gatherer = SnapshotGatherer(client: AWSClient(configuration: try bed.configuration()))
        let snapshot = try await gatherer.gather(mappingUUID: bed.info["selfManagedMappingUUID"]?.stringValue ?? "")
        #expect(snapshot["Cluster"] == nil)
        #expect(
            snapshot["Subnets"]?["Subnets"]?.arrayValue?.first?["SubnetId"] == bed.info["subnetIds"]?.arrayValue?.first)
        let groups =
            snapshot["SecurityGroups"]?["SecurityGroups"]?.arrayValue?.compactMap { $0["GroupId"]?.stringValue } ?? []
        #expect(groups.contains(bed.info["clusterSecurityGroupId"]?.stringValue ?? "?"))
        #expect(snapshot["Errors"] == nil)
    }

    @Test("a cross-account mapping reads its VPC connection, the target cluster, and the connection's network")
    func crossAccount() async throws {
        let bed = try await TestBed.shared()
        let gatherer = SnapshotGatherer(client: AWSClient(configuration: try bed.configuration()))
        let snapshot = try await gatherer.gather(mappingUUID: bed.info["crossAccountMappingUUID"]?.stringValue ?? "")
        #expect(snapshot["VpcConnection"]?["VpcConnectionArn"] == bed.info["vpcConnectionArn"])
        #expect(snapshot["Cluster"]?["ClusterInfo"]?["ClusterArn"] == bed.info["clusterArn"])
        let subnets = snapshot["Subnets"]?["Subnets"]?.arrayValue?.compactMap { $0["SubnetId"]?.stringValue } ?? []
        #expect(subnets == [bed.info["subnetIds"]?.arrayValue?.last?.stringValue ?? "?"])
        #expect(snapshot["Errors"] == nil)
        if AWSCLI.available {
            var environment = bed.environment()
            environment["HOME"] = nil
            environment["AWS_DEFAULT_REGION"] = bed.region
            let theirs = try AWSCLI.run(
                ["kafka", "describe-vpc-connection", "--arn", bed.info["vpcConnectionArn"]?.stringValue ?? ""],
                environment: environment)
            let differences = JSONNormalizer.differences(
                JSONNormalizer.normalize(snapshot["VpcConnection"] ?? .null), JSONNormalizer.normalize(theirs))
            #expect(differences.isEmpty, "\(differences)")
        }
    }

    @Test("transient faults on later calls are retried away; a mapping read that keeps failing is exit 3")
    func faults() async throws {
        let bed = try await TestBed.shared()
        let proxy = try PrivateFaultProxy(bed: bed)  // counts only this test's requests
        _ = try await bed.sideDoor(
            proxy.url + "/_proxy/config",
            body: [
                "reset": true,
                "faults": [["match": "DescribeSubnets", "status": 503, "times": 2, "code": "Unavailable"]],
            ])
        let client = AWSClient(
            configuration: try bed.configuration(extra: ["AWS_MAX_ATTEMPTS": "3", "AWS_ENDPOINT_URL": proxy.url]))
        let snapshot = try await SnapshotGatherer(client: client).gather(mappingUUID: bed.mappingUUID)
        #expect(snapshot["Subnets"] != nil)
        #expect(snapshot["Errors"] == nil)
        let stats = try await bed.sideDoor(proxy.url + "/_proxy/stats")
        #expect(stats["byOperation"]?["DescribeSubnets"]?.intValue == 3)

        _ = try await bed.sideDoor(
            proxy.url + "/_proxy/config",
            body: [
                "reset": true,
                "faults": [["match": "event-source-mappings", "status": 500, "times": 10, "code": "ServiceException"]],
            ])
        do {
            _ = try await SnapshotGatherer(client: client).gather(mappingUUID: bed.mappingUUID)
            Issue.record("no error")
        } catch let error as ToolError {
            #expect(error.kind == .remote)
            #expect(error.code == .awsRequestFailed)
            #expect(error.description.contains("ServiceException"))
        }
        let after = try await bed.sideDoor(proxy.url + "/_proxy/stats")
        #expect(after["total"]?.intValue == 3)  // three attempts, then nothing else
        _ = try await bed.sideDoor(proxy.url + "/_proxy/config", body: ["reset": true])
    }

    @Test("ListEventSourceMappings follows NextMarker across pages")
    func listPagination() async throws {
        let bed = try await TestBed.shared()
        let lambda = LambdaClient(client: AWSClient(configuration: try bed.configuration()))
        let all = try await lambda.listEventSourceMappings(functionName: "bulk-consumer")
        #expect(all["EventSourceMappings"]?.arrayValue?.count == bed.info["bulkMappingCount"]?.intValue)
        let byArn = try await lambda.listEventSourceMappings(functionName: bed.info["bulkFunctionArn"]?.stringValue)
        #expect(byArn["EventSourceMappings"]?.arrayValue?.count == 120)
    }

    @Test("create, update and delete requests pass the test server's botocore validation; a bad one does not")
    func writes() async throws {
        let bed = try await TestBed.shared()
        let lambda = LambdaClient(client: AWSClient(configuration: try bed.configuration()))
        let created = try await lambda.createEventSourceMapping([
            "FunctionName": "esm-consumer", "EventSourceArn": .string(bed.info["clusterArn"]?.stringValue ?? ""),
            "Topics": ["orders"], "StartingPosition": "LATEST", "BatchSize": 100,
        ])
        #expect(created["State"]?.stringValue == "Creating")
        // The test server now stores mappings: update the one just created, not the seeded one other tests read.
        let uuid = created["UUID"]?.stringValue ?? ""
        let updated = try await lambda.updateEventSourceMapping(uuid: uuid, ["BatchSize": 200, "Enabled": false])
        #expect(updated["UUID"]?.stringValue == uuid)
        #expect(updated["BatchSize"]?.intValue == 200)
        // BatchSize must be ≤ 10000 and Topics a list: botocore's ParamValidator on the server rejects it.
        do {
            _ = try await lambda.createEventSourceMapping([
                "FunctionName": "esm-consumer", "BatchSize": 20000, "Topics": "orders",
            ])
            Issue.record("an invalid request was accepted")
        } catch let error as AWSError {
            #expect(error.code == "InvalidParameterValueException")
            #expect(error.status == 400)
        }
    }

    @Test("independent calls run in parallel, within the concurrency bound")
    func parallelCalls() async throws {
        let bed = try await TestBed.shared()
        let proxy = try PrivateFaultProxy(bed: bed)  // counts only this test's requests
        // The function's and the cluster's first reads (two independent branches) are held until both are in
        // flight at once: read one after the other, the gate would never open.
        _ = try await bed.sideDoor(
            proxy.url + "/_proxy/config",
            body: ["reset": true, "gate": ["match": ["/configuration", "GET /api/v2/clusters/"], "count": 2]])
        let client = AWSClient(configuration: try bed.configuration(extra: ["AWS_ENDPOINT_URL": proxy.url]))
        _ = try await SnapshotGatherer(client: client, maxConcurrency: 8).gather(mappingUUID: bed.mappingUUID)
        let stats = try await bed.sideDoor(proxy.url + "/_proxy/stats")
        let total = stats["total"]?.intValue ?? 0
        let concurrent = stats["maxConcurrent"]?.intValue ?? 0
        _ = try await bed.sideDoor(proxy.url + "/_proxy/config", body: ["reset": true])
        #expect(total >= 15)
        // The gate opened: parallel by an event; and never past the bound. (How much faster than one after another
        // is measured by Benchmarks/cases/live-doctor-delayed.sh, not here.)
        #expect(stats["gateOpened"] == .bool(true), "\(stats)")
        #expect(concurrent > 1 && concurrent <= 8)
    }
}

/// Runs the AWS CLI (v1, from Tests/requirements.txt) as an oracle.
enum AWSCLI {
    static let available: Bool = (ProcessInfo.processInfo.environment["PATH"] ?? "").split(separator: ":")
        .contains { FileManager.default.isExecutableFile(atPath: "\($0)/aws") }

    static func run(_ arguments: [String], environment: [String: String]) throws -> JSONValue {
        var merged = ProcessInfo.processInfo.environment
        for (key, value) in environment { merged[key] = value }
        if environment["HOME"] == nil { merged["HOME"] = ProcessInfo.processInfo.environment["HOME"] }
        let cli = try ChildProcess.run("/usr/bin/env", ["aws"] + arguments + ["--output", "json"], environment: merged)
        guard cli.status == 0 else {
            throw AWSCLIError(message: cli.errorText)
        }
        return try JSONDecoder().decode(JSONValue.self, from: cli.output)
    }
}

struct AWSCLIError: Error, CustomStringConvertible {
    var message: String
    var description: String { "aws failed: \(message)" }
}
