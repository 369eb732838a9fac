import COpenSSLShims
import Foundation
import MSKESMAWS
import MSKESMCore

/// The live probe: connects to each broker as Lambda would (DNS, TCP, TLS, ApiVersions, SASL), in parallel,
/// then asks one broker about the topic and the consumer group. Every step has a deadline; every failure is a
/// PRB finding naming the `LastProcessingResult` Lambda would show.
///
/// Usable without the CLI: `await Probe().run(ProbeConfiguration(brokers: ["b-1:9092"], method: .plaintext))`.
public struct Probe: Sendable {
    /// The clock of the IAM signature (tests pin it).
    public var now: @Sendable () -> Date

    public init(now: @escaping @Sendable () -> Date = Date.init) { self.now = now }

    /// Probes the brokers and returns `{verdict, findings, summary}`; the summary holds `method`, `topic`,
    /// `group`, `lambdaResult` (what Lambda would show: the first failure's text, or `OK`) and `brokers`
    /// (per broker: `addresses`, `steps` with `elapsedMs`, `tls` with `version`, `cipher`, `peerChain`).
    public func run(_ configuration: ProbeConfiguration) async -> CheckReport<ProbeSummary> {
        await runWithResults(configuration).report
    }

    /// The report and the per-broker results behind it.
    func runWithResults(_ configuration: ProbeConfiguration) async -> (
        report: CheckReport<ProbeSummary>, brokers: [BrokerProbeResult]
    ) {
        var findings: [Finding] = []
        var environment = ProbeEnvironment(configuration: configuration, tlsContext: nil, now: now)
        var canConnect = true
        if configuration.brokers.isEmpty {
            findings.append(
                Finding(
                    code: .prb015, severity: .skipped, title: "no brokers to probe",
                    detail:
                        "Neither the mapping nor the options name a broker for \(configuration.method.displayName).",
                    fix: "msk-esm probe --bootstrap-servers host:port,… --auth \(configuration.method.rawValue)"))
            canConnect = false
        }
        if configuration.usesTLS && canConnect {
            do {
                let (context, identityFindings, usable) = try makeTLSContext(configuration)
                findings += identityFindings
                environment.tlsContext = context
                canConnect = usable
            } catch {
                findings.append(
                    Finding(
                        code: .prb006, severity: .fail, title: "the TLS client cannot be set up",
                        detail: "\(error)", fix: "check --ca-file and the secret: msk-esm secret validate secret.json",
                        evidence: ["lambdaResult": .string(LambdaProcessingResult.invalidCertificateOrKey.rawValue)]))
                canConnect = false
            }
        }
        if configuration.method == .oauthbearer && canConnect {
            findings.append(await fetchToken(configuration, into: &environment))
        }
        var results: [BrokerProbeResult] = []
        if canConnect {
            let shared = environment
            results = await withTaskGroup(of: (Int, BrokerProbeResult).self) { group in
                for (index, broker) in configuration.brokers.enumerated() {
                    group.addTask {
                        (index, await Self.onThread { BrokerProbe(environment: shared, broker: broker).run() })
                    }
                }
                var collected: [(Int, BrokerProbeResult)] = []
                for await item in group { collected.append(item) }
                return collected.sorted { $0.0 < $1.0 }.map(\.1)
            }
            for result in results { findings += result.findings }
            findings += topicFindings(configuration, results)
            findings += await groupFindings(configuration, environment, results)
        }
        return (CheckReport(findings: findings, summary: summary(configuration, results, findings)), results)
    }

    /// Runs blocking socket work on a thread of its own, so that brokers are probed in parallel even on a
    /// small cooperative pool.
    static func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            let thread = Thread {
                let result = body()
                // This thread's OpenSSL state (its random generators from the TLS handshake, its error queue) is
                // freed here, not by the thread's exit destructor, which may still be running when the process
                // exits right after the probe (LeakSanitizer then reports it as leaked), as CurlHTTPClient does.
                mskesm_openssl_thread_stop()
                continuation.resume(returning: result)
            }
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    // MARK: OAuth token

