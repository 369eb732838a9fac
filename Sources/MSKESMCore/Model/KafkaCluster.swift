/// `aws kafka describe-cluster-v2` output: `{"ClusterInfo": …}` (botocore kafka `DescribeClusterV2Response`,
/// docs/aws-facts.md#cluster-authentication-fields). The AWS CLI prints kafka's members PascalCase although the wire is
/// lowerCamel.
public struct DescribeClusterV2Output: Codable, Sendable, Equatable {
    /// `ClusterInfo`: the cluster; `nil` when the output lacks it.
    public var clusterInfo: KafkaCluster?
    /// Creates the output around a cluster.
    public init(clusterInfo: KafkaCluster?) { self.clusterInfo = clusterInfo }
    enum CodingKeys: String, CodingKey { case clusterInfo = "ClusterInfo" }
}

/// `Cluster` of DescribeClusterV2: provisioned or serverless.
public struct KafkaCluster: Codable, Sendable, Equatable {
    /// `ClusterArn`: `arn:aws:kafka:<region>:<account>:cluster/<name>/<uuid>`, the mapping's `EventSourceArn`.
    public var clusterArn: String?
    /// `ClusterName`: the cluster's name.
    public var clusterName: String?
    /// `PROVISIONED` | `SERVERLESS`.
    public var clusterType: String?
    /// `State`: e.g. `ACTIVE`, `CREATING`, `UPDATING`, `REBOOTING_BROKER` or `FAILED`; a mapping needs `ACTIVE`.
    public var state: String?
    /// `CreationTime`: when the cluster was created.
    public var creationTime: AWSTimestamp?
    /// `CurrentVersion`: the cluster's configuration version, which updates to the cluster must name.
    public var currentVersion: String?
    /// `Provisioned`: the broker, authentication and encryption settings of a provisioned cluster.
    public var provisioned: Provisioned?
    /// `Serverless`: the VPC and authentication settings of a serverless cluster.
    public var serverless: Serverless?

    /// Creates a cluster from the fields the checks read; all are optional, as in hand-made inputs.
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

    /// `Provisioned`: the settings of a provisioned cluster
    /// (https://docs.aws.amazon.com/msk/1.0/apireference/v2-clusters-clusterarn.html).
    public struct Provisioned: Codable, Sendable, Equatable {
        /// `BrokerNodeGroupInfo`: the brokers' subnets and security groups, which an MSK mapping's pollers also use.
        public var brokerNodeGroupInfo: BrokerNodeGroupInfo?
        /// `ClientAuthentication`: which of SASL/SCRAM, SASL/IAM, mTLS and unauthenticated access are on.
        public var clientAuthentication: ClientAuthentication?
        /// `EncryptionInfo`: whether clients may or must use TLS.
        public var encryptionInfo: EncryptionInfo?
        /// `NumberOfBrokerNodes`: how many brokers the cluster has across its zones.
        public var numberOfBrokerNodes: Int?
        /// `CurrentBrokerSoftwareInfo`: the Kafka version the brokers run.
        public var currentBrokerSoftwareInfo: BrokerSoftwareInfo?

        /// Creates provisioned settings from the fields the checks read.
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

    /// `BrokerSoftwareInfo`: the software the brokers run.
    public struct BrokerSoftwareInfo: Codable, Sendable, Equatable {
        /// `KafkaVersion`: e.g. `3.6.0`.
        public var kafkaVersion: String?
        enum CodingKeys: String, CodingKey { case kafkaVersion = "KafkaVersion" }
    }

    /// `BrokerNodeGroupInfo`: where the brokers run and how they are reached.
    public struct BrokerNodeGroupInfo: Codable, Sendable, Equatable {
        /// `ClientSubnets`: the subnets of the brokers, in which an MSK mapping puts its network interfaces.
        public var clientSubnets: [String]?
        /// If none were given, MSK uses the VPC's default security group.
        public var securityGroups: [String]?
        /// `InstanceType`: the broker instance type, e.g. `kafka.m5.large`.
        public var instanceType: String?
        /// `ConnectivityInfo`: public access and multi-VPC private connectivity.
        public var connectivityInfo: ConnectivityInfo?

        /// Creates broker node group settings from the fields the checks read.
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

    /// `ConnectivityInfo`: how clients outside the cluster's VPC reach the brokers.
    public struct ConnectivityInfo: Codable, Sendable, Equatable {
        /// `PublicAccess`: whether the brokers have public addresses.
        public var publicAccess: PublicAccess?
        /// `VpcConnectivity`: multi-VPC private connectivity, which cross-account mappings use.
        public var vpcConnectivity: VpcConnectivity?
        /// `NetworkType`: `IPV4` or `DUAL`.
        public var networkType: String?

        /// Creates connectivity settings from public access and multi-VPC connectivity.
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

