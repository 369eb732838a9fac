import Foundation

/// One changed field of an update: `{"field", "from", "to"}` in the create/update JSON document
/// (docs/findings.md#the-report-document).
package struct MappingChange: Codable, Sendable, Equatable {
    /// The request member, PascalCase as in the API (`BatchSize`, `DestinationConfig`).
    package var field: String
    /// The mapping's current value (`null` when it has none).
    package var from: JSONValue
    package var to: JSONValue

    package init(field: String, from: JSONValue, to: JSONValue) {
        self.field = field
        self.from = from
        self.to = to
    }
}

/// What an `update` of a mapping amounts to: the fields that change, the create-only fields the request
/// would change (MAP008), and the body to send (only what changes). An update that changes nothing is
/// `isEmpty` and makes no API call.
package struct MappingUpdatePlan: Sendable, Equatable {
    package var changes: [MappingChange]
    /// MAP008 findings: create-only fields that differ from the mapping's.
    package var createOnlyFindings: [Finding]
    /// The `UpdateEventSourceMapping` body: the changed updatable members.
    package var body: [String: JSONValue]

    /// Whether nothing would change.
    package var isEmpty: Bool { body.isEmpty && createOnlyFindings.isEmpty }

    /// Members that `UpdateEventSourceMapping` does not take: changing them means a new mapping
    /// (docs/aws-facts.md#create-only-members;
    /// https://docs.aws.amazon.com/lambda/latest/api/API_UpdateEventSourceMapping.html).
    package static let createOnlyMembers = [
        "EventSourceArn", "Topics", "StartingPosition", "StartingPositionTimestamp", "SelfManagedEventSource", "Tags",
    ]
    /// The Kafka config objects whose `ConsumerGroupId` is create-only (their `SchemaRegistryConfig` is not).
    static let kafkaConfigMembers = ["AmazonManagedKafkaEventSourceConfig", "SelfManagedKafkaEventSourceConfig"]

    /// Compares `request` (PascalCase members, as for `create`) with `current` (`get-event-source-mapping`).
    package init(current: JSONValue, request: [String: JSONValue]) {
        var changes: [MappingChange] = []
        var body: [String: JSONValue] = [:]
        var createOnly: [MappingChange] = []
        let uuid = current["UUID"]?.stringValue ?? "<uuid>"
        for field in request.keys.sorted() {
            guard let wanted = request[field] else { continue }
            if field == "FunctionName" {
                if !MappingIdentity.sameFunction(wanted.stringValue, current["FunctionArn"]?.stringValue) {
                    changes.append(MappingChange(field: field, from: current["FunctionArn"] ?? .null, to: wanted))
                    body[field] = wanted
                }
                continue
            }
            if field == "Enabled" {
                let enabled = MappingIdentity.isEnabled(current["State"]?.stringValue)
                if wanted.boolValue != enabled {
                    changes.append(MappingChange(field: field, from: .bool(enabled), to: wanted))
                    body[field] = wanted
                }
                continue
            }
            var wantedValue = wanted
            if Self.kafkaConfigMembers.contains(field), var object = wanted.objectValue {
                // ConsumerGroupId is create-only; the rest of the object (SchemaRegistryConfig) is not.
                if let group = object.removeValue(forKey: "ConsumerGroupId") {
                    let currentGroup = current[field]?["ConsumerGroupId"] ?? .null
                    if group != currentGroup {
                        createOnly.append(
                            MappingChange(field: field + ".ConsumerGroupId", from: currentGroup, to: group))
                    }
                }
                if object.isEmpty { continue }
                wantedValue = .object(object)
                let currentRest = current[field]?.objectValue?.filter { $0.key != "ConsumerGroupId" } ?? [:]
                if Self.matches(wantedValue, .object(currentRest)) { continue }
                changes.append(MappingChange(field: field, from: .object(currentRest), to: wantedValue))
                body[field] = wantedValue
                continue
            }
            let currentValue = current[field] ?? .null
            if Self.matches(wantedValue, currentValue) { continue }
            if Self.createOnlyMembers.contains(field) {
                if field != "Tags" {
                    createOnly.append(MappingChange(field: field, from: currentValue, to: wantedValue))
                }
                continue
            }
            changes.append(MappingChange(field: field, from: currentValue, to: wantedValue))
            body[field] = wantedValue
        }
        self.changes = changes
        self.body = body
        self.createOnlyFindings = createOnly.map { change in
            Finding(
                code: .map008, severity: .fail, title: "\(change.field) cannot be changed on an existing mapping",
                detail: "\(change.field) is set when a mapping is created; UpdateEventSourceMapping does not take it "
                    + "(current: \(change.from.compactText), requested: \(change.to.compactText)). A new mapping "
                    + "with a new consumer group starts from StartingPosition again.",
                fix: "recreate the mapping with the new setting: msk-esm get \(uuid) --output json > old.json && "
                    + "msk-esm delete \(uuid) --yes --wait && msk-esm create --cli-input-json old.json "
                    + "\(Self.flag(for: change.field)) NEW-VALUE --wait",
                evidence: ["field": .string(change.field), "from": change.from, "to": change.to])
        }
    }

    /// The msk-esm flag that sets a create-only member.
    static func flag(for field: String) -> String {
        switch field {
        case "Topics": "--topic"
        case "StartingPosition": "--starting-position"
        case "StartingPositionTimestamp": "--starting-position-timestamp"
        case "EventSourceArn": "--cluster"
        case "SelfManagedEventSource": "--bootstrap-servers"
        default: "--consumer-group-id"
        }
    }

    /// Whether a requested value equals the mapping's. Numbers compare by value; a requested empty list or
    /// object equals an absent one (clearing what is not set changes nothing).
    static func matches(_ wanted: JSONValue, _ current: JSONValue) -> Bool {
        if wanted == current { return true }
        switch (wanted, current) {
        case (.array(let list), .null): return list.isEmpty
        case (.object(let members), .null): return members.values.allSatisfy { matches($0, .null) }
        case (.object(let wanted), .object(let current)):
            return Set(wanted.keys).union(current.keys).allSatisfy {
                matches(wanted[$0] ?? .null, current[$0] ?? .null)
            }
        case (.string(let text), .null): return text.isEmpty
        case (.array(let wanted), .array(let current)):
            // Lambda may answer lists (SourceAccessConfigurations, Filters) in another order.
            return wanted.count == current.count
                && wanted.map(\.compactText).sorted() == current.map(\.compactText).sorted()
        case (.number(let seconds), .string(let text)), (.string(let text), .number(let seconds)):
            // A timestamp sent as epoch seconds, answered as ISO 8601 (StartingPositionTimestamp).
            guard let date = AWSTimestamp.parse(text) else { return false }
            return abs(date.timeIntervalSince1970 - seconds) < 0.001
        default: return false
        }
    }
}