    /// Gets the access token once for all brokers, as Lambda's client does before it connects: the finding is
    /// PRB016, passed or failed; on failure each broker's SASL step is skipped. Lambda's troubleshooting page
    /// names no text of its own for OAuth, so a failure reports its SASL one
    /// (https://docs.aws.amazon.com/lambda/latest/dg/with-kafka-troubleshoot.html).
    private func fetchToken(_ configuration: ProbeConfiguration, into environment: inout ProbeEnvironment) async
        -> Finding
    {
        let lambda = LambdaProcessingResult.saslAuthenticationFailed
        environment.oauthMissing = MissingInput(
            reason: "no OAuth access token (see PRB016)", fix: "fix the token endpoint finding first")
        guard let json = configuration.secretJSON, let credentials = OAuthClientCredentials(json: json) else {
            environment.oauthMissing = MissingInput(
                reason: "the OAUTHBEARER_AUTH secret with client id, client secret and token endpoint is missing",
                fix: "msk-esm probe --secret-file oauth.json (check it first: msk-esm secret validate --type oauth "
                    + "oauth.json)")
            return Finding(
                code: .prb016, severity: .skipped, title: "no OAuth token requested: the secret is missing",
                detail: "SASL/OAUTHBEARER needs the secret's client id, client secret and token endpoint URL.",
                fix: "msk-esm probe --secret-file oauth.json …")
        }
        let request = OAuthTokenRequest(credentials: credentials, settings: configuration.oauth)
        // No trace here: the request and answer bodies hold the client secret and the token.
        let client = CurlHTTPClient(
            options: CurlHTTPClient.Options(
                connectTimeout: configuration.timeout, readTimeout: configuration.timeout,
                caBundle: configuration.tokenEndpointCAFile))
        configuration.trace?(
            "OAuth token request: POST \(credentials.shownEndpoint) grant_type=client_credentials, client "
                + "\(credentials.clientId), \(credentials.clientAuthentication.rawValue)")
        var evidence: [String: JSONValue] = [
            "tokenEndpoint": .string(credentials.shownEndpoint), "clientId": .string(credentials.clientId),
            "step": "token",
        ]
        switch await request.fetch(with: client) {
        case .success(let token):
            environment.oauthToken = token.accessToken
            environment.oauthMissing = nil
            if let expiresIn = token.expiresIn { evidence["expiresIn"] = .number(expiresIn) }
            return Finding(
                code: .prb016, severity: .pass,
                title: "\(credentials.shownEndpoint) issues an access token to client \(credentials.clientId)",
                evidence: evidence)
        case .failure(let failure):
            evidence["lambdaResult"] = .string(lambda.rawValue)
            let title: String
            let detail: String
            let fix: String
            switch failure {
            case .unreachable(let reason):
                evidence["error"] = .string(reason)
                title = "the token endpoint \(credentials.shownEndpoint) cannot be reached"
                detail = "No HTTP answer: \(reason)."
                fix =
                    "check the secret's token endpoint URL and that the mapping's subnets reach it (a NAT "
                    + "gateway or a route to the identity provider)"
            case .refused(let status, let error, let description):
                evidence["httpStatus"] = .number(Double(status))
                if let error { evidence["oauthError"] = .string(error) }
                title =
                    "the token endpoint refuses the client credentials: HTTP \(status)"
                    + (error.map { " \($0)" } ?? "")
                let errorText: String = error.map { " with error \($0)" } ?? ""
                let descriptionText: String = description.map { " (\($0))" } ?? ""
                detail =
                    "The endpoint answered HTTP \(status)\(errorText)\(descriptionText) (RFC 6749, section 5.2, "
                    + "https://www.rfc-editor.org/rfc/rfc6749#section-5.2)."
                fix =
                    error == "invalid_scope" || error == "invalid_target"
                    ? "check OAUTHBEARER_SCOPE / OAUTHBEARER_AUDIENCE against what the identity provider grants "
                        + "the client"
                    : "check the secret's client id and client secret with the identity provider (and that the "
                        + "client may use the client_credentials grant)"
            case .unusable(let reason):
                title = "the token endpoint's answer holds no usable access token"
                detail = "HTTP 200, but \(reason) (RFC 6749, section 5.1)."
                fix = "check that the secret's token endpoint URL is the identity provider's token endpoint"
            }
            return Finding(
                code: .prb016, severity: .fail, title: title, detail: detail + " Lambda reports: \(lambda.rawValue)",
                fix: fix, evidence: evidence)
        }
    }

    // MARK: TLS set-up

