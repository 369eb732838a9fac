import Foundation
import MSKESMCore

/// Secrets Manager (json 1.1).
public struct SecretsManagerClient: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// `aws secretsmanager describe-secret`.
    public func describeSecret(secretId: String) async throws -> JSONValue {
        try await client.sendShaped(.json(.secretsManager, "DescribeSecret", ["SecretId": .string(secretId)]))
    }

    /// `aws secretsmanager get-secret-value`. The result holds the secret: never print or log it.
    public func getSecretValue(secretId: String) async throws -> JSONValue {
        try await client.sendShaped(.json(.secretsManager, "GetSecretValue", ["SecretId": .string(secretId)]))
    }
}

/// KMS (json 1.1).
public struct KMSClient: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// `aws kms describe-key --key-id ID` (an ARN, a key id or an alias).
    public func describeKey(keyId: String) async throws -> JSONValue {
        try await client.sendShaped(.json(.kms, "DescribeKey", ["KeyId": .string(keyId)]))
    }
}

/// CloudWatch (query protocol).
public struct CloudWatchClient: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// `aws cloudwatch get-metric-data` for up to 500 queries in one call (the API's limit), each named by its
    /// id, points oldest first; follows `NextToken` and merges the pages' points per id.
    public func getMetricData(queries: [(id: String, query: MetricQuery)], start: Date, end: Date) async throws
        -> JSONValue
    {
        var parameters: [(String, String)] = [
            ("StartTime", ISO8601Instant.format(start)), ("EndTime", ISO8601Instant.format(end)),
            ("ScanBy", "TimestampAscending"),
        ]
        for (index, (id, query)) in queries.enumerated() {
            let member = "MetricDataQueries.member.\(index + 1)"
            parameters += [
                ("\(member).Id", id), ("\(member).MetricStat.Metric.Namespace", query.namespace),
                ("\(member).MetricStat.Metric.MetricName", query.metricName),
                ("\(member).MetricStat.Period", String(query.period)), ("\(member).MetricStat.Stat", query.stat),
            ]
            for (number, dimension) in query.dimensions.enumerated() {
                let prefix = "\(member).MetricStat.Metric.Dimensions.member.\(number + 1)"
                parameters += [("\(prefix).Name", dimension.name), ("\(prefix).Value", dimension.value)]
            }
        }
        var order: [String] = []
        var results: [String: [String: JSONValue]] = [:]
        var token: String?
        repeat {
            let page = try await client.sendShaped(
                .query(.cloudWatch, "GetMetricData", parameters + (token.map { [("NextToken", $0)] } ?? [])))
            for result in page["MetricDataResults"]?.arrayValue ?? [] {
                guard let id = result["Id"]?.stringValue else { continue }
                if var merged = results[id] {
                    for key in ["Timestamps", "Values"] {
                        merged[key] = .array((merged[key]?.arrayValue ?? []) + (result[key]?.arrayValue ?? []))
                    }
                    merged["StatusCode"] = result["StatusCode"] ?? merged["StatusCode"]
                    results[id] = merged
                } else {
                    order.append(id)
                    results[id] = result.objectValue ?? [:]
                }
            }
            token = page["NextToken"]?.stringValue
        } while token != nil
        return ["MetricDataResults": .array(order.compactMap { results[$0].map(JSONValue.object) })]
    }
}
