import Foundation

/// What the broker choice needs to know: the cluster (MSK) or the bootstrap servers (self-managed), and the
/// mapping's secrets.
public struct BrokerSelectionInput: Sendable {
    /// `describe-cluster-v2`'s `ClusterInfo`; nil for self-managed Kafka.
    public var cluster: KafkaCluster?
    /// `get-bootstrap-brokers` output, when known: the broker list and its ports come from there.
    public var bootstrapBrokers: BootstrapBrokers?
    /// The mapping's EventSourceArn is a VPC connection ARN (cross-account, multi-VPC connectivity).
    public var crossAccount: Bool
    /// Self-managed `KAFKA_BOOTSTRAP_SERVERS`.
    public var bootstrapServers: [String]
    /// The mapping's `SourceAccessConfigurations` types (only the types matter here).
    public var sourceAccessTypes: [String]
    /// `--auth iam`: the user expects IAM (no secret).
    public var expectsIAM: Bool
    /// The mapping's UUID, for the fixes (`update-event-source-mapping --uuid`); nil before it exists.
    public var mappingUUID: String?

    /// An input from the facts themselves, e.g. `brokers explain`'s flags; `mappingUUID` is left nil.
    public init(
        cluster: KafkaCluster? = nil, bootstrapBrokers: BootstrapBrokers? = nil, crossAccount: Bool = false,
        bootstrapServers: [String] = [], sourceAccessTypes: [String] = [], expectsIAM: Bool = false
    ) {
        self.cluster = cluster
        self.bootstrapBrokers = bootstrapBrokers
        self.crossAccount = crossAccount
        self.bootstrapServers = bootstrapServers
        self.sourceAccessTypes = sourceAccessTypes
        self.expectsIAM = expectsIAM
    }

    /// From a mapping (`get-event-source-mapping` output) and, for MSK, its cluster.
    public init(mapping: EventSourceMappingConfiguration, cluster: KafkaCluster?, bootstrapBrokers: BootstrapBrokers?) {
        self.init(
            cluster: cluster, bootstrapBrokers: bootstrapBrokers,
            crossAccount: BrokerSelectionInput.isVpcConnectionArn(mapping.eventSourceArn),
            bootstrapServers: mapping.selfManagedEventSource?.bootstrapServers ?? [],
            sourceAccessTypes: (mapping.sourceAccessConfigurations ?? []).compactMap(\.type))
        self.mappingUUID = mapping.uuid
    }

    /// `arn:aws:kafka:<region>:<account>:vpc-connection/…`: a cross-account mapping.
    public static func isVpcConnectionArn(_ arn: String?) -> Bool { MappingFacts.isVpcConnectionArn(arn) }

    /// The authentication secrets, as methods, in the order given.
    public var secretMethods: [AuthMethod] { sourceAccessTypes.compactMap(AuthMethod.init(sourceAccessType:)) }

    /// Whether the mapping gives a `SERVER_ROOT_CA_CERTIFICATE` secret (self-managed Kafka with a private CA).
    public var hasRootCA: Bool { sourceAccessTypes.contains("SERVER_ROOT_CA_CERTIFICATE") }

    /// Self-managed Kafka: no MSK cluster, and bootstrap servers given.
    public var isSelfManaged: Bool { cluster == nil && !bootstrapServers.isEmpty }

    /// The `SourceAccessConfigurations` types this build knows the meaning of: the fifteen of botocore 1.44's
    /// Lambda model (Tests/Fixtures/lambda-model-constraints.json), the OAUTHBEARER_* and IAM_* types included
    /// (their rules: `OAuthAccessRules`).
    public static let understoodTypes: Set<String> = Set([
        "BASIC_AUTH", "VPC_SUBNET", "VPC_SECURITY_GROUP", "SASL_SCRAM_512_AUTH", "SASL_SCRAM_256_AUTH", "VIRTUAL_HOST",
        "CLIENT_CERTIFICATE_TLS_AUTH", "SERVER_ROOT_CA_CERTIFICATE",
    ]).union(OAuthAccessRules.newTypes)

    /// Every authentication the mapping gives, in the order given: the secrets' methods, and `IAM_AUTH` /
    /// `IAM_OAUTHBEARER_AUTH`, which select a method without a secret.
    public var authenticationMethods: [AuthMethod] {
        sourceAccessTypes.compactMap { AuthMethod(sourceAccessType: $0) ?? AuthMethod(secretlessSourceAccessType: $0) }
    }