    private func makeTLSContext(_ configuration: ProbeConfiguration) throws -> (TLSContext, [Finding], Bool) {
        var findings: [Finding] = []
        var chain: [Certificate] = []
        var key: PrivateKey?
        var usable = true
        if configuration.method == .mtls {
            guard let json = configuration.secretJSON, let secret = ProbeSecret(json: json) else {
                findings.append(
                    Finding(
                        code: .prb015, severity: .skipped, title: "mTLS not tried: no client certificate secret",
                        detail: "mTLS needs the CLIENT_CERTIFICATE_TLS_AUTH secret's certificate and privateKey.",
                        fix: "msk-esm probe --auth mtls --secret-file secret.json …"))
                return (
                    try TLSContext(
                        trustSystemRoots: true, caFile: nil, extraCertificates: [], clientChain: [], clientKey: nil),
                    findings, false
                )
            }
            let identity = ClientIdentity(secret: secret)
            if !identity.problems.isEmpty {
                findings.append(
                    Finding(
                        code: .prb006, severity: .fail,
                        title: "Lambda cannot use the client certificate or key"
                            + (configuration.secretLabel.map { " of \($0)" } ?? ""),
                        detail: identity.problems.joined(separator: "; ") + ". Lambda reports: "
                            + LambdaProcessingResult.invalidCertificateOrKey.rawValue,
                        fix: "msk-esm secret fix " + (configuration.secretLabel ?? "secret.json")
                            + " --write fixed.json, then store fixed.json as the secret's value",
                        evidence: [
                            "problems": .array(identity.problems.map(JSONValue.string)),
                            "lambdaResult": .string(LambdaProcessingResult.invalidCertificateOrKey.rawValue),
                            "step": "tls",
                        ]))
            }
            if identity.unusable {
                usable = false
            } else {
                chain = identity.chain
                key = identity.key
            }
        }
        let extra = PEMDocument(text: configuration.extraCAPEM ?? "").blocks.filter { $0.kind == .certificate }
            .compactMap { Certificate(der: $0.der) }
        let context = try TLSContext(
            trustSystemRoots: true, caFile: configuration.caFile, extraCertificates: extra, clientChain: chain,
            clientKey: key)
        if !usable {
            findings.append(
                Finding(
                    code: .prb015, severity: .skipped, title: "the brokers were not contacted",
                    detail: "The client certificate and key cannot be used (PRB006), so no mTLS connection was tried.",
                    fix: "fix PRB006 first"))
        }
        return (context, findings, usable)
    }

    // MARK: Topic

    private func topicFindings(_ configuration: ProbeConfiguration, _ results: [BrokerProbeResult]) -> [Finding] {
        guard let topic = configuration.topic else { return [] }
        guard let source = results.first(where: { $0.metadata != nil }), let metadata = source.metadata else {
            if let failure = results.compactMap(\.metadataFailure).first { return [failure] }
            return [
                Finding(
                    code: .prb015, severity: .skipped, title: "topic \(topic) not checked",
                    detail: "No broker got as far as a Metadata request (see the failures above).",
                    fix: "fix the connection findings first")
            ]
        }
        let base: [String: JSONValue] = ["broker": .string(source.broker), "step": "metadata", "topic": .string(topic)]
        guard let entry = metadata.topics.first(where: { $0.name == topic }) else {
            return [missingTopic(topic, source.broker, base, code: .unknownTopicOrPartition)]
        }
        let code = KafkaErrorCode(entry.errorCode)
        var evidence = base
        evidence["kafkaError"] = .object(["code": .number(Double(code.code)), "name": .string(code.name)])
        switch code.code {
        case 0:
            break
        case KafkaErrorCode.unknownTopicOrPartition.code, KafkaErrorCode(17).code:
            return [missingTopic(topic, source.broker, base, code: code)]
        case KafkaErrorCode.topicAuthorizationFailed.code, KafkaErrorCode.clusterAuthorizationFailed.code:
            evidence["lambdaResult"] = .string(LambdaProcessingResult.clusterFailedToAuthorize.rawValue)
            return [
                Finding(
                    code: .prb011, severity: .fail, title: "the principal may not describe topic \(topic)",
                    detail: "Metadata answered \(code.name) (\(code.code)): \(code.meaning) Lambda reports: "
                        + LambdaProcessingResult.clusterFailedToAuthorize.rawValue,
                    fix: configuration.method == .iam
                        ? "allow kafka-cluster:DescribeTopic and kafka-cluster:ReadData on "
                            + "arn:aws:kafka:<region>:<account>:topic/<cluster-name>/<cluster-uuid>/\(topic)"
                        : "kafka-acls.sh --bootstrap-server \(source.broker) --add --allow-principal User:<principal> "
                            + "--operation Describe --operation Read --topic \(topic)",
                    evidence: evidence)
            ]
        default:
            evidence["lambdaResult"] = .string(LambdaProcessingResult.connectionError.rawValue)
            return [
                Finding(
                    code: .prb012, severity: .warn, title: "topic \(topic): \(code.name)",
                    detail: "Metadata answered \(code.name) (\(code.code)): \(code.meaning)",
                    fix: "check the cluster's health (controller, under-replicated partitions)", evidence: evidence)
            ]
        }
        var findings: [Finding] = []
        let leaderless = entry.partitions.filter { $0.leaderID < 0 }
        let leaders = Set(entry.partitions.map(\.leaderID)).sorted()
        let addresses = leaders.compactMap { id in metadata.brokers.first { $0.nodeID == id }?.address }
        evidence["partitions"] = .number(Double(entry.partitions.count))
        evidence["leaders"] = .array(addresses.map(JSONValue.string))
        evidence["advertisedBrokers"] = .array(metadata.brokers.map { .string($0.address) })
        if let clusterID = metadata.clusterID { evidence["clusterId"] = .string(clusterID) }
        if !leaderless.isEmpty {
            var warn = evidence
            warn["partitionsWithoutLeader"] = .array(leaderless.map { .number(Double($0.index)) })
            warn["lambdaResult"] = .string(LambdaProcessingResult.connectionError.rawValue)
            findings.append(
                Finding(
                    code: .prb012, severity: .warn,
                    title: "\(leaderless.count) of \(entry.partitions.count) partitions of \(topic) have no leader",
                    detail: "Lambda cannot read partitions without a leader; their records wait until a leader is "
                        + "elected.",
                    fix: "check the brokers that host them: kafka-topics.sh --bootstrap-server \(source.broker) "
                        + "--describe --topic \(topic) --unavailable-partitions",
                    evidence: warn))
        }
        findings.append(
            Finding(
                code: .prb010, severity: .pass,
                title: "topic \(topic) exists with \(entry.partitions.count) partitions, led by "
                    + (addresses.isEmpty ? "no broker" : addresses.joined(separator: ", ")),
                detail: "Lambda reads each partition from its leader, at the advertised address.",
                evidence: evidence))
        return findings
    }

