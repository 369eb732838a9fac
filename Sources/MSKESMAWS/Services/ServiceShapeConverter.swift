import Foundation
import MSKESMCore
import Synchronization

/// Converts service responses into the JSON the AWS CLI prints for them (`--output json`): botocore's
/// PascalCase member names, lists as arrays, numbers and booleans typed, timestamps as ISO 8601. Driven by
/// the generated shape table (`ServiceShapes.document`), so ec2's `<groups><item>` becomes
/// `"UserIdGroupPairs": [...]` and kafka's `clusterInfo` becomes `"ClusterInfo"` exactly as botocore names them.
public enum ServiceShapes {
    struct Table {
        struct Operation {
            var output: String?
            var resultWrapper: String?
            /// Only for the Lambda calls msk-esm mirrors (`--generate-cli-skeleton`).
            var input: String?
        }
        struct Shape {
            var type: String
            var members: [[String]]?
            var member: String?
            var memberName: String?
            var flattened: Bool?
            var key: String?
            var value: String?
            var keyName: String?
            var valueName: String?
            var enumValues: [String]?
        }
        var operations: [String: Operation]
        var shapes: [String: Shape]
    }

    /// The tables read so far, by service.
    private static let tables = Mutex<[String: Table]>([:])

    /// The table of the service of `operation` ("lambda.ListEventSourceMappings" → lambda's), read on first use
    /// by hand from its document rather than through `Decodable` (generic decoding of the shapes was a sixth of
    /// a `list` command's CPU time); empty for a service without one.
    static func table(for operation: String) -> Table {
        let service = operation.split(separator: ".", maxSplits: 1).first.map(String.init) ?? operation
        if let table = tables.withLock({ $0[service] }) { return table }
        let table = documents[service].map(read) ?? Table(operations: [:], shapes: [:])
        tables.withLock { $0[service] = table }
        return table
    }

    private static func read(_ document: String) -> Table {
        guard case .object(let root)? = try? JSONValue.parse(document),
            case .object(let operations)? = root["operations"], case .object(let shapes)? = root["shapes"]
        else {
            // The documents are generated and checked in; a test reads every one.
            preconditionFailure("ServiceShapes.documents holds a document that is not a shape table")
        }
        return Table(
            operations: operations.mapValues {
                Table.Operation(
                    output: $0["output"]?.stringValue, resultWrapper: $0["resultWrapper"]?.stringValue,
                    input: $0["input"]?.stringValue)
            },
            shapes: shapes.mapValues { shape in
                Table.Shape(
                    type: shape["type"]?.stringValue ?? "",
                    members: shape["members"]?.arrayValue?.map { $0.arrayValue?.compactMap(\.stringValue) ?? [] },
                    member: shape["member"]?.stringValue, memberName: shape["memberName"]?.stringValue,
                    flattened: shape["flattened"].flatMap { if case .bool(let flag) = $0 { flag } else { nil } },
                    key: shape["key"]?.stringValue, value: shape["value"]?.stringValue,
                    keyName: shape["keyName"]?.stringValue, valueName: shape["valueName"]?.stringValue,
                    enumValues: shape["enum"]?.arrayValue?.compactMap(\.stringValue))
            })
    }

    /// Whether the table knows `operation` ("ec2.DescribeSubnets").
    public static func knows(_ operation: String) -> Bool { table(for: operation).operations[operation] != nil }

    /// One shape of a service model (`lambda.SourceAccessConfiguration`): its type, and its members (structure),
    /// element (list) or value (map) shapes.
    public struct ShapeDescription: Sendable {
        public var type: String
        /// Structure members: the member name and its shape.
        public var members: [(name: String, shape: String)]
        public var member: String?
        public var value: String?
        /// An enumerated string's values, in model order (only for the shapes of the mirrored Lambda calls).
        public var enumValues: [String]
    }

