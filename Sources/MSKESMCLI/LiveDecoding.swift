import Foundation
import MSKESMAWS
import MSKESMCore

/// Helpers of the live modes: the AWS client of a command, and AWS CLI JSON read into the core's models.
enum LiveDecoding {
    /// The client for this command line's AWS options; `--debug` sends the redacted HTTP trace to stderr.
    static func client(_ global: GlobalOptions) throws -> AWSClient {
        try global.aws.client(debug: global.debug)
    }

    /// An AWS response decoded as a core model; a response that does not fit is an AWS problem (exit 3).
    static func decode<T: Decodable>(_ value: JSONValue, as type: T.Type, what: String) throws -> T {
        do {
            return try JSONValueDecoder().decode(type, from: value)
        } catch {
            throw ToolError.remote(
                "unexpected \(what) from AWS", input: what, fix: "retry with --debug and report the response")
        }
    }

    /// A snapshot document assembled from live parts (`SnapshotVersion` 1), decoded like a file.
    static func snapshot(_ parts: [String: JSONValue], region: String) throws -> Snapshot {
        var document = parts
        document["SnapshotVersion"] = 1
        document["Region"] = .string(region)
        return try Snapshot.decode(JSONValue.object(document), source: "AWS")
    }

    /// `aws lambda get-event-source-mapping` of `--mapping UUID` (no such mapping: exit 2).
    static func mapping(_ uuid: String, client: AWSClient) async throws -> JSONValue {
        try await LiveRead.run(
            "event source mapping", input: "--mapping \(uuid)", lookup: "aws lambda list-event-source-mappings"
        ) {
            try await LambdaClient(client: client).getEventSourceMapping(uuid: uuid)
        }
    }
}