    private func missingTopic(_ topic: String, _ broker: String, _ base: [String: JSONValue], code: KafkaErrorCode)
        -> Finding
    {
        var evidence = base
        evidence["kafkaError"] = .object(["code": .number(Double(code.code)), "name": .string(code.name)])
        evidence["lambdaResult"] = .string(LambdaProcessingResult.connectionError.rawValue)
        return Finding(
            code: .prb010, severity: .fail, title: "topic \(topic) does not exist",
            detail: "Metadata answered \(code.name) (\(code.code)) for \(topic). Lambda reports: "
                + LambdaProcessingResult.connectionError.rawValue,
            fix: "create it: kafka-topics.sh --bootstrap-server \(broker) --create --topic \(topic) --partitions 3 "
                + "(or correct the mapping's topic; Topics cannot be updated: recreate the mapping)",
            evidence: evidence)
    }

    // MARK: Group

    private func groupFindings(
        _ configuration: ProbeConfiguration, _ environment: ProbeEnvironment, _ results: [BrokerProbeResult]
    ) async -> [Finding] {
        guard let group = configuration.group else { return [] }
        if let described = results.first(where: { $0.group != nil }), let description = described.group {
            return describeFindings(group, description, broker: described.broker)
        }
        if let failed = results.compactMap(\.groupFindings).first { return failed }
        guard let source = results.first(where: { $0.coordinator != nil }), let coordinator = source.coordinator
        else {
            return [
                Finding(
                    code: .prb015, severity: .skipped, title: "consumer group \(group) not checked",
                    detail: "No broker got as far as FindCoordinator (see the failures above).",
                    fix: "fix the connection findings first")
            ]
        }
        let code = KafkaErrorCode(coordinator.errorCode)
        if code.code != 0 {
            let denied = code == .groupAuthorizationFailed
            let lambda: LambdaProcessingResult = denied ? .clusterFailedToAuthorize : .connectionError
            return [
                Finding(
                    code: .prb013, severity: denied ? .fail : .warn,
                    title: denied
                        ? "the principal may not use consumer group \(group)"
                        : "no coordinator for consumer group \(group): \(code.name)",
                    detail: "FindCoordinator answered \(code.name) (\(code.code)): \(code.meaning)"
                        + (coordinator.errorMessage.map { " \($0)" } ?? "") + " Lambda reports: \(lambda.rawValue)",
                    fix: denied
                        ? (configuration.method == .iam
                            ? "allow kafka-cluster:DescribeGroup and kafka-cluster:AlterGroup on "
                                + "arn:aws:kafka:<region>:<account>:group/<cluster-name>/<cluster-uuid>/\(group)"
                            : "kafka-acls.sh --bootstrap-server \(source.broker) --add --allow-principal "
                                + "User:<principal> --operation Describe --operation Read --group \(group)")
                        : "check the __consumer_offsets topic and the brokers' health",
                    evidence: [
                        "broker": .string(source.broker), "step": "group", "group": .string(group),
                        "kafkaError": .object(["code": .number(Double(code.code)), "name": .string(code.name)]),
                        "lambdaResult": .string(lambda.rawValue),
                    ])
            ]
        }
        // The coordinator is another broker: probe it the same way, for the group only.
        let address =
            coordinator.host.contains(":")
            ? "[\(coordinator.host)]:\(coordinator.port)" : "\(coordinator.host):\(coordinator.port)"
        let result = await Self.onThread {
            BrokerProbe(environment: environment, broker: address, askTopic: false).run()
        }
        if let description = result.group { return describeFindings(group, description, broker: address) }
        if let failed = result.groupFindings { return failed }
        return result.findings.map { finding in
            var copy = finding
            copy.title = "group coordinator: " + copy.title
            return copy
        }
    }

