import Foundation

/// One Kafka record for `filter test`: where it comes from and its value as Lambda's filters see it.
public struct FilterTestRecord: Sendable {
    /// The record's `topic`, when the event names it.
    public var topic: String?
    /// The record's `partition`.
    public var partition: Int?
    /// The record's `offset`.
    public var offset: Int?
    /// The record's value as the filters see it.
    public var value: FilterRecordValue

    /// A record of `value`, from `topic`, `partition` and `offset` when known.
    public init(topic: String? = nil, partition: Int? = nil, offset: Int? = nil, value: FilterRecordValue) {
        self.topic = topic
        self.partition = partition
        self.offset = offset
        self.value = value
    }

    /// The records of an event file's bytes: ``records(inEvent:source:)`` of the parsed document, read without
    /// building the whole tree when it is an event of the usual shape (`KafkaEventScanner`). Input that is not
    /// UTF-8, not JSON or repeats a key is a `ToolError` (exit 2) naming `source`.
    public static func records(inEventData data: Data, source: String) throws -> [FilterTestRecord] {
        if let offset = InputReader.invalidUTF8Offset(in: data) {
            throw InputReader.notUTF8(offset: offset, input: source)
        }
        if let records = KafkaEventScanner.records(in: data) { return records }
        let document = try JSONParser.parseDocument(
            data, source: source, fix: "give the Kafka event Lambda delivers (msk-esm event sample prints one)")
        return try records(inEvent: document, source: source)
    }

    /// The records of a Kafka event as Lambda delivers it (`records` keyed by topic-partition, each record's
    /// `value` base64-encoded: https://docs.aws.amazon.com/lambda/latest/dg/with-msk.html), in topic-partition
    /// then offset order; also a list of such records, or one record. A `ToolError` (exit 2) naming `source`
    /// for anything else.
    public static func records(inEvent document: JSONValue, source: String) throws -> [FilterTestRecord] {
        switch document {
        case .object(let members) where members["records"] != nil:
            guard case .object(let groups)? = members["records"] else {
                throw ToolError.usage(
                    .inputShape, "records is not an object of topic-partition lists", input: source,
                    fix: "give the event Lambda delivers (msk-esm event sample prints one)")
            }
            var records: [FilterTestRecord] = []
            for name in groups.keys.sorted() {
                guard case .array(let list)? = groups[name] else {
                    throw ToolError.usage(
                        .inputShape, "records.\(name) is not a list", input: source,
                        fix: "each topic-partition of records holds a list of records")
                }
                for (index, record) in list.enumerated() {
                    records.append(try self.record(record, path: "records.\(name)[\(index)]", source: source))
                }
            }
            return records
        case .object(let members) where members["payload"] != nil:
            // An on-failure record sent to a Kafka destination carries the failed event as its payload.
            guard let payload = members["payload"], payload["records"] != nil else { break }
            return try records(inEvent: payload, source: source)
        case .object(let members) where members["value"] != nil:
            return [try record(document, path: "$", source: source)]
        case .array(let list):
            return try list.enumerated().map { try record($0.element, path: "[\($0.offset)]", source: source) }
        default:
            break
        }
        throw ToolError.usage(
            .inputShape, "not a Kafka event (no records)", input: source,
            fix: "give the event Lambda delivers, e.g. msk-esm event sample --value '{\"a\":1}' > event.json")
    }

    static func record(_ value: JSONValue, path: String, source: String) throws -> FilterTestRecord {
        guard case .object(let fields) = value else {
            throw ToolError.usage(
                .inputShape, "\(path) is not a record object", input: source, fix: "give records as objects")
        }
        var base64: String?
        switch fields["value"] {
        case .string(let text)?: base64 = text
        case .null?, .none: base64 = nil
        default:
            throw ToolError.usage(
                .inputShape, "\(path).value is not a base64 string", input: source,
                fix: "a record's value is base64, as Lambda delivers it")
        }
        return FilterTestRecord(
            topic: fields["topic"]?.stringValue, partition: fields["partition"]?.intValue,
            offset: fields["offset"]?.intValue, value: FilterRecordValue(base64: base64))
    }
}
