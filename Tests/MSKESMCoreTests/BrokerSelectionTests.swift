import Foundation
import Testing

@testable import MSKESMCore

/// The broker choice against a table written straight from the wording of
/// https://docs.aws.amazon.com/lambda/latest/dg/msk-cluster-auth.html (docs/aws-facts.md#broker-selection-order), over
/// every combination of cluster authentication, client-broker encryption, secret and cluster type.
struct BrokerSelectionTests {
    struct Combination: Sendable, CustomTestStringConvertible {
        var mtls, scram, iam, unauthenticated: Bool
        var clientBroker: String
        var secret: String  // "mtls", "scram", "none"
        var serverless: Bool
        var testDescription: String {
            "mtls=\(mtls) scram=\(scram) iam=\(iam) unauth=\(unauthenticated) \(clientBroker) secret=\(secret) serverless=\(serverless)"
        }
    }

    static let combinations: [Combination] = {
        var all: [Combination] = []
        for bits in 0..<16 {
            for clientBroker in ["TLS", "TLS_PLAINTEXT", "PLAINTEXT"] {
                for secret in ["mtls", "scram", "none"] {
                    all.append(
                        Combination(
                            mtls: bits & 1 != 0, scram: bits & 2 != 0, iam: bits & 4 != 0,
                            unauthenticated: bits & 8 != 0,
                            clientBroker: clientBroker, secret: secret, serverless: false))
                }
            }
        }
        for secret in ["mtls", "scram", "none"] {
            all.append(
                Combination(
                    mtls: false, scram: false, iam: true, unauthenticated: false, clientBroker: "TLS", secret: secret,
                    serverless: true))
        }
        return all
    }()

    /// The documented order (docs/aws-facts.md#broker-selection-order), read literally: "If a secret is given for mTLS
    /// or SCRAM, Lambda uses that method. Otherwise it takes the strongest method active, in this order: … SASL/IAM (no
    /// secret, IAM auth on); Unauthenticated TLS (no secret, IAM off); Plaintext (no secret, IAM and unauthenticated
    /// TLS both off)." TLS-based methods need a TLS client-broker setting; plaintext needs PLAINTEXT or TLS_PLAINTEXT
    /// (docs/aws-facts.md#cluster-authentication-fields). Serverless: IAM only.
    static func oracle(_ c: Combination) -> (method: String?, field: String?, port: Int?, codes: Set<String>) {
        if c.serverless {
            return c.secret == "none"
                ? ("iam", "BootstrapBrokerStringSaslIam", 9098, [])
                : (nil, nil, nil, ["BRK004"])
        }
        let tlsAvailable = c.clientBroker == "TLS" || c.clientBroker == "TLS_PLAINTEXT"
        let plaintextAvailable = c.clientBroker == "PLAINTEXT" || c.clientBroker == "TLS_PLAINTEXT"
        switch c.secret {
        case "mtls":
            return c.mtls && tlsAvailable
                ? ("mtls", "BootstrapBrokerStringTls", 9094, []) : (nil, "BootstrapBrokerStringTls", 9094, ["BRK001"])
        case "scram":
            return c.scram && tlsAvailable
                ? ("scram-512", "BootstrapBrokerStringSaslScram", 9096, [])
                : (nil, "BootstrapBrokerStringSaslScram", 9096, ["BRK001"])
        default:
            if c.iam && tlsAvailable { return ("iam", "BootstrapBrokerStringSaslIam", 9098, []) }
            if c.unauthenticated && tlsAvailable { return ("tls", "BootstrapBrokerStringTls", 9094, []) }
            if plaintextAvailable { return ("plaintext", "BootstrapBrokerString", 9092, []) }
            return (nil, nil, nil, ["BRK002"])
        }
    }

