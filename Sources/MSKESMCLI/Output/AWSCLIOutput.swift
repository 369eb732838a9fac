import MSKESMAWS
import MSKESMCore

/// The AWS CLI's output layouts (AWS CLI v1, the project's pinned oracle), for AWS responses and for values
/// `--query` selected.
public enum AWSCLIOutput {
    /// The order the AWS CLI prints an object's members in, which ``JSONValue`` does not keep: botocore builds a
    /// response's objects in its model's member order, and jmespath a multi-select hash in the order written.
    public struct MemberOrder: Sendable {
        /// The shape of the value printed (`lambda.EventSourceMappingConfiguration`), when known: its members, and
        /// its members' members, print in model order.
        public var shape: String?
        /// The keys of the `--query` expression's multi-select hashes.
        public var hashKeyOrders: [[String]]
        /// The member names of the structures a selection may hold (from the response's shape), for objects whose
        /// shape is not known.
        public var structures: [[String]]

        public init(shape: String? = nil, hashKeyOrders: [[String]] = [], structures: [[String]] = []) {
            self.shape = shape
            self.hashKeyOrders = hashKeyOrders
            self.structures = structures
        }

        /// Key order only: msk-esm's own documents, whose members print sorted.
        public static let sorted = MemberOrder()

        /// For the response of `operation` (`lambda.GetEventSourceMapping`), whole or as selected by `query`.
        public static func response(of operation: String, hashKeyOrders: [[String]] = [], selected: Bool) -> MemberOrder
        {
            let shape = ServiceShapes.outputShape(of: operation)
            if !selected { return MemberOrder(shape: shape) }
            return MemberOrder(
                hashKeyOrders: hashKeyOrders,
                structures: shape.map(ServiceShapes.structureMemberNames(reachableFrom:)) ?? [])
        }

        /// `keys` in the order printed, with the shape of each member's value where known. Without a shape: a
        /// hash of the expression with exactly these keys, else the first structure holding them all, else sorted.
        func ordered(_ keys: [String], shape id: String?) -> [(key: String, shape: String?)] {
            let sortedKeys = keys.sorted(by: AWSCLITable.pythonOrder)
            if let id, let description = ServiceShapes.shape(id) {
                if description.type == "map" { return sortedKeys.map { ($0, description.value) } }
                if description.type == "structure" {
                    let present = Set(keys)
                    let modelled = description.members.filter { present.contains($0.name) }.map {
                        ($0.name, Optional($0.shape))
                    }
                    let known = Set(description.members.map(\.name))
                    return modelled + sortedKeys.filter { !known.contains($0) }.map { ($0, nil) }
                }
            }
            let keySet = Set(keys)
            if let hash = hashKeyOrders.first(where: { $0.count == keys.count && Set($0) == keySet }) {
                return hash.map { ($0, nil) }
            }
            if let structure = structures.first(where: { keySet.isSubset(of: $0) }) {
                return structure.filter { keySet.contains($0) }.map { ($0, nil) }
            }
            return sortedKeys.map { ($0, nil) }
        }

        func elementShape(_ id: String?) -> String? {
            id.flatMap(ServiceShapes.shape).flatMap { $0.type == "list" ? $0.member : nil }
        }
    }

    /// `--output json`: `json.dump(value, indent=4, ensure_ascii=False)` and a newline, as `awscli/formatter.py`
    /// (JSONFormatter) writes it, with object members in `order`; nothing for an empty object, which it skips.
    public static func json(_ value: JSONValue, order: MemberOrder = .sorted) -> String {
        if value == .object([:]) { return "" }
        var output = ""
        appendJSON(value, shape: order.shape, order: order, depth: 0, into: &output)
        return output + "\n"
    }

    private static func appendJSON(
        _ value: JSONValue, shape: String?, order: MemberOrder, depth: Int, into output: inout String
    ) {
        let inner = "\n" + String(repeating: " ", count: 4 * (depth + 1))
        switch value {
        case .array(let elements) where !elements.isEmpty:
            let elementShape = order.elementShape(shape)
            output += "["
            for (index, element) in elements.enumerated() {
                output += (index == 0 ? "" : ",") + inner
                appendJSON(element, shape: elementShape, order: order, depth: depth + 1, into: &output)
            }
            output += "\n" + String(repeating: " ", count: 4 * depth) + "]"
        case .object(let members) where !members.isEmpty:
            output += "{"
            for (index, member) in order.ordered(Array(members.keys), shape: shape).enumerated() {
                output += (index == 0 ? "" : ",") + inner + JSONWriter.write(.string(member.key), pretty: false) + ": "
                appendJSON(
                    members[member.key] ?? .null, shape: member.shape, order: order, depth: depth + 1, into: &output)
            }
            output += "\n" + String(repeating: " ", count: 4 * depth) + "}"
        default:
            // Scalars, [] and {}: the same text in both writers (escapes as Python's with ensure_ascii=False).
            output += JSONWriter.write(value, pretty: false)
        }
    }