    /// `PublicAccess`: whether MSK gives the brokers public IP addresses.
    public struct PublicAccess: Codable, Sendable, Equatable {
        /// `DISABLED` | `SERVICE_PROVIDED_EIPS`.
        public var type: String?
        /// Creates a public access setting from its type.
        public init(type: String?) { self.type = type }
        enum CodingKeys: String, CodingKey { case type = "Type" }
    }

    /// Multi-VPC private connectivity (cross-account mappings).
    public struct VpcConnectivity: Codable, Sendable, Equatable {
        /// `ClientAuthentication`: the methods clients may use through multi-VPC connectivity.
        public var clientAuthentication: ClientAuthentication?
        /// Creates multi-VPC connectivity settings from their client authentication.
        public init(clientAuthentication: ClientAuthentication?) { self.clientAuthentication = clientAuthentication }
        enum CodingKeys: String, CodingKey { case clientAuthentication = "ClientAuthentication" }
    }

    /// `ClientAuthentication` (provisioned), `VpcConnectivityClientAuthentication` and
    /// `ServerlessClientAuthentication` share this shape (the latter two lack some members).
    public struct ClientAuthentication: Codable, Sendable, Equatable {
        /// `Sasl`: whether SASL/SCRAM and SASL/IAM are on.
        public var sasl: Sasl?
        /// `Tls`: whether mTLS client authentication is on, and with which private CAs.
        public var tls: Tls?
        /// `Unauthenticated`: whether clients may connect without authentication.
        public var unauthenticated: Toggle?

        /// Creates client authentication settings from their parts.
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

        /// Whether SASL/IAM is on, the method an MSK mapping uses when no secret is given.
        public var iamEnabled: Bool { sasl?.iam?.enabled == true }
        /// Whether SASL/SCRAM is on, the method a `SASL_SCRAM_512_AUTH` secret needs.
        public var scramEnabled: Bool { sasl?.scram?.enabled == true }
        /// Whether mTLS client authentication is on, the method a `CLIENT_CERTIFICATE_TLS_AUTH` secret needs.
        public var tlsEnabled: Bool { tls?.enabled == true }
    }

    /// `Sasl`: the SASL mechanisms of the cluster.
    public struct Sasl: Codable, Sendable, Equatable {
        /// `Scram`: SASL/SCRAM-SHA-512 with Secrets Manager credentials.
        public var scram: Toggle?
        /// `Iam`: SASL/IAM with IAM access control.
        public var iam: Toggle?
        /// Creates SASL settings from their mechanisms.
        public init(scram: Toggle? = nil, iam: Toggle? = nil) {
            self.scram = scram
            self.iam = iam
        }
        enum CodingKeys: String, CodingKey {
            case scram = "Scram"
            case iam = "Iam"
        }
    }

    /// `Tls`: mTLS client authentication.
    public struct Tls: Codable, Sendable, Equatable {
        /// `CertificateAuthorityArnList`: the AWS Private CA ARNs whose client certificates the brokers accept.
        public var certificateAuthorityArnList: [String]?
        /// `Enabled`: whether mTLS client authentication is on.
        public var enabled: Bool?
        /// Creates mTLS settings from their CA list and switch.
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
        /// `Enabled`: whether the method is on; `nil` when the output omits it.
        public var enabled: Bool?
        /// Creates a switch from its value.
        public init(enabled: Bool?) { self.enabled = enabled }
        enum CodingKeys: String, CodingKey { case enabled = "Enabled" }
    }

    /// `EncryptionInfo`: the cluster's encryption settings.
    public struct EncryptionInfo: Codable, Sendable, Equatable {
        /// `EncryptionInTransit`: whether traffic to and between brokers is encrypted.
        public var encryptionInTransit: EncryptionInTransit?
        /// Creates encryption settings from their in-transit part.
        public init(encryptionInTransit: EncryptionInTransit?) { self.encryptionInTransit = encryptionInTransit }
        enum CodingKeys: String, CodingKey { case encryptionInTransit = "EncryptionInTransit" }
    }

    /// `EncryptionInTransit`: TLS between clients and brokers and within the cluster.
    public struct EncryptionInTransit: Codable, Sendable, Equatable {
        /// `TLS` | `TLS_PLAINTEXT` | `PLAINTEXT` (MSK's default is TLS_PLAINTEXT).
        public var clientBroker: String?
        /// `InCluster`: whether traffic between brokers is encrypted.
        public var inCluster: Bool?
        /// Creates in-transit encryption settings from the client-broker setting.
        public init(clientBroker: String?, inCluster: Bool? = nil) {
            self.clientBroker = clientBroker
            self.inCluster = inCluster
        }
        enum CodingKeys: String, CodingKey {
            case clientBroker = "ClientBroker"
            case inCluster = "InCluster"
        }
    }

