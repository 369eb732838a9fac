/// One filter's `Pattern`, parsed: an object whose fields are either a list of ``FilterRule``s (a leaf, the rules
/// ORed) or a nested object, all fields ANDed, plus `$or` alternatives
/// (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html).
/// ``FilterPatternParser`` makes one from the pattern's text.
public struct FilterPattern: Sendable, Equatable {
    /// The pattern's top-level object.
    public var root: Object

    /// A pattern object: fields matched together, and at most one `$or` list of which one must match.
    public struct Object: Sendable, Equatable {
        /// The fields in the order of their names, so that explanations are stable.
        public var fields: [(name: String, node: Node)]
        /// The objects of `$or`; empty when the pattern has none.
        public var alternatives: [Object]
        /// Each field's node as the pattern writes it (`[{"prefix":"a"}]`), made once for the explanations of
        /// every record.
        let fieldTexts: [String]

        /// An object of `fields` (in name order) and `$or` `alternatives`.
        public init(fields: [(name: String, node: Node)], alternatives: [Object]) {
            self.fields = fields
            self.alternatives = alternatives
            fieldTexts = fields.map { KafkaRecordFilter.Matcher.describe($0.node) }
        }

        public static func == (lhs: Object, rhs: Object) -> Bool {
            lhs.fields.map(\.name) == rhs.fields.map(\.name) && lhs.fields.map(\.node) == rhs.fields.map(\.node)
                && lhs.alternatives == rhs.alternatives
        }
    }

    /// What a field holds: its rules, or a nested object for a field of a JSON record.
    public indirect enum Node: Sendable, Equatable {
        case rules([FilterRule])
        case object(Object)
    }
}

extension FilterPattern.Object {
    /// The top-level field names, those of `$or` alternatives included.
    public var topLevelNames: [String] {
        var names = fields.map(\.name)
        for alternative in alternatives { names += alternative.topLevelNames }
        return names
    }
}
