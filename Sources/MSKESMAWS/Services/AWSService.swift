/// The wire protocol of an AWS service (botocore's `metadata.protocol`).
public enum AWSProtocol: Sendable {
    case restJSON, json, query, ec2
}

/// What the client needs to know about one AWS service: its endpoint prefix, signing name, the id that
/// names its `AWS_ENDPOINT_URL_<ID>` variable, its protocol, and whether it is global (IAM).
public struct AWSService: Sendable, Hashable {
    /// botocore's `serviceId`, e.g. "Secrets Manager".
    public var serviceId: String
    public var endpointPrefix: String
    public var signingName: String
    public var protocolKind: AWSProtocol
    public var apiVersion: String
    /// `X-Amz-Target` prefix for json protocols, e.g. "secretsmanager".
    public var targetPrefix: String?
    public var jsonVersion: String?
    public var isGlobal: Bool

    public static func == (left: AWSService, right: AWSService) -> Bool { left.serviceId == right.serviceId }
    public func hash(into hasher: inout Hasher) { hasher.combine(serviceId) }

    /// The suffix of `AWS_ENDPOINT_URL_<ID>`: the service id upper-cased, spaces as underscores.
    /// https://docs.aws.amazon.com/sdkref/latest/guide/feature-ss-endpoints.html
    public var environmentId: String {
        serviceId.uppercased().replacingOccurrences(of: " ", with: "_")
    }

    public static let lambda = AWSService(
        serviceId: "Lambda", endpointPrefix: "lambda", signingName: "lambda", protocolKind: .restJSON,
        apiVersion: "2015-03-31", targetPrefix: nil, jsonVersion: nil, isGlobal: false)
    public static let kafka = AWSService(
        serviceId: "Kafka", endpointPrefix: "kafka", signingName: "kafka", protocolKind: .restJSON,
        apiVersion: "2018-11-14", targetPrefix: nil, jsonVersion: "1.1", isGlobal: false)
    public static let iam = AWSService(
        serviceId: "IAM", endpointPrefix: "iam", signingName: "iam", protocolKind: .query,
        apiVersion: "2010-05-08", targetPrefix: nil, jsonVersion: nil, isGlobal: true)
    public static let ec2 = AWSService(
        serviceId: "EC2", endpointPrefix: "ec2", signingName: "ec2", protocolKind: .ec2,
        apiVersion: "2016-11-15", targetPrefix: nil, jsonVersion: nil, isGlobal: false)
    public static let sts = AWSService(
        serviceId: "STS", endpointPrefix: "sts", signingName: "sts", protocolKind: .query,
        apiVersion: "2011-06-15", targetPrefix: nil, jsonVersion: nil, isGlobal: false)
    public static let secretsManager = AWSService(
        serviceId: "Secrets Manager", endpointPrefix: "secretsmanager", signingName: "secretsmanager",
        protocolKind: .json, apiVersion: "2017-10-17", targetPrefix: "secretsmanager", jsonVersion: "1.1",
        isGlobal: false)
    public static let kms = AWSService(
        serviceId: "KMS", endpointPrefix: "kms", signingName: "kms", protocolKind: .json,
        apiVersion: "2014-11-01", targetPrefix: "TrentService", jsonVersion: "1.1", isGlobal: false)
    public static let cloudWatch = AWSService(
        serviceId: "CloudWatch", endpointPrefix: "monitoring", signingName: "monitoring", protocolKind: .query,
        apiVersion: "2010-08-01", targetPrefix: nil, jsonVersion: nil, isGlobal: false)

    /// `doctor --all --organization` lists the organization's accounts (ListAccounts). Global: one endpoint per
    /// partition, in us-east-1 (cn-northwest-1 in China).
    /// https://docs.aws.amazon.com/organizations/latest/APIReference/Welcome.html
    public static let organizations = AWSService(
        serviceId: "Organizations", endpointPrefix: "organizations", signingName: "organizations", protocolKind: .json,
        apiVersion: "2016-11-28", targetPrefix: "AWSOrganizationsV20161128", jsonVersion: "1.1", isGlobal: true)

    /// IAM Identity Center's portal (GetRoleCredentials) and its OIDC service (CreateToken): called, unsigned,
    /// only to resolve an SSO profile's credentials, in the profile's `sso_region`.
    public static let sso = AWSService(
        serviceId: "SSO", endpointPrefix: "portal.sso", signingName: "awsssoportal", protocolKind: .restJSON,
        apiVersion: "2019-06-10", targetPrefix: nil, jsonVersion: nil, isGlobal: false)
    public static let ssoOIDC = AWSService(
        serviceId: "SSO OIDC", endpointPrefix: "oidc", signingName: "sso-oauth", protocolKind: .restJSON,
        apiVersion: "2019-06-10", targetPrefix: nil, jsonVersion: nil, isGlobal: false)

    /// The services msk-esm reads and changes (the SSO services only serve credentials).
    public static let all: [AWSService] = [
        lambda, kafka, iam, ec2, sts, secretsManager, kms, cloudWatch, organizations,
    ]
}
