import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMTestSupport
import Testing

@testable import MSKESMKafka

/// The probe against a real Kafka-compatible broker on 127.0.0.1, behind real OpenSSL TLS and mTLS (socat)
/// and a real SCRAM server (scramp): every case asserts the PRB finding and the `LastProcessingResult` text
/// Lambda shows for it.
@Suite(.enabled(if: ProbeTestbed.shared != nil, "\(ProbeTestbed.unavailableReason)"))
struct ProbeLiveTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var front: String
        var method: AuthMethod
        var secret: String?
        var trustTestRoot = true
        var topic: String?
        /// Each step's deadline. Only the silent broker's case expects it to pass; elsewhere it is a hang watchdog,
        /// so that a busy machine never turns a slow answer into a failed step.
        var timeout: Double = HangWatchdog.seconds
        /// The failing code, nil when every step must pass.
        var code: String?
        var lambda: LambdaProcessingResult
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "plaintext ok", front: "tansu", method: .plaintext, topic: "orders", lambda: .ok),
        Case(name: "TLS ok", front: "tls", method: .tls, topic: "orders", lambda: .ok),
        Case(
            name: "TLS with the wrong CA", front: "tls", method: .tls, trustTestRoot: false, code: "PRB003",
            lambda: .lambdaFailedToAuthenticateServer),
        Case(
            name: "TLS certificate for another host", front: "tlsWrongHost", method: .tls, code: "PRB003",
            lambda: .lambdaFailedToAuthenticateServer),
        Case(
            name: "mTLS good chain, PKCS#12-PBE encrypted key", front: "mtls", method: .mtls,
            secret: "mtls-good.json", topic: "orders", lambda: .ok),
        Case(
            name: "mTLS good chain, PBES1 (PBE-MD5-DES) encrypted key", front: "mtls", method: .mtls,
            secret: "mtls-pbes1.json", lambda: .ok),
        Case(
            name: "mTLS key encrypted with PBES2", front: "mtls", method: .mtls, secret: "mtls-pbes2.json",
            code: "PRB006", lambda: .invalidCertificateOrKey),
        Case(
            name: "mTLS key password wrong", front: "mtls", method: .mtls, secret: "mtls-bad-passphrase.json",
            code: "PRB006", lambda: .invalidCertificateOrKey),
        Case(
            name: "mTLS port without a client certificate", front: "mtls", method: .tls, code: "PRB005",
            lambda: .serverFailedToAuthenticateLambda),
        Case(
            name: "mTLS leaf-only chain", front: "mtls", method: .mtls, secret: "mtls-leaf-only.json",
            code: "PRB005", lambda: .serverFailedToAuthenticateLambda),
        Case(
            name: "mTLS misordered chain", front: "mtls", method: .mtls, secret: "mtls-misordered.json",
            code: "PRB006", lambda: .invalidCertificateOrKey),
        Case(
            name: "SCRAM-SHA-512 good", front: "saslTLS", method: .scram512, secret: "scram-good.json",
            topic: "orders", lambda: .ok),
        Case(
            name: "SCRAM-SHA-512 wrong password", front: "saslTLS", method: .scram512,
            secret: "scram-wrong-password.json", code: "PRB009", lambda: .saslAuthenticationFailed),
        Case(
            name: "SCRAM-SHA-512 unknown user", front: "saslTLS", method: .scram512,
            secret: "scram-unknown-user.json", code: "PRB009", lambda: .saslAuthenticationFailed),
        Case(
            name: "SCRAM-SHA-256 against a SHA-512-only server", front: "saslTLS", method: .scram256,
            secret: "scram-good.json", code: "PRB008", lambda: .saslAuthenticationFailed),
        Case(name: "SASL/PLAIN good", front: "saslTLS", method: .basic, secret: "basic-good.json", lambda: .ok),
        Case(
            name: "topic missing", front: "tansu", method: .plaintext, topic: "no-such-topic", code: "PRB010",
            lambda: .connectionError),
        Case(name: "broker down", front: "down", method: .plaintext, code: "PRB002", lambda: .connectionError),
        Case(
            name: "a port that never answers", front: "silent", method: .plaintext, timeout: 1, code: "PRB007",
            lambda: .connectionError),
        Case(
            name: "plaintext client on the TLS port", front: "tls", method: .plaintext, code: "PRB007",
            lambda: .connectionError),
    ]

    @Test(arguments: cases)
    func probeReportsTheStepAndLambdasMessage(_ test: Case) async throws {
        let bed = try #require(ProbeTestbed.shared)
        #expect(bed.failure == nil)
        let configuration = ProbeConfiguration(
            brokers: [bed.broker(test.front)], method: test.method,
            secretJSON: test.secret.map(bed.text), secretLabel: test.secret,
            caFile: test.trustTestRoot ? bed.path("root.pem") : bed.path("other-root.pem"), topic: test.topic,
            timeout: test.timeout)
        let (report, brokers) = await Probe().runWithResults(configuration)
        let failures = report.findings.filter { $0.severity == .fail }
        #expect(report.summary.lambdaResult == test.lambda.rawValue)
        if let code = test.code {
            let failure = try #require(failures.first, "expected \(code)")
            #expect(failure.code == code)
            #expect(failure.evidence["lambdaResult"]?.stringValue == test.lambda.rawValue)
            #expect(report.verdict == .fail)
            // Lambda's texts are the ones the doctor's MAP011 explains.
            #expect(ProcessingResult.match(test.lambda.rawValue) != nil)
        } else {
            #expect(failures.isEmpty, "\(failures.map(\.title))")
            #expect(report.verdict == .pass)
        }
        // Nothing hangs: the probe came back, and a broker that never answers was given up on by the step's own
        // deadline (the step says it timed out) rather than by the other side closing the connection.
        if test.front == "silent" {
            let last = try #require(brokers.first?.steps.last)
            #expect(!last.ok)
            #expect(last.detail.hasPrefix("timed out"), "\(last)")
        }
        // The secret's password never reaches the report.
        let rendered = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        for canary in ["alice-secret-pw", "bob-secret-pw", "key-password", "not-the-password"] {
            #expect(!rendered.contains(canary))
        }
    }

    /// AWS_MSK_IAM end to end: the front recomputes the signature with botocore and accepts only a match.
    @Test(arguments: [("probe-test-secret-access-key", true), ("a-wrong-secret-access-key", false)])
    func iamAuthentication(_ secret: String, _ accepted: Bool) async throws {
        let bed = try #require(ProbeTestbed.shared)
        let report = await Probe().run(
            ProbeConfiguration(
                brokers: [bed.broker("saslTLS")], method: .iam, caFile: bed.path("root.pem"),
                iamCredentials: AWSCredentials(accessKeyId: "AKIDPROBETEST", secretAccessKey: secret),
                region: "us-east-1"
            ).patient())
        let sasl = try #require(report.findings.first { $0.evidence["step"] == "sasl" })
        #expect(sasl.code == "PRB009")
        #expect(sasl.severity == (accepted ? .pass : .fail))
        #expect(
            report.summary.lambdaResult
                == (accepted ? LambdaProcessingResult.ok : .saslAuthenticationFailed).rawValue)
        let rendered = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!rendered.contains(secret))
    }

    @Test func iamWithoutCredentialsIsSkippedNotFailed() async throws {
        let bed = try #require(ProbeTestbed.shared)
        let report = await Probe().run(
            ProbeConfiguration(brokers: [bed.broker("saslTLS")], method: .iam, caFile: bed.path("root.pem")).patient())
        #expect(report.findings.contains { $0.code == "PRB015" && $0.severity == .skipped })
        #expect(report.verdict == .pass)
        #expect(report.summary.lambdaResult == nil)
    }

    /// A PBES2 key is a problem for Lambda (PRB006), but the probe still connects with it, so the report also
    /// says whether the brokers accept the certificate.
    @Test func pbes2KeyIsReportedAndTheBrokersAreStillTried() async throws {
        let bed = try #require(ProbeTestbed.shared)
        let report = await Probe().run(
            ProbeConfiguration(
                brokers: [bed.broker("mtls")], method: .mtls, secretJSON: bed.text("mtls-pbes2.json"),
                caFile: bed.path("root.pem")
            ).patient())
        #expect(report.findings.first { $0.code == "PRB006" }?.detail.contains("PBES2") == true)
        #expect(report.findings.contains { $0.code == "PRB007" && $0.severity == .pass })
    }

    /// `--debug` traces each request and answer and the TLS session, never the SASL bytes.
    @Test func traceNamesRequestsButNoSecrets() async throws {
        let bed = try #require(ProbeTestbed.shared)
        final class Lines: @unchecked Sendable {
            let lock = NSLock()
            var lines: [String] = []
            func add(_ line: String) { lock.withLock { lines.append(line) } }
        }
        let collected = Lines()
        var configuration = ProbeConfiguration(
            brokers: [bed.broker("saslTLS")], method: .scram512, secretJSON: bed.text("scram-good.json"),
            caFile: bed.path("root.pem"), topic: "orders"
        ).patient()
        configuration.trace = { collected.add($0) }
        _ = await Probe().run(configuration)
        let text = collected.lines.joined(separator: "\n")
        #expect(text.contains("→ ApiVersions v3"))
        #expect(text.contains("→ SaslAuthenticate v2"))
        #expect(text.contains("← Metadata"))
        #expect(text.contains("TLS TLSv1."))
        #expect(!text.contains("alice-secret-pw"))
        #expect(!text.contains("p="))
    }

    @Test func tlsSummaryNamesVersionCipherAndTheServerChain() async throws {
        let bed = try #require(ProbeTestbed.shared)
        let report = await Probe().run(
            ProbeConfiguration(brokers: [bed.broker("tls")], method: .tls, caFile: bed.path("root.pem")).patient())
        let broker = try #require(report.summary.brokers.first)
        let tls = try #require(broker.tls)
        #expect(tls.version.hasPrefix("TLSv1."))
        #expect(!tls.cipher.isEmpty)
        #expect(tls.peerChain.first == "CN=probe-test-broker")
        // Each step reports its duration.
        let steps = broker.steps.map(\.step)
        #expect(steps == ["dns", "tcp", "tls", "kafka", "metadata"])
    }

    @Test func topicMetadataNamesPartitionsAndLeaders() async throws {
        let bed = try #require(ProbeTestbed.shared)
        let report = await Probe().run(
            ProbeConfiguration(brokers: [bed.broker("tansu")], method: .plaintext, topic: "orders").patient())
        let topic = try #require(report.findings.first { $0.code == "PRB010" })
        #expect(topic.severity == .pass)
        #expect(topic.evidence["partitions"] == .number(3))
        #expect(topic.evidence["leaders"] == .array([.string(bed.broker("tansu"))]))
    }

    @Test func consumerGroupStateIsReported() async throws {
        let bed = try #require(ProbeTestbed.shared)
        let report = await Probe().run(
            ProbeConfiguration(brokers: [bed.broker("tansu")], method: .plaintext, group: "probe-test-group").patient())
        let group = try #require(report.findings.first { $0.code == "PRB014" })
        #expect(group.severity == .info)
        #expect(group.evidence["group"] == .string("probe-test-group"))
        #expect(group.evidence["state"]?.stringValue?.isEmpty == false)
    }

    @Test func brokersAreProbedInParallel() async throws {
        let bed = try #require(ProbeTestbed.shared)
        // Three brokers behind a gate that opens (closes every connection) only once all three are connected at
        // the same time. Probed one after another, the first would wait out its two-minute timeout alone and the gate
        // would never open; probed in parallel, it opens at once. Events, not timestamps.
        let gate = try GatePort(gate: 3)
        defer { gate.stop() }
        let report = await Probe().run(
            ProbeConfiguration(
                brokers: Array(repeating: "127.0.0.1:\(gate.port)", count: 3) + [bed.broker("tansu")],
                method: .plaintext, timeout: HangWatchdog.seconds))
        #expect(gate.gateOpened, "at most \(gate.mostOpenAtOnce) of 3 connections were open at once")
        #expect(report.findings.filter { $0.code == "PRB007" && $0.severity == .fail }.count == 3)
        #expect(report.findings.contains { $0.code == "PRB007" && $0.severity == .pass })
    }

    /// An older broker answers ApiVersions v3 with UNSUPPORTED_VERSION; the client repeats at v2 and then uses
    /// the versions that broker offers (SaslAuthenticate v1 without tagged fields, Metadata v3 asking for every topic, …).
    @Test func olderBrokerVersionsAreUsed() async throws {
        let bed = try #require(ProbeTestbed.shared)
        let report = await Probe().run(
            ProbeConfiguration(
                brokers: [bed.broker("legacy")], method: .plaintext, topic: "orders", group: "legacy-group"
            ).patient())
        let kafka = try #require(report.findings.first { $0.code == "PRB007" })
        #expect(kafka.severity == .pass)
        #expect(kafka.title.contains("ApiVersions v2"))
        let versions = kafka.evidence["versions"]?.arrayValue?.compactMap(\.stringValue) ?? []
        #expect(versions.contains("Metadata v3"))
        #expect(versions.contains("SaslAuthenticate v1"))
        #expect(versions.contains("FindCoordinator v1"))
        #expect(report.findings.contains { $0.code == "PRB010" && $0.severity == .pass })
        #expect(report.findings.contains { $0.code == "PRB014" })

        // SCRAM through SaslAuthenticate v1 (int32-length bytes) on the same front, over plaintext TCP (the
        // probe's SCRAM method always uses TLS, so the client is driven directly here).
        let port = try #require(bed.ports["legacy"])
        let address = try #require(try TCPConnection.resolve(host: "127.0.0.1", port: port).first)
        let client = KafkaClient(
            stream: try TCPConnection.connect(to: address, deadline: Deadline(seconds: HangWatchdog.seconds)))
        defer { client.close() }
        #expect(try client.negotiateVersions(deadline: Deadline(seconds: HangWatchdog.seconds)) == 2)
        #expect(client.version(for: .saslAuthenticate) == 1)
        _ = try client.saslHandshake(mechanism: "SCRAM-SHA-512", deadline: Deadline(seconds: HangWatchdog.seconds))
        var scramClient = SCRAMClient(hash: .sha512, username: "alice", password: "alice-secret-pw")
        let serverFirst = try client.saslAuthenticate(
            scramClient.firstMessage(), deadline: Deadline(seconds: HangWatchdog.seconds))
        let serverFinal = try client.saslAuthenticate(
            try scramClient.finalMessage(serverFirst: serverFirst), deadline: Deadline(seconds: HangWatchdog.seconds))
        try scramClient.verify(serverFinal: serverFinal)
        let metadata = try client.metadata(topics: ["orders"], deadline: Deadline(seconds: HangWatchdog.seconds))
        #expect(metadata.topics.first?.partitions.count == 3)
    }

    @Test func negotiatesVersionsTheBrokerAdvertises() throws {
        let bed = try #require(ProbeTestbed.shared)
        let port = try #require(bed.ports["tansu"])
        let address = try #require(try TCPConnection.resolve(host: "127.0.0.1", port: port).first)
        let client = KafkaClient(
            stream: try TCPConnection.connect(to: address, deadline: Deadline(seconds: HangWatchdog.seconds)))
        defer { client.close() }
        let version = try client.negotiateVersions(deadline: Deadline(seconds: HangWatchdog.seconds))
        #expect(version == 3)
        for api in KafkaAPI.allCases where api != .saslHandshake && api != .saslAuthenticate {
            let chosen = try #require(client.version(for: api))
            let range = try #require(client.brokerVersions[api.rawValue])
            #expect(chosen == min(range.maxVersion, api.clientVersions.upperBound))
        }
    }
}

extension ProbeConfiguration {
    /// With step deadlines that are only a hang watchdog: for brokers that answer, a busy machine must never turn a
    /// slow answer into a failed step.
    func patient() -> ProbeConfiguration {
        var configuration = self
        configuration.timeout = HangWatchdog.seconds
        return configuration
    }
}