    /// Types the mapping uses that this build does not understand (a Lambda model newer than botocore 1.44):
    /// the choice of method is not diagnosed.
    public var notUnderstoodTypes: [String] {
        var seen: [String] = []
        for type in sourceAccessTypes where !Self.understoodTypes.contains(type) && !seen.contains(type) {
            seen.append(type)
        }
        return seen
    }
}

/// One rule of the selection order with its verdict for this mapping.
public struct BrokerSelectionStep: Codable, Sendable, Equatable {
    /// How a rule of the selection order fared for this mapping.
    public enum Verdict: String, Codable, Sendable {
        /// The rule applies and Lambda uses it.
        case chosen
        /// The rule applies, so Lambda uses it, but it cannot work (e.g. the method is off on the cluster).
        case fails
        /// The rule's condition does not hold; Lambda goes on to the next.
        case skipped
        /// An earlier rule decided; Lambda never tries this one (no fallback).
        case notTried
    }

    /// 1-based position in the order.
    public var rule: Int
    /// The rule as docs/aws-facts.md#broker-selection-order states it.
    public var text: String
    /// Whether the rule was chosen, fails, was skipped or never tried.
    public var verdict: Verdict
    /// Why, for this mapping.
    public var reason: String
}

/// The outcome of the broker choice: the method, the bootstrap string field, the port and brokers, the
/// reasoning, and the BRK findings.
public struct BrokerChoice: Sendable, Equatable {
    /// The method Lambda uses, when it can work; nil when none works.
    public var method: AuthMethod?
    /// The method Lambda tries, even when it cannot work (Lambda does not fall back).
    public var attemptedMethod: AuthMethod?
    /// The `GetBootstrapBrokers` field Lambda reads (MSK only).
    public var bootstrapField: BootstrapBrokers.Field?
    /// The port of the first broker (the one `summary.port` names).
    public var port: Int?
    /// Every distinct port the brokers listen on, in broker order: multi-VPC brokers each have a port of their
    /// own, and self-managed brokers may too. The network checks open every one of them.
    public var ports: [Int] = []
    /// The brokers Lambda connects to, `host:port`, from the bootstrap field (MSK) or the mapping's servers.
    public var brokers: [String]
    /// Every rule of the selection order with its verdict, in the order Lambda applies them.
    public var steps: [BrokerSelectionStep]
    /// The BRK findings of the choice.
    public var findings: [Finding]

    /// The summary of `brokers explain`'s report (docs/output.md).
    public var summary: BrokerSummary {
        BrokerSummary(
            brokers: brokers, method: method, attemptedMethod: attemptedMethod, port: port,
            ports: ports.isEmpty ? nil : ports, bootstrapField: bootstrapField, steps: steps)
    }
}

/// What `brokers explain` reports about the broker choice: the summary of its ``CheckReport``. In JSON the
/// members are `brokers`, `method`, `attemptedMethod`, `port`, `ports`, `bootstrapField` and `steps`.
public struct BrokerSummary: ReportSummary {
    /// The brokers Lambda connects to, `host:port`.
    public var brokers: [String]
    /// The method Lambda uses, when it can work.
    public var method: AuthMethod?
    /// The method Lambda tries, even when it cannot work.
    public var attemptedMethod: AuthMethod?
    /// The first broker's port.
    public var port: Int?
    /// Every distinct port, in broker order (omitted when there are none).
    public var ports: [Int]?
    /// The `GetBootstrapBrokers` field Lambda reads (MSK only).
    public var bootstrapField: BootstrapBrokers.Field?
    /// The rules of the choice, in the order Lambda applies them.
    public var steps: [BrokerSelectionStep]

    /// A summary with every member given; the choice's own is ``BrokerChoice/summary``.
    public init(
        brokers: [String], method: AuthMethod?, attemptedMethod: AuthMethod?, port: Int?, ports: [Int]?,
        bootstrapField: BootstrapBrokers.Field?, steps: [BrokerSelectionStep]
    ) {
        self.brokers = brokers
        self.method = method
        self.attemptedMethod = attemptedMethod
        self.port = port
        self.ports = ports
        self.bootstrapField = bootstrapField
        self.steps = steps
    }
}

