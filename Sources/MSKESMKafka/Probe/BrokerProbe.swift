import Foundation
import MSKESMCore

/// One step of a broker's probe, as the summary lists it.
public struct ProbeStep: Sendable, Codable, Equatable {
    /// `dns`, `tcp`, `tls`, `kafka`, `sasl`, `metadata`, `group`.
    public var step: String
    public var ok: Bool
    public var elapsedMs: Double
    public var detail: String
}

/// What probing one broker found.
public struct BrokerProbeResult: Sendable {
    public var broker: String
    public var addresses: [String] = []
    public var steps: [ProbeStep] = []
    public var tls: TLSSessionInfo?
    public var findings: [Finding] = []
    /// The first failure's `LastProcessingResult`, nil when every step passed.
    public var lambdaResult: LambdaProcessingResult?
    /// The Metadata answer for the topic, when the broker got that far.
    public var metadata: ClusterMetadata?
    var metadataFailure: Finding?
    /// The group's coordinator and description, when asked and answered.
    var coordinator: KafkaMessages.FindCoordinatorResponse?
    var groupFindings: [Finding]?
    var group: GroupDescription?
    public var authenticated = false
    /// When this broker's probe started and ended on the monotonic clock (nanoseconds), to show that brokers
    /// are probed in parallel.
    var startedAt: UInt64 = 0
    var finishedAt: UInt64 = 0
}

/// Everything the brokers of one probe share.
struct ProbeEnvironment: @unchecked Sendable {
    var configuration: ProbeConfiguration
    var tlsContext: TLSContext?
    var now: () -> Date = Date.init
    /// For `oauthbearer`: the access token the probe got from the token endpoint (never printed), or why not.
    var oauthToken: String?
    var oauthMissing: MissingInput?
}

/// Probes one broker: DNS, TCP, TLS, ApiVersions, SASL, then Metadata for the topic and the consumer group,
/// each step under its own deadline. Blocking; the ``Probe`` runs brokers on threads of their own.
struct BrokerProbe {
    let environment: ProbeEnvironment
    let broker: String
    /// Whether to ask about the topic and the group (the coordinator probe asks only about the group).
    var askTopic = true

    private var configuration: ProbeConfiguration { environment.configuration }

    func run() -> BrokerProbeResult {
        let started = DispatchTime.now().uptimeNanoseconds
        var result = probe()
        result.startedAt = started
        result.finishedAt = DispatchTime.now().uptimeNanoseconds
        return result
    }