    /// `Serverless`: the settings of a serverless cluster, which supports only SASL/IAM.
    public struct Serverless: Codable, Sendable, Equatable {
        /// `VpcConfigs`: the subnets and security groups of the cluster, one entry per VPC.
        public var vpcConfigs: [VpcConfig]?
        /// `ClientAuthentication`: the client authentication of the serverless cluster (SASL/IAM).
        public var clientAuthentication: ClientAuthentication?
        /// Creates serverless settings from their VPC configurations and client authentication.
        public init(vpcConfigs: [VpcConfig]? = nil, clientAuthentication: ClientAuthentication? = nil) {
            self.vpcConfigs = vpcConfigs
            self.clientAuthentication = clientAuthentication
        }
        enum CodingKeys: String, CodingKey {
            case vpcConfigs = "VpcConfigs"
            case clientAuthentication = "ClientAuthentication"
        }
    }

    /// `VpcConfig`: one VPC of a serverless cluster.
    public struct VpcConfig: Codable, Sendable, Equatable {
        /// `SubnetIds`: the cluster's subnets in this VPC.
        public var subnetIds: [String]?
        /// `SecurityGroupIds`: the cluster's security groups in this VPC.
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
    /// `BootstrapBrokerString`: plaintext brokers, port 9092.
    public var bootstrapBrokerString: String?
    /// `BootstrapBrokerStringTls`: TLS brokers, port 9094.
    public var bootstrapBrokerStringTls: String?
    /// `BootstrapBrokerStringSaslScram`: SASL/SCRAM brokers, port 9096.
    public var bootstrapBrokerStringSaslScram: String?
    /// `BootstrapBrokerStringSaslIam`: SASL/IAM brokers, port 9098.
    public var bootstrapBrokerStringSaslIam: String?
    /// `BootstrapBrokerStringPublicTls`: public TLS brokers, port 9194.
    public var bootstrapBrokerStringPublicTls: String?
    /// `BootstrapBrokerStringPublicSaslScram`: public SASL/SCRAM brokers, port 9196.
    public var bootstrapBrokerStringPublicSaslScram: String?
    /// `BootstrapBrokerStringPublicSaslIam`: public SASL/IAM brokers, port 9198.
    public var bootstrapBrokerStringPublicSaslIam: String?
    /// `BootstrapBrokerStringVpcConnectivityTls`: mTLS brokers through multi-VPC private connectivity.
    public var bootstrapBrokerStringVpcConnectivityTls: String?
    /// `BootstrapBrokerStringVpcConnectivitySaslScram`: SASL/SCRAM brokers through multi-VPC private connectivity.
    public var bootstrapBrokerStringVpcConnectivitySaslScram: String?
    /// `BootstrapBrokerStringVpcConnectivitySaslIam`: SASL/IAM brokers through multi-VPC private connectivity.
    public var bootstrapBrokerStringVpcConnectivitySaslIam: String?
    /// `BootstrapBrokerStringIpv6`: plaintext brokers by IPv6 address.
    public var bootstrapBrokerStringIpv6: String?
    /// `BootstrapBrokerStringTlsIpv6`: TLS brokers by IPv6 address.
    public var bootstrapBrokerStringTlsIpv6: String?
    /// `BootstrapBrokerStringSaslScramIpv6`: SASL/SCRAM brokers by IPv6 address.
    public var bootstrapBrokerStringSaslScramIpv6: String?
    /// `BootstrapBrokerStringSaslIamIpv6`: SASL/IAM brokers by IPv6 address.
    public var bootstrapBrokerStringSaslIamIpv6: String?

    /// Creates an empty output; set the fields a test needs.
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
    /// `VpcConnectionArn`: the connection's ARN, a cross-account mapping's `EventSourceArn`.
    public var vpcConnectionArn: String?
    /// `TargetClusterArn`: the cluster in the other account that the connection reaches.
    public var targetClusterArn: String?
    /// CREATING | AVAILABLE | INACTIVE | DEACTIVATING | DELETING | FAILED | REJECTED | REJECTING.
    public var state: String?
    /// `Authentication`: the client authentication the connection uses, e.g. `SASL_IAM`, `SASL_SCRAM` or `TLS`.
    public var authentication: String?
    /// `VpcId`: the client VPC the connection lives in.
    public var vpcId: String?
    /// `Subnets`: the client subnets of the connection.
    public var subnets: [String]?
    /// `SecurityGroups`: the client security groups of the connection.
    public var securityGroups: [String]?
    /// `CreationTime`: when the connection was created.
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
    /// `SecretArnList`: the Secrets Manager secrets associated with the cluster for SASL/SCRAM.
    public var secretArnList: [String]?
    /// `NextToken`: present when more secrets are on a further page.
    public var nextToken: String?
    enum CodingKeys: String, CodingKey {
        case secretArnList = "SecretArnList"
        case nextToken = "NextToken"
    }
}