/// Lambda's choice of bootstrap brokers and authentication
/// (https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html, "How Lambda chooses a bootstrap
/// broker"; docs/aws-facts.md#broker-selection-order): a secret for mTLS or SCRAM decides; otherwise the strongest
/// method enabled, in the order mTLS, SASL/SCRAM, SASL/IAM, unauthenticated TLS, plaintext — and Lambda never falls
/// back to a weaker one.
public enum BrokerSelector {
    /// The five rules of docs/aws-facts.md#broker-selection-order, in order.
    public static let mskRules = [
        "mTLS (CLIENT_CERTIFICATE_TLS_AUTH secret given) → BootstrapBrokerStringTls (9094)",
        "SASL/SCRAM (SASL_SCRAM_512_AUTH secret given) → BootstrapBrokerStringSaslScram (9096)",
        "SASL/IAM (no secret, IAM auth on) → BootstrapBrokerStringSaslIam (9098)",
        "unauthenticated TLS (no secret, IAM off) → BootstrapBrokerStringTls (9094)",
        "plaintext (no secret, IAM and unauthenticated TLS both off) → BootstrapBrokerString (9092)",
    ]

    /// The private-network port of each method (docs/aws-facts.md#broker-ports).
    public static func defaultPort(_ method: AuthMethod) -> Int {
        switch method {
        case .plaintext: 9092
        case .tls, .mtls: 9094
        case .scram512, .scram256, .basic: 9096
        case .iam: 9098
        // Self-managed only (MSK rejects them, BRK003): the brokers' own ports apply, never this one.
        case .oauthbearer, .iamOAuthbearer: 9096
        }
    }

    /// Lambda's choice for `input`: the method, the brokers and ports, the rule-by-rule reasoning and the BRK findings.
    /// A `SourceAccessConfigurations` type this build does not know makes it choose nothing (BRK008 `skipped`).
    public static func select(_ input: BrokerSelectionInput) -> BrokerChoice {
        let unknown = input.notUnderstoodTypes
        if !unknown.isEmpty {
            // Never guess: a type we do not know may be the authentication Lambda uses.
            let brokers = input.cluster == nil ? input.bootstrapServers : []
            var choice = BrokerChoice(
                method: nil, attemptedMethod: nil, bootstrapField: nil, port: nil, brokers: brokers, steps: [],
                findings: [
                    Finding(
                        code: .brk008, severity: .skipped,
                        title: "not understood: SourceAccessConfigurations type \(unknown.joined(separator: ", "))",
                        detail: "This msk-esm does not know what Lambda does with \(unknown.joined(separator: ", ")) "
                            + "(a type newer than the Lambda model it was built from), so it does not say which "
                            + "method and brokers Lambda uses, nor which checks apply.",
                        fix: "upgrade msk-esm; until then check the mapping against "
                            + "https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html",
                        evidence: ["types": .array(unknown.map(JSONValue.string))])
                ])
            choice.ports = distinctPorts(brokers)
            choice.port = choice.ports.first
            return choice
        }
        if let cluster = input.cluster {
            return selectMSK(input, cluster: cluster)
        }
        return selectSelfManaged(input)
    }

    // MARK: MSK

    /// Which methods a cluster has on, for the network the mapping uses.
    struct ClusterMethods {
        var mtls: Bool
        var scram: Bool
        var iam: Bool
        var unauthenticatedTLS: Bool
        var plaintext: Bool
    }

    static func methods(of cluster: KafkaCluster, crossAccount: Bool) -> ClusterMethods {
        if cluster.isServerless {
            let iam = cluster.serverless?.clientAuthentication?.iamEnabled ?? true
            return ClusterMethods(mtls: false, scram: false, iam: iam, unauthenticatedTLS: false, plaintext: false)
        }
        let provisioned = cluster.provisioned
        if crossAccount {
            let auth = provisioned?.brokerNodeGroupInfo?.connectivityInfo?.vpcConnectivity?.clientAuthentication
            // Multi-VPC connectivity has no unauthenticated and no plaintext brokers
            // (docs/aws-facts.md#bootstrap-broker-fields).
            return ClusterMethods(
                mtls: auth?.tlsEnabled ?? false, scram: auth?.scramEnabled ?? false, iam: auth?.iamEnabled ?? false,
                unauthenticatedTLS: false, plaintext: false)
        }
        let auth = provisioned?.clientAuthentication
        let clientBroker = provisioned?.encryptionInfo?.encryptionInTransit?.clientBroker ?? "TLS_PLAINTEXT"
        let tlsAllowed = clientBroker != "PLAINTEXT"
        let plaintextAllowed = clientBroker != "TLS"
        // A cluster created without client authentication allows unauthenticated access.
        let unauthenticated = auth == nil ? true : (auth?.unauthenticated?.enabled ?? false)
        return ClusterMethods(
            mtls: (auth?.tlsEnabled ?? false) && tlsAllowed, scram: (auth?.scramEnabled ?? false) && tlsAllowed,
            iam: (auth?.iamEnabled ?? false) && tlsAllowed, unauthenticatedTLS: unauthenticated && tlsAllowed,
            plaintext: plaintextAllowed)
    }

