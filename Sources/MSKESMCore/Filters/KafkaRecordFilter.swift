/// Lambda's filtering of Kafka records: each record's ``FilterRecordValue`` against the mapping's filters, ORed,
/// record by record (https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html,
/// https://docs.aws.amazon.com/lambda/latest/dg/kafka-filtering.html).
///
/// A pattern matches as EventBridge's patterns do, which Lambda's filter rule syntax follows: the fields of an
/// object all match, one `$or` alternative matches, a list of rules matches when one rule matches, and a field
/// that is a list in the record matches when one of its elements does (arrays of scalars and of objects alike,
/// https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html). Only `value` is
/// filterable on Kafka: a clause on any other top-level field never matches. A `value` that is a plain string
/// matches rules on `value` itself, never fields inside it.
public struct KafkaRecordFilter: Sendable {
    /// The filters that parsed, with their index in `FilterCriteria.Filters`; those that did not are FLT001
    /// findings and keep nothing (Lambda refuses such criteria).
    public var filters: [(index: Int, pattern: FilterPattern)]
    /// The indexes of the filters whose pattern did not parse: they keep nothing.
    public var invalidFilters: [Int]

    /// The filter over parsed patterns, and the indexes of those that did not parse.
    public init(filters: [(index: Int, pattern: FilterPattern)], invalidFilters: [Int] = []) {
        self.filters = filters
        self.invalidFilters = invalidFilters
    }

    /// The decision for one record. Without filters every record is kept.
    public func decide(_ value: FilterRecordValue) -> FilterDecision {
        guard !filters.isEmpty || !invalidFilters.isEmpty else {
            return FilterDecision(kept: true, filter: nil, clause: "no filters: every record is kept", misses: [])
        }
        var misses = invalidFilters.map {
            FilterMiss(filter: $0, path: "", wanted: "", found: "not a valid pattern (FLT001), so it keeps nothing")
        }
        for (index, pattern) in filters {
            var matcher = Matcher(filter: index)
            if let miss = matcher.matchRoot(pattern.root, value: value) {
                misses.append(miss)
            } else {
                return FilterDecision(
                    kept: true, filter: index,
                    clause: "filter \(index) matched: " + matcher.matched.joined(separator: "; "), misses: misses)
            }
        }
        return FilterDecision(
            kept: false, filter: nil, clause: misses.map(\.description).joined(separator: "; "), misses: misses)
    }

    /// One filter's walk over one record, collecting the clauses that matched for the explanation.
    struct Matcher {
        let filter: Int
        var matched: [String] = []

        init(filter: Int) { self.filter = filter }

        func miss(_ path: String, _ wanted: String, _ found: String) -> FilterMiss {
            FilterMiss(filter: filter, path: path, wanted: wanted, found: found)
        }

        mutating func matchRoot(_ object: FilterPattern.Object, value: FilterRecordValue) -> FilterMiss? {
            for ((name, node), text) in zip(object.fields, object.fieldTexts) {
                guard name == "value" else {
                    return miss(name, text, "not filterable (Lambda filters Kafka records on value only)")
                }
                if case .object = node, case .plain = value {
                    return miss(name, text, "a plain string (not JSON), which has no fields")
                }
                if let failure = match(node, text: text, path: name, field: value.field) { return failure }
            }
            return matchAlternatives(object.alternatives, path: "$or") { matcher, alternative in
                matcher.matchRoot(alternative, value: value)
            }
        }

        mutating func matchAlternatives(
            _ alternatives: [FilterPattern.Object], path: String,
            _ body: (inout Matcher, FilterPattern.Object) -> FilterMiss?
        ) -> FilterMiss? {
            guard !alternatives.isEmpty else { return nil }
            var first: FilterMiss?
            for alternative in alternatives {
                var attempt = self
                if let failure = body(&attempt, alternative) {
                    if first == nil { first = failure }
                } else {
                    self = attempt
                    return nil
                }
            }
            guard let first else { return nil }
            return miss(path, "one of \(alternatives.count) alternatives", "matching none (first: \(first))")
        }

        mutating func match(_ node: FilterPattern.Node, text: String, path: String, field: JSONValue?) -> FilterMiss? {
            switch node {
            case .rules(let rules):
                if Self.leafMatches(rules, field) {
                    matched.append("\(path) \(text)")
                    return nil
                }
                return miss(path, text, field.map { JSONOutputText.compact($0) } ?? "absent")
            case .object(let object):
                return matchObject(object, path: path, field: field)
            }
        }

        mutating func matchObject(_ object: FilterPattern.Object, path: String, field: JSONValue?) -> FilterMiss? {
            if case .array(let items) = field {
                // A list of objects in the record: one element must match the whole object pattern.
                for case .object(let element) in items {
                    var attempt = self
                    if attempt.matchObject(object, path: path, field: .object(element)) == nil {
                        self = attempt
                        return nil
                    }
                }
                return miss(
                    path, "an element matching \(Self.describe(.object(object)))", JSONOutputText.compact(.array(items))
                )
            }
            let members = field?.objectValue
            for ((name, node), text) in zip(object.fields, object.fieldTexts) {
                if let failure = match(node, text: text, path: path + "." + name, field: members?[name]) {
                    return failure
                }
            }
            return matchAlternatives(object.alternatives, path: path + ".$or") { matcher, alternative in
                matcher.matchObject(alternative, path: path, field: field)
            }
        }

        /// The leaf values of a record's field: nil when absent or not a leaf (a non-empty object); a list's
        /// scalar elements; otherwise the value itself.
        static func leafValues(_ field: JSONValue?) -> [JSONValue]? {
            switch field {
            case .none: return nil
            case .object(let members)?: return members.isEmpty ? [] : nil
            case .array(let items)?:
                return items.filter {
                    switch $0 {
                    case .array, .object: false
                    default: true
                    }
                }
            case .some(let value): return [value]
            }
        }

        static func leafMatches(_ rules: [FilterRule], _ field: JSONValue?) -> Bool {
            let values = leafValues(field)
            for rule in rules {
                if case .exists(let wanted) = rule {
                    if (values.map { !$0.isEmpty } ?? false) == wanted { return true }
                    continue
                }
                guard let values else { continue }
                if values.contains(where: rule.admits) { return true }
            }
            return false
        }

        static func describe(_ node: FilterPattern.Node) -> String {
            switch node {
            case .rules(let rules): return "[" + rules.map(\.patternText).joined(separator: ",") + "]"
            case .object(let object):
                var parts = object.fields.map { JSONStringLiteral.quoted($0.name) + ":" + describe($0.node) }
                if !object.alternatives.isEmpty {
                    parts.append(
                        "\"$or\":[" + object.alternatives.map { describe(.object($0)) }.joined(separator: ",") + "]")
                }
                return "{" + parts.joined(separator: ",") + "}"
            }
        }
    }
}
