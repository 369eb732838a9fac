import ArgumentParser
import Foundation
import MSKESMAWS
import MSKESMCore

/// The AWS CLI's global options that decide where and as whom msk-esm calls AWS (docs/output.md#global-options).
/// Everything else (credentials, `AWS_ENDPOINT_URL_<SERVICE>`, retries, CA bundle) comes from the environment and the
/// shared files, as for the AWS CLI.
public struct AWSOptions: ParsableArguments, Sendable {
    @Option(help: ArgumentHelp("Use this profile from ~/.aws/config and ~/.aws/credentials.", valueName: "name"))
    public var profile: String?

    @Option(
        name: .customLong("region"),
        help: ArgumentHelp(
            "The AWS Region to call (default: AWS_REGION, AWS_DEFAULT_REGION, the profile's region); doctor --all takes it repeated.",
            valueName: "region"))
    public var regions: [String] = []

    /// The Region given with `--region` (one value: `GlobalOptions.validate` refuses several, except where a
    /// command takes them, e.g. `doctor --all`).
    public var region: String? {
        get { regions.last }
        set { regions = newValue.map { [$0] } ?? [] }
    }

    @Option(
        name: .customLong("endpoint-url"),
        help: ArgumentHelp("Send every AWS call to this URL instead of the standard endpoints.", valueName: "url"))
    public var endpointURL: String?

    @Option(
        name: .customLong("cli-connect-timeout"),
        help: ArgumentHelp("Seconds to wait for a connection (0: no limit).", valueName: "seconds"))
    public var connectTimeout: Double = 60

    @Option(
        name: .customLong("cli-read-timeout"),
        help: ArgumentHelp("Seconds to wait for data on an open connection (0: no limit).", valueName: "seconds"))
    public var readTimeout: Double = 60

    @Option(
        name: .customLong("ca-bundle"),
        // A regular file, not an input stream: libcurl opens it by its path on every new connection.
        help: ArgumentHelp(
            "Trust the CAs in this PEM file (a regular file) for HTTPS to AWS (default: AWS_CA_BUNDLE, the profile's ca_bundle, the system's).",
            valueName: "pem-file"))
    public var caBundle: String?

    // Accepted as the AWS CLI accepts them, so that a habit or a copied command line does not fail: msk-esm
    // never pages its output, and it reads no blob parameters.
    @Flag(
        name: .customLong("no-cli-pager"),
        help: ArgumentHelp("Accepted for the AWS CLI's sake: msk-esm never pages.", visibility: .hidden))
    public var noCLIPager = false

    @Option(
        name: .customLong("cli-binary-format"),
        help: ArgumentHelp(
            "Accepted for the AWS CLI's sake (base64 or raw-in-base64-out): no msk-esm input is a blob.",
            visibility: .hidden))
    public var cliBinaryFormat: String?

    public init() {}

    public func validate() throws {
        if connectTimeout < 0 || readTimeout < 0 {
            throw ValidationError("--cli-connect-timeout and --cli-read-timeout must be 0 or more seconds")
        }
        if let endpointURL, !(endpointURL.hasPrefix("https://") || endpointURL.hasPrefix("http://")) {
            throw ValidationError("--endpoint-url must start with https:// or http://")
        }
        if let cliBinaryFormat, !["base64", "raw-in-base64-out"].contains(cliBinaryFormat) {
            throw ValidationError("--cli-binary-format takes base64 or raw-in-base64-out, not '\(cliBinaryFormat)'")
        }
        if let caBundle, !Self.isReadableRegularFile(caBundle) {
            throw ValidationError(
                "--ca-bundle '\(caBundle)' is not a readable file: give a PEM file of CA certificates")
        }
        if let endpointURL, let authority = Self.portedAuthority(endpointURL), BrokerAddress(authority) == nil {
            throw ValidationError("--endpoint-url '\(endpointURL)' needs a host and a port from 1 to 65535")
        }
    }

    /// libcurl opens the bundle only on the first HTTPS call; a wrong path is a usage error before any call.
    static func isReadableRegularFile(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFREG && access(path, R_OK) == 0
    }

    /// `host:port` of a URL that names a port (`http://127.0.0.1:5000/x` → `127.0.0.1:5000`), else nil.
    static func portedAuthority(_ url: String) -> String? {
        // Byte searches, not Foundation's range(of:), which loads ICU on Linux (TextTrimming.swift).
        guard let scheme = url.utf8.firstRange(of: "://".utf8) else { return nil }
        let authority = url[scheme.upperBound...].prefix { $0 != "/" && $0 != "?" && $0 != "#" }
        let host = authority.split(separator: "@").last.map(String.init) ?? ""
        let hasPort = host.hasPrefix("[") ? host.utf8.firstRange(of: "]:".utf8) != nil : host.contains(":")
        return hasPort ? host : nil
    }

    /// The resolved client configuration. With `debug`, the HTTP trace (secrets redacted) goes to stderr.
    public func configuration(
        debug: Bool, console: Console = CommandContext.console,
        environment: [String: String] = ProcessInfo.processInfo.environment, region: String? = nil
    ) throws -> AWSClientConfiguration {
        let trace: (@Sendable (String) -> Void)? = debug ? { @Sendable text in console.writeError(text) } : nil
        return try AWSClientConfiguration.resolve(
            AWSSettings(
                profile: profile, region: region ?? self.region, endpointURL: endpointURL,
                connectTimeout: connectTimeout,
                readTimeout: readTimeout, caBundle: caBundle, trace: trace),
            environment: environment)
    }

    /// The AWS client for these options. One client per distinct set of options lives as long as the process,
    /// so the REPL's commands reuse the resolved credentials and libcurl's open connections: a second
    /// `doctor` in a session skips that work. (A one-shot command line creates exactly one.)
    public func client(debug: Bool, console: Console = CommandContext.console) throws -> AWSClient {
        let key = [
            profile ?? "", region ?? "", endpointURL ?? "", "\(connectTimeout)", "\(readTimeout)", caBundle ?? "",
            "\(debug)",
        ].joined(separator: "\u{1F}")
        return try AWSClientCache.shared.client(for: key) {
            AWSClient(configuration: try configuration(debug: debug, console: console))
        }
    }
}

/// The process's AWS clients, by the options that made them.
final class AWSClientCache: @unchecked Sendable {
    static let shared = AWSClientCache()
    private let lock = NSLock()
    private var clients: [String: AWSClient] = [:]

    func client(for key: String, make: () throws -> AWSClient) throws -> AWSClient {
        try lock.withLock {
            if let client = clients[key] { return client }
            let client = try make()
            clients[key] = client
            return client
        }
    }
}
