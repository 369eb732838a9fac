/// Decides which REPL lines may be written to the history file. A line that carries a secret value
/// inline (a password, a private key, an access key) is never saved (docs/output.md#secret-material): the file outlives
/// the session and is readable by anything that runs as the user.
enum HistoryPolicy {
    /// Options whose value is itself secret material (as opposed to a file that holds it).
    static let secretValueOptions: Set<String> = [
        "--password", "--private-key-password", "--key-password", "--secret-string", "--secret-access-key",
        "--aws-secret-access-key", "--session-token", "--aws-session-token", "--secret-value",
    ]

    /// Words that betray secret material whatever option carries them.
    static let secretMarkers = [
        "-----BEGIN", "PRIVATE KEY", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "\"password\"", "\"privateKey\"",
        "\"privateKeyPassword\"", "\"SecretString\"",
    ]

    static func mayRecord(_ line: String) -> Bool {
        let words = ShellWords(line).words
        for word in words {
            let option = word.split(separator: "=", maxSplits: 1).first.map(String.init) ?? word
            if secretValueOptions.contains(option.lowercased()) { return false }
            if secretMarkers.contains(where: { word.localizedCaseInsensitiveContains($0) }) { return false }
        }
        return true
    }
}
