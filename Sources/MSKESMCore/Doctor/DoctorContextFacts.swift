/// Facts about the mapping that several areas need (the IAM and network checks the lead wires in read them
/// from here rather than each re-deriving them from the snapshot).
extension DoctorContext {
    /// The security groups the mapping's pollers use: for MSK the cluster's (SPEC §6.1: "Lambda assumes the
    /// VPC settings of the Amazon MSK cluster"), for cross-account mappings the VPC connection's, for
    /// self-managed Kafka the `VPC_SECURITY_GROUP` entries (`security_group:sg-…`, or the bare id CDK sends).
    public var mappingSecurityGroupIds: [String] {
        let mapping = snapshot.eventSourceMapping
        if BrokerSelectionInput.isVpcConnectionArn(mapping.eventSourceArn) {
            return snapshot.vpcConnection?.securityGroups ?? []
        }
        if let cluster = snapshot.cluster?.clusterInfo {
            if cluster.isServerless {
                return cluster.serverless?.vpcConfigs?.flatMap { $0.securityGroupIds ?? [] } ?? []
            }
            return cluster.provisioned?.brokerNodeGroupInfo?.securityGroups ?? []
        }
        return Self.sourceAccessIds(mapping, type: "VPC_SECURITY_GROUP", prefix: "security_group:")
    }

    /// The subnets the mapping's pollers use, found the same way as ``mappingSecurityGroupIds``.
    public var mappingSubnetIds: [String] {
        let mapping = snapshot.eventSourceMapping
        if BrokerSelectionInput.isVpcConnectionArn(mapping.eventSourceArn) {
            return snapshot.vpcConnection?.subnets ?? []
        }
        if let cluster = snapshot.cluster?.clusterInfo {
            if cluster.isServerless {
                return cluster.serverless?.vpcConfigs?.flatMap { $0.subnetIds ?? [] } ?? []
            }
            return cluster.provisioned?.brokerNodeGroupInfo?.clientSubnets ?? []
        }
        return Self.sourceAccessIds(mapping, type: "VPC_SUBNET", prefix: "subnet:")
    }

    /// The secret ARNs the mapping reads (authentication and root CA).
    public var secretArns: [String] { SecretAnalysisCheck.secretArns(snapshot.eventSourceMapping) }

    /// The MSK cluster the mapping reads: its EventSourceArn, or for a cross-account mapping (whose source is a
    /// VPC connection) the connection's target cluster; nil for self-managed Kafka.
    public var clusterArn: String? {
        let mapping = snapshot.eventSourceMapping
        if BrokerSelectionInput.isVpcConnectionArn(mapping.eventSourceArn) {
            return snapshot.vpcConnection?.targetClusterArn ?? snapshot.cluster?.clusterInfo?.clusterArn
        }
        return mapping.eventSourceArn ?? snapshot.cluster?.clusterInfo?.clusterArn
    }

    /// The authentication secret (not the root CA), else the first secret.
    public var authSecretArn: String? {
        (snapshot.eventSourceMapping.sourceAccessConfigurations ?? []).first {
            $0.type.flatMap(AuthMethod.init(sourceAccessType:)) != nil
        }?.uri ?? secretArns.first
    }

    /// The on-failure destination, if set.
    public var onFailureDestination: String? {
        guard let destination = snapshot.eventSourceMapping.destinationConfig?.onFailure?.destination,
            !destination.isEmpty
        else { return nil }
        return destination
    }

    static func sourceAccessIds(_ mapping: EventSourceMappingConfiguration, type: String, prefix: String) -> [String] {
        (mapping.sourceAccessConfigurations ?? []).filter { $0.type == type }.compactMap(\.uri).map {
            $0.hasPrefix(prefix) ? String($0.dropFirst(prefix.count)) : $0
        }
    }
}
