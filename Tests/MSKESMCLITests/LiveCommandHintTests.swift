import Testing

@testable import MSKESMCLI

/// The guess that starts loading the HTTP transport early: live command lines yes, offline ones no.
struct LiveCommandHintTests {
    @Test(arguments: [
        (["list"], true),
        (["get", "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "--output", "json"], true),
        (["create", "--function", "f", "--dry-run"], true),
        (["doctor", "14e0db71-5d35-4eb5-b481-8945cf9d10c2"], true),
        (["doctor", "--all"], true),
        (["doctor", "--snapshot", "s.json"], false),
        (["doctor", "--snapshot=s.json", "--strict"], false),
        (["secret", "validate", "--secret-id", "arn:aws:secretsmanager:us-east-1:1:secret:x"], true),
        (["secret", "validate", "secret.json"], false),
        (["secret", "fix", "secret.json", "--write", "out.json"], false),
        (["brokers", "explain", "--cluster", "arn:aws:kafka:us-east-1:1:cluster/a/b"], true),
        (["brokers", "explain", "--cluster-json", "c.json", "--auth", "iam"], false),
        (["policy", "check", "--role", "r", "--mapping", "u"], true),
        (["policy", "check", "--policy", "p.json", "--action", "kafka:DescribeClusterV2"], false),
        (["network", "check", "--cluster", "arn:aws:kafka:us-east-1:1:cluster/a/b"], true),
        (["network", "check", "--snapshot", "s.json"], false),
        (["probe", "14e0db71-5d35-4eb5-b481-8945cf9d10c2"], true),
        (["probe", "--snapshot", "s.json"], false),
        (["probe", "--bootstrap-servers", "b:9096", "--secret-file", "s.json"], false),
        (["probe", "--bootstrap-servers", "b:9096", "--secret-id", "arn"], true),
        (["event", "sample", "--topic", "t"], false),
        (["repl"], false),
        (["--version"], false),
        ([], false),
    ])
    func guess(_ arguments: [String], _ callsAWS: Bool) {
        #expect(LiveCommandHint.callsAWS(arguments) == callsAWS)
    }
}

/// The hand-written UUID check against the regular expression it replaced.
struct MappingUUIDTests {
    @Test(arguments: [
        "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "14E0DB71-5D35-4EB5-B481-8945CF9D10C2",
        "14e0db71-5d35-4eb5-b481-8945cf9d10c",
        "14e0db71-5d35-4eb5-b481-8945cf9d10c2-", "14e0db71_5d35-4eb5-b481-8945cf9d10c2",
        "g4e0db71-5d35-4eb5-b481-8945cf9d10c2",
        "", "----", "14e0db715d354eb5b4818945cf9d10c2", " 14e0db71-5d35-4eb5-b481-8945cf9d10c2",
        "14e0db71-5d35-4eb5-b481-8945cf9d10c2\n",
    ])
    func agreesWithTheRegularExpression(_ text: String) {
        let pattern = #"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"#
        let regex = text.range(of: pattern, options: .regularExpression) != nil
        // ICU's `$` also matches before a final line break; a UUID argument with one is not a UUID.
        #expect(MappingCommandSupport.isUUID(text) == (regex && !text.hasSuffix("\n")))
    }
}