    /// The shape `id` ("service.Name"), when the service's table holds it.
    public static func shape(_ id: String) -> ShapeDescription? {
        guard let shape = table(for: id).shapes[id] else { return nil }
        return ShapeDescription(
            type: shape.type, members: (shape.members ?? []).compactMap { $0.count == 3 ? ($0[1], $0[2]) : nil },
            member: shape.member, value: shape.value, enumValues: shape.enumValues ?? [])
    }

    /// The input shape of `operation`, for the Lambda calls msk-esm mirrors (nil for the others).
    public static func inputShape(of operation: String) -> String? {
        table(for: operation).operations[operation]?.input
    }

    /// The output shape of `operation` ("lambda.GetEventSourceMapping" → "lambda.EventSourceMappingConfiguration").
    public static func outputShape(of operation: String) -> String? {
        table(for: operation).operations[operation]?.output
    }

    /// The member names of every structure reachable from the shape `id`, breadth first, `id`'s own first:
    /// where a value's shape is not known (a `--query` selection), the first structure holding all of an
    /// object's keys says the order botocore gave them.
    public static func structureMemberNames(reachableFrom id: String) -> [[String]] {
        var seen: Set<String> = [id]
        var queue = [id]
        var names: [[String]] = []
        var next = 0
        while next < queue.count {
            let current = queue[next]
            next += 1
            guard let description = shape(current) else { continue }
            if description.type == "structure" { names.append(description.members.map(\.name)) }
            let children = description.members.map(\.shape) + [description.member, description.value].compactMap { $0 }
            for child in children where !seen.contains(child) {
                seen.insert(child)
                queue.append(child)
            }
        }
        return names
    }

    // MARK: JSON protocols (rest-json, json)

    /// Renames and retypes a JSON response body per the operation's output shape.
    /// How timestamps of a JSON protocol's answer are printed.
    public enum TimestampStyle: Sendable {
        /// ISO 8601 in UTC, what msk-esm's documents (and AWS CLI v2) show.
        case iso8601
        /// As the service sent them (seconds since 1970 for Lambda): what AWS CLI v1, the project's oracle, prints.
        case wire
    }

    public static func fromJSON(_ value: JSONValue, operation: String, timestamps: TimestampStyle = .iso8601)
        -> JSONValue
    {
        let table = table(for: operation)
        guard let output = table.operations[operation]?.output else { return value }
        return convert(value, shape: output, in: table, timestamps: timestamps)
    }

    static func convert(_ value: JSONValue, shape id: String, in table: Table, timestamps: TimestampStyle) -> JSONValue
    {
        guard let shape = table.shapes[id] else { return value }
        switch shape.type {
        case "structure":
            guard case .object(let object) = value else { return value }
            var out: [String: JSONValue] = [:]
            for member in shape.members ?? [] where member.count == 3 {
                // botocore drops null members; so does the AWS CLI's output.
                if let item = object[member[0]], item != .null {
                    out[member[1]] = convert(item, shape: member[2], in: table, timestamps: timestamps)
                }
            }
            return .object(out)
        case "list":
            guard case .array(let items) = value, let memberShape = shape.member else { return value }
            return .array(items.map { convert($0, shape: memberShape, in: table, timestamps: timestamps) })
        case "map":
            guard case .object(let object) = value, let valueShape = shape.value else { return value }
            return .object(object.mapValues { convert($0, shape: valueShape, in: table, timestamps: timestamps) })
        case "timestamp":
            return timestamps == .wire ? value : timestamp(value)
        default:
            return value
        }
    }

    static func timestamp(_ value: JSONValue) -> JSONValue {
        switch value {
        case .number(let seconds): return .string(formatInstant(Date(timeIntervalSince1970: seconds)))
        case .string(let text):
            if let date = ISO8601Instant.parse(text) { return .string(formatInstant(date)) }
            if let seconds = Double(text) { return .string(formatInstant(Date(timeIntervalSince1970: seconds))) }
            return value
        default: return value
        }
    }