    static func field(_ method: AuthMethod, crossAccount: Bool) -> BootstrapBrokers.Field? {
        switch (method, crossAccount) {
        case (.mtls, false), (.tls, false): .bootstrapBrokerStringTls
        case (.scram512, false): .bootstrapBrokerStringSaslScram
        case (.iam, false): .bootstrapBrokerStringSaslIam
        case (.plaintext, false): .bootstrapBrokerString
        case (.mtls, true): .bootstrapBrokerStringVpcConnectivityTls
        case (.scram512, true): .bootstrapBrokerStringVpcConnectivitySaslScram
        case (.iam, true): .bootstrapBrokerStringVpcConnectivitySaslIam
        default: nil
        }
    }

    static func selectMSK(_ input: BrokerSelectionInput, cluster: KafkaCluster) -> BrokerChoice {
        let on = methods(of: cluster, crossAccount: input.crossAccount)
        let secrets = input.secretMethods
        let clusterName = cluster.clusterName ?? cluster.clusterArn ?? "the cluster"
        let uuid = input.mappingUUID ?? "<uuid>"
        let clusterArn = cluster.clusterArn ?? "<cluster>"
        let version = cluster.currentVersion ?? "<version>"
        // Multi-VPC connectivity has its own client authentication, changed with update-connectivity
        // (https://docs.aws.amazon.com/msk/latest/developerguide/mvpc-cluster-owner-action-turn-on.html).
        func enableFix(_ authentication: String) -> String {
            input.crossAccount
                ? "aws kafka update-connectivity --cluster-arn \(clusterArn) --current-version \(version) "
                    + "--connectivity-info '{\"VpcConnectivity\":{\"ClientAuthentication\":\(authentication)}}'"
                : "aws kafka update-security --cluster-arn \(clusterArn) --current-version \(version) "
                    + "--client-authentication '\(authentication)'"
        }
        var findings: [Finding] = []
        var steps: [BrokerSelectionStep] = []
        var attempted: AuthMethod?
        var works = false

        if secrets.count > 1 {
            findings.append(
                Finding(
                    code: .brk005, severity: .fail,
                    title:
                        "\(secrets.count) authentication secrets: \(secrets.map(\.displayName).joined(separator: ", "))",
                    detail: "A mapping takes one authentication secret (CLIENT_CERTIFICATE_TLS_AUTH or "
                        + "SASL_SCRAM_512_AUTH for MSK).",
                    fix:
                        "keep one: aws lambda update-event-source-mapping --uuid \(uuid) --source-access-configurations "
                        + "Type=SASL_SCRAM_512_AUTH,URI=<secret ARN>",
                    evidence: ["types": .array(input.sourceAccessTypes.map(JSONValue.string))]))
        }
        for unsupported in secrets
        where unsupported == .scram256 || unsupported == .basic || unsupported == .oauthbearer {
            findings.append(
                Finding(
                    code: .brk003, severity: .fail,
                    title: "\(unsupported.sourceAccessType ?? "") is not supported for MSK",
                    detail: "Amazon MSK supports SASL/SCRAM-SHA-512 only (SASL_SCRAM_512_AUTH) and mTLS; "
                        + "SASL_SCRAM_256_AUTH, BASIC_AUTH and OAUTHBEARER_AUTH are for self-managed Kafka.",
                    fix: "aws lambda update-event-source-mapping --uuid \(uuid) --source-access-configurations "
                        + "Type=SASL_SCRAM_512_AUTH,URI=<AmazonMSK_ secret ARN>"))
        }

        if cluster.isServerless {
            if !secrets.isEmpty {
                findings.append(
                    Finding(
                        code: .brk004, severity: .fail, title: "MSK Serverless \(clusterName) takes IAM only",
                        detail: "Serverless clusters authenticate clients with IAM; remove the secret and grant the "
                            + "execution role kafka-cluster actions.",
                        fix:
                            "aws lambda update-event-source-mapping --uuid \(uuid) --source-access-configurations '[]'",
                        evidence: ["types": .array(input.sourceAccessTypes.map(JSONValue.string))]))
            }
        }
        let mskSecret = secrets.first { $0 == .mtls || $0 == .scram512 }
        let unusableSecret = secrets.contains { $0 == .scram256 || $0 == .basic || $0 == .oauthbearer }

        // Rules 1 and 2: a secret decides.
        for (index, method) in [AuthMethod.mtls, .scram512].enumerated() {
            let enabled = method == .mtls ? on.mtls : on.scram
            if attempted != nil || unusableSecret {
                steps.append(
                    step(
                        index, .notTried,
                        attempted != nil ? "an earlier rule decided" : "the secret's type cannot be used with MSK"))
            } else if mskSecret == method {
                attempted = method
                if cluster.isServerless {
                    steps.append(
                        step(
                            index, .fails,
                            "a \(method.sourceAccessType ?? "") secret is given, but serverless takes IAM only"))
                } else if enabled {
                    works = true
                    steps.append(
                        step(
                            index, .chosen,
                            "a \(method.sourceAccessType ?? "") secret is given and \(method.displayName) is on"))
                } else {
                    steps.append(
                        step(
                            index, .fails,
                            "a \(method.sourceAccessType ?? "") secret is given, but \(method.displayName) is off on \(clusterName)"
                        ))
                    findings.append(
                        Finding(
                            code: .brk001, severity: .fail,
                            title: "\(method.displayName) is not enabled on \(clusterName)",
                            detail: "The mapping gives a \(method.sourceAccessType ?? "") secret, so Lambda uses "
                                + "\(method.displayName) and nothing else, but the cluster"
                                + (input.crossAccount ? "'s multi-VPC connectivity" : "") + " does not have it on.",
                            fix: method == .mtls
                                ? enableFix(
                                    "{\"Tls\":{\"CertificateAuthorityArnList\":[\"<PCA ARN>\"],\"Enabled\":true}}")
                                : enableFix("{\"Sasl\":{\"Scram\":{\"Enabled\":true}}}"),
                            evidence: ["method": .string(method.rawValue)]))
                }
            } else {
                steps.append(step(index, .skipped, "no \(method.sourceAccessType ?? "") secret"))
            }
        }
        // Rule 3: IAM.
        if attempted != nil || unusableSecret {
            steps.append(
                step(
                    2, .notTried,
                    attempted != nil ? "an earlier rule decided" : "the secret's type cannot be used with MSK"))
        } else if on.iam {
            attempted = .iam
            works = true
            steps.append(step(2, .chosen, "no secret, and IAM is on"))
        } else {
            steps.append(step(2, .skipped, "IAM is off"))
        }
        // Rules 4 and 5.
        let unauthenticatedReason =
            input.crossAccount ? "multi-VPC connectivity has no unauthenticated brokers" : "unauthenticated TLS is off"
        if attempted != nil || unusableSecret {
            steps.append(
                step(
                    3, .notTried,
                    attempted != nil ? "an earlier rule decided" : "the secret's type cannot be used with MSK"))
            steps.append(
                step(
                    4, .notTried,
                    attempted != nil ? "an earlier rule decided" : "the secret's type cannot be used with MSK"))
        } else if on.unauthenticatedTLS {
            attempted = .tls
            works = true
            steps.append(step(3, .chosen, "no secret, IAM off, unauthenticated access on with TLS"))
            steps.append(step(4, .notTried, "an earlier rule decided"))
        } else {
            steps.append(step(3, .skipped, unauthenticatedReason))
            if on.plaintext {
                attempted = .plaintext
                works = true
                steps.append(step(4, .chosen, "no secret, IAM and unauthenticated TLS off, plaintext allowed"))
            } else {
                steps.append(
                    step(
                        4, .skipped,
                        input.crossAccount
                            ? "multi-VPC connectivity has no plaintext brokers" : "client-broker encryption is TLS only"
                    ))
            }
        }

        if input.expectsIAM, attempted != .iam {
            findings.append(
                Finding(
                    code: .brk001, severity: .fail, title: "IAM authentication is not enabled on \(clusterName)",
                    detail: "You asked about IAM, but Lambda will use "
                        + (attempted.map(\.displayName) ?? "no method") + " with this cluster.",
                    fix: enableFix("{\"Sasl\":{\"Iam\":{\"Enabled\":true}}}")))
        }
        if attempted == nil && !unusableSecret {
            findings.append(
                Finding(
                    code: .brk002, severity: .fail, title: "no authentication method Lambda can use on \(clusterName)",
                    detail: "Without a secret Lambda needs IAM, unauthenticated TLS or plaintext"
                        + (on.scram || on.mtls ? "; SCRAM or mTLS is on, but needs a secret in the mapping" : "") + ".",
                    fix: on.scram
                        ? "aws lambda update-event-source-mapping --uuid \(uuid) --source-access-configurations "
                            + "Type=SASL_SCRAM_512_AUTH,URI=<AmazonMSK_ secret ARN>"
                            // An mTLS-only cluster needs the mapping's client certificate, not IAM turned on.
                        : on.mtls
                            ? "aws lambda update-event-source-mapping --uuid \(uuid) --source-access-configurations "
                                + "Type=CLIENT_CERTIFICATE_TLS_AUTH,URI=<mTLS secret ARN> (a certificate the "
                                + "cluster's AWS Private CA issued; msk-esm secret validate checks it)"
                            : enableFix("{\"Sasl\":{\"Iam\":{\"Enabled\":true}}}")))
        }

        var choice = BrokerChoice(
            method: works && !unusableSecret && secrets.count <= 1 && !(cluster.isServerless && !secrets.isEmpty)
                ? attempted : nil,
            attemptedMethod: attempted, bootstrapField: nil, port: nil, brokers: [], steps: steps, findings: [])
        // MSK Serverless has only IAM listeners: a secret's method has no broker string and no port there.
        if let attempted, !(cluster.isServerless && attempted != .iam) {
            choice.bootstrapField = field(attempted, crossAccount: input.crossAccount)
            if let field = choice.bootstrapField, let brokers = input.bootstrapBrokers {
                if let list = brokers[field] {
                    choice.brokers = splitBrokers(list)
                    choice.ports = distinctPorts(choice.brokers)
                    choice.port = choice.ports.first
                } else if choice.method != nil {
                    findings.append(
                        Finding(
                            code: .brk007, severity: .fail, title: "GetBootstrapBrokers has no \(field.rawValue)",
                            detail: "Lambda reads \(field.rawValue) for \(attempted.displayName), but it is empty: the "
                                + "cluster has no such listener (or the snapshot's parts disagree).",
                            fix: "aws kafka get-bootstrap-brokers --cluster-arn \(clusterArn) --query \(field.rawValue)"
                        ))
                }
            }
            if choice.port == nil && !input.crossAccount {
                // Multi-VPC ports (14001–14100) are unverified (docs/aws-facts.md#broker-ports): only a broker list
                // names them.
                choice.port = defaultPort(attempted)
                choice.ports = [defaultPort(attempted)]
            }
        }
        // MSK Serverless listens for IAM only (9098), whatever secret the mapping gives.
        if cluster.isServerless && choice.ports.isEmpty { choice.ports = [defaultPort(.iam)] }
        if let attempted {
            findings.append(
                noFallbackFinding(
                    attempted: attempted, works: choice.method != nil, on: on, clusterName: clusterName,
                    ports: choice.ports, crossAccount: input.crossAccount))
        }
        if let method = choice.method, !findings.contains(where: { $0.severity == .fail }) {
            findings.append(
                Finding(
                    code: .brk002, severity: .pass,
                    title:
                        "Lambda uses \(method.displayName) on \(portsText(choice.ports) ?? "the VPC connection's ports")",
                    evidence: choice.bootstrapField.map { ["bootstrapField": .string($0.rawValue)] } ?? [:]))
        }
        choice.findings = findings
        return choice
    }

