/// `aws kafka describe-cluster-v2` output: `{"ClusterInfo": …}` (botocore kafka `DescribeClusterV2Response`,
/// docs/aws-facts.md#cluster-authentication-fields). The AWS CLI prints kafka's members PascalCase although the wire is
/// lowerCamel.
public struct DescribeClusterV2Output: Codable, Sendable, Equatable {
    public var clusterInfo: KafkaCluster?
    public init(clusterInfo: KafkaCluster?) { self.clusterInfo = clusterInfo }
    enum CodingKeys: String, CodingKey { case clusterInfo = "ClusterInfo" }
}

/// `Cluster` of DescribeClusterV2: provisioned or serverless.
public struct KafkaCluster: Codable, Sendable, Equatable {
    public var clusterArn: String?
    public var clusterName: String?
    /// `PROVISIONED` | `SERVERLESS`.
    public var clusterType: String?
    public var state: String?
    public var creationTime: AWSTimestamp?
    public var currentVersion: String?
    public var provisioned: Provisioned?
    public var serverless: Serverless?

    public init(
        clusterArn: String? = nil, clusterName: String? = nil, clusterType: String? = nil, state: String? = nil,
        provisioned: Provisioned? = nil, serverless: Serverless? = nil
    ) {
        self.clusterArn = clusterArn
        self.clusterName = clusterName
        self.clusterType = clusterType
        self.state = state
        self.provisioned = provisioned
        self.serverless = serverless
    }

    enum CodingKeys: String, CodingKey {
        case clusterArn = "ClusterArn"
        case clusterName = "ClusterName"
        case clusterType = "ClusterType"
        case state = "State"
        case creationTime = "CreationTime"
        case currentVersion = "CurrentVersion"
        case provisioned = "Provisioned"
        case serverless = "Serverless"
    }

    /// Serverless by type, or by having only the serverless part.
    public var isServerless: Bool {
        clusterType == "SERVERLESS" || (clusterType == nil && serverless != nil && provisioned == nil)
    }

    public struct Provisioned: Codable, Sendable, Equatable {
        public var brokerNodeGroupInfo: BrokerNodeGroupInfo?
        public var clientAuthentication: ClientAuthentication?
        public var encryptionInfo: EncryptionInfo?
        public var numberOfBrokerNodes: Int?
        public var currentBrokerSoftwareInfo: BrokerSoftwareInfo?

        public init(
            brokerNodeGroupInfo: BrokerNodeGroupInfo? = nil, clientAuthentication: ClientAuthentication? = nil,
            encryptionInfo: EncryptionInfo? = nil, numberOfBrokerNodes: Int? = nil
        ) {
            self.brokerNodeGroupInfo = brokerNodeGroupInfo
            self.clientAuthentication = clientAuthentication
            self.encryptionInfo = encryptionInfo
            self.numberOfBrokerNodes = numberOfBrokerNodes
        }

        enum CodingKeys: String, CodingKey {
            case brokerNodeGroupInfo = "BrokerNodeGroupInfo"
            case clientAuthentication = "ClientAuthentication"
            case encryptionInfo = "EncryptionInfo"
            case numberOfBrokerNodes = "NumberOfBrokerNodes"
            case currentBrokerSoftwareInfo = "CurrentBrokerSoftwareInfo"
        }
    }

    public struct BrokerSoftwareInfo: Codable, Sendable, Equatable {
        public var kafkaVersion: String?
        enum CodingKeys: String, CodingKey { case kafkaVersion = "KafkaVersion" }
    }

    public struct BrokerNodeGroupInfo: Codable, Sendable, Equatable {
        public var clientSubnets: [String]?
        /// If none were given, MSK uses the VPC's default security group.
        public var securityGroups: [String]?
        public var instanceType: String?
        public var connectivityInfo: ConnectivityInfo?

        public init(
            clientSubnets: [String]? = nil, securityGroups: [String]? = nil, connectivityInfo: ConnectivityInfo? = nil
        ) {
            self.clientSubnets = clientSubnets
            self.securityGroups = securityGroups
            self.connectivityInfo = connectivityInfo
        }

        enum CodingKeys: String, CodingKey {
            case clientSubnets = "ClientSubnets"
            case securityGroups = "SecurityGroups"
            case instanceType = "InstanceType"
            case connectivityInfo = "ConnectivityInfo"
        }
    }

    public struct ConnectivityInfo: Codable, Sendable, Equatable {
        public var publicAccess: PublicAccess?
        public var vpcConnectivity: VpcConnectivity?
        public var networkType: String?

        public init(publicAccess: PublicAccess? = nil, vpcConnectivity: VpcConnectivity? = nil) {
            self.publicAccess = publicAccess
            self.vpcConnectivity = vpcConnectivity
        }

        enum CodingKeys: String, CodingKey {
            case publicAccess = "PublicAccess"
            case vpcConnectivity = "VpcConnectivity"
            case networkType = "NetworkType"
        }
    }

