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

    /// `aws cloudwatch get-metric-data` for one metric statistic over a window.
    public func getMetricData(
        id: String = "m1", namespace: String, metricName: String, dimensions: [(String, String)], stat: String,
        period: Int, start: Date, end: Date
    ) async throws -> JSONValue {
        var parameters: [(String, String)] = [
            ("MetricDataQueries.member.1.Id", id),
            ("MetricDataQueries.member.1.MetricStat.Metric.Namespace", namespace),
            ("MetricDataQueries.member.1.MetricStat.Metric.MetricName", metricName),
            ("MetricDataQueries.member.1.MetricStat.Period", String(period)),
            ("MetricDataQueries.member.1.MetricStat.Stat", stat),
            ("StartTime", ISO8601Instant.format(start)),
            ("EndTime", ISO8601Instant.format(end)),
        ]
        for (index, dimension) in dimensions.enumerated() {
            parameters.append(
                ("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.\(index + 1).Name", dimension.0))
            parameters.append(
                ("MetricDataQueries.member.1.MetricStat.Metric.Dimensions.member.\(index + 1).Value", dimension.1))
        }
        return try await client.sendShaped(.query(.cloudWatch, "GetMetricData", parameters))
    }
}