    /// `--output text` (`awscli/text.py`): tab-separated values that scripts read with `cut -f`. An object's
    /// scalar members form one line in key order; its lists and objects follow, each headed by its key in
    /// capitals; a list of objects gives one line per object, over the union of their scalar keys. Scalars
    /// print as Python's `str()` prints them (`True`, `None`), which is what the CLI writes.
    public static func text(_ value: JSONValue) -> String {
        var output = ""
        format(value, identifier: nil, scalarKeys: nil, into: &output)
        return output
    }

    private static func format(
        _ value: JSONValue, identifier: String?, scalarKeys: [String]?, into output: inout String
    ) {
        switch value {
        case .object(let members): formatObject(members, identifier: identifier, scalarKeys: scalarKeys, into: &output)
        case .array(let elements): formatList(elements, identifier: identifier, into: &output)
        default: output += scalar(value) + "\n"
        }
    }

    private static func formatList(_ elements: [JSONValue], identifier: String?, into output: inout String) {
        guard !elements.isEmpty else { return }
        if elements.contains(where: { $0.objectValue != nil }) {
            let keys = Set(
                elements.flatMap { element in
                    (element.objectValue ?? [:]).filter { !isCollection($0.value) }.keys
                }
            ).sorted()
            for element in elements { format(element, identifier: identifier, scalarKeys: keys, into: &output) }
        } else if elements.contains(where: { $0.arrayValue != nil }) {
            let scalars = elements.filter { !isCollection($0) }
            if !scalars.isEmpty { formatScalars(scalars, identifier: identifier, into: &output) }
            for element in elements where isCollection(element) {
                format(element, identifier: identifier, scalarKeys: nil, into: &output)
            }
        } else {
            formatScalars(elements, identifier: identifier, into: &output)
        }
    }

    private static func formatScalars(_ elements: [JSONValue], identifier: String?, into output: inout String) {
        if let identifier {
            for element in elements { output += identifier.uppercased() + "\t" + scalar(element) + "\n" }
        } else {
            output += elements.map(scalar).joined(separator: "\t") + "\n"
        }
    }

    private static func formatObject(
        _ members: [String: JSONValue], identifier: String?, scalarKeys: [String]?, into output: inout String
    ) {
        var scalars: [String] = []
        var collections: [(String, JSONValue)] = []
        if let scalarKeys {
            // A row of a list of objects: every scalar key of the list, empty where this object lacks it.
            scalars = scalarKeys.map { members[$0].map(scalar) ?? "" }
            let keys = Set(scalarKeys)
            collections = members.keys.filter { !keys.contains($0) }.sorted().map { ($0, members[$0] ?? .null) }
        } else {
            for key in members.keys.sorted() {
                let member = members[key] ?? .null
                if isCollection(member) { collections.append((key, member)) } else { scalars.append(scalar(member)) }
            }
        }
        if !scalars.isEmpty {
            if let identifier { scalars.insert(identifier.uppercased(), at: 0) }
            output += scalars.joined(separator: "\t") + "\n"
        }
        for (key, member) in collections { format(member, identifier: key, scalarKeys: nil, into: &output) }
    }

    private static func isCollection(_ value: JSONValue) -> Bool {
        value.objectValue != nil || value.arrayValue != nil
    }

    /// A scalar as Python's `str()` prints the value `json.loads` made of it. A whole number prints as an
    /// integer: ``JSONValue`` does not keep whether the text was `1` or `1.0`.
    static func scalar(_ value: JSONValue) -> String {
        switch value {
        case .null: return "None"
        case .bool(let flag): return flag ? "True" : "False"
        case .string(let text): return text
        case .number(let number):
            if number.rounded() == number, abs(number) < 9e15 { return String(Int64(number)) }
            return number.description
        case .array, .object: return JSONWriter.write(value, pretty: false)
        }
    }
}