    private func probe() -> BrokerProbeResult {
        var result = BrokerProbeResult(broker: broker)
        guard let (host, port) = ProbeConfiguration.split(broker) else {
            result.findings.append(
                fail(
                    .prb001, step: "dns", title: "\(broker) is not host:port",
                    detail: "A bootstrap server is written host:port, e.g. b-1.example.com:9096.",
                    fix: "write the broker as host:port", lambda: .connectionError, elapsed: 0))
            result.lambdaResult = .connectionError
            return result
        }
        // DNS
        var watch = Stopwatch()
        let addresses: [ResolvedAddress]
        do {
            addresses = try TCPConnection.resolve(host: host, port: port, timeout: configuration.timeout)
        } catch {
            let reason = (error as? TransportError).map(Self.describe) ?? "\(error)"
            record(&result, "dns", ok: false, watch, reason)
            result.findings.append(
                fail(
                    .prb001, step: "dns", title: "\(host) does not resolve",
                    detail: "The resolver answered: \(reason).",
                    fix: "check the name: getent hosts \(host) (for MSK, copy the brokers from aws kafka "
                        + "get-bootstrap-brokers --cluster-arn <cluster>)",
                    lambda: .connectionError, elapsed: result.steps.last?.elapsedMs ?? 0))
            result.lambdaResult = .connectionError
            return result
        }
        result.addresses = addresses.map(\.text)
        record(&result, "dns", ok: true, watch, addresses.map(\.text).joined(separator: ", "))
        if askTopic {
            result.findings.append(
                pass(
                    .prb001, step: "dns",
                    title: "\(host) resolves to \(addresses.map(\.text).joined(separator: ", "))",
                    elapsed: result.steps.last?.elapsedMs ?? 0))
        }

        // TCP: each address in turn, as Kafka clients do (client.dns.lookup=use_all_dns_ips).
        watch = Stopwatch()
        var connection: TCPConnection?
        var lastError: TransportError = .connectFailed("no address")
        for address in addresses {
            do {
                connection = try TCPConnection.connect(to: address, deadline: Deadline(seconds: configuration.timeout))
                break
            } catch let error as TransportError {
                lastError = error
            } catch {
                lastError = .connectFailed("\(error)")
            }
        }
        guard let tcp = connection else {
            let reason = Self.describe(lastError)
            record(&result, "tcp", ok: false, watch, reason)
            let timedOut = lastError == .connectTimeout
            result.findings.append(
                fail(
                    .prb002, step: "tcp",
                    title: timedOut
                        ? "no answer from \(broker) within \(Self.seconds(configuration.timeout))"
                        : "\(broker) refuses the connection",
                    detail: timedOut
                        ? "The TCP connection did not complete: a security group, network ACL or route drops the "
                            + "packets, or the host is down."
                        : "The connection failed: \(reason). Nothing listens on port \(port), or a firewall rejects it.",
                    fix: timedOut
                        ? "allow TCP \(port) into the brokers from the mapping's security groups (for MSK a "
                            + "self-referencing rule): aws ec2 authorize-security-group-ingress --group-id <cluster SG> "
                            + "--protocol tcp --port \(port) --source-group <cluster SG>"
                        : "check that port \(port) is the listener for \(configuration.method.displayName) "
                            + "(msk-esm brokers explain) and that the broker runs",
                    lambda: .connectionError, elapsed: result.steps.last?.elapsedMs ?? 0,
                    extra: ["error": .string(reason)]))
            result.lambdaResult = .connectionError
            return result
        }
        record(&result, "tcp", ok: true, watch, "connected to \(tcp.address):\(port)")
        if askTopic {
            result.findings.append(
                pass(
                    .prb002, step: "tcp",
                    title: "TCP connect to \(broker) in \(Self.milliseconds(result.steps.last?.elapsedMs ?? 0))",
                    elapsed: result.steps.last?.elapsedMs ?? 0))
        }

        // TLS
        var stream: ByteStream = tcp
        if configuration.usesTLS, let context = environment.tlsContext {
            watch = Stopwatch()
            do {
                let tls = try TLSStream(
                    connection: tcp, context: context, host: host, deadline: Deadline(seconds: configuration.timeout))
                result.tls = tls.info
                stream = tls
                configuration.trace?(
                    "\(broker) TLS \(tls.info.version) \(tls.info.cipher), server chain: "
                        + tls.info.peerChain.joined(separator: " ← "))
                record(&result, "tls", ok: true, watch, "\(tls.info.version) \(tls.info.cipher)")
                if askTopic {
                    result.findings.append(
                        pass(
                            .prb003, step: "tls",
                            title: "TLS with \(broker): \(tls.info.version), \(tls.info.cipher), server certificate "
                                + "trusted for \(host)",
                            elapsed: result.steps.last?.elapsedMs ?? 0,
                            extra: ["peerChain": .array(tls.info.peerChain.map(JSONValue.string))]))
                }
            } catch {
                record(&result, "tls", ok: false, watch, Self.describe(error))
                fail(&result, error, step: "tls", host: host, port: port, elapsed: result.steps.last?.elapsedMs ?? 0)
                tcp.close()
                return result
            }
        }
        let client = KafkaClient(stream: stream, label: broker, trace: configuration.trace)
        defer { client.close() }

        // Kafka: ApiVersions
        watch = Stopwatch()
        do {
            let version = try client.negotiateVersions(deadline: Deadline(seconds: configuration.timeout))
            let offered = KafkaAPI.allCases.compactMap { api in client.version(for: api).map { "\(api.name) v\($0)" } }
            record(
                &result, "kafka", ok: true, watch, "ApiVersions v\(version); using " + offered.joined(separator: ", "))
            if askTopic {
                result.findings.append(
                    pass(
                        .prb007, step: "kafka",
                        title: "\(broker) speaks Kafka (ApiVersions v\(version), "
                            + "\(client.brokerVersions.count) APIs)",
                        elapsed: result.steps.last?.elapsedMs ?? 0,
                        extra: ["versions": .array(offered.map(JSONValue.string))]))
            }
        } catch {
            record(&result, "kafka", ok: false, watch, Self.describe(error))
            fail(&result, error, step: "kafka", host: host, port: port, elapsed: result.steps.last?.elapsedMs ?? 0)
            return result
        }

        // SASL
        if let mechanism = configuration.saslMechanism {
            watch = Stopwatch()
            do {
                try authenticate(client, mechanism: mechanism, host: host)
                record(&result, "sasl", ok: true, watch, "\(mechanism) accepted")
                if askTopic {
                    result.findings.append(
                        pass(
                            .prb009, step: "sasl", title: "\(broker) accepts \(mechanism)" + principalNote,
                            elapsed: result.steps.last?.elapsedMs ?? 0))
                }
            } catch let missing as MissingInput {
                record(&result, "sasl", ok: false, watch, missing.reason)
                result.findings.append(
                    Finding(
                        code: .prb015, severity: .skipped, title: "\(mechanism) with \(broker) not tried",
                        detail: missing.reason + ".", fix: missing.fix,
                        evidence: ["broker": .string(broker), "step": "sasl"]))
                return result
            } catch {
                record(&result, "sasl", ok: false, watch, Self.describe(error))
                fail(&result, error, step: "sasl", host: host, port: port, elapsed: result.steps.last?.elapsedMs ?? 0)
                return result
            }
        }
        result.authenticated = true

        // Metadata for the topic.
        if askTopic {
            watch = Stopwatch()
            do {
                let metadata = try client.metadata(
                    topics: configuration.topic.map { [$0] } ?? [], deadline: Deadline(seconds: configuration.timeout))
                result.metadata = metadata
                record(
                    &result, "metadata", ok: true, watch,
                    "\(metadata.brokers.count) brokers advertised: "
                        + metadata.brokers.map(\.address).joined(separator: ","))
            } catch {
                record(&result, "metadata", ok: false, watch, Self.describe(error))
                var failed = BrokerProbeResult(broker: broker)
                fail(
                    &failed, error, step: "metadata", host: host, port: port, elapsed: result.steps.last?.elapsedMs ?? 0
                )
                result.metadataFailure = failed.findings.first
            }
        }

        // The consumer group.
        if let group = configuration.group {
            watch = Stopwatch()
            do {
                let coordinator = try client.findCoordinator(
                    group: group, deadline: Deadline(seconds: configuration.timeout))
                result.coordinator = coordinator
                let isHere =
                    coordinator.errorCode == 0
                    && (coordinator.host == host || result.addresses.contains(coordinator.host))
                    && Int(coordinator.port) == port
                if coordinator.errorCode == 0, isHere || !askTopic {
                    result.group = try client.describeGroup(group, deadline: Deadline(seconds: configuration.timeout))
                }
                record(
                    &result, "group", ok: coordinator.errorCode == 0, watch,
                    coordinator.errorCode == 0
                        ? "coordinator \(coordinator.host):\(coordinator.port)"
                        : KafkaErrorCode(coordinator.errorCode).name)
            } catch {
                record(&result, "group", ok: false, watch, Self.describe(error))
                var failed = BrokerProbeResult(broker: broker)
                fail(&failed, error, step: "group", host: host, port: port, elapsed: result.steps.last?.elapsedMs ?? 0)
                result.groupFindings = failed.findings
            }
        }
        return result
    }