    private func describeFindings(_ group: String, _ description: GroupDescription, broker: String) -> [Finding] {
        let code = KafkaErrorCode(description.errorCode)
        var evidence: [String: JSONValue] = [
            "broker": .string(broker), "step": "group", "group": .string(group), "state": .string(description.state),
            "members": .array(
                description.members.map {
                    .object([
                        "memberId": .string($0.memberID), "clientId": .string($0.clientID),
                        "clientHost": .string($0.clientHost),
                    ])
                }),
        ]
        if code.code != 0 {
            let denied = code == .groupAuthorizationFailed
            let lambda: LambdaProcessingResult = denied ? .clusterFailedToAuthorize : .connectionError
            evidence["kafkaError"] = .object(["code": .number(Double(code.code)), "name": .string(code.name)])
            evidence["lambdaResult"] = .string(lambda.rawValue)
            return [
                Finding(
                    code: .prb013, severity: denied ? .fail : .warn,
                    title: denied
                        ? "the principal may not describe consumer group \(group)" : "group \(group): \(code.name)",
                    detail: "DescribeGroups answered \(code.name) (\(code.code)): \(code.meaning) Lambda reports: "
                        + lambda.rawValue,
                    fix: "grant Describe and Read on the group \(group) to the mapping's principal",
                    evidence: evidence)
            ]
        }
        switch description.state {
        case "Dead", "":
            return [
                Finding(
                    code: .prb014, severity: .info, title: "consumer group \(group) does not exist yet",
                    detail: "Lambda creates it on its first poll and starts at the mapping's StartingPosition.",
                    evidence: evidence)
            ]
        case "Empty":
            return [
                Finding(
                    code: .prb014, severity: .info, title: "consumer group \(group) exists with no active member",
                    detail: "If it holds committed offsets for the topic, Lambda resumes from them and ignores "
                        + "StartingPosition (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html).",
                    evidence: evidence)
            ]
        default:
            let members = description.members.count
            // Lambda's own pollers are members too while the mapping runs, so this is information, not a
            // warning: only the user can tell whether a member is not Lambda's
            // (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html, customizable consumer group ID).
            return [
                Finding(
                    code: .prb014, severity: .info,
                    title: "consumer group \(group) is \(description.state) with \(members) active member"
                        + (members == 1 ? "" : "s"),
                    detail: "Consumers in the group that are not Lambda's pollers share the partitions with it, and "
                        + "Lambda then reads only part of the topic (https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html). "
                        + "Members: "
                        + description.members.map { "\($0.clientID)@\($0.clientHost)" }.joined(separator: ", "),
                    fix: members > 0
                        ? "if a member is not Lambda's, stop it or give the mapping its own consumer group id" : "",
                    evidence: evidence)
            ]
        }
    }

    // MARK: Summary

    private func summary(_ configuration: ProbeConfiguration, _ results: [BrokerProbeResult], _ findings: [Finding])
        -> ProbeSummary
    {
        var summary = ProbeSummary(
            method: configuration.method, timeoutSeconds: configuration.timeout, topic: configuration.topic,
            group: configuration.group, brokers: results.map(ProbeSummary.Broker.init))
        let firstFailure = findings.first { $0.severity == .fail }?.evidence["lambdaResult"]?.stringValue
        let skipped = findings.contains { $0.severity == .skipped }
        if let firstFailure {
            summary.lambdaResult = firstFailure
        } else if !skipped {
            summary.lambdaResult = LambdaProcessingResult.ok.rawValue
        }
        return summary
    }
}