/// How mappings are told apart for an idempotent `create`: the same function, event source and topic
/// (MAP009, docs/findings.md#map-mapping-and-function-settings).
package enum MappingIdentity {
    /// The function part that names it within an account: `name` or `name:qualifier`, from a name, a partial
    /// ARN (`123456789012:function:name`) or an ARN.
    package static func functionKey(_ name: String) -> String {
        if let range = name.range(of: "function:") { return String(name[range.upperBound...]) }
        return name
    }

    /// Whether a requested function (name or ARN) names the mapping's `FunctionArn`.
    package static func sameFunction(_ requested: String?, _ functionArn: String?) -> Bool {
        guard let requested, let functionArn else { return requested == functionArn }
        return functionKey(requested) == functionKey(functionArn)
    }

    /// Whether a mapping state means "consuming, or about to".
    package static func isEnabled(_ state: String?) -> Bool {
        ["Enabled", "Enabling", "Creating", "Updating"].contains(state ?? "")
    }

    /// The event source of a request or mapping: the `EventSourceArn`, else the bootstrap servers (sorted).
    package static func source(_ value: JSONValue) -> String? {
        if let arn = value["EventSourceArn"]?.stringValue { return arn }
        let servers =
            value["SelfManagedEventSource"]?["Endpoints"]?["KAFKA_BOOTSTRAP_SERVERS"]?.arrayValue?
            .compactMap(\.stringValue) ?? []
        return servers.isEmpty ? nil : servers.sorted().joined(separator: ",")
    }

    /// The existing mappings (`list-event-source-mappings` items) with the request's function, source and topic.
    package static func sameMappings(as request: [String: JSONValue], in mappings: [JSONValue]) -> [JSONValue] {
        let source = source(.object(request))
        let topics = request["Topics"]
        return mappings.filter {
            sameFunction(request["FunctionName"]?.stringValue, $0["FunctionArn"]?.stringValue)
                && Self.source($0) == source && $0["Topics"] == topics
        }
    }

    /// The settings in which an existing mapping differs from a create request: an update plan whose
    /// changes and create-only findings are empty when the mapping is what the request asks for.
    package static func differences(of mapping: JSONValue, from request: [String: JSONValue]) -> [MappingChange] {
        let plan = MappingUpdatePlan(current: mapping, request: request.filter { $0.key != "Tags" })
        return plan.changes
            + plan.createOnlyFindings.map {
                MappingChange(
                    field: $0.evidence["field"]?.stringValue ?? "", from: $0.evidence["from"] ?? .null,
                    to: $0.evidence["to"] ?? .null)
            }
    }

    /// MAP009: a mapping with the same function, source and topic exists but differs from the request.
    package static func duplicateFinding(_ mapping: JSONValue, differences: [MappingChange]) -> Finding {
        let uuid = mapping["UUID"]?.stringValue ?? "<uuid>"
        let fields = differences.map(\.field)
        return Finding(
            code: .map009, severity: .fail, title: "mapping \(uuid) already reads this topic for this function",
            detail: "A mapping with the same function, event source and topic exists (State "
                + "\(mapping["State"]?.stringValue ?? "unknown")) and differs in: \(fields.joined(separator: ", ")). "
                + "Lambda refuses a second one (ResourceConflictException).",
            fix:
                "change the existing mapping instead: msk-esm update \(uuid) … (same flags, without --cluster/--topic)",
            evidence: ["uuid": .string(uuid), "fields": .array(fields.map(JSONValue.string))])
    }
}

extension JSONValue {
    /// The value as a Boolean, when it is one.
    package var boolValue: Bool? {
        if case .bool(let value) = self { return value }
        return nil
    }

    /// Compact JSON on one line (sorted keys), for diffs and details.
    package var compactText: String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        guard let data = try? encoder.encode(self) else { return "?" }
        return String(decoding: data, as: UTF8.self)
    }
}
