import Foundation

/// REG001–REG004: the rules a `KafkaSchemaRegistryConfig` must follow by itself and with the mapping's mode.
/// Pure functions of the mapping's settings, so the doctor, the create/update preflight and `lint` share them.
public enum SchemaRegistryRules {
    /// Lambda guide: "This feature is only available for event source mappings using provisioned mode."
    static let guide = "https://docs.aws.amazon.com/lambda/latest/dg/services-consume-kafka-events.html"
    static let apiReference = "https://docs.aws.amazon.com/lambda/latest/api/API_KafkaSchemaRegistryConfig.html"
    static let accessConfigReference =
        "https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-properties-lambda-eventsourcemapping-schemaregistryaccessconfig.html"

    /// The access types that authenticate to a Confluent registry; a mapping gives at most one of them. The
    /// AWS documentation lists the first two; botocore's `KafkaSchemaRegistryAuthType` adds `OAUTHBEARER_AUTH`.
    public static let authTypes = ["BASIC_AUTH", "CLIENT_CERTIFICATE_TLS_AUTH", "OAUTHBEARER_AUTH"]
    /// The access type of the registry's private root CA.
    public static let rootCAType = "SERVER_ROOT_CA_CERTIFICATE"
    /// `AccessConfigs` holds at most two entries (the CloudFormation reference's `Maximum: 2`).
    public static let maximumAccessConfigs = 2

    /// Every REG001–REG004 finding of `registry` on a mapping that is (or is not) in provisioned mode; empty
    /// when there is no registry. `uuid` names the mapping in fixes.
    public static func findings(_ registry: SchemaRegistrySettings?, provisioned: Bool, uuid: String?) -> [Finding] {
        guard let registry else { return [] }
        let target = uuid ?? "UUID"
        return [
            provisionedMode(provisioned, target: target), location(registry), accessConfigs(registry),
            recordFormat(registry, target: target),
        ]
    }

    /// REG001: a registry needs provisioned mode.
    static func provisionedMode(_ provisioned: Bool, target: String) -> Finding {
        guard provisioned else {
            return Finding(
                code: .reg001, severity: .fail, title: "a schema registry needs provisioned mode",
                detail: "The mapping has a SchemaRegistryConfig but no ProvisionedPollerConfig. Lambda uses a schema "
                    + "registry only for mappings in provisioned mode (\(guide)).",
                fix: "msk-esm update \(target) --pollers 1:10   # or remove the schema registry",
                evidence: ["check": "schema-registry"])
        }
        return Finding(
            code: .reg001, severity: .pass, title: "the schema registry's mapping is in provisioned mode",
            evidence: ["check": "schema-registry"])
    }

    /// REG002: the URI is a Glue registry ARN or an https URL.
    static func location(_ registry: SchemaRegistrySettings) -> Finding {
        switch registry.location {
        case .glue(let arn):
            return Finding(
                code: .reg002, severity: .pass, title: "the schema registry is the Glue registry \(arn.name)",
                evidence: ["check": "schema-registry", "kind": "glue", "registryArn": .string(arn.arn)])
        case .confluent(let url, let host):
            return Finding(
                code: .reg002, severity: .pass, title: "the schema registry is the Confluent registry at \(host)",
                evidence: ["check": "schema-registry", "kind": "confluent", "url": .string(url)])
        case .invalid(let text):
            let why: String
            if text.isEmpty {
                why = "SchemaRegistryURI is missing."
            } else if text.lowercased().hasPrefix("http://") {
                why = "\(text) is a plain-http URL: the registry's credentials would cross the network unencrypted."
            } else if text.hasPrefix("arn:"), text.contains(":glue:") {
                why =
                    "\(text) is a Glue ARN but not of a registry (arn:<partition>:glue:<region>:<account>:registry/<name>)."
            } else {
                why = "\(text) is neither a Glue registry ARN nor an https URL."
            }
            return Finding(
                code: .reg002, severity: .fail, title: "the schema registry URI is not a registry",
                detail: why + " For Glue, SchemaRegistryURI is the registry's ARN; for Confluent, the registry's URL "
                    + "(\(apiReference)).",
                fix:
                    "--schema-registry arn:aws:glue:<region>:<account>:registry/<name>   # or https://<confluent-host>",
                evidence: ["check": "schema-registry", "uri": .string(text)])
        }
    }