    public struct PublicAccess: Codable, Sendable, Equatable {
        /// `DISABLED` | `SERVICE_PROVIDED_EIPS`.
        public var type: String?
        public init(type: String?) { self.type = type }
        enum CodingKeys: String, CodingKey { case type = "Type" }
    }

    /// Multi-VPC private connectivity (cross-account mappings).
    public struct VpcConnectivity: Codable, Sendable, Equatable {
        public var clientAuthentication: ClientAuthentication?
        public init(clientAuthentication: ClientAuthentication?) { self.clientAuthentication = clientAuthentication }
        enum CodingKeys: String, CodingKey { case clientAuthentication = "ClientAuthentication" }
    }

    /// `ClientAuthentication` (provisioned), `VpcConnectivityClientAuthentication` and
    /// `ServerlessClientAuthentication` share this shape (the latter two lack some members).
    public struct ClientAuthentication: Codable, Sendable, Equatable {
        public var sasl: Sasl?
        public var tls: Tls?
        public var unauthenticated: Toggle?

        public init(sasl: Sasl? = nil, tls: Tls? = nil, unauthenticated: Toggle? = nil) {
            self.sasl = sasl
            self.tls = tls
            self.unauthenticated = unauthenticated
        }

        enum CodingKeys: String, CodingKey {
            case sasl = "Sasl"
            case tls = "Tls"
            case unauthenticated = "Unauthenticated"
        }

        public var iamEnabled: Bool { sasl?.iam?.enabled == true }
        public var scramEnabled: Bool { sasl?.scram?.enabled == true }
        public var tlsEnabled: Bool { tls?.enabled == true }
    }

    public struct Sasl: Codable, Sendable, Equatable {
        public var scram: Toggle?
        public var iam: Toggle?
        public init(scram: Toggle? = nil, iam: Toggle? = nil) {
            self.scram = scram
            self.iam = iam
        }
        enum CodingKeys: String, CodingKey {
            case scram = "Scram"
            case iam = "Iam"
        }
    }

    public struct Tls: Codable, Sendable, Equatable {
        public var certificateAuthorityArnList: [String]?
        public var enabled: Bool?
        public init(certificateAuthorityArnList: [String]? = nil, enabled: Bool?) {
            self.certificateAuthorityArnList = certificateAuthorityArnList
            self.enabled = enabled
        }
        enum CodingKeys: String, CodingKey {
            case certificateAuthorityArnList = "CertificateAuthorityArnList"
            case enabled = "Enabled"
        }
    }

    /// `{"Enabled": bool}`: Scram, Iam, Unauthenticated.
    public struct Toggle: Codable, Sendable, Equatable {
        public var enabled: Bool?
        public init(enabled: Bool?) { self.enabled = enabled }
        enum CodingKeys: String, CodingKey { case enabled = "Enabled" }
    }

    public struct EncryptionInfo: Codable, Sendable, Equatable {
        public var encryptionInTransit: EncryptionInTransit?
        public init(encryptionInTransit: EncryptionInTransit?) { self.encryptionInTransit = encryptionInTransit }
        enum CodingKeys: String, CodingKey { case encryptionInTransit = "EncryptionInTransit" }
    }

    public struct EncryptionInTransit: Codable, Sendable, Equatable {
        /// `TLS` | `TLS_PLAINTEXT` | `PLAINTEXT` (MSK's default is TLS_PLAINTEXT).
        public var clientBroker: String?
        public var inCluster: Bool?
        public init(clientBroker: String?, inCluster: Bool? = nil) {
            self.clientBroker = clientBroker
            self.inCluster = inCluster
        }
        enum CodingKeys: String, CodingKey {
            case clientBroker = "ClientBroker"
            case inCluster = "InCluster"
        }
    }

    public struct Serverless: Codable, Sendable, Equatable {
        public var vpcConfigs: [VpcConfig]?
        public var clientAuthentication: ClientAuthentication?
        public init(vpcConfigs: [VpcConfig]? = nil, clientAuthentication: ClientAuthentication? = nil) {
            self.vpcConfigs = vpcConfigs
            self.clientAuthentication = clientAuthentication
        }
        enum CodingKeys: String, CodingKey {
            case vpcConfigs = "VpcConfigs"
            case clientAuthentication = "ClientAuthentication"
        }
    }

    public struct VpcConfig: Codable, Sendable, Equatable {
        public var subnetIds: [String]?
        public var securityGroupIds: [String]?
        enum CodingKeys: String, CodingKey {
            case subnetIds = "SubnetIds"
            case securityGroupIds = "SecurityGroupIds"
        }
    }
}

/// `aws kafka get-bootstrap-brokers` output (docs/aws-facts.md#bootstrap-broker-fields): comma-separated `host:port`
/// lists.
public struct BootstrapBrokers: Codable, Sendable, Equatable {
    public var bootstrapBrokerString: String?
    public var bootstrapBrokerStringTls: String?
    public var bootstrapBrokerStringSaslScram: String?
    public var bootstrapBrokerStringSaslIam: String?
    public var bootstrapBrokerStringPublicTls: String?
    public var bootstrapBrokerStringPublicSaslScram: String?
    public var bootstrapBrokerStringPublicSaslIam: String?
    public var bootstrapBrokerStringVpcConnectivityTls: String?
    public var bootstrapBrokerStringVpcConnectivitySaslScram: String?
    public var bootstrapBrokerStringVpcConnectivitySaslIam: String?
    public var bootstrapBrokerStringIpv6: String?
    public var bootstrapBrokerStringTlsIpv6: String?
    public var bootstrapBrokerStringSaslScramIpv6: String?
    public var bootstrapBrokerStringSaslIamIpv6: String?

