import Foundation
import MSKESMSystem
import Testing

@testable import MSKESMCore

/// Reading snapshots: both timestamp forms, unknown and missing parts, and one-line errors naming the JSON path.
struct SnapshotDecodingTests {
    typealias Support = SnapshotTestSupport

    @Test(arguments: [
        (JSONValue.number(1_795_694_400.5), 1_795_694_400.5),
        (.string("2026-11-26T08:00:00Z"), 1_795_680_000),
        (.string("2026-11-26T08:00:00.500+00:00"), 1_795_680_000.5),
        (.string("2026-11-26T09:00:00.000+0100"), 1_795_680_000),
    ])
    func timestampsDecodeFromEpochSecondsAndISO8601(value: JSONValue, epoch: Double) throws {
        let data = Support.document(mapping: [
            "LastModified": try JSONSerialization.jsonObject(
                with: JSONEncoder().encode(value), options: .fragmentsAllowed)
        ])
        let snapshot = try Snapshot.decode(data, source: "t.json")
        #expect(snapshot.eventSourceMapping.lastModified?.date.timeIntervalSince1970 == epoch)
    }

    /// The formatter-free ISO 8601 parser agrees with Foundation's `ISO8601DateFormatter`.
    @Test(arguments: [
        "2026-11-26T08:00:00Z", "1970-01-01T00:00:00Z", "2000-02-29T23:59:59Z", "2026-03-01T00:00:00.250Z",
        "2026-11-26T09:30:00+01:30", "2026-11-26T01:00:00-07:00", "1999-12-31T23:59:59.999+00:00",
        "2100-01-01T12:00:00Z", "1960-06-15T10:00:00Z",
    ])
    func fastTimestampParserAgreesWithFoundation(text: String) throws {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions =
            text.contains(".")
            ? [.withInternetDateTime, .withFractionalSeconds] : [.withInternetDateTime]
        let expected = try #require(formatter.date(from: text))
        let parsed = try #require(AWSTimestamp.fastParse(text))
        #expect(abs(parsed.timeIntervalSince(expected)) < 0.001)
        #expect(AWSTimestamp.fastParse(text.replacingOccurrences(of: "T", with: " ")) == nil)
    }

    @Test func unknownFieldsAreIgnoredAndMissingPartsAreNil() throws {
        let data = Support.document(
            mapping: ["SomethingNew": ["Nested": true], "BatchSize": 10],
            extra: ["FutureTopLevelPart": [1, 2], "Region": "us-east-1"])
        let snapshot = try Snapshot.decode(data, source: "t.json")
        #expect(snapshot.eventSourceMapping.batchSize == 10)
        #expect(snapshot.function == nil && snapshot.cluster == nil && snapshot.securityGroups == nil)
        for part in SnapshotPart.allCases where part != .eventSourceMapping {
            #expect(!snapshot.isPresent(part), "\(part)")
        }
    }

