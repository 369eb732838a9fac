import Foundation

/// SASL/SCRAM and BASIC_AUTH secrets: `{"username", "password"}` (docs/aws-facts.md#sasl-secrets).
extension SecretCheckRun {
    mutating func checkSASL(_ members: [String: JSONValue], type: SecretType) {
        let username = stringMember(members, "username")
        let password = stringMember(members, "password")
        summary.username = username
        if let password { summary.passwordLength = password.count }
        let kind = type == .scram ? "SASL/SCRAM" : "BASIC_AUTH"

        var missing: [String] = []
        for key in ["username", "password"] where members[key] == nil || members[key]?.stringValue == "" {
            missing.append(key)
        }
        if missing.isEmpty {
            add(.sec015, .pass, "username and password are present")
        } else {
            add(
                .sec015, .fail, "the \(kind) secret lacks \(missing.joined(separator: " and "))",
                detail:
                    "Lambda signs in with the secret's \"username\" and \"password\"; each must be a non-empty string "
                    + "(https://docs.aws.amazon.com/msk/latest/developerguide/msk-password.html).",
                fix:
                    #"aws secretsmanager put-secret-value --secret-id NAME --secret-string '{"username": "<user>", "password": "<password>"}'"#,
                evidence: ["missing": .array(missing.map { .string($0) })])
        }

        if let password, !password.isEmpty {
            // Passwords with \, / or " have broken the Kafka event source mapping
            // (https://github.com/aws/aws-cdk/issues/22813): a user report, so a warning.
            let risky = Set<Character>(["\\", "/", "\""])
            let found = risky.filter { password.contains($0) }.sorted().map(String.init)
            if found.isEmpty {
                add(.sec018, .pass, "the password has none of \\ / \"")
            } else {
                add(
                    .sec018, .warn, "the password contains \(found.joined(separator: " ")), known to break the mapping",
                    detail: "Users report that passwords with \\, / or \" make the event source mapping fail with an "
                        + "unclear error (aws/aws-cdk#22813). The password itself is not shown.",
                    fix: "choose a password of letters and digits, e.g. openssl rand -hex 24, set it on the Kafka user "
                        + "and in the secret",
                    evidence: ["characters": .array(found.map { .string($0) })])
            }
        }

        guard type == .scram, options.target == .msk else { return }
        // MSK SCRAM secrets must be named AmazonMSK_… [MSKDG msk-password.md].
        guard let name = options.secretName else {
            add(
                .sec016, .skipped, "the AmazonMSK_ name rule was not checked",
                detail: "The secret's name is not known from a file; pass --secret-name NAME to check it.")
            return
        }
        findings.append(SecretPlacementRules.mskName(name))
    }

    /// The name part of a secret ARN (`arn:aws:secretsmanager:…:secret:NAME-AbCdEf`), or the name itself.
    static func secretName(fromNameOrARN text: String) -> String {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard text.hasPrefix("arn:"), parts.count >= 7 else { return text }
        let name = parts[6...].joined(separator: ":")
        // Secrets Manager appends a hyphen and six random characters to the name in the ARN.
        if let dash = name.lastIndex(of: "-"), name.distance(from: dash, to: name.endIndex) == 7 {
            return String(name[..<dash])
        }
        return name
    }
}
