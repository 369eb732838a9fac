import ArgumentParser
import Foundation
import MSKESMCore
import MSKESMSystem

/// `msk-esm secret fix`: writes a corrected secret and re-validates it.
struct SecretFixCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fix",
        abstract: "Write a corrected secret: chain in order, key as PKCS#8 under a scheme Lambda reads.",
        discussion: """
            Reorders the certificate chain (leaf first, root last), converts PKCS#1 and SEC1 keys to PKCS#8, \
            re-encrypts a PBES2 key with PBE-SHA1-3DES (or --scheme) under the same password, and normalises \
            whitespace; of an OAuth secret (--type oauth) it trims the whitespace around the token endpoint URL \
            only (an http:// endpoint and the key names are left for the re-validation to report). The result is written atomically with mode 0600, never over an existing file without \
            --force, and validated again; the exit code is that validation's. It refuses when the repair \
            needs a password it was not given. This is one of the two commands that write secret material.

            Examples:
              msk-esm secret fix secret.json --write fixed.json
              msk-esm secret fix --secret-id arn:aws:secretsmanager:us-east-1:123456789012:secret:kafka-client-AbCdEf --write fixed.json
              msk-esm secret fix --certificate chain.pem --private-key key.pem --password-file pw.txt --write -
              aws secretsmanager put-secret-value --secret-id ID --secret-string file://fixed.json
            """
    )

    @OptionGroup(title: "Global options") var global: GlobalOptions
    @OptionGroup var input: SecretInputOptions

    @Option(
        help: ArgumentHelp(
            "Where to write the corrected secret JSON (mode 0600), or - for standard output.", valueName: "FILE"))
    var write: String

    @Flag(help: "Replace --write FILE if it exists: a regular file only, never a link, device, FIFO or directory.")
    var force = false

    @Option(help: "The scheme an encrypted key is re-encrypted with: PBE-SHA1-3DES (default) or PBE-MD5-DES.")
    var scheme: PBEWriteScheme?

    func validate() throws {
        // With --write - the secret is the one document on stdout; the verdict goes to stderr.
        try global.validate()
    }

    func run() async throws {
        // A target that cannot be written fails before the secret is read (from AWS with --secret-id).
        if write != "-" { try AtomicFileWriter.checkTarget(write, overwrite: force) }
        let secret = try await input.read(global: global)
        let repair = try SecretRepairer(options: SecretRepairOptions(type: input.type, scheme: scheme)).repair(secret)
        let console = CommandContext.console
        let writtenLabel = write == "-" ? "standard output" : write
        if write == "-" {
            console.write(String(decoding: repair.secretJSON, as: UTF8.self))
        } else {
            try AtomicFileWriter.write(repair.secretJSON, to: write, mode: 0o600, overwrite: force)
        }
        // Re-validate exactly what was written.
        let written = try SecretInput.parse(String(decoding: repair.secretJSON, as: UTF8.self), label: writtenLabel)
        let options = SecretValidationOptions(type: input.type, target: input.target, now: global.now)
        let report = SecretValidator(options: options).validate(written)
        let changeLines = repair.changes.isEmpty ? ["no change was needed"] : repair.changes
        if write == "-" {
            // stdout holds the secret: the verdict goes to stderr.
            var lines = [
                "msk-esm: wrote the fixed secret to standard output; re-validation: \(report.verdict.rawValue)"
            ]
            lines += changeLines.map { "  changed: \($0)" }
            for finding in report.findings where finding.severity == .fail || finding.severity == .warn {
                lines.append(
                    "  \(finding.severity.rawValue) \(finding.code) \(finding.title.escapingControlCharacters())")
            }
            console.writeError(lines.joined(separator: "\n") + "\n")
            if report.isFailing(strict: global.strict) { throw ExitCode(1) }
            return
        }
        var summary = report.summary
        summary.written = write
        summary.changes = repair.changes
        let final = CheckReport(findings: report.findings, summary: summary)
        let lines =
            ["wrote \(write) (mode 0600)"] + changeLines.map { "changed: \($0)" }
            + SecretSummaryLines.lines(report.summary)
        try global.finish(final, summaryLines: lines)
    }
}

extension SecretFixCommand: CommandWithGlobalOptions {}
