import Foundation
import MSKESMCore

/// Amazon MSK (rest-json with lowerCamel wire keys, converted to the AWS CLI's PascalCase).
public struct KafkaClient: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// `aws kafka describe-cluster-v2`: `{"ClusterInfo": …}`.
    public func describeClusterV2(clusterArn: String) async throws -> JSONValue {
        try await client.sendShaped(
            AWSCall(
                service: .kafka, operation: "DescribeClusterV2",
                path: URIEncoding.path(["api", "v2", "clusters", clusterArn])))
    }

    /// `aws kafka get-bootstrap-brokers`.
    public func getBootstrapBrokers(clusterArn: String) async throws -> JSONValue {
        try await client.sendShaped(
            AWSCall(
                service: .kafka, operation: "GetBootstrapBrokers",
                path: URIEncoding.path(["v1", "clusters", clusterArn, "bootstrap-brokers"])))
    }

    /// `aws kafka list-scram-secrets`, all pages: `{"SecretArnList": [...]}`.
    public func listScramSecrets(clusterArn: String) async throws -> JSONValue {
        var arns: [JSONValue] = []
        var token: String?
        repeat {
            let page = try await client.sendShaped(
                AWSCall(
                    service: .kafka, operation: "ListScramSecrets",
                    path: URIEncoding.path(["v1", "clusters", clusterArn, "scram-secrets"]),
                    query: token.map { [("nextToken", $0)] } ?? []))
            arns += page["SecretArnList"]?.arrayValue ?? []
            token = page["NextToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        } while token != nil
        return .object(["SecretArnList": .array(arns)])
    }

    /// `aws kafka describe-topic`: the topic's partition count, replication factor and status, from the MSK
    /// control plane (MSK Provisioned, Apache Kafka 3.6.0 or later:
    /// https://docs.aws.amazon.com/msk/latest/developerguide/msk-view-topic-information.html).
    public func describeTopic(clusterArn: String, topicName: String) async throws -> JSONValue {
        try await client.sendShaped(
            AWSCall(
                service: .kafka, operation: "DescribeTopic",
                path: URIEncoding.path(["v1", "clusters", clusterArn, "topics", topicName])))
    }

    /// `aws kafka describe-vpc-connection`.
    public func describeVpcConnection(arn: String) async throws -> JSONValue {
        try await client.sendShaped(
            AWSCall(
                service: .kafka, operation: "DescribeVpcConnection",
                path: URIEncoding.path(["v1", "vpc-connection", arn])))
    }
}