    static func step(_ index: Int, _ verdict: BrokerSelectionStep.Verdict, _ reason: String) -> BrokerSelectionStep {
        BrokerSelectionStep(rule: index + 1, text: mskRules[index], verdict: verdict, reason: reason)
    }

    /// "port 9098" or "ports 14001, 14002, 14003"; nil when none is known.
    public static func portsText(_ ports: [Int]) -> String? {
        guard !ports.isEmpty else { return nil }
        return (ports.count == 1 ? "port " : "ports ") + ports.map(String.init).joined(separator: ", ")
    }

    /// The distinct ports of a broker list, in broker order.
    public static func distinctPorts(_ brokers: [String]) -> [Int] {
        var ports: [Int] = []
        for port in brokers.compactMap(port(of:)) where !ports.contains(port) { ports.append(port) }
        return ports
    }

    static func noFallbackFinding(
        attempted: AuthMethod, works: Bool, on: ClusterMethods, clusterName: String, ports: [Int], crossAccount: Bool
    ) -> Finding {
        // Multi-VPC brokers listen on ports of their own (14001 and up), named only by the broker list.
        let where_ =
            portsText(ports).map { $0 + (crossAccount ? " (multi-VPC connectivity)" : " (private network)") }
            ?? "the ports of the VPC connection's brokers (GetBootstrapBrokers' VpcConnectivity fields)"
        let weaker: [(AuthMethod, Bool)] = [
            (.mtls, on.mtls), (.scram512, on.scram), (.iam, on.iam), (.tls, on.unauthenticatedTLS),
            (.plaintext, on.plaintext),
        ]
        let order: [AuthMethod] = [.mtls, .scram512, .iam, .tls, .plaintext]
        let position = order.firstIndex(of: attempted) ?? 0
        let others = weaker.filter { $0.1 && $0.0 != attempted && (order.firstIndex(of: $0.0) ?? 0) > position }
            .map(\.0.displayName)
        let detail =
            "Lambda uses \(attempted.displayName) on \(where_)"
            + (others.isEmpty
                ? "."
                : "; if that fails it does not try \(others.joined(separator: ", ")), although \(clusterName) has them on.")
            + " To make Lambda use a weaker type, turn the stronger ones off on the cluster or change the secret."
        return Finding(
            code: .brk006, severity: .info, title: "Lambda will use \(attempted.displayName) only, with no fallback",
            detail: detail,
            fix: works
                ? "open \(portsText(ports) ?? "the brokers' ports") between "
                    + (crossAccount ? "the VPC connection's security groups" : "the cluster's security groups")
                    + " (a self-referencing rule)"
                : "fix the finding above; Lambda will not switch to another method by itself",
            evidence: [
                "method": .string(attempted.rawValue), "notTried": .array(others.map(JSONValue.string)),
                "ports": .array(ports.map { .number(Double($0)) }),
            ])
    }

