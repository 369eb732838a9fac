import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport
import Testing

/// Every AWS error names its request ID, which AWS support asks for: read as botocore reads it (its parsers are
/// the oracle), and shown in the error line.
@Suite(
    "request IDs of AWS errors", .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct RequestIDTests {
    struct RawError: Sendable, CustomStringConvertible {
        var botocoreProtocol: String
        var ours: AWSProtocol
        var status: Int
        var headers: [String: String]
        var body: String
        var description: String { "\(botocoreProtocol) \(status)" }
    }

    static let responses: [RawError] = [
        RawError(
            botocoreProtocol: "rest-json", ours: .restJSON, status: 404,
            headers: [
                "x-amzn-RequestId": "0f1e2d3c-aaaa-4bbb-8ccc-000000000001",
                "x-amzn-ErrorType": "ResourceNotFoundException",
            ],
            body: #"{"Type":"User","Message":"The resource you requested does not exist."}"#),
        RawError(
            botocoreProtocol: "json", ours: .json, status: 400,
            headers: ["x-amzn-RequestId": "0f1e2d3c-aaaa-4bbb-8ccc-000000000002"],
            body:
                #"{"__type":"ResourceNotFoundException","Message":"Secrets Manager can't find the specified secret."}"#),
        RawError(
            botocoreProtocol: "query", ours: .query, status: 404, headers: [:],
            body:
                #"<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>NoSuchEntity</Code><Message>The role with name x cannot be found.</Message></Error><RequestId>0f1e2d3c-aaaa-4bbb-8ccc-000000000003</RequestId></ErrorResponse>"#
        ),
        RawError(
            botocoreProtocol: "ec2", ours: .ec2, status: 400, headers: [:],
            body:
                #"<?xml version="1.0" encoding="UTF-8"?><Response><Errors><Error><Code>InvalidGroup.NotFound</Code><Message>The security group 'sg-1' does not exist</Message></Error></Errors><RequestID>0f1e2d3c-aaaa-4bbb-8ccc-000000000004</RequestID></Response>"#
        ),
        RawError(
            botocoreProtocol: "rest-json", ours: .restJSON, status: 403,
            headers: [
                "x-amz-request-id": "0f1e2d3c-aaaa-4bbb-8ccc-000000000005", "x-amzn-ErrorType": "AccessDeniedException",
            ],
            // S3's header: not read for these protocols, as by botocore.
            body: #"{"Message":"User is not authorized"}"#),
        RawError(
            botocoreProtocol: "rest-json", ours: .restJSON, status: 500, headers: [:], body: #"{"message":"no id"}"#),
    ]

    /// botocore's parse of `raw`: [code, message, request id or ""].
    static func botocore(_ raw: RawError) throws -> [String] {
        let script = """
            import json, sys
            from botocore.awsrequest import HeadersDict
            from botocore.parsers import create_parser
            raw = json.load(sys.stdin)
            parsed = create_parser(raw["protocol"]).parse(
                {"status_code": raw["status"], "headers": HeadersDict(raw["headers"]), "body": raw["body"].encode()}, None)
            print(json.dumps([parsed["Error"].get("Code", ""), parsed["Error"].get("Message", ""),
                              parsed.get("ResponseMetadata", {}).get("RequestId", "")]))
            """
        let input: JSONValue = [
            "protocol": .string(raw.botocoreProtocol), "status": .number(Double(raw.status)),
            "headers": .object(raw.headers.mapValues { .string($0) }), "body": .string(raw.body),
        ]
        let run = try ChildProcess.run(
            "/usr/bin/env", ["python3", "-c", script], input: .data(Data(JSONWriter.write(input, pretty: false).utf8)),
            error: .inherit)
        try #require(run.status == 0)
        return try JSONDecoder().decode([String].self, from: run.output)
    }

    @Test("AWSError reads the code, message and request ID botocore reads from the same answer", arguments: responses)
    func sameAsBotocore(_ raw: RawError) throws {
        let expected = try Self.botocore(raw)
        let response = HTTPResponse(
            status: raw.status, headers: raw.headers.map { ($0.key, $0.value) }, body: Data(raw.body.utf8))
        let error = AWSError.parse(response, protocolKind: raw.ours, operation: "test.Operation")
        #expect(error.requestID ?? "" == expected[2])
        #expect(error.message == expected[1])
        if error.code != "HTTP\(raw.status)" { #expect(error.code == expected[0]) }
        // The error line's form: the ID before the message (cut last), and the snapshot's form without it.
        if let id = error.requestID {
            #expect(error.descriptionWithRequestID.hasPrefix("\(error.code) (request ID \(id))"))
            #expect(!error.description.contains(id))
        } else {
            #expect(error.descriptionWithRequestID == error.description)
        }
    }

    @Test(
        "the error lines of a missing mapping (Lambda, header) and a missing role (IAM in moto, XML body) name the request ID"
    )
    func errorLines() async throws {
        let bed = try await TestBed.shared()
        let missing = try BinaryRunner.run(
            ["get", "00000000-1111-4222-8333-444444444444"], environment: bed.environment())
        #expect(missing.exitCode == 2)
        #expect(missing.stderr.contains("ResourceNotFoundException (request ID "), "\(missing.stderr)")
        let role = try BinaryRunner.run(
            ["policy", "check", "--mapping", bed.mappingUUID, "--role", "no-such-role-\(UUID().uuidString.prefix(8))"],
            environment: bed.environment())
        #expect(role.exitCode == 2, "\(role.stderr)")
        #expect(role.stderr.contains("NoSuchEntity (request ID "), "\(role.stderr)")
        #expect(role.stderr.split(separator: "\n").count == 1)
    }
}