    static func cluster(_ c: Combination) -> KafkaCluster {
        if c.serverless {
            return KafkaCluster(
                clusterArn: "arn:aws:kafka:us-east-1:123456789012:cluster/s/u-2", clusterName: "s",
                clusterType: "SERVERLESS",
                serverless: .init(clientAuthentication: .init(sasl: .init(iam: .init(enabled: true)))))
        }
        let auth = KafkaCluster.ClientAuthentication(
            sasl: .init(scram: .init(enabled: c.scram), iam: .init(enabled: c.iam)),
            tls: .init(enabled: c.mtls), unauthenticated: .init(enabled: c.unauthenticated))
        return KafkaCluster(
            clusterArn: "arn:aws:kafka:us-east-1:123456789012:cluster/p/u-2", clusterName: "p",
            clusterType: "PROVISIONED",
            provisioned: .init(
                clientAuthentication: auth,
                encryptionInfo: .init(encryptionInTransit: .init(clientBroker: c.clientBroker))))
    }

    @Test(arguments: combinations)
    func choiceMatchesTheSpecTable(c: Combination) {
        let types =
            switch c.secret {
            case "mtls": ["CLIENT_CERTIFICATE_TLS_AUTH"]
            case "scram": ["SASL_SCRAM_512_AUTH"]
            default: [String]()
            }
        let choice = BrokerSelector.select(BrokerSelectionInput(cluster: Self.cluster(c), sourceAccessTypes: types))
        let expected = Self.oracle(c)
        #expect(choice.method?.rawValue == expected.method)
        if expected.method != nil {
            #expect(choice.bootstrapField?.rawValue == expected.field)
            #expect(choice.port == expected.port)
        }
        if c.serverless && c.secret != "none" {
            // No SCRAM or TLS listeners on serverless: no field and no port to name.
            #expect(choice.bootstrapField == nil && choice.port == nil)
        }
        let failing = Set(choice.findings.filter { $0.severity == .fail }.map(\.code))
        #expect(failing == expected.codes)
        // The reasoning lists the five rules in order, with exactly one deciding rule when a method is tried.
        #expect(choice.steps.map(\.rule) == [1, 2, 3, 4, 5])
        let deciding = choice.steps.filter { $0.verdict == .chosen || $0.verdict == .fails }
        #expect(deciding.count == (choice.attemptedMethod == nil ? 0 : 1))
        if let decided = deciding.first {
            #expect(choice.steps.filter { $0.rule > decided.rule }.allSatisfy { $0.verdict == .notTried })
        }
    }

    @Test(arguments: [
        (["SASL_SCRAM_256_AUTH"], "BRK003"), (["BASIC_AUTH"], "BRK003"),
        (["CLIENT_CERTIFICATE_TLS_AUTH", "SASL_SCRAM_512_AUTH"], "BRK005"),
    ])
    func secretsThatMSKCannotUse(types: [String], code: String) {
        let c = Combination(
            mtls: true, scram: true, iam: true, unauthenticated: false, clientBroker: "TLS", secret: "none",
            serverless: false)
        let choice = BrokerSelector.select(BrokerSelectionInput(cluster: Self.cluster(c), sourceAccessTypes: types))
        #expect(choice.findings.contains { $0.code == code && $0.severity == .fail })
        #expect(choice.method == nil)
    }

    @Test func aSingleSecretRaisesNeitherBRK003NorBRK005() {
        let c = Combination(
            mtls: false, scram: true, iam: false, unauthenticated: false, clientBroker: "TLS", secret: "scram",
            serverless: false)
        let choice = BrokerSelector.select(
            BrokerSelectionInput(cluster: Self.cluster(c), sourceAccessTypes: ["SASL_SCRAM_512_AUTH", "VPC_SUBNET"]))
        #expect(!choice.findings.contains { ["BRK003", "BRK005"].contains($0.code) })
        #expect(choice.findings.contains { $0.code == "BRK006" && $0.severity == .info })
    }