    public init() {}

    /// The field names as the AWS CLI prints them; also the `bootstrapField` values of `brokers explain`.
    public enum Field: String, CodingKey, Codable, CaseIterable, Sendable {
        case bootstrapBrokerString = "BootstrapBrokerString"
        case bootstrapBrokerStringTls = "BootstrapBrokerStringTls"
        case bootstrapBrokerStringSaslScram = "BootstrapBrokerStringSaslScram"
        case bootstrapBrokerStringSaslIam = "BootstrapBrokerStringSaslIam"
        case bootstrapBrokerStringPublicTls = "BootstrapBrokerStringPublicTls"
        case bootstrapBrokerStringPublicSaslScram = "BootstrapBrokerStringPublicSaslScram"
        case bootstrapBrokerStringPublicSaslIam = "BootstrapBrokerStringPublicSaslIam"
        case bootstrapBrokerStringVpcConnectivityTls = "BootstrapBrokerStringVpcConnectivityTls"
        case bootstrapBrokerStringVpcConnectivitySaslScram = "BootstrapBrokerStringVpcConnectivitySaslScram"
        case bootstrapBrokerStringVpcConnectivitySaslIam = "BootstrapBrokerStringVpcConnectivitySaslIam"
        case bootstrapBrokerStringIpv6 = "BootstrapBrokerStringIpv6"
        case bootstrapBrokerStringTlsIpv6 = "BootstrapBrokerStringTlsIpv6"
        case bootstrapBrokerStringSaslScramIpv6 = "BootstrapBrokerStringSaslScramIpv6"
        case bootstrapBrokerStringSaslIamIpv6 = "BootstrapBrokerStringSaslIamIpv6"
    }
    typealias CodingKeys = Field

    /// The string of one field, or nil when empty or absent.
    public subscript(field: Field) -> String? {
        let value: String? =
            switch field {
            case .bootstrapBrokerString: bootstrapBrokerString
            case .bootstrapBrokerStringTls: bootstrapBrokerStringTls
            case .bootstrapBrokerStringSaslScram: bootstrapBrokerStringSaslScram
            case .bootstrapBrokerStringSaslIam: bootstrapBrokerStringSaslIam
            case .bootstrapBrokerStringPublicTls: bootstrapBrokerStringPublicTls
            case .bootstrapBrokerStringPublicSaslScram: bootstrapBrokerStringPublicSaslScram
            case .bootstrapBrokerStringPublicSaslIam: bootstrapBrokerStringPublicSaslIam
            case .bootstrapBrokerStringVpcConnectivityTls: bootstrapBrokerStringVpcConnectivityTls
            case .bootstrapBrokerStringVpcConnectivitySaslScram: bootstrapBrokerStringVpcConnectivitySaslScram
            case .bootstrapBrokerStringVpcConnectivitySaslIam: bootstrapBrokerStringVpcConnectivitySaslIam
            case .bootstrapBrokerStringIpv6: bootstrapBrokerStringIpv6
            case .bootstrapBrokerStringTlsIpv6: bootstrapBrokerStringTlsIpv6
            case .bootstrapBrokerStringSaslScramIpv6: bootstrapBrokerStringSaslScramIpv6
            case .bootstrapBrokerStringSaslIamIpv6: bootstrapBrokerStringSaslIamIpv6
            }
        guard let value, !value.isEmpty else { return nil }
        return value
    }
}

/// `aws kafka describe-vpc-connection` output (cross-account mappings).
public struct VpcConnection: Codable, Sendable, Equatable {
    public var vpcConnectionArn: String?
    public var targetClusterArn: String?
    /// CREATING | AVAILABLE | INACTIVE | DEACTIVATING | DELETING | FAILED | REJECTED | REJECTING.
    public var state: String?
    public var authentication: String?
    public var vpcId: String?
    public var subnets: [String]?
    public var securityGroups: [String]?
    public var creationTime: AWSTimestamp?

    enum CodingKeys: String, CodingKey {
        case vpcConnectionArn = "VpcConnectionArn"
        case targetClusterArn = "TargetClusterArn"
        case state = "State"
        case authentication = "Authentication"
        case vpcId = "VpcId"
        case subnets = "Subnets"
        case securityGroups = "SecurityGroups"
        case creationTime = "CreationTime"
    }
}

/// `aws kafka list-scram-secrets` output.
public struct ScramSecretList: Codable, Sendable, Equatable {
    public var secretArnList: [String]?
    public var nextToken: String?
    enum CodingKeys: String, CodingKey {
        case secretArnList = "SecretArnList"
        case nextToken = "NextToken"
    }
}