    // MARK: Self-managed

    /// Self-managed Kafka: the secret's type decides
    /// (docs/aws-facts.md#sourceaccessconfigurations-types); without one, a SERVER_ROOT_CA_CERTIFICATE
    /// means TLS, else plaintext (an inference: Lambda has no other way to know the brokers use TLS).
    /// The OAUTHBEARER and IAM rules come from botocore 1.44's Lambda model (`SourceAccessConfiguration.Type`)
    /// and https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html; they stand before the
    /// secret-less ones because each names its method explicitly, like a secret does.
    public static let selfManagedRules = [
        "mTLS (CLIENT_CERTIFICATE_TLS_AUTH secret given)",
        "SASL/SCRAM-SHA-512 (SASL_SCRAM_512_AUTH secret given, over TLS)",
        "SASL/SCRAM-SHA-256 (SASL_SCRAM_256_AUTH secret given, over TLS)",
        "SASL/PLAIN (BASIC_AUTH secret given, over TLS)",
        "SASL/OAUTHBEARER (OAUTHBEARER_AUTH secret with the OAuth 2.0 client credentials given)",
        "SASL/OAUTHBEARER with an AWS web identity token (IAM_OAUTHBEARER_AUTH, no secret)",
        "IAM, the execution role signs each connection (IAM_AUTH, no secret)",
        "TLS without authentication (only a SERVER_ROOT_CA_CERTIFICATE secret given)",
        "plaintext (no secret)",
    ]

