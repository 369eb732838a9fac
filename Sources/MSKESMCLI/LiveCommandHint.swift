/// Whether a command line will call AWS, judged from its words alone before it is parsed, so that the HTTP
/// transport can be loaded in the background meanwhile (`CurlHTTPClient.prepareInBackground`). A wrong guess
/// costs only time: an unneeded load on another core, or none when one was needed.
enum LiveCommandHint {
    /// Commands that always call AWS.
    static let liveCommands: Set<String> = [
        "list", "get", "create", "update", "delete", "enable", "disable", "wait", "snapshot",
    ]

    /// For the commands with an offline mode: the flags that make them call AWS.
    static let liveFlags: [String: Set<String>] = [
        "secret": ["--secret-id"],
        "brokers": ["--cluster"],
        "policy": ["--role", "--mapping"],
        "network": ["--cluster"],
        "probe": ["--secret-id", "--root-ca-secret-id"],
    ]

    static func callsAWS(_ arguments: [String]) -> Bool {
        // The root command has no options of its own but --help and --version: the command comes first.
        guard let command = arguments.first else { return false }
        if liveCommands.contains(command) { return true }
        let flags = Set(arguments.map { $0.split(separator: "=", maxSplits: 1).first.map(String.init) ?? $0 })
        switch command {
        case "doctor":
            return !flags.contains("--snapshot")
        case "probe":
            // `probe UUID` reads the mapping; `--snapshot` and `--bootstrap-servers` need AWS only for secrets.
            if !flags.isDisjoint(with: liveFlags["probe", default: []]) { return true }
            return !flags.contains("--snapshot") && !flags.contains("--bootstrap-servers")
        default:
            return !flags.isDisjoint(with: liveFlags[command, default: []])
        }
    }
}
