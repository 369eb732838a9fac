import Foundation

/// The facts about a mapping that both the reading of its environment (`MappingReadPlan`) and the doctor's
/// checks (``DoctorContext``) need, derived in this one place from the typed model: which cluster, subnets,
/// security groups and secrets a mapping involves.
package enum MappingFacts {
    /// `arn:aws:kafka:<region>:<account>:vpc-connection/…`: a cross-account (multi-VPC) mapping's source.
    package static func isVpcConnectionArn(_ arn: String?) -> Bool {
        guard let arn else { return false }
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        return parts.count == 6 && parts[2] == "kafka" && parts[5].hasPrefix("vpc-connection/")
    }

    /// The MSK cluster a mapping reads: its EventSourceArn, or for a cross-account mapping the VPC connection's
    /// target cluster; nil for self-managed Kafka.
    package static func clusterArn(
        mapping: EventSourceMappingConfiguration, cluster: KafkaCluster?, vpcConnection: VpcConnection?
    ) -> String? {
        if isVpcConnectionArn(mapping.eventSourceArn) {
            return vpcConnection?.targetClusterArn ?? cluster?.clusterArn
        }
        return mapping.eventSourceArn ?? cluster?.clusterArn
    }

    /// The security groups of the mapping's pollers: for MSK the cluster's ("Lambda assumes the VPC settings of
    /// the Amazon MSK cluster", https://docs.aws.amazon.com/lambda/latest/dg/with-msk-cluster-network.html), for
    /// cross-account mappings the VPC connection's, for self-managed Kafka the `VPC_SECURITY_GROUP` entries
    /// (`security_group:sg-…`, or the bare id CDK sends).
    package static func securityGroupIds(
        mapping: EventSourceMappingConfiguration, cluster: KafkaCluster?, vpcConnection: VpcConnection?
    ) -> [String] {
        if isVpcConnectionArn(mapping.eventSourceArn) { return vpcConnection?.securityGroups ?? [] }
        if let cluster { return clusterNetwork(cluster).groups }
        return sourceAccessIds(mapping, type: "VPC_SECURITY_GROUP", prefix: "security_group:")
    }

    /// The subnets of the mapping's pollers, found the same way as ``securityGroupIds(mapping:cluster:vpcConnection:)``.
    package static func subnetIds(
        mapping: EventSourceMappingConfiguration, cluster: KafkaCluster?, vpcConnection: VpcConnection?
    ) -> [String] {
        if isVpcConnectionArn(mapping.eventSourceArn) { return vpcConnection?.subnets ?? [] }
        if let cluster { return clusterNetwork(cluster).subnets }
        return sourceAccessIds(mapping, type: "VPC_SUBNET", prefix: "subnet:")
    }

    /// A cluster's client subnets and security groups (provisioned, or the serverless VPC configs).
    package static func clusterNetwork(_ cluster: KafkaCluster) -> (subnets: [String], groups: [String]) {
        if cluster.isServerless {
            let configs = cluster.serverless?.vpcConfigs ?? []
            return (configs.flatMap { $0.subnetIds ?? [] }, configs.flatMap { $0.securityGroupIds ?? [] })
        }
        let node = cluster.provisioned?.brokerNodeGroupInfo
        return (node?.clientSubnets ?? [], node?.securityGroups ?? [])
    }

    /// The client subnets and security groups of a cluster as `describe-cluster-v2` prints it; empty when it
    /// does not decode.
    package static func clusterNetwork(describeClusterV2 output: JSONValue) -> (subnets: [String], groups: [String]) {
        typedCluster(output).map(clusterNetwork) ?? ([], [])
    }

    /// The Secrets Manager ARNs among the mapping's `SourceAccessConfigurations`, whatever their type (a type
    /// this build does not understand may still name a secret Lambda reads), each once.
    package static func secretsToRead(_ mapping: JSONValue) -> [String] {
        var arns: [String] = []
        for entry in mapping["SourceAccessConfigurations"]?.arrayValue ?? [] {
            if let uri = entry["URI"]?.stringValue, uri.hasPrefix("arn:"), uri.contains(":secretsmanager:"),
                !arns.contains(uri)
            {
                arns.append(uri)
            }
        }
        for secret in SecretAnalysis.registrySecrets(ofMapping: mapping) where !arns.contains(secret.arn) {
            arns.append(secret.arn)
        }
        return arns
    }

    /// `…:function:name[:qualifier]` → `name` (the metric's FunctionName dimension); anything else as given.
    package static func functionName(ofArn arn: String) -> String {
        guard let range = arn.range(of: ":function:") else { return arn }
        return String(arn[range.upperBound...].split(separator: ":").first ?? "")
    }

    /// `arn:aws:iam::123456789012:role/path/name` → `name` (the last path segment).
    package static func roleName(ofArn arn: String) -> String {
        arn.split(separator: "/").last.map(String.init) ?? arn
    }

    static func sourceAccessIds(_ mapping: EventSourceMappingConfiguration, type: String, prefix: String) -> [String] {
        (mapping.sourceAccessConfigurations ?? []).filter { $0.type == type }.compactMap(\.uri).map {
            $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0
        }
    }

    static func typedMapping(_ value: JSONValue) -> EventSourceMappingConfiguration? {
        try? JSONValueDecoder().decode(EventSourceMappingConfiguration.self, from: value)
    }

    static func typedCluster(_ value: JSONValue) -> KafkaCluster? {
        (try? JSONValueDecoder().decode(DescribeClusterV2Output.self, from: value))?.clusterInfo
    }

    static func typedVpcConnection(_ value: JSONValue) -> VpcConnection? {
        try? JSONValueDecoder().decode(VpcConnection.self, from: value)
    }
}
