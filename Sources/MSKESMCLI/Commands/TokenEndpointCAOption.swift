import ArgumentParser
import Foundation
import MSKESMKafka

/// `--token-endpoint-ca-file FILE`: the CA certificates an OAuth token endpoint's certificate must lead to, for an
/// identity provider on a private CA. One option for `probe` and `doctor --probe`, so both trust it alike.
struct TokenEndpointCAOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "CA certificates (PEM) the OAuth token endpoint's certificate must lead to, instead of the system's.",
            valueName: "file"))
    var tokenEndpointCaFile: String?

    /// The file's path, once it has been read and found to hold a certificate: call it before any work, since a
    /// missing, unreadable or certificate-less file is a usage error (exit 2), not a failed token request later.
    /// The probe's token request reads the path itself (libcurl's CA bundle).
    func checkedPath() throws -> String? {
        guard let tokenEndpointCaFile else { return nil }
        _ = try ProbeCommand.readCAFile(tokenEndpointCaFile, label: "--token-endpoint-ca-file")
        return tokenEndpointCaFile
    }
}