    /// What Lambda needs for a self-managed method (the SASL mechanism and its prerequisites), for the BRK006
    /// explanation; nil for the methods the rules above already say enough about.
    static func selfManagedNeeds(_ method: AuthMethod) -> String? {
        switch method {
        case .oauthbearer:
            "SASL mechanism OAUTHBEARER: Lambda gets an access token from the token endpoint named in the "
                + "OAUTHBEARER_AUTH secret with its client credentials (OAUTHBEARER_SCOPE and OAUTHBEARER_AUDIENCE "
                + "as given; OAUTHBEARER_LOGICAL_CLUSTER and OAUTHBEARER_IDENTITY_POOL sent to Confluent Cloud), "
                + "so the token endpoint must be reachable from where Lambda connects "
                + "(https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html#smaa-auth-oauth-secret). "
                + "Whether the listener must use TLS is not documented in the sources this build was checked "
                + "against (inference: SASL_SSL, like SCRAM)"
        case .iamOAuthbearer:
            "SASL mechanism OAUTHBEARER with an AWS web identity token that Lambda requests for the execution "
                + "role (audience OAUTHBEARER_AUDIENCE): the brokers must trust the account's outbound identity "
                + "federation issuer, and the role needs sts:GetWebIdentityToken (see IAM009)"
        case .iam:
            "the execution role signs each connection (IAM_AUTH); the SASL mechanism name and the broker-side "
                + "setup are not documented in the sources this build was checked against"
        default: nil
        }
    }