    private var principalNote: String {
        if configuration.method == .oauthbearer,
            let credentials = configuration.secretJSON.flatMap(OAuthClientCredentials.init(json:))
        {
            return " for OAuth client \(credentials.clientId)"
        }
        if configuration.method == .iam, let id = configuration.iamCredentials?.accessKeyId {
            return " for access key \(id)"
        }
        if let username = configuration.secretJSON.flatMap(ProbeSecret.init(json:))?.username {
            return " for user \(username)"
        }
        return ""
    }

    // MARK: SASL

    private func authenticate(_ client: KafkaClient, mechanism: String, host: String) throws {
        let deadline = Deadline(seconds: configuration.timeout)
        switch configuration.method {
        case .scram512, .scram256, .basic:
            guard let json = configuration.secretJSON, let secret = ProbeSecret(json: json),
                let username = secret.username, let password = secret.password
            else {
                throw MissingInput(
                    reason: "the secret with username and password is missing or lacks them",
                    fix: "msk-esm probe --secret-file secret.json (with {\"username\": …, \"password\": …})")
            }
            _ = try client.saslHandshake(mechanism: mechanism, deadline: deadline)
            if configuration.method == .basic {
                _ = try client.saslAuthenticate(Array("\u{0}\(username)\u{0}\(password)".utf8), deadline: deadline)
                return
            }
            var scram = SCRAMClient(
                hash: configuration.method == .scram256 ? .sha256 : .sha512, username: username, password: password)
            let serverFirst = try client.saslAuthenticate(scram.firstMessage(), deadline: deadline)
            let serverFinal = try client.saslAuthenticate(
                try scram.finalMessage(serverFirst: serverFirst), deadline: deadline)
            try scram.verify(serverFinal: serverFinal)
        case .iam:
            guard let credentials = configuration.iamCredentials else {
                throw MissingInput(
                    reason: "no AWS credentials to sign the AWS_MSK_IAM payload with",
                    fix: "export AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY (and AWS_SESSION_TOKEN) of the execution "
                        + "role, then run the probe again")
            }
            guard let region = configuration.region ?? ProbeConfiguration.region(fromBrokerHost: host) else {
                throw MissingInput(
                    reason: "the region of the signature is unknown (not in the broker name)",
                    fix: "msk-esm probe --region <region> …")
            }
            _ = try client.saslHandshake(mechanism: mechanism, deadline: deadline)
            let payload = MSKIAMAuthPayload(host: host, region: region, date: environment.now())
            _ = try client.saslAuthenticate(payload.document(credentials: credentials), deadline: deadline)
        case .oauthbearer:
            guard let token = environment.oauthToken else {
                throw environment.oauthMissing
                    ?? MissingInput(reason: "no OAuth access token", fix: "see the token endpoint finding (PRB016)")
            }
            _ = try client.saslHandshake(mechanism: mechanism, deadline: deadline)
            let challenge = try client.saslAuthenticate(
                OAuthBearerMessage.initialResponse(token: token, extensions: configuration.oauth.extensions),
                deadline: deadline)
            // A successful exchange ends with empty server bytes; anything else is an error challenge
            // (RFC 7628, section 3.2.2), which the client acknowledges before the broker fails the exchange.
            guard !challenge.isEmpty else { return }
            let status = OAuthBearerMessage.errorStatus(challenge)
            do {
                _ = try client.saslAuthenticate(OAuthBearerMessage.errorAcknowledgement, deadline: deadline)
                throw OAuthBearerRejection(status: status?.status, scope: status?.scope, call: nil)
            } catch let call as KafkaCallError {
                throw OAuthBearerRejection(status: status?.status, scope: status?.scope, call: call)
            }
        case .iamOAuthbearer:
            // Lambda sends a web identity token that STS issues to the execution role; the probe runs with the
            // user's credentials, so a token it could get would name another principal and prove nothing.
            throw MissingInput(
                reason: "IAM_OAUTHBEARER_AUTH sends an AWS web identity token of the execution role, which this "
                    + "probe (running with your credentials, not the role's) cannot obtain",
                fix: "msk-esm policy check shows whether the role may get the token; check the broker's listener "
                    + "with msk-esm probe --auth tls")
        case .mtls, .tls, .plaintext:
            return
        }
    }

