/// The rules of the OAUTHBEARER_* and IAM_* access types that botocore 1.44's Lambda model added for
/// self-managed Kafka (issue #21). The facts are the model's `SourceAccessConfiguration.Type` documentation
/// (https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html) and the guide's
/// https://docs.aws.amazon.com/lambda/latest/dg/kafka-cluster-auth.html:
/// - OAUTHBEARER_SCOPE, OAUTHBEARER_LOGICAL_CLUSTER, OAUTHBEARER_IDENTITY_POOL "require OAUTHBEARER_AUTH";
///   OAUTHBEARER_AUDIENCE "requires either OAUTHBEARER_AUTH or IAM_OAUTHBEARER_AUTH"; their URI "holds the
///   value, not a secret ARN".
/// - IAM_OAUTHBEARER_AUTH "requires OAUTHBEARER_AUDIENCE and does not support the other OAUTHBEARER types".
/// - IAM_AUTH and IAM_OAUTHBEARER_AUTH: "Omit the URI field for this type".
/// - All seven are documented "(Self-managed Apache Kafka)" only.
///
/// Where those sources are silent this build does not fail: with SERVER_ROOT_CA_CERTIFICATE (the brokers' CA
/// for TLS) and with VPC_SUBNET / VPC_SECURITY_GROUP (where Lambda connects from) no combination is documented
/// as invalid, so none is reported; a value type given twice is a warning, not a failure.
package enum OAuthAccessRules {
    /// The value types that go with OAUTHBEARER_AUTH (AUDIENCE also with IAM_OAUTHBEARER_AUTH).
    package static let valueTypes = [
        "OAUTHBEARER_SCOPE", "OAUTHBEARER_AUDIENCE", "OAUTHBEARER_LOGICAL_CLUSTER", "OAUTHBEARER_IDENTITY_POOL",
    ]
    /// The seven types of botocore 1.44.
    package static let newTypes: Set<String> = Set(
        valueTypes + ["OAUTHBEARER_AUTH", "IAM_AUTH", "IAM_OAUTHBEARER_AUTH"])
    /// The types that each select an authentication method.
    package static let authenticationTypes: Set<String> = [
        "CLIENT_CERTIFICATE_TLS_AUTH", "SASL_SCRAM_512_AUTH", "SASL_SCRAM_256_AUTH", "BASIC_AUTH", "OAUTHBEARER_AUTH",
        "IAM_AUTH", "IAM_OAUTHBEARER_AUTH",
    ]

    static let guide = "https://docs.aws.amazon.com/lambda/latest/api/API_SourceAccessConfiguration.html"

    /// MAP018 and MAP019; nothing when the mapping uses none of the seven types.
    package static func findings(_ settings: MappingSettings) -> [Finding] {
        let entries = settings.sourceAccessConfigurations
        let types = entries.compactMap(\.type)
        let used = types.filter(newTypes.contains)
        guard !used.isEmpty else { return [] }
        let has = Set(types)
        let fixPrefix =
            settings.uuid == nil
            ? "--source-access-configurations "
            : "aws lambda update-event-source-mapping --uuid \(settings.uuidArgument) --source-access-configurations "
        var findings: [Finding] = []
        // `edit` says the same change in words, for a template (lint's fix): the command's `--uuid` means nothing
        // there.
        func fail(_ title: String, _ detail: String, _ fix: String, edit: String, _ severity: Severity = .fail) {
            findings.append(
                Finding(
                    code: .map018, severity: severity, title: title, detail: detail + " (\(guide))", fix: fix,
                    evidence: ["types": .array(types.map(JSONValue.string)), "edit": .string(edit)]))
        }

        if settings.eventSourceArn.map({ $0.contains(":kafka:") }) ?? false {
            let distinct = Array(Set(used)).sorted()
            return [
                Finding(
                    code: .map019, severity: .fail,
                    title:
                        "\(distinct.joined(separator: ", ")) \(distinct.count == 1 ? "is" : "are") for self-managed Kafka only",
                    detail: "The Lambda model documents the OAUTHBEARER_* and IAM_* access types for self-managed "
                        + "Apache Kafka only; an Amazon MSK mapping authenticates with IAM (no entry), "
                        + "SASL_SCRAM_512_AUTH or CLIENT_CERTIFICATE_TLS_AUTH (\(guide)).",
                    fix: fixPrefix + "'[]' (MSK IAM access control needs no entry)",
                    evidence: ["types": .array(distinct.map(JSONValue.string))])
            ]
        }

        for type in ["OAUTHBEARER_SCOPE", "OAUTHBEARER_LOGICAL_CLUSTER", "OAUTHBEARER_IDENTITY_POOL"]
        where has.contains(type) && !has.contains("OAUTHBEARER_AUTH") {
            fail(
                "\(type) without OAUTHBEARER_AUTH",
                "\(type) requires OAUTHBEARER_AUTH, the secret with the OAuth 2.0 client credentials",
                fixPrefix + "Type=OAUTHBEARER_AUTH,URI=<secret ARN> Type=\(type),URI=<value>",
                edit: "add OAUTHBEARER_AUTH with the OAuth secret's ARN as URI")
        }
        if has.contains("OAUTHBEARER_AUDIENCE") && !has.contains("OAUTHBEARER_AUTH")
            && !has.contains("IAM_OAUTHBEARER_AUTH")
        {
            fail(
                "OAUTHBEARER_AUDIENCE without OAUTHBEARER_AUTH or IAM_OAUTHBEARER_AUTH",
                "OAUTHBEARER_AUDIENCE requires either OAUTHBEARER_AUTH or IAM_OAUTHBEARER_AUTH",
                fixPrefix + "Type=IAM_OAUTHBEARER_AUTH Type=OAUTHBEARER_AUDIENCE,URI=<audience>",
                edit: "add OAUTHBEARER_AUTH (with the OAuth secret's ARN as URI) or IAM_OAUTHBEARER_AUTH (no URI)")
        }
        if has.contains("IAM_OAUTHBEARER_AUTH") {
            if !has.contains("OAUTHBEARER_AUDIENCE") {
                fail(
                    "IAM_OAUTHBEARER_AUTH without OAUTHBEARER_AUDIENCE",
                    "IAM_OAUTHBEARER_AUTH requires OAUTHBEARER_AUDIENCE, the audience of the web identity token",
                    fixPrefix + "Type=IAM_OAUTHBEARER_AUTH Type=OAUTHBEARER_AUDIENCE,URI=<audience the brokers expect>",
                    edit: "add OAUTHBEARER_AUDIENCE with the audience the brokers expect as URI")
            }
            let excluded = [
                "OAUTHBEARER_AUTH", "OAUTHBEARER_SCOPE", "OAUTHBEARER_LOGICAL_CLUSTER", "OAUTHBEARER_IDENTITY_POOL",
            ]
            .filter(has.contains)
            if !excluded.isEmpty {
                fail(
                    "IAM_OAUTHBEARER_AUTH with \(excluded.joined(separator: ", "))",
                    "IAM_OAUTHBEARER_AUTH does not support the other OAUTHBEARER types (only OAUTHBEARER_AUDIENCE)",
                    fixPrefix + "Type=IAM_OAUTHBEARER_AUTH Type=OAUTHBEARER_AUDIENCE,URI=<audience>",
                    edit: "remove " + excluded.joined(separator: ", "))
            }
        }
        for entry in entries {
            guard let type = entry.type else { continue }
            let uri = entry.uri ?? ""
            if (type == "IAM_AUTH" || type == "IAM_OAUTHBEARER_AUTH") && !uri.isEmpty {
                fail(
                    "\(type) has a URI",
                    "\(type) takes no URI: the execution role authenticates, there is no secret "
                        + "(\"Omit the URI field for this type\")",
                    fixPrefix + "Type=\(type) (without URI=)", edit: "remove the URI of \(type)")
            }
            if valueTypes.contains(type) && uri.isEmpty {
                fail(
                    "\(type) has no value", "The URI field of \(type) holds the value Lambda sends, not a secret ARN",
                    fixPrefix + "Type=\(type),URI=<value>", edit: "give \(type) its value as URI")
            }
        }
        for type in valueTypes where types.filter({ $0 == type }).count > 1 {
            // The model does not say which of two values Lambda uses, so this is a warning.
            fail(
                "\(type) is given \(types.filter { $0 == type }.count) times",
                "Which of the values Lambda uses is not documented", "keep one \(type) entry",
                edit: "keep one \(type) entry", .warn)
        }
        // Two secrets are BRK005; a secret-less method (IAM_AUTH, IAM_OAUTHBEARER_AUTH) next to any other
        // authentication is reported here, since only one method can authenticate the connection.
        let methods = types.filter(authenticationTypes.contains)
        if methods.count > 1 && methods.contains(where: { $0 == "IAM_AUTH" || $0 == "IAM_OAUTHBEARER_AUTH" }) {
            fail(
                "\(methods.count) authentication methods: \(methods.joined(separator: ", "))",
                "A mapping authenticates with one method; IAM_AUTH and IAM_OAUTHBEARER_AUTH replace a secret",
                "keep one of " + methods.joined(separator: ", ") + " in " + fixPrefix.trimmingSpaces(),
                edit: "keep one of " + methods.joined(separator: ", "))
        }
        if findings.isEmpty {
            findings.append(
                Finding(
                    code: .map018, severity: .pass,
                    title: "the access types \(Array(Set(used)).sorted().joined(separator: ", ")) combine as documented"
                ))
        }
        return findings
    }
}
