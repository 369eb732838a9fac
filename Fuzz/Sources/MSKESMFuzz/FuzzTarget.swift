import Foundation
import MSKESMAWS
import MSKESMCore

/// One parser of hostile input and what is run on its result. Each target must neither crash nor hang on any
/// input; findings and thrown errors are the expected answers to bad input.
enum FuzzTarget: String, CaseIterable {
    /// PEM text (RFC 7468), then every block's DER through OpenSSL as what its label says.
    case pem
    /// Raw DER as PKCS#8 (encrypted and plain), an X.509 certificate, and a traditional PEM key.
    case der
    /// A whole secret (JSON or PEM) through the validator and the repairer, as `secret validate`/`fix` do.
    case secret
    /// An IAM policy document, evaluated for the mapping's actions with a request context.
    case policy
    /// A snapshot document through the doctor, as `doctor --snapshot` does.
    case snapshot
    /// An AWS XML response (query and ec2 protocols) converted to the AWS CLI's JSON, and error bodies.
    case xml
    /// Kafka broker answers, SCRAM server messages and Lambda event JSON (KafkaFuzz.swift).
    case kafka

    static let selected: FuzzTarget =
        ProcessInfo.processInfo.environment["FUZZ_TARGET"].flatMap(FuzzTarget.init(rawValue:)) ?? .pem

    /// A fixed instant, so that runs are reproducible.
    static let now = Date(timeIntervalSince1970: 1_790_000_000)

    /// PBKDF2/PKCS#12 iteration counts above this are not tried: their cost is the input's, not a defect.
    static let maxIterations = 4096

    /// Keys the fuzzer decrypts: cheap ones, and the excessive ones the product refuses at once (its guard
    /// is fuzzed too); legitimate but slow parameters in between only slow the fuzzer down.
    static func isCheap(_ encryption: PBEParameters) -> Bool {
        if encryption.isExcessivelyCostly { return true }
        let scryptWork = (encryption.scryptCost ?? 1) * (encryption.scryptBlockSize ?? 1) * (encryption.scryptParallelization ?? 1)
        return (encryption.iterations ?? 1) <= maxIterations && scryptWork <= 1 << 12
    }

    func run(_ data: Data) {
        switch self {
        case .pem: Self.pem(data)
        case .der: Self.der(data)
        case .secret: Self.secret(data)
        case .policy: Self.policy(data)
        case .snapshot: Self.snapshot(data)
        case .xml: Self.xml(data)
        case .kafka: KafkaFuzz.run(data)
        }
    }

    static func pem(_ data: Data) {
        let document = PEMDocument(text: String(decoding: data, as: UTF8.self))
        for block in document.blocks {
            der(block.der)
        }
    }

    static func der(_ data: Data) {
        if let certificate = Certificate(der: data) {
            _ = (certificate.subject, certificate.issuer)
        }
        if let encrypted = EncryptedPrivateKeyInfo(der: data), isCheap(encrypted.encryption) {
            _ = encrypted.decrypt(password: "canary-password")?.pkcs8PEM()
        }
        if let key = PrivateKey.pkcs8(der: data) {
            _ = key.pkcs8PEM()
        }
    }

    static func secret(_ data: Data) {
        guard let text = String(data: data, encoding: .utf8),
            let input = try? SecretInput.parse(text, label: "fuzz", password: "canary-password")
        else { return }
        // The validator decrypts keys: skip hostile iteration counts (their cost is the input's, see maxIterations).
        let unescaped = text.replacingOccurrences(of: "\\n", with: "\n")
        for block in PEMDocument(text: unescaped).blocks {
            if let info = EncryptedPrivateKeyInfo(der: block.der), !isCheap(info.encryption) { return }
        }
        _ = SecretValidator().validate(input)
    }

    static let actions = ["kafka-cluster:Connect", "kafka:DescribeClusterV2", "ec2:CreateNetworkInterface", "s3:GetObject"]
    static let resources = ["arn:aws:kafka:us-east-1:123456789012:cluster/demo/1a2b", "*", "arn:aws:s3:::b/k?x*"]

    static func policy(_ data: Data) {
        // Input: the policy document, optionally followed by NUL and lines of context "key=value" (or "key" for
        // a key known to be absent), so the fuzzer can steer conditions too.
        let parts = data.split(separator: 0, maxSplits: 1, omittingEmptySubsequences: false)
        guard let first = parts.first else { return }
        guard let document = try? PolicyDocumentReader.read(text: String(decoding: first, as: UTF8.self), source: "fuzz")
        else { return }
        var values: [String: [String]] = [:]
        var absent: Set<String> = []
        if parts.count > 1 {
            for line in String(decoding: parts[1], as: UTF8.self).split(separator: "\n").prefix(16) {
                if let equals = line.firstIndex(of: "=") {
                    values[String(line[..<equals]), default: []].append(String(line[line.index(after: equals)...]))
                } else {
                    absent.insert(String(line))
                }
            }
        }
        let context = RequestContext(values: values, absentKeys: absent)
        let evaluator = PolicyEvaluator(policies: [document], boundary: document)
        for action in actions {
            for resource in resources {
                _ = evaluator.evaluate(action: action, resource: resource, context: context)
            }
        }
    }

    static func snapshot(_ data: Data) {
        guard let snapshot = try? Snapshot.decode(data, source: "fuzz") else { return }
        _ = try? Doctor().run(snapshot, at: now)
    }

    /// The XML operations msk-esm reads (ServiceShapes), one chosen by the input's first byte.
    static let xmlOperations = [
        "iam.GetRole", "iam.GetRolePolicy", "iam.GetPolicy", "iam.GetPolicyVersion", "iam.ListAttachedRolePolicies",
        "iam.ListRolePolicies", "ec2.DescribeSecurityGroups", "ec2.DescribeSubnets", "ec2.DescribeRouteTables",
        "ec2.DescribeNatGateways", "ec2.DescribeVpcEndpoints", "cloudwatch.GetMetricData", "sts.GetCallerIdentity",
        "sts.AssumeRole",
    ]
    static let protocols: [AWSProtocol] = [.query, .ec2, .json, .restJSON]

    static func xml(_ data: Data) {
        guard let selector = data.first else { return }
        let body = data.dropFirst()
        let operation = xmlOperations[Int(selector) % xmlOperations.count]
        _ = try? ServiceShapes.fromXML(Data(body), operation: operation)
        let response = HTTPResponse(status: 400 + Int(selector % 4) * 33, headers: [], body: Data(body))
        _ = AWSError.parse(response, protocolKind: protocols[Int(selector >> 4) % protocols.count], operation: operation)
    }
}
