import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMKafka

extension AuthMethod: ExpressibleByArgument {}

/// `msk-esm probe`: connects to the brokers as Lambda would and says, step by step, what works.
struct ProbeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "probe",
        abstract: "Connect to the brokers as Lambda would: DNS, TCP, TLS, SASL, topic and consumer group.",
        discussion: """
            Probes every broker in parallel — name resolution, TCP connect time, TLS version, cipher and the \
            server's chain, the Kafka handshake (ApiVersions), SASL authentication — then asks for the topic's \
            partitions and leaders and the consumer group's state. Each failure is a PRB finding naming the \
            LastProcessingResult Lambda shows for it. Every step has its own timeout (--timeout, default 5 s).

            Inputs: a mapping UUID (brokers, method and secrets read from AWS and chosen as Lambda would), a \
            --snapshot (the same from a file; the secret's value only when the snapshot was taken with \
            --include-secrets), or --bootstrap-servers with --auth (and --secret-file or --secret-id for mtls, \
            scram-512, scram-256, basic and oauthbearer; --root-ca-secret-id for brokers on a private CA). For iam, the AWS_MSK_IAM payload is signed \
            with the credentials the AWS CLI would use (--profile, environment, shared files, …), for the \
            region of --region, the snapshot or the broker names.

            For oauthbearer (OAUTHBEARER_AUTH) the probe first asks the secret's token endpoint for an access \
            token (OAuth 2.0 client credentials, with the mapping's OAUTHBEARER_SCOPE and OAUTHBEARER_AUDIENCE, \
            or --oauth-scope and --oauth-audience), then sends it over SASL/OAUTHBEARER with Confluent Cloud's \
            logicalCluster and identityPoolId extensions (OAUTHBEARER_LOGICAL_CLUSTER, \
            OAUTHBEARER_IDENTITY_POOL, or the flags). PRB016 reports the token endpoint, PRB009 the brokers' \
            answer; the client secret and the token are never shown, not even with --debug.

            Exit codes: 0 every step passed; 1 a step failed (or was skipped, with --strict); 2 bad input.

            Examples:
              msk-esm probe 14e0db71-5d35-4eb5-b481-8945cf9d10c2
              msk-esm probe --bootstrap-servers b-1.kafka.internal:9096,b-2.kafka.internal:9096 --auth scram-512 --secret-file scram.json --topic orders
              msk-esm probe --snapshot snapshot.json --output json
              msk-esm probe --bootstrap-servers pkc-1.confluent.cloud:9092 --auth oauthbearer --secret-file oauth.json --oauth-logical-cluster lkc-1 --oauth-identity-pool pool-2
            """)

    @OptionGroup(title: "Global options") var global: GlobalOptions

    @Argument(
        help: ArgumentHelp(
            "A mapping UUID: probe the brokers Lambda would use, with the mapping's secrets.", valueName: "uuid"))
    var uuid: String?

    @Option(help: ArgumentHelp("A snapshot document: probe the brokers Lambda would use.", valueName: "file"))
    var snapshot: String?

    @Option(help: ArgumentHelp("The brokers to probe, host:port,… (with --auth).", valueName: "host:port,…"))
    var bootstrapServers: String?

    @Option(
        help: ArgumentHelp(
            "How to authenticate: plaintext, tls, mtls, scram-512, scram-256, basic, iam or oauthbearer (the methods of brokers explain).",
            valueName: "method"))
    var auth: AuthMethod?

    @Option(
        help: ArgumentHelp(
            "The secret's value as Secrets Manager stores it ({\"username\",\"password\"} or {\"certificate\",\"privateKey\",…}), or a PEM file.",
            valueName: "file"))
    var secretFile: String?

    @Option(help: ArgumentHelp("The secret in Secrets Manager (instead of --secret-file).", valueName: "arn"))
    var secretId: String?

    @Option(
        help: ArgumentHelp(
            "A SERVER_ROOT_CA_CERTIFICATE secret in Secrets Manager: the brokers' private root CA to trust.",
            valueName: "arn"))
    var rootCaSecretId: String?

    @Option(help: ArgumentHelp("CA certificates (PEM) to trust besides the system's.", valueName: "file"))
    var caFile: String?

    @OptionGroup var tokenEndpointCA: TokenEndpointCAOption

    @OptionGroup var oauth: OAuthValueOptions

    @Option(help: "The topic to look up (default: the mapping's, with --snapshot).")
    var topic: String?

    @Option(help: "The consumer group to describe (default: the mapping's group id or UUID, with --snapshot).")
    var group: String?

    @Option(help: ArgumentHelp("Seconds each step may take.", valueName: "seconds"))
    var timeout: Double = 5

    func validate() throws {
        try global.validate()
        guard timeout > 0, timeout <= 300 else { throw ValidationError("--timeout must be between 0 and 300 seconds") }
        if secretFile != nil && secretId != nil { throw ValidationError("give --secret-file or --secret-id, not both") }
        if oauth.settings != OAuthBearerSettings() && auth != .oauthbearer {
            throw ValidationError(
                "--oauth-scope, --oauth-audience, --oauth-logical-cluster and --oauth-identity-pool go with --auth "
                    + "oauthbearer (a mapping or snapshot gives its own OAUTHBEARER_* values)")
        }
        if let uuid {
            try MappingCommandSupport.validateUUID(uuid)
            if snapshot != nil || bootstrapServers != nil || auth != nil || secretFile != nil || secretId != nil
                || rootCaSecretId != nil
            {
                throw ValidationError(
                    "a mapping UUID chooses the brokers, method and secrets: leave out --snapshot, --bootstrap-servers, --auth and the secret options"
                )
            }
            return
        }
        if snapshot != nil {
            if bootstrapServers != nil || auth != nil {
                throw ValidationError(
                    "--snapshot chooses the brokers and method: leave out --bootstrap-servers and --auth")
            }
            return
        }
        guard let bootstrapServers else {
            throw ValidationError("give a mapping UUID, --snapshot, or --bootstrap-servers with --auth")
        }
        guard let auth else { throw ValidationError("--bootstrap-servers needs --auth (plaintext, tls, mtls, …)") }
        _ = try MappingFlags.servers(bootstrapServers)
        if [.mtls, .scram512, .scram256, .basic, .oauthbearer].contains(auth) && secretFile == nil && secretId == nil {
            throw ValidationError("--auth \(auth.rawValue) needs --secret-file or --secret-id")
        }
    }

    func run() async throws {
        let tokenEndpointCAFile = try tokenEndpointCA.checkedPath()
        var configuration: ProbeConfiguration
        if let uuid {
            let trustedPEM = try Self.readCAFile(caFile)
            let snapshot = try await Self.gatherForProbe(uuid: uuid, global: global)
            configuration = try ProbePlan.configuration(snapshot: snapshot, timeout: timeout)
            configuration.trust(trustedPEM)
            if let topic { configuration.topic = topic }
            if let group { configuration.group = group }
        } else {
            configuration = try ProbeCommand.configuration(
                snapshot: snapshot, bootstrapServers: bootstrapServers, auth: auth, secretFile: secretFile,
                caFile: caFile, topic: topic, group: group, timeout: timeout)
        }
        if let secretId {
            let input = try await SecretInputOptions.read(secretId: secretId, global: global)
            configuration.secretJSON = try Self.canonicalJSON(input.document)
            configuration.secretLabel = secretId
        }
        if let rootCaSecretId {
            let input = try await SecretInputOptions.read(
                secretId: rootCaSecretId, global: global, option: "--root-ca-secret-id")
            guard let pem = input.document["certificate"]?.stringValue else {
                throw ToolError.usage(
                    "not a SERVER_ROOT_CA_CERTIFICATE secret: no \"certificate\" key",
                    input: "--root-ca-secret-id \(rootCaSecretId)",
                    fix: "store {\"certificate\": \"<the root CA's PEM>\"} in the secret")
            }
            configuration.extraCAPEM = pem
        }
        try await ProbeCommand.addIAMCredentials(to: &configuration, global: global)
        if auth == .oauthbearer { configuration.oauth = oauth.settings }
        configuration.tokenEndpointCAFile = tokenEndpointCAFile
        if global.debug {
            let console = CommandContext.console
            configuration.trace = { line in console.writeError("debug: " + line + "\n") }
        }
        let report = await Probe().run(configuration)
        try global.finish(report, summaryLines: ProbeCommand.summaryLines(report.summary))
    }

    /// The certificates of `--ca-file`, read once, before any work: a file that cannot be read or holds no
    /// certificate is a usage error (exit 2), and a stream (`<(command)`, `-`) works, since the text, not the
    /// path, goes to the TLS context.
    static func readCAFile(_ path: String?, label: String = "--ca-file") throws -> String? {
        guard let path else { return nil }
        let text = try InputReader.text(from: path, label: label)
        guard PEMDocument(text: text).blocks.contains(where: { $0.kind == .certificate }) else {
            throw ToolError.usage(
                "no PEM certificate in the file", input: "\(label) \(path)",
                fix: "give the CA certificates as PEM (-----BEGIN CERTIFICATE-----)")
        }
        return text
    }

    /// The probe's configuration from the command's inputs (shared with `doctor --probe`).
    static func configuration(
        snapshot: String?, bootstrapServers: String?, auth: AuthMethod?, secretFile: String?, caFile: String?,
        topic: String?, group: String?, timeout: Double
    ) throws -> ProbeConfiguration {
        let trustedPEM = try readCAFile(caFile)
        var configuration: ProbeConfiguration
        if let snapshot {
            let document = try Snapshot.load(path: snapshot)
            configuration = try ProbePlan.configuration(snapshot: document, timeout: timeout)
        } else {
            configuration = ProbeConfiguration(
                brokers: BrokerSelector.splitBrokers(bootstrapServers ?? ""), method: auth ?? .plaintext,
                timeout: timeout)
        }
        configuration.trust(trustedPEM)
        if let secretFile {
            let text = try InputReader.text(from: secretFile, label: "--secret-file")
            let label = secretFile == "-" ? "standard input" : secretFile
            let input = try SecretInput.parse(text, label: "--secret-file \(label)")
            configuration.secretJSON = try canonicalJSON(input.document)
            configuration.secretLabel = label
        }
        if let topic { configuration.topic = topic }
        if let group { configuration.group = group }
        return configuration
    }

    /// A mapping gathered from AWS as the probe needs it: with its secrets' values, in memory only (they are
    /// never printed or written).
    static func gatherForProbe(uuid: String, global: GlobalOptions) async throws -> Snapshot {
        let gatherer = SnapshotGatherer(client: try global.aws.client(debug: global.debug), includeSecrets: true)
        let gathered = try await gatherer.gather(mappingUUID: uuid)
        return try Snapshot.decode(gathered, source: uuid)
    }

    static func canonicalJSON(_ document: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(document), as: UTF8.self)
    }

    /// For `iam`: the credentials of the AWS credential chain (as the AWS CLI finds them) and the signature's
    /// region (`--region`, else the snapshot's, else the broker names', else AWS_REGION or the profile's).
    /// No credentials at all leaves them out: the probe then reports the SASL step as skipped.
    static func addIAMCredentials(to configuration: inout ProbeConfiguration, global: GlobalOptions) async throws {
        guard configuration.method == .iam else { return }
        var aws = global.aws
        let brokerRegion = configuration.brokers.first.flatMap { BrokerAddress($0) }.flatMap {
            ProbeConfiguration.region(fromBrokerHost: $0.host)
        }
        aws.region = aws.region ?? configuration.region ?? brokerRegion
        let resolved = try aws.configuration(debug: global.debug)
        configuration.region = resolved.region
        do {
            configuration.iamCredentials = try await resolved.credentials.credentials()
        } catch let error as ToolError where error.code == .noCredentials {
            configuration.iamCredentials = nil
        }
    }

    /// Per broker, one line per step, for people.
    static func summaryLines(_ summary: ProbeSummary) -> [String] {
        var lines: [String] = []
        var head = "method \(summary.method.rawValue)"
        if let topic = summary.topic { head += ", topic \(topic)" }
        if let group = summary.group { head += ", group \(group)" }
        lines.append(head)
        for broker in summary.brokers {
            let steps = broker.steps.map { step in
                "\(step.step) \(step.ok ? "ok" : "FAILED") \(String(format: "%.1f ms", step.elapsedMs))"
            }
            lines.append("\(broker.broker): " + steps.joined(separator: ", "))
            if let tls = broker.tls {
                lines.append("  \(tls.version) \(tls.cipher); chain: " + tls.peerChain.joined(separator: " ← "))
            }
        }
        if let lambda = summary.lambdaResult { lines.append("Lambda would show: \(lambda)") }
        return lines
    }
}

extension ProbeCommand: CommandWithGlobalOptions {}