    /// ISO 8601 in UTC, with milliseconds only when there are any (ISO8601DateFormatter's output). Computed
    /// directly: creating an ISO8601DateFormatter per value (ICU) dominated the cost of a 100-mapping list.
    static func formatInstant(_ date: Date) -> String {
        let epoch = date.timeIntervalSince1970
        let whole = epoch.rounded(.down)
        let millis = Int(((epoch - whole) * 1000).rounded(.down))
        let seconds = Int(whole)
        let (days, secondOfDay) = (seconds.quotientAndRemainder(dividingBy: 86_400))
        let (day, second) = secondOfDay < 0 ? (days - 1, secondOfDay + 86_400) : (days, secondOfDay)
        // Days since 1970-01-01 → civil date (Howard Hinnant's algorithm).
        let z = day + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let dayOfMonth = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        func pad(_ value: Int, _ width: Int) -> String {
            let text = String(value)
            return text.count >= width ? text : String(repeating: "0", count: width - text.count) + text
        }
        var text =
            "\(pad(year, 4))-\(pad(month, 2))-\(pad(dayOfMonth, 2))T\(pad(second / 3600, 2)):"
            + "\(pad(second / 60 % 60, 2)):\(pad(second % 60, 2))"
        if epoch - whole > 0.0005 { text += "." + pad(millis, 3) }
        return text + "Z"
    }

    // MARK: XML protocols (query, ec2)

    /// Converts an XML response body (query protocol: inside `<XxxResult>`; ec2: the root element).
    public static func fromXML(_ data: Data, operation: String) throws -> JSONValue {
        let table = table(for: operation)
        guard let entry = table.operations[operation], let output = entry.output else { return .object([:]) }
        var element = try XMLTree(data).root
        if let wrapper = entry.resultWrapper {
            guard let result = element.children(named: wrapper).first else { return .object([:]) }
            element = result
        }
        return convert(element, shape: output, in: table)
    }

    static func children(of element: XMLTree.Element, named name: String) -> [XMLTree.Element] {
        element.children(named: name)
    }

    static func convert(_ element: XMLTree.Element, shape id: String, in table: Table) -> JSONValue {
        guard let shape = table.shapes[id] else { return .string(element.stringValue) }
        switch shape.type {
        case "structure":
            var out: [String: JSONValue] = [:]
            for member in shape.members ?? [] where member.count == 3 {
                let target = table.shapes[member[2]]
                if target?.type == "list", target?.flattened == true, let itemShape = target?.member {
                    let items = children(of: element, named: member[0])
                    if !items.isEmpty {
                        out[member[1]] = .array(items.map { convert($0, shape: itemShape, in: table) })
                    }
                } else if let child = children(of: element, named: member[0]).first {
                    out[member[1]] = convert(child, shape: member[2], in: table)
                }
            }
            return .object(out)
        case "list":
            guard let memberShape = shape.member else { return .array([]) }
            return .array(
                children(of: element, named: shape.memberName ?? "member").map {
                    convert($0, shape: memberShape, in: table)
                })
        case "map":
            var out: [String: JSONValue] = [:]
            for entry in children(of: element, named: "entry") {
                guard let key = children(of: entry, named: shape.keyName ?? "key").first?.stringValue,
                    let valueElement = children(of: entry, named: shape.valueName ?? "value").first,
                    let valueShape = shape.value
                else { continue }
                out[key] = convert(valueElement, shape: valueShape, in: table)
            }
            return .object(out)
        default:
            return scalar(element.stringValue, type: shape.type)
        }
    }

    static func scalar(_ text: String, type: String) -> JSONValue {
        switch type {
        case "integer", "long", "float", "double":
            if let number = Double(text.trimmingSpaces()) { return .number(number) }
            return .string(text)
        case "boolean":
            return .bool(text.trimmingSpaces().lowercased() == "true")
        case "timestamp":
            return timestamp(.string(text))
        default:
            return .string(text)
        }
    }
}
