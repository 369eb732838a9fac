/// The summary of `filter test` (docs/findings.md#the-report-document): the filters, one entry per record and
/// the counts.
public struct FilterTestSummary: ReportSummary {
    /// The patterns tested, in filter order.
    public var filters: [String]
    /// One entry per record, in the event's order.
    public var records: [Entry]
    /// How many records the filters keep and drop.
    public var kept: Int
    /// How many records the filters drop.
    public var dropped: Int

    /// The summary of `records`, counting the kept and dropped ones.
    public init(filters: [String], records: [Entry]) {
        self.filters = filters
        self.records = records
        kept = records.count { $0.kept }
        dropped = records.count - kept
    }

    /// The summary as its JSON members, `skipped` included: what ``CheckReport/summaryDocument`` gives, built
    /// directly (for 10,000 records the generic `Encodable` round trip costs more than the filtering).
    public func document(skipped: Int) -> JSONValue {
        func optional(_ number: Int?) -> JSONValue { number.map { .number(Double($0)) } ?? .null }
        let entries: [JSONValue] = records.map { entry in
            .object([
                "topic": entry.topic.map(JSONValue.string) ?? .null, "partition": optional(entry.partition),
                "offset": optional(entry.offset), "kept": .bool(entry.kept), "filter": optional(entry.filter),
                "clause": .string(entry.clause),
            ])
        }
        return .object([
            "filters": .array(filters.map(JSONValue.string)), "records": .array(entries),
            "kept": .number(Double(kept)), "dropped": .number(Double(dropped)), "skipped": .number(Double(skipped)),
        ])
    }

    /// One record's decision: `{topic, partition, offset, kept, filter, clause}`; `filter` is the index of the
    /// filter that kept it, `null` when dropped (or kept because there are no filters).
    public struct Entry: Codable, Sendable, Equatable {
        /// The record's topic.
        public var topic: String?
        /// The record's partition.
        public var partition: Int?
        /// The record's offset.
        public var offset: Int?
        /// Whether the record reaches the function.
        public var kept: Bool
        /// The index of the filter that kept it; nil (JSON null) when dropped or unfiltered.
        public var filter: Int?
        /// The clauses that decided (``FilterDecision/clause``).
        public var clause: String

        /// The entry of `record` with its `decision`.
        public init(_ record: FilterTestRecord, _ decision: FilterDecision) {
            topic = record.topic
            partition = record.partition
            offset = record.offset
            kept = decision.kept
            filter = decision.filter
            clause = decision.clause
        }

        enum CodingKeys: String, CodingKey { case topic, partition, offset, kept, filter, clause }

        public func encode(to encoder: Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(topic, forKey: .topic)
            try container.encode(partition, forKey: .partition)
            try container.encode(offset, forKey: .offset)
            try container.encode(kept, forKey: .kept)
            try container.encode(filter, forKey: .filter)
            try container.encode(clause, forKey: .clause)
        }
    }
}