    // MARK: Findings

    private func record(
        _ result: inout BrokerProbeResult, _ step: String, ok: Bool, _ watch: Stopwatch, _ detail: String
    ) {
        result.steps.append(
            ProbeStep(
                step: step, ok: ok, elapsedMs: (watch.elapsedMilliseconds * 10).rounded() / 10, detail: detail))
    }

    func pass(
        _ code: FindingCode, step: String, title: String, elapsed: Double, extra: [String: JSONValue] = [:]
    ) -> Finding {
        var evidence = extra
        evidence["broker"] = .string(broker)
        evidence["step"] = .string(step)
        evidence["elapsedMs"] = .number((elapsed * 10).rounded() / 10)
        return Finding(code: code, severity: .pass, title: title, evidence: evidence)
    }

    func fail(
        _ code: FindingCode, step: String, title: String, detail: String, fix: String,
        lambda: LambdaProcessingResult, elapsed: Double, extra: [String: JSONValue] = [:]
    ) -> Finding {
        var evidence = extra
        evidence["broker"] = .string(broker)
        evidence["step"] = .string(step)
        evidence["elapsedMs"] = .number((elapsed * 10).rounded() / 10)
        evidence["lambdaResult"] = .string(lambda.rawValue)
        return Finding(
            code: code, severity: .fail, title: title, detail: detail + " Lambda reports: \(lambda.rawValue)",
            fix: fix, evidence: evidence)
    }

