import Foundation

/// The schema-registry framing of a Kafka record's bytes, when there is one (docs/aws-facts.md#schema-registry-payloads):
/// the Confluent wire format (magic byte 0, then the schema id as a 4-byte big-endian integer) or the AWS Glue
/// Schema Registry format (header version byte 3, a compression byte, then the 16-byte schema version UUID).
/// With `EventRecordFormat` SOURCE,
/// Lambda removes this metadata before invoking the function
/// (https://docs.aws.amazon.com/lambda/latest/api/API_KafkaSchemaRegistryConfig.html), so the bytes a function
/// gets are often the bare body.
public struct SchemaRegistryPayload: Sendable, Equatable {
    /// Which framing the bytes carry.
    public enum Framing: Sendable, Equatable {
        /// Confluent: the registry's schema id.
        case confluent(schemaId: UInt32)
        /// Glue: the compression byte (0 none, 5 zlib) and the schema version id.
        case glue(compression: UInt8, schemaVersionId: UUID)
        /// No framing recognised: the bytes are the body.
        case none
    }

    /// The framing read from the first bytes.
    public var framing: Framing
    /// The bytes after the framing (the whole input for `.none`).
    public var body: [UInt8]

    /// The Confluent magic byte.
    public static let confluentMagic: UInt8 = 0
    /// The Glue header version byte.
    public static let glueHeaderVersion: UInt8 = 3

    /// Reads the framing of `bytes`. Text (JSON, plain strings) never starts with byte 0 or 3, so a record
    /// that does and is long enough for the header is taken as framed.
    public init(_ bytes: [UInt8]) {
        if bytes.count >= 5, bytes[0] == Self.confluentMagic {
            let id = bytes[1..<5].reduce(UInt32(0)) { $0 << 8 | UInt32($1) }
            framing = .confluent(schemaId: id)
            body = Array(bytes[5...])
        } else if bytes.count >= 18, bytes[0] == Self.glueHeaderVersion, [0, 5].contains(bytes[1]) {
            let raw = Array(bytes[2..<18])
            let uuid = UUID(
                uuid: (
                    raw[0], raw[1], raw[2], raw[3], raw[4], raw[5], raw[6], raw[7], raw[8], raw[9], raw[10], raw[11],
                    raw[12], raw[13], raw[14], raw[15]
                ))
            framing = .glue(compression: bytes[1], schemaVersionId: uuid)
            body = Array(bytes[18...])
        } else {
            framing = .none
            body = bytes
        }
    }

    /// `{"format": "confluent", "schemaId": N}` / `{"format": "glue", "compression": "none"|"zlib",
    /// "schemaVersionId": "…"}`; nil when unframed.
    public var description: JSONValue? {
        switch framing {
        case .confluent(let id): return ["format": "confluent", "schemaId": .number(Double(id))]
        case .glue(let compression, let id):
            return [
                "format": "glue", "compression": compression == 5 ? "zlib" : "none",
                "schemaVersionId": .string(id.uuidString.lowercased()),
            ]
        case .none: return nil
        }
    }
}

/// How a record's body was decoded, for `event decode`: with an Avro schema, or as the JSON a JSON Schema
/// serializer writes.
public enum SchemaRegistryRecordDecoder {
    /// `{"decoded": value}` (plus `trailingBytes` when the schema read less than the body), or
    /// `{"decodeError": "…"}`; nil when there is nothing to decode (no schema, and a body that is not JSON).
    public static func decode(_ payload: SchemaRegistryPayload, avro: AvroSchemaDocument?) -> [String: JSONValue]? {
        if case .glue(5, _) = payload.framing {
            return ["decodeError": "the body is zlib-compressed (Glue compression byte 5); msk-esm does not inflate it"]
        }
        if let avro {
            do {
                let result = try AvroBinaryDecoder.decode(payload.body, with: avro)
                var out: [String: JSONValue] = ["decoded": result.value]
                if result.trailingBytes > 0 { out["trailingBytes"] = .number(Double(result.trailingBytes)) }
                return out
            } catch {
                return ["decodeError": .string("Avro: \(error.description)")]
            }
        }
        // A JSON Schema serializer writes the record as JSON text after the framing.
        guard payload.framing != .none, let json = try? JSONValue.parse(Data(payload.body)) else { return nil }
        return ["decoded": json]
    }
}

/// The reasons Lambda gives for records that failed schema-registry processing, explained
/// (https://docs.aws.amazon.com/lambda/latest/dg/services-consume-kafka-events.html).
public enum SchemaRegistryFailureReason: String, Sendable, CaseIterable {
    /// The record names a schema the registry does not have.
    case schemaNotFound = "SCHEMA_NOT_FOUND"
    /// The record's bytes could not be read with its schema.
    case deserializationError = "DESERIALIZATION_ERROR"

    /// What the reason means.
    public var meaning: String {
        switch self {
        case .schemaNotFound:
            "the schema id (Confluent) or schema version id (Glue) in the record's header is not in the mapping's "
                + "registry: the producer wrote against another registry or environment, or the schema version was "
                + "deleted"
        case .deserializationError:
            "the record's bytes do not decode with the schema its header names: the producer did not use a "
                + "registry serializer (no header), used another format (Avro, Protobuf, JSON Schema), or the bytes "
                + "are corrupt"
        }
    }

    /// What to do about it.
    public var fix: String {
        switch self {
        case .schemaNotFound:
            "read the record's schema id with `msk-esm event decode FILE` (schemaRegistry.schemaId / "
                + "schemaVersionId) and check that the mapping's SchemaRegistryURI is the registry the producer uses "
                + "and that the version exists there"
        case .deserializationError:
            "decode the failed record with `msk-esm event decode FILE --schema SCHEMA.avsc` to see where it "
                + "stops, and check the producer's serializer and schema"
        }
    }

    /// The reasons named in an on-failure record: any string member of it, its `requestContext` or its
    /// `responseContext` that holds a reason's name.
    public static func found(in record: JSONValue) -> [SchemaRegistryFailureReason] {
        var texts: [String] = []
        for part in [record, record["requestContext"], record["responseContext"]] {
            for (_, value) in part?.objectValue ?? [:] {
                if let text = value.stringValue { texts.append(text) }
            }
        }
        return allCases.filter { reason in texts.contains { $0.contains(reason.rawValue) } }
    }
}
