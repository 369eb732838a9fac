/// Facts about the mapping that several areas need (the IAM and network checks the lead wires in read them
/// from here rather than each re-deriving them from the snapshot).
extension DoctorContext {
    /// The security groups the mapping's pollers use (`MappingFacts/securityGroupIds(mapping:cluster:vpcConnection:)`).
    public var mappingSecurityGroupIds: [String] {
        MappingFacts.securityGroupIds(
            mapping: snapshot.eventSourceMapping, cluster: snapshot.cluster?.clusterInfo,
            vpcConnection: snapshot.vpcConnection)
    }

    /// The subnets the mapping's pollers use (`MappingFacts/subnetIds(mapping:cluster:vpcConnection:)`).
    public var mappingSubnetIds: [String] {
        MappingFacts.subnetIds(
            mapping: snapshot.eventSourceMapping, cluster: snapshot.cluster?.clusterInfo,
            vpcConnection: snapshot.vpcConnection)
    }

    /// The secret ARNs the mapping reads: its authentication and root CA, then its schema registry's.
    public var secretArns: [String] {
        let own = SecretAnalysisCheck.secretArns(snapshot.eventSourceMapping)
        let registry = (SchemaRegistrySettings(snapshot.eventSourceMapping)?.secrets ?? []).map(\.arn)
        return own + registry.filter { !own.contains($0) }
    }

    /// The MSK cluster the mapping reads (`MappingFacts/clusterArn(mapping:cluster:vpcConnection:)`).
    public var clusterArn: String? {
        MappingFacts.clusterArn(
            mapping: snapshot.eventSourceMapping, cluster: snapshot.cluster?.clusterInfo,
            vpcConnection: snapshot.vpcConnection)
    }

    /// The authentication secret (not the root CA), else the first secret.
    public var authSecretArn: String? {
        (snapshot.eventSourceMapping.sourceAccessConfigurations ?? []).first {
            $0.type.flatMap(AuthMethod.init(sourceAccessType:)) != nil
        }?.uri ?? SecretAnalysisCheck.secretArns(snapshot.eventSourceMapping).first
    }

    /// The on-failure destination, if set.
    public var onFailureDestination: String? {
        guard let destination = snapshot.eventSourceMapping.destinationConfig?.onFailure?.destination,
            !destination.isEmpty
        else { return nil }
        return destination
    }
}