    @Test func theBrokerListGivesThePort() {
        let c = Combination(
            mtls: false, scram: false, iam: true, unauthenticated: false, clientBroker: "TLS", secret: "none",
            serverless: false)
        var brokers = BootstrapBrokers()
        brokers.bootstrapBrokerStringSaslIam =
            "b-1.x.kafka.us-east-1.amazonaws.com:9198,b-2.x.kafka.us-east-1.amazonaws.com:9198"
        let choice = BrokerSelector.select(BrokerSelectionInput(cluster: Self.cluster(c), bootstrapBrokers: brokers))
        #expect(choice.port == 9198)
        #expect(choice.brokers.count == 2)
        brokers.bootstrapBrokerStringSaslIam = nil
        brokers.bootstrapBrokerStringTls = "b-1.x:9094"
        let missing = BrokerSelector.select(BrokerSelectionInput(cluster: Self.cluster(c), bootstrapBrokers: brokers))
        #expect(missing.findings.contains { $0.code == "BRK007" && $0.severity == .fail })
    }

    @Test func crossAccountUsesVpcConnectivityFields() {
        var cluster = Self.cluster(
            Combination(
                mtls: false, scram: false, iam: true, unauthenticated: true, clientBroker: "TLS_PLAINTEXT",
                secret: "none", serverless: false))
        cluster.provisioned?.brokerNodeGroupInfo = .init(
            connectivityInfo: .init(
                vpcConnectivity: .init(clientAuthentication: .init(sasl: .init(scram: .init(enabled: true))))))
        var brokers = BootstrapBrokers()
        brokers.bootstrapBrokerStringVpcConnectivitySaslScram = "b-1.x:14001,b-2.x:14002"
        let mtlsLess = BrokerSelector.select(
            BrokerSelectionInput(cluster: cluster, bootstrapBrokers: brokers, crossAccount: true))
        // No secret: IAM is off for multi-VPC here, and there are no unauthenticated or plaintext brokers.
        #expect(mtlsLess.method == nil)
        #expect(mtlsLess.findings.contains { $0.code == "BRK002" })
        let scram = BrokerSelector.select(
            BrokerSelectionInput(
                cluster: cluster, bootstrapBrokers: brokers, crossAccount: true,
                sourceAccessTypes: ["SASL_SCRAM_512_AUTH"]))
        #expect(scram.method == .scram512)
        #expect(scram.bootstrapField == .bootstrapBrokerStringVpcConnectivitySaslScram)
        #expect(scram.port == 14001)
        #expect(
            BrokerSelectionInput.isVpcConnectionArn(
                "arn:aws:kafka:us-east-1:123456789012:vpc-connection/123456789012/orders/4f1c9e2a-7b3d-4a6e-8c5f-0d2b9e7a1c63-3"
            ))
        #expect(!BrokerSelectionInput.isVpcConnectionArn("arn:aws:kafka:us-east-1:123456789012:cluster/orders/u-2"))
    }

    @Test(
        arguments: [
            ([], AuthMethod.plaintext), (["SERVER_ROOT_CA_CERTIFICATE"], .tls),
            (["CLIENT_CERTIFICATE_TLS_AUTH"], .mtls),
            (["SASL_SCRAM_512_AUTH"], .scram512), (["SASL_SCRAM_256_AUTH", "SERVER_ROOT_CA_CERTIFICATE"], .scram256),
            (["BASIC_AUTH"], .basic),
        ] as [([String], AuthMethod)])
    func selfManagedSecretTypeDecides(types: [String], method: AuthMethod) {
        let choice = BrokerSelector.select(
            BrokerSelectionInput(
                bootstrapServers: ["k1.example.com:9093", "k2.example.com:9093"], sourceAccessTypes: types))
        #expect(choice.method == method)
        #expect(choice.port == 9093)
        #expect(choice.bootstrapField == nil)
        #expect(!choice.findings.contains { $0.severity == .fail })
    }

    @Test func selfManagedWithTwoAuthSecretsFails() {
        let choice = BrokerSelector.select(
            BrokerSelectionInput(
                bootstrapServers: ["k1:9096"], sourceAccessTypes: ["BASIC_AUTH", "SASL_SCRAM_512_AUTH"]))
        #expect(choice.findings.contains { $0.code == "BRK005" && $0.severity == .fail })
        #expect(choice.method == nil)
    }
}
