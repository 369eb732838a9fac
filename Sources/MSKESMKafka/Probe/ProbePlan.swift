import Foundation
import MSKESMAWS
import MSKESMCore

/// Builds the probe's configuration for a mapping from its ``Snapshot``, choosing as Lambda would: the
/// brokers and method from ``BrokerSelector`` (the `BootstrapBrokers` field Lambda reads, or the self-managed
/// endpoints), the secret's value from `Secrets[arn].SecretString` when the snapshot holds it, the root CA
/// from a SERVER_ROOT_CA_CERTIFICATE secret, the topic from `Topics`, and the consumer group (the custom id or
/// the mapping's UUID, https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html).
///
/// This is the entry point for both `--snapshot FILE` (offline) and a snapshot gathered live for a mapping
/// UUID.
public enum ProbePlan {
    /// The configuration, or a `ToolError` (exit 2) when the snapshot cannot say which brokers to probe.
    public static func configuration(
        snapshot: Snapshot, timeout: Double = 5, caFile: String? = nil, iamCredentials: AWSCredentials? = nil,
        region: String? = nil
    ) throws -> ProbeConfiguration {
        guard let choice = BrokerChoiceCheck.choice(for: snapshot) else {
            throw ToolError.usage(
                "the snapshot has no Cluster part for an MSK mapping", input: snapshot.source,
                fix: "add Cluster = `aws kafka describe-cluster-v2 --output json`, and BootstrapBrokers")
        }
        guard let method = choice.attemptedMethod else {
            throw ToolError.usage(
                "Lambda has no authentication method for this mapping", input: snapshot.source,
                fix: "run msk-esm brokers explain --snapshot \(snapshot.source) to see why")
        }
        let mapping = snapshot.eventSourceMapping
        let selfManaged =
            mapping.eventSourceArn == nil && !(mapping.selfManagedEventSource?.bootstrapServers ?? []).isEmpty
        if choice.brokers.isEmpty {
            throw ToolError.usage(
                "the snapshot names no brokers for \(method.displayName)", input: snapshot.source,
                fix: "add BootstrapBrokers = `aws kafka get-bootstrap-brokers --cluster-arn <cluster> --output json`")
        }
        let accesses = mapping.sourceAccessConfigurations ?? []
        let secretARN = accesses.first { AuthMethod(sourceAccessType: $0.type ?? "") == method }?.uri
        let rootCAARN = accesses.first { $0.type == "SERVER_ROOT_CA_CERTIFICATE" }?.uri
        let secretString = secretARN.flatMap { snapshot.secrets?[$0]?.secretString }
        let rootCA = rootCAARN.flatMap { snapshot.secrets?[$0]?.secretString }.flatMap { text -> String? in
            guard let data = text.data(using: .utf8),
                let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any]
            else { return text }
            return object["certificate"] as? String
        }
        let group = mapping.consumerGroupId ?? mapping.uuid
        var configuration = ProbeConfiguration(
            brokers: choice.brokers, method: method, secretJSON: secretString, secretLabel: secretARN,
            caFile: caFile, extraCAPEM: rootCA, topic: mapping.topics?.first, group: group, timeout: timeout,
            iamCredentials: iamCredentials, region: region ?? snapshot.region, selfManaged: selfManaged)
        configuration.oauth = OAuthBearerSettings(accesses: accesses.map { ($0.type, $0.uri) })
        return configuration
    }
}