    /// The finding for an error of a step after TCP.
    private func fail(
        _ result: inout BrokerProbeResult, _ error: Error, step: String, host: String, port: Int, elapsed: Double
    ) {
        let finding: Finding
        switch error {
        case let TransportError.tls(failure):
            finding = tlsFinding(failure, step: step, host: host, port: port, elapsed: elapsed)
        case let call as KafkaCallError:
            finding = kafkaFinding(call, step: step, elapsed: elapsed)
        case let rejection as OAuthBearerRejection:
            var extra: [String: JSONValue] = [:]
            if let status = rejection.status { extra["oauthStatus"] = .string(status) }
            if let message = rejection.call?.message { extra["kafkaMessage"] = .string(String(message.prefix(200))) }
            finding = fail(
                .prb009, step: step, title: "\(broker) rejects the OAuth access token",
                detail: "The broker answered the SASL/OAUTHBEARER token with "
                    + (rejection.status.map { "the error status \($0)" } ?? "an error")
                    + (rejection.call?.message.map { " (\($0.prefix(200)))" } ?? "")
                    + ". The token endpoint issued it, but the brokers do not accept it: another issuer or audience "
                    + "than they expect, or (Confluent Cloud) a wrong logical cluster or identity pool.",
                fix: "check OAUTHBEARER_AUDIENCE and OAUTHBEARER_SCOPE against the brokers' expected audience and "
                    + "issuer, and OAUTHBEARER_LOGICAL_CLUSTER / OAUTHBEARER_IDENTITY_POOL against the cluster",
                lambda: .saslAuthenticationFailed, elapsed: elapsed, extra: extra)
        case let scram as SCRAMClient.Failure:
            finding = fail(
                .prb009, step: step, title: "\(broker): the SCRAM exchange failed",
                detail: "The server's SCRAM messages do not verify: \(scram).",
                fix: "check that \(broker) is the SASL/SCRAM listener", lambda: .saslAuthenticationFailed,
                elapsed: elapsed)
        default:
            let reason = Self.describe(error)
            let timedOut: Bool = {
                if case TransportError.timeout = error { return true }
                return false
            }()
            finding = fail(
                .prb007, step: step,
                title: timedOut
                    ? "\(broker) does not answer \(step == "tls" ? "the TLS handshake" : "the Kafka protocol") within "
                        + Self.seconds(configuration.timeout)
                    : "\(broker) does not speak the Kafka protocol as expected",
                detail: "The connection is up, but \(reason). A plaintext client on a TLS port (or the reverse), a "
                    + "port that is not Kafka, or an overloaded broker looks like this.",
                fix: "check that port \(port) is the listener for \(configuration.method.displayName): msk-esm brokers "
                    + "explain; for TLS: openssl s_client -connect \(host):\(port) -servername \(host)",
                lambda: .connectionError, elapsed: elapsed, extra: ["error": .string(reason)])
        }
        result.findings.append(finding)
        if result.lambdaResult == nil {
            result.lambdaResult = finding.evidence["lambdaResult"]?.stringValue.flatMap(
                LambdaProcessingResult.init(rawValue:))
        }
    }