    static func selectSelfManaged(_ input: BrokerSelectionInput) -> BrokerChoice {
        let secrets = input.secretMethods
        let methods = input.authenticationMethods
        var findings: [Finding] = []
        if secrets.count > 1 {
            findings.append(
                Finding(
                    code: .brk005, severity: .fail,
                    title:
                        "\(secrets.count) authentication secrets: \(secrets.map(\.displayName).joined(separator: ", "))",
                    detail: "A self-managed Kafka mapping takes at most one of CLIENT_CERTIFICATE_TLS_AUTH, "
                        + "SASL_SCRAM_512_AUTH, SASL_SCRAM_256_AUTH, BASIC_AUTH, OAUTHBEARER_AUTH.",
                    fix: "keep one authentication entry in --source-access-configurations",
                    evidence: ["types": .array(input.sourceAccessTypes.map(JSONValue.string))]))
        }
        let order: [AuthMethod?] = [
            .mtls, .scram512, .scram256, .basic, .oauthbearer, .iamOAuthbearer, .iam, .tls, .plaintext,
        ]
        let chosen: AuthMethod = methods.first ?? (input.hasRootCA ? .tls : .plaintext)
        // More than one authentication (a secret and IAM_AUTH, say) is MAP018's finding; no method is claimed.
        let ambiguous = secrets.count > 1 || methods.count > 1
        var steps: [BrokerSelectionStep] = []
        var decided = false
        for (index, method) in order.enumerated() {
            let applies = method == chosen
            let verdict: BrokerSelectionStep.Verdict = decided ? .notTried : (applies ? .chosen : .skipped)
            let reason =
                decided
                ? "an earlier rule decided"
                : applies ? "this is the mapping's configuration" : "not configured"
            steps.append(
                BrokerSelectionStep(rule: index + 1, text: selfManagedRules[index], verdict: verdict, reason: reason))
            if applies { decided = true }
        }
        let brokers = input.bootstrapServers
        let ports = distinctPorts(brokers)
        let port = ports.first
        findings.append(
            Finding(
                code: .brk006, severity: .info, title: "Lambda will use \(chosen.displayName) only, with no fallback",
                detail: "For self-managed Kafka the secret's type (or IAM_AUTH / IAM_OAUTHBEARER_AUTH) decides the "
                    + "method"
                    + (chosen == .plaintext ? "; with no secret Lambda connects without TLS (inference)" : "")
                    + ". Lambda connects to the bootstrap servers as given"
                    + (portsText(ports).map { " (\($0))" } ?? "") + "."
                    + (selfManagedNeeds(chosen).map { " It needs: " + $0 + "." } ?? ""),
                fix: "", evidence: selfManagedEvidence(chosen)))
        if !ambiguous {
            findings.append(
                Finding(
                    code: .brk002, severity: .pass,
                    title: "Lambda uses \(chosen.displayName) on \(portsText(ports) ?? "port ?")"))
        }
        var choice = BrokerChoice(
            method: ambiguous ? nil : chosen, attemptedMethod: chosen, bootstrapField: nil, port: port,
            brokers: brokers, steps: steps, findings: findings)
        choice.ports = ports
        return choice
    }

    static func selfManagedEvidence(_ method: AuthMethod) -> [String: JSONValue] {
        var evidence: [String: JSONValue] = ["method": .string(method.rawValue)]
        if method == .oauthbearer || method == .iamOAuthbearer { evidence["saslMechanism"] = "OAUTHBEARER" }
        return evidence
    }

    // MARK: Broker lists

    /// Splits a comma-separated `host:port` list.
    public static func splitBrokers(_ list: String) -> [String] {
        list.split(separator: ",").map { $0.trimmingSpaces() }.filter { !$0.isEmpty }
    }

    /// The port of `host:port` (also `[v6]:port`); nil when it is not one (see `BrokerAddress`).
    public static func port(of broker: String) -> Int? {
        BrokerAddress(broker)?.port
    }
}
