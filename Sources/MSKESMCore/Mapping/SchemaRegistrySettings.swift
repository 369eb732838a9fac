import Foundation

/// A mapping's `KafkaSchemaRegistryConfig`, read from the `SchemaRegistryConfig` member of its
/// `AmazonManagedKafkaEventSourceConfig` or `SelfManagedKafkaEventSourceConfig`
/// (https://docs.aws.amazon.com/lambda/latest/api/API_KafkaSchemaRegistryConfig.html). Members keep what the
/// mapping holds, unknown values included, so the rules can name them.
public struct SchemaRegistrySettings: Sendable, Equatable {
    /// Where the registry is, as `SchemaRegistryURI` names it.
    public enum Location: Sendable, Equatable {
        /// An AWS Glue registry: `arn:<partition>:glue:<region>:<account>:registry/<name>`.
        case glue(GlueRegistryARN)
        /// A Confluent registry URL; `host` is the URL's host name or address.
        case confluent(url: String, host: String)
        /// Anything else (the text as given; empty when the member is absent).
        case invalid(String)
    }

    /// One `AccessConfigs` entry: `Type` and `URI`, as given.
    public struct AccessConfig: Sendable, Equatable {
        /// `BASIC_AUTH`, `CLIENT_CERTIFICATE_TLS_AUTH`, `SERVER_ROOT_CA_CERTIFICATE` (or what the mapping holds).
        public var type: String?
        /// The Secrets Manager secret ARN.
        public var uri: String?
    }

    /// `SchemaRegistryURI`, classified.
    public var location: Location
    /// `SchemaRegistryURI` as given.
    public var uri: String?
    /// `EventRecordFormat`: `JSON` or `SOURCE` (or what the mapping holds).
    public var eventRecordFormat: String?
    /// `AccessConfigs`.
    public var accessConfigs: [AccessConfig]
    /// `SchemaValidationConfigs[].Attribute`: `KEY`, `VALUE` (or what the mapping holds).
    public var validatedAttributes: [String]

    /// The registry of `mapping`, or nil when it has none.
    public init?(_ mapping: EventSourceMappingConfiguration) {
        guard
            let config = mapping.amazonManagedKafkaEventSourceConfig?.schemaRegistryConfig
                ?? mapping.selfManagedKafkaEventSourceConfig?.schemaRegistryConfig,
            case .object = config
        else { return nil }
        self.init(config: config)
    }

    /// The registry of a `KafkaSchemaRegistryConfig` object.
    public init(config: JSONValue) {
        uri = config["SchemaRegistryURI"]?.stringValue
        location = Self.locate(uri ?? "")
        eventRecordFormat = config["EventRecordFormat"]?.stringValue
        accessConfigs = (config["AccessConfigs"]?.arrayValue ?? []).map {
            AccessConfig(type: $0["Type"]?.stringValue, uri: $0["URI"]?.stringValue)
        }
        validatedAttributes = (config["SchemaValidationConfigs"]?.arrayValue ?? []).compactMap {
            $0["Attribute"]?.stringValue
        }
    }

    /// Classifies a `SchemaRegistryURI`: a Glue registry ARN, an `https://` URL with a host, or invalid.
    /// An `http://` URL is invalid too: the registry's credentials would cross the network in clear.
    public static func locate(_ uri: String) -> Location {
        if let arn = GlueRegistryARN(uri) { return .glue(arn) }
        if uri.lowercased().hasPrefix("https://"), let components = URLComponents(string: uri),
            let host = components.host, !host.isEmpty
        {
            return .confluent(url: uri, host: host)
        }
        return .invalid(uri)
    }

    /// The secrets of the Confluent registry's access configurations, with the secret type each holds; each once.
    public var secrets: [(arn: String, type: SecretType)] {
        var out: [(arn: String, type: SecretType)] = []
        for entry in accessConfigs {
            guard let arn = entry.uri, arn.hasPrefix("arn:"), arn.contains(":secretsmanager:"),
                let type = entry.type.flatMap(SecretPlacementRules.secretType(sourceAccessType:)),
                !out.contains(where: { $0.arn == arn })
            else { continue }
            out.append((arn, type))
        }
        return out
    }
}

/// The parts of a Glue registry ARN, `arn:<partition>:glue:<region>:<account>:registry/<name>`
/// (https://docs.aws.amazon.com/glue/latest/dg/glue-specifying-resource-arns.html).
public struct GlueRegistryARN: Sendable, Equatable {
    /// The partition, e.g. `aws`.
    public var partition: String
    /// The registry's Region.
    public var region: String
    /// The registry's account.
    public var account: String
    /// The registry's name.
    public var name: String

    /// Parses a Glue registry ARN; nil for anything else (a schema ARN included).
    public init?(_ arn: String) {
        let parts = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard parts.count == 6, parts[0] == "arn", !parts[1].isEmpty, parts[2] == "glue", !parts[3].isEmpty,
            !parts[4].isEmpty, parts[5].hasPrefix("registry/")
        else { return nil }
        let name = parts[5].dropFirst("registry/".count)
        guard !name.isEmpty, !name.contains("/") else { return nil }
        partition = String(parts[1])
        region = String(parts[3])
        account = String(parts[4])
        self.name = String(name)
    }

    /// The registry ARN, rebuilt.
    public var arn: String { "arn:\(partition):glue:\(region):\(account):registry/\(name)" }
    /// The ARN of every schema of the registry, the resource `glue:GetSchemaVersion` is granted on.
    public var schemasArn: String { "arn:\(partition):glue:\(region):\(account):schema/\(name)/*" }
}