    private func tlsFinding(_ failure: TLSFailure, step: String, host: String, port: Int, elapsed: Double) -> Finding {
        var extra: [String: JSONValue] = ["tlsError": .string(failure.reason)]
        if let code = failure.verifyCode { extra["verifyCode"] = .number(Double(code)) }
        switch failure.kind {
        case .serverUntrusted:
            return fail(
                .prb003, step: step, title: "\(broker)'s TLS certificate is not trusted: \(failure.reason)",
                detail: configuration.selfManaged
                    ? "The brokers' chain does not lead to a trusted root: a private or self-signed CA needs a "
                        + "SERVER_ROOT_CA_CERTIFICATE secret with that root (or the root given is not theirs)."
                    : "MSK brokers use Amazon Trust Services certificates; a chain that does not verify means the "
                        + "address is not an MSK broker (or a proxy intercepts TLS).",
                fix: configuration.selfManaged
                    ? "aws lambda update-event-source-mapping --uuid <uuid> --source-access-configurations "
                        + "'[{\"Type\":\"SERVER_ROOT_CA_CERTIFICATE\",\"URI\":\"<secret ARN with the brokers' root CA>\"}, …]'"
                        + " (check it first: msk-esm probe --ca-file root-ca.pem …)"
                    : "use the brokers of aws kafka get-bootstrap-brokers --cluster-arn <cluster>",
                lambda: .lambdaFailedToAuthenticateServer, elapsed: elapsed, extra: extra)
        case .hostnameMismatch:
            return fail(
                .prb003, step: step, title: "\(broker)'s TLS certificate does not name \(host)",
                detail: "The certificate is trusted, but its subjectAltName lacks \(host): hostname verification "
                    + "fails (\(failure.reason)).",
                fix: "reissue the broker certificate with subjectAltName DNS:\(host) (see the names: openssl s_client "
                    + "-connect \(host):\(port) -servername \(host) </dev/null | openssl x509 -noout -ext subjectAltName)",
                lambda: .lambdaFailedToAuthenticateServer, elapsed: elapsed, extra: extra)
        case .clientRejected:
            return fail(
                .prb005, step: step, title: "\(broker) rejects the client certificate (\(failure.reason))",
                detail: configuration.method == .mtls
                    ? "The brokers do not accept the secret's certificate: it is not issued by a CA in their trust "
                        + "store (MSK: the cluster's AWS Private CA), or the chain lacks an intermediate."
                    : "The brokers require a client certificate (mTLS), and this method sends none.",
                fix: configuration.method == .mtls
                    ? "issue the client certificate from the CA the brokers trust and put the whole chain, client "
                        + "certificate first, in the secret; check it with: msk-esm secret validate secret.json"
                    : "use a CLIENT_CERTIFICATE_TLS_AUTH secret, or the listener that does not require one",
                lambda: .serverFailedToAuthenticateLambda, elapsed: elapsed, extra: extra)
        case .handshake:
            return fail(
                .prb004, step: step, title: "TLS handshake with \(broker) failed: \(failure.reason)",
                detail: "The port does not complete a TLS handshake: it may be a plaintext listener, or the sides "
                    + "share no protocol version or cipher.",
                fix: "check the port for \(configuration.method.displayName) (msk-esm brokers explain) and try: "
                    + "openssl s_client -connect \(host):\(port) -servername \(host)",
                lambda: .connectionError, elapsed: elapsed, extra: extra)
        }
    }