    @Test(arguments: [
        (#"{"EventSourceMapping": {"BatchSize": "ten"}}"#, "wrong type at EventSourceMapping.BatchSize"),
        (#"{"Function": {"Timeout": [1]}}"#, "wrong type at Function.Timeout"),
        (
            #"{"Cluster": {"ClusterInfo": {"Provisioned": {"ClientAuthentication": {"Sasl": {"Iam": {"Enabled": "yes"}}}}}}}"#,
            "wrong type at Cluster.ClusterInfo.Provisioned.ClientAuthentication.Sasl.Iam.Enabled"
        ),
        (#"{"EventSourceMapping": {"Topics": ["a", 5]}}"#, "wrong type at EventSourceMapping.Topics[1]"),
        (#"{"EventSourceMapping": {"LastModified": "yesterday"}}"#, "bad value at EventSourceMapping.LastModified"),
        (#"{"SnapshotVersion": 2}"#, "bad value at SnapshotVersion: version 2 is not supported"),
        (#"{"SnapshotVersion": "1"}"#, "wrong type at SnapshotVersion"),
    ])
    func wrongTypesNameTheFileAndJSONPath(overridesJSON: String, message: String) throws {
        let overrides = try JSONSerialization.jsonObject(with: Data(overridesJSON.utf8)) as! [String: Any]
        var object = try JSONSerialization.jsonObject(with: Support.document()) as! [String: Any]
        for (key, value) in overrides {
            if key == "EventSourceMapping", var esm = object[key] as? [String: Any], let more = value as? [String: Any]
            {
                esm.merge(more) { $1 }
                object[key] = esm
            } else {
                object[key] = value
            }
        }
        let data = try JSONSerialization.data(withJSONObject: object)
        let error = #expect(throws: ToolError.self) { try Snapshot.decode(data, source: "snap.json") }
        #expect(error?.kind == .usage)
        #expect(error?.code == .inputShape)
        #expect(error?.description.hasPrefix(message) == true, "\(error?.description ?? "")")
        #expect(error?.description.contains("(snap.json)") == true)
        #expect(error?.description.contains("\n") == false)
    }

    @Test(arguments: [
        ("not json", ToolError.Code.inputSyntax), ("[1,2]", .inputShape), ("{\"SnapshotVersion\": 1}", .inputShape),
        ("{", .inputSyntax),
    ])
    func documentsThatAreNotSnapshotsFail(text: String, code: ToolError.Code) {
        let error = #expect(throws: ToolError.self) { try Snapshot.decode(Data(text.utf8), source: "x.json") }
        #expect(error?.kind == .usage)
        #expect(error?.code == code)
        #expect(error?.description.contains("(x.json)") == true)
    }

    @Test func aFileOverOneMebibyteFailsFastWithoutBeingReadWhole() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("msk-esm-big-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // A sparse 100 MB file: reading it whole would take visible time and memory.
        #expect(FileManager.default.createFile(atPath: path, contents: Data("{".utf8)))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        try handle.truncate(atOffset: 100 * 1024 * 1024)
        try handle.close()
        let error = #expect(throws: ToolError.self) { try Snapshot.load(path: path) }
        #expect(error?.description.contains("larger than 1 MiB") == true)
        #expect(error?.description.contains(path) == true)
    }

    /// The work counted, not timed: a writer offers 100 MB through a pipe, read as `/dev/fd/N` (what a shell's
    /// `<(command)` passes), and reports how much the reader took before the pipe closed — just past 1 MiB (plus
    /// what the pipe buffered), not all of it. (A named FIFO is refused before it is opened: `InputReaderTests`.)
    @Test(.enabled(if: IAMPythonOracle.isAvailable, "python3 is not installed: it writes the pipe"))
    func anOversizedInputIsReadOnlyJustPastOneMebibyte() throws {
        var ends: [Int32] = [-1, -1]
        #expect(pipe(&ends) == 0)
        let (reading, writing) = (ends[0], ends[1])
        // Close-on-exec: no child that another test starts meanwhile may keep an end open (ChildProcess closes
        // every descriptor above 2 in its children anyway).
        for end in ends { _ = fcntl(end, F_SETFD, FD_CLOEXEC) }
        let program = """
            import os, sys
            total, chunk = 0, b"{" + b" " * 65535
            try:
                while total < 100 * 1024 * 1024:
                    total += os.write(1, chunk)
            except BrokenPipeError:
                pass
            print(total, file=sys.stderr)
            """
        let executable = try #require(IAMPythonOracle.executable)
        // The child's stdout is the pipe's write end, opened again through /dev/fd; ours is closed at once, so
        // that the reader's close is the writer's broken pipe.
        let writer = try ChildProcess(
            executable: executable.path, arguments: ["-c", program], output: .file("/dev/fd/\(writing)"), error: .pipe)
        close(writing)
        let error = #expect(throws: ToolError.self) { try Snapshot.load(path: "/dev/fd/\(reading)") }
        close(reading)
        let (_, report) = writer.communicate()
        writer.wait()
        #expect(error?.description.contains("larger than 1 MiB") == true, "\(String(describing: error))")
        let written = try #require(
            Int(String(decoding: report, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)))
        #expect(written > InputReader.maximumSize)
        #expect(written <= 2 * InputReader.maximumSize, "the reader took \(written) bytes")
    }

    @Test func decodePartNamesTheFullJSONPath() throws {
        struct Groups: Decodable {
            struct Group: Decodable {
                struct Permission: Decodable { var FromPort: Int? }
                var IpPermissions: [Permission]
            }
            var SecurityGroups: [Group]
        }
        let groups: [[String: Any]] = [
            ["IpPermissions": []], ["IpPermissions": []], ["IpPermissions": "all"],
        ]
        let data = Support.document(extra: ["SecurityGroups": ["SecurityGroups": groups]])
        // Decoded from the parsed tree: a file (`decode(_: Data, …)`) would be refused whole at load, as the
        // real model needs each group's GroupId.
        let snapshot = try Snapshot.decode(try JSONValue.parse(data), source: "snap.json")
        let error = #expect(throws: ToolError.self) { try snapshot.decodePart(.securityGroups, as: Groups.self) }
        #expect(
            error?.description.hasPrefix("wrong type at SecurityGroups.SecurityGroups[2].IpPermissions") == true,
            "\(error?.description ?? "")")
        #expect(error?.description.contains("(snap.json)") == true)
        #expect(try snapshot.decodePart(.subnets, as: Groups.self) == nil)
    }

    /// The fast path for raw parts (JSONSerialization) gives the same values as decoding `JSONValue` with
    /// `JSONDecoder`, booleans and numbers included.
    @Test(
        arguments: try FileManager.default.contentsOfDirectory(atPath: SnapshotTestSupport.examples.path)
            .filter { $0.hasSuffix(".json") }.sorted())
    func rawPartsReadTheSameByEitherPath(file: String) throws {
        let data = try Data(contentsOf: Support.examples.appendingPathComponent(file))
        let fast = try Snapshot.decode(data, source: file)
        var slow = try JSONDecoder().decode(Snapshot.self, from: data)
        slow.source = file
        #expect(fast == slow)
        #expect(fast.securityGroups != nil)
    }

    @Test func typedPartsAreAvailableAsRawJSON() throws {
        let data = Support.document(extra: ["Function": ["FunctionName": "f", "Timeout": 30]])
        let snapshot = try Snapshot.decode(data, source: "snap.json")
        #expect(snapshot.rawPart(.function)?["Timeout"] == 30)
        #expect(snapshot.rawPart(.cluster) == nil)
    }

    /// Every part of every example uses the member names of the botocore output shape of its call, so the
    /// examples are what the AWS CLI prints (kafka, EC2 and IAM included).
    @Test func examplePartsUseBotocoreMemberNames() throws {
        let script = """
            import botocore, glob, gzip, json, os, sys
            root = os.path.join(os.path.dirname(botocore.__file__), "data")
            def shapes(service, version):
                return json.load(gzip.open(os.path.join(root, service, version, "service-2.json.gz")))["shapes"]
            S = {"lambda": shapes("lambda", "2015-03-31"), "kafka": shapes("kafka", "2018-11-14"),
                 "ec2": shapes("ec2", "2016-11-15"), "iam": shapes("iam", "2010-05-08"),
                 "kms": shapes("kms", "2014-11-01"), "sm": shapes("secretsmanager", "2017-10-17"),
                 "cw": shapes("cloudwatch", "2010-08-01")}
            parts = {"EventSourceMapping": ("lambda", "EventSourceMappingConfiguration"),
                     "Function": ("lambda", "FunctionConfiguration"), "Cluster": ("kafka", "DescribeClusterV2Response"),
                     "BootstrapBrokers": ("kafka", "GetBootstrapBrokersResponse"), "Role": ("iam", "GetRoleResponse"),
                     "SecurityGroups": ("ec2", "DescribeSecurityGroupsResult"), "Subnets": ("ec2", "DescribeSubnetsResult"),
                     "RouteTables": ("ec2", "DescribeRouteTablesResult"), "NatGateways": ("ec2", "DescribeNatGatewaysResult"),
                     "VpcEndpoints": ("ec2", "DescribeVpcEndpointsResult"), "ScramSecrets": ("kafka", "ListScramSecretsResponse")}
            bad = []
            def walk(shapes, name, value, path):
                shape = shapes[name]
                if shape["type"] == "structure":
                    if not isinstance(value, dict): bad.append(path + " not an object"); return
                    for key, member in value.items():
                        if key not in shape["members"]: bad.append(path + "." + key)
                        else: walk(shapes, shape["members"][key]["shape"], member, path + "." + key)
                elif shape["type"] == "list":
                    if not isinstance(value, list): bad.append(path + " not a list"); return
                    for item in value: walk(shapes, shape["member"]["shape"], item, path + "[]")
                elif shape["type"] == "map":
                    for item in value.values(): walk(shapes, shape["value"]["shape"], item, path + "{}")
            for file in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
                doc = json.load(open(file))
                name = os.path.basename(file)
                for key, (service, shape) in parts.items():
                    if key in doc: walk(S[service], shape, doc[key], name + ":" + key)
                for arn, key in doc.get("KmsKeys", {}).items(): walk(S["kms"], "DescribeKeyResponse", key, name + ":KmsKeys")
                for arn, secret in doc.get("Secrets", {}).items():
                    walk(S["sm"], "DescribeSecretResponse", secret["Describe"], name + ":Secrets.Describe")
                if "Metrics" in doc: walk(S["cw"], "GetMetricDataOutput", doc["Metrics"]["OffsetLag"], name + ":Metrics")
                for policy in doc.get("RolePolicies", []):
                    if set(policy) - {"PolicyName", "PolicyArn", "PolicyDocument"}: bad.append(name + ":RolePolicies")
            print(json.dumps(bad))
            """
        guard
            let python = try? ChildProcess.run(
                "/usr/bin/env", ["python3", "-c", script, Support.examples.path], input: .inherit, error: .inherit)
        else {
            Issue.record("python3 with botocore is needed for this test")
            return
        }
        let output = python.outputText
        #expect(python.status == 0)
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "[]", "\(output)")
    }

    /// The typed model's member names are botocore's: every key the model writes back exists in the
    /// botocore output shape of its operation (kafka shapes carry PascalCase member names, as the CLI prints).
    @Test func modelMemberNamesMatchBotocore() throws {
        let snapshot = try Snapshot.load(path: Support.examples.appendingPathComponent("healthy-scram.json").path)
        var parts: [String: JSONValue] = [:]
        let encoder = JSONEncoder()
        func add<T: Encodable>(_ name: String, _ value: T?) throws {
            guard let value else { return }
            parts[name] = try JSONDecoder().decode(JSONValue.self, from: encoder.encode(value))
        }
        try add("lambda/2015-03-31 EventSourceMappingConfiguration", snapshot.eventSourceMapping)
        try add("lambda/2015-03-31 FunctionConfiguration", snapshot.function)
        try add("kafka/2018-11-14 DescribeClusterV2Response", snapshot.cluster)
        try add("kafka/2018-11-14 GetBootstrapBrokersResponse", snapshot.bootstrapBrokers)
        try add("iam/2010-05-08 GetRoleResponse", snapshot.role)
        try add("kafka/2018-11-14 ListScramSecretsResponse", snapshot.scramSecrets)
        try add("kms/2014-11-01 DescribeKeyResponse", snapshot.kmsKeys?.values.first)
        try add("secretsmanager/2017-10-17 DescribeSecretResponse", snapshot.secrets?.values.first?.describe)
        try add("cloudwatch/2010-08-01 GetMetricDataOutput", snapshot.metrics?.offsetLag)
        let script = """
            import botocore, gzip, json, os, sys
            root = os.path.join(os.path.dirname(botocore.__file__), "data")
            bad = []
            def walk(shapes, name, value, path):
                shape = shapes[name]
                if shape["type"] == "structure" and isinstance(value, dict):
                    for key, member in value.items():
                        if key not in shape["members"]:
                            bad.append(path + "." + key)
                        else:
                            walk(shapes, shape["members"][key]["shape"], member, path + "." + key)
                elif shape["type"] == "list" and isinstance(value, list):
                    for item in value:
                        walk(shapes, shape["member"]["shape"], item, path + "[]")
                elif shape["type"] == "map" and isinstance(value, dict):
                    for item in value.values():
                        walk(shapes, shape["value"]["shape"], item, path + "{}")
            for label, value in json.load(sys.stdin).items():
                service, shape = label.split(" ")
                directory = os.path.join(root, service)
                if not os.path.exists(os.path.join(directory, "service-2.json.gz")):
                    directory = os.path.join(root, service.split("/")[0], sorted(os.listdir(os.path.join(root, service.split("/")[0])))[-1])
                shapes = json.load(gzip.open(os.path.join(directory, "service-2.json.gz")))["shapes"]
                if shape not in shapes:
                    shape = shape.replace("Response", "Output") if shape.replace("Response", "Output") in shapes else shape.replace("Response", "")
                walk(shapes, shape, value, label)
            print(json.dumps(bad))
            """
        let input = String(decoding: try JSONEncoder().encode(parts), as: UTF8.self)
        guard let output = try Support.python(script, input: input) else {
            Issue.record("python3 with botocore is needed for this test")
            return
        }
        #expect(output.trimmingCharacters(in: .whitespacesAndNewlines) == "[]")
    }
}