    /// REG003: Glue takes no access configurations; Confluent takes at most one authentication and one root CA,
    /// each a Secrets Manager ARN.
    static func accessConfigs(_ registry: SchemaRegistrySettings) -> Finding {
        var problems: [String] = []
        // Two authentications, or one type twice, break no documented rule; they follow from the two-entry
        // maximum and the types' meaning (docs/aws-facts.md#consumer-group): a warning.
        var inferred: [String] = []
        let types = registry.accessConfigs.map { $0.type ?? "<no Type>" }
        let evidence: [String: JSONValue] = [
            "check": "schema-registry", "accessTypes": .array(types.map(JSONValue.string)),
        ]
        if case .glue = registry.location, !registry.accessConfigs.isEmpty {
            return Finding(
                code: .reg003, severity: .fail, title: "a Glue registry takes no AccessConfigs",
                detail: "The registry is in AWS Glue, which Lambda reaches with the execution role; access "
                    + "configurations (\(types.joined(separator: ", "))) are for Confluent registries "
                    + "(\(accessConfigReference)).",
                fix: "remove SchemaRegistryConfig.AccessConfigs; grant the role glue:GetRegistry and "
                    + "glue:GetSchemaVersion instead", evidence: evidence)
        }
        if registry.accessConfigs.count > maximumAccessConfigs {
            problems.append("\(registry.accessConfigs.count) entries, at most \(maximumAccessConfigs) are allowed")
        }
        let known = authTypes + [rootCAType]
        for type in types where !known.contains(type) {
            problems.append("\(type) is not a registry access type (\(known.joined(separator: ", ")))")
        }
        for type in Set(types).sorted() where types.filter({ $0 == type }).count > 1 {
            inferred.append("\(type) is given more than once")
        }
        let auths = Set(types.filter(authTypes.contains))
        if auths.count > 1 {
            inferred.append("two authentication methods (\(auths.sorted().joined(separator: ", "))): give one")
        }
        for entry in registry.accessConfigs {
            let uri = entry.uri ?? ""
            if !(uri.hasPrefix("arn:") && uri.contains(":secretsmanager:") && uri.contains(":secret:")) {
                problems.append(
                    "\(entry.type ?? "<no Type>")'s URI \(uri.isEmpty ? "is missing" : uri) is not a "
                        + "Secrets Manager secret ARN")
            }
        }
        guard problems.isEmpty && inferred.isEmpty else {
            return Finding(
                code: .reg003, severity: problems.isEmpty ? .warn : .fail,
                title: "the registry's AccessConfigs are not valid",
                detail: (problems + inferred).joined(separator: "; ")
                    + ". A Confluent registry takes one authentication "
                    + "(BASIC_AUTH or CLIENT_CERTIFICATE_TLS_AUTH) and, for a private CA, SERVER_ROOT_CA_CERTIFICATE, "
                    + "each the ARN of a Secrets Manager secret (\(accessConfigReference)).",
                fix: "--schema-registry-auth BASIC_AUTH=arn:aws:secretsmanager:<region>:<account>:secret:<name> "
                    + "[--schema-registry-auth SERVER_ROOT_CA_CERTIFICATE=<secret ARN>]", evidence: evidence)
        }
        return Finding(
            code: .reg003, severity: .pass,
            title: registry.accessConfigs.isEmpty
                ? "the registry has no access configurations" : "the registry's access configurations are well-formed",
            evidence: evidence)
    }

    /// REG004: `EventRecordFormat` is JSON or SOURCE; `SchemaValidationConfigs` names KEY and/or VALUE, once each.
    static func recordFormat(_ registry: SchemaRegistrySettings, target: String) -> Finding {
        var failures: [String] = []
        var warnings: [String] = []
        switch registry.eventRecordFormat {
        case nil:
            warnings.append(
                "EventRecordFormat is not set: say whether the function gets the record as JSON or in its SOURCE format"
            )
        case "JSON", "SOURCE": break
        case let other?: failures.append("EventRecordFormat \(other) is not JSON or SOURCE")
        }
        let attributes = registry.validatedAttributes
        if attributes.isEmpty {
            warnings.append(
                "SchemaValidationConfigs is empty: Lambda validates neither the key nor the value against the registry")
        }
        for attribute in attributes where !["KEY", "VALUE"].contains(attribute) {
            failures.append("SchemaValidationConfigs Attribute \(attribute) is not KEY or VALUE")
        }
        for attribute in Set(attributes).sorted() where attributes.filter({ $0 == attribute }).count > 1 {
            failures.append("SchemaValidationConfigs names \(attribute) more than once")
        }
        let evidence: [String: JSONValue] = [
            "check": "schema-registry", "eventRecordFormat": registry.eventRecordFormat.map(JSONValue.string) ?? .null,
            "validatedAttributes": .array(attributes.map(JSONValue.string)),
        ]
        if !failures.isEmpty || !warnings.isEmpty {
            return Finding(
                code: .reg004, severity: failures.isEmpty ? .warn : .fail,
                title: "the registry's record format and validation settings "
                    + (failures.isEmpty ? "leave something unsaid" : "are not valid"),
                detail: (failures + warnings).joined(separator: "; ") + ". EventRecordFormat is JSON (the record "
                    + "as a JSON object) or SOURCE (the original bytes, schema metadata removed); "
                    + "SchemaValidationConfigs lists KEY, VALUE or both (\(apiReference)).",
                fix: "msk-esm update \(target) --schema-record-format JSON --schema-validate VALUE",
                evidence: evidence)
        }
        return Finding(
            code: .reg004, severity: .pass,
            title: "records are validated on \(attributes.joined(separator: " and ")) and delivered as "
                + (registry.eventRecordFormat ?? ""),
            evidence: evidence)
    }
}