    private func kafkaFinding(_ call: KafkaCallError, step: String, elapsed: Double) -> Finding {
        var extra: [String: JSONValue] = [
            "kafkaError": .object([
                "code": .number(Double(call.code.code)), "name": .string(call.code.name),
                "meaning": .string(call.code.meaning),
            ])
        ]
        if let message = call.message { extra["kafkaMessage"] = .string(message) }
        let error = "\(call.code.name) (\(call.code.code)): \(call.code.meaning)"
        switch call.api {
        case .saslHandshake:
            extra["enabledMechanisms"] = .array(call.enabledMechanisms.map(JSONValue.string))
            let mechanism = configuration.saslMechanism ?? ""
            return fail(
                .prb008, step: step, title: "\(broker) does not offer \(mechanism)",
                detail: "SaslHandshake answered \(error) The broker has on: "
                    + (call.enabledMechanisms.isEmpty ? "nothing" : call.enabledMechanisms.joined(separator: ", "))
                    + ".",
                fix: configuration.selfManaged
                    ? "use the secret type for an enabled mechanism (SASL_SCRAM_512_AUTH, SASL_SCRAM_256_AUTH, "
                        + "BASIC_AUTH), or add \(mechanism) to the brokers' sasl.enabled.mechanisms"
                    : "turn on the method on the cluster: aws kafka update-security --cluster-arn <cluster> "
                        + "--current-version <version> --client-authentication …",
                lambda: .saslAuthenticationFailed, elapsed: elapsed, extra: extra)
        case .saslAuthenticate:
            return fail(
                .prb009, step: step, title: "\(broker) rejects the \(configuration.saslMechanism ?? "SASL") login",
                detail: "SaslAuthenticate answered \(error)"
                    + (call.message.map { " The broker says: \($0.prefix(200))" } ?? ""),
                fix: configuration.method == .iam
                    ? "allow kafka-cluster:Connect on the cluster ARN in the execution role's policy "
                        + "(msk-esm policy check shows the statement)"
                    : "check the secret's username and password"
                        + (configuration.selfManaged
                            ? ""
                            : "; associate it: aws kafka batch-associate-scram-secret --cluster-arn <cluster> "
                                + "--secret-arn-list <secret ARN>"),
                lambda: .saslAuthenticationFailed, elapsed: elapsed, extra: extra)
        default:
            return fail(
                .prb007, step: step, title: "\(broker) answers \(call.api.name) with \(call.code.name)",
                detail: "\(call.api.name) answered \(error)", fix: "check the broker's logs",
                lambda: .connectionError, elapsed: elapsed, extra: extra)
        }
    }

    static func describe(_ error: Error) -> String {
        switch error {
        case let TransportError.dns(reason): "name resolution failed: \(reason)"
        case TransportError.refused: "connection refused"
        case TransportError.connectTimeout: "connect timed out"
        case let TransportError.connectFailed(reason): reason
        case let TransportError.timeout(what): "timed out \(what)"
        case let TransportError.closed(reason): reason
        case let TransportError.io(reason): reason
        case let TransportError.tls(failure): failure.reason
        case let error as KafkaProtocolError: error.reason
        case let error as KafkaCallError: "\(error.api.name): \(error.code.name)"
        default: "\(error)"
        }
    }

    static func seconds(_ value: Double) -> String {
        value == value.rounded() ? "\(Int(value)) s" : String(format: "%.1f s", value)
    }

    static func milliseconds(_ value: Double) -> String { String(format: "%.1f ms", value) }
}

/// An input the probe needs for a step and does not have: the step is skipped (PRB015).
struct MissingInput: Error {
    var reason: String
    var fix: String
}
