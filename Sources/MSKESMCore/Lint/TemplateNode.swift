import Foundation

/// Where a node starts in a template file: 1-based line and column, as editors and SARIF count them.
public struct TemplatePosition: Sendable, Hashable, Codable {
    /// The 1-based line.
    public var line: Int
    /// The 1-based column.
    public var column: Int

    /// A position at `line`, `column` (both 1-based).
    public init(line: Int, column: Int) {
        self.line = line
        self.column = column
    }
}

/// One value of a CloudFormation template as read from the file, with where it starts. Short-form intrinsic
/// tags (`!Ref X`, `!GetAtt A.B`, `!Sub …`) are read into their long form (`{"Ref": "X"}`,
/// `{"Fn::GetAtt": ["A", "B"]}`, `{"Fn::Sub": …}`) by the reader, so everything after reading sees one form
/// (https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/intrinsic-function-reference.html).
public struct TemplateNode: Sendable, Equatable {
    /// The value; objects keep their keys in file order. Not `indirect`: the arrays already hold the nested
    /// nodes on the heap, and the boxes of an indirect enum built through the delegating initialiser below leaked
    /// (LeakSanitizer, `swift test --sanitize=address`).
    public enum Value: Sendable, Equatable {
        case null
        case bool(Bool)
        case number(Double)
        case string(String)
        case array([TemplateNode])
        case object([(key: String, value: TemplateNode)])

        public static func == (lhs: Value, rhs: Value) -> Bool {
            switch (lhs, rhs) {
            case (.null, .null): true
            case let (.bool(a), .bool(b)): a == b
            case let (.number(a), .number(b)): a == b
            case let (.string(a), .string(b)): a == b
            case let (.array(a), .array(b)): a == b
            case let (.object(a), .object(b)):
                a.count == b.count && zip(a, b).allSatisfy { $0.key == $1.key && $0.value == $1.value }
            default: false
            }
        }
    }

    /// The value.
    public var value: Value
    /// Where the value starts in the file; nil for a node made by the tool (a SAM expansion).
    public var position: TemplatePosition?

    /// A node holding `value` at `position`.
    public init(_ value: Value, at position: TemplatePosition? = nil) {
        self.value = value
        self.position = position
    }

    /// The member `key` of an object node.
    public subscript(key: String) -> TemplateNode? {
        guard case .object(let members) = value else { return nil }
        return members.first { $0.key == key }?.value
    }

    /// The members of an object node, in file order.
    public var members: [(key: String, value: TemplateNode)]? {
        if case .object(let members) = value { return members }
        return nil
    }

    /// The elements of an array node.
    public var elements: [TemplateNode]? {
        if case .array(let elements) = value { return elements }
        return nil
    }

    /// The text of a string node.
    public var stringValue: String? {
        if case .string(let text) = value { return text }
        return nil
    }

    /// The node as plain JSON, intrinsic functions left as they are.
    public var json: JSONValue {
        switch value {
        case .null: .null
        case .bool(let flag): .bool(flag)
        case .number(let number): .number(number)
        case .string(let text): .string(text)
        case .array(let elements): .array(elements.map(\.json))
        case .object(let members):
            .object(Dictionary(members.map { ($0.key, $0.value.json) }, uniquingKeysWith: { _, last in last }))
        }
    }

    /// A node made from plain JSON (object keys sorted), with no position: what a SAM expansion writes.
    public init(json: JSONValue, at position: TemplatePosition? = nil) {
        let value: Value
        switch json {
        case .null: value = .null
        case .bool(let flag): value = .bool(flag)
        case .number(let number): value = .number(number)
        case .string(let text): value = .string(text)
        case .array(let elements): value = .array(elements.map { TemplateNode(json: $0, at: position) })
        case .object(let members):
            value = .object(
                members.sorted { $0.key < $1.key }.map { ($0.key, TemplateNode(json: $0.value, at: position)) })
        }
        self.init(value, at: position)
    }

    /// The node at a property path below this one (`["Properties", "Topics", "0"]`), as far as it exists.
    public func node(at path: [String]) -> TemplateNode? {
        var node = self
        for step in path {
            if let member = node[step] {
                node = member
            } else if let index = Int(step), let elements = node.elements, elements.indices.contains(index) {
                node = elements[index]
            } else {
                return nil
            }
        }
        return node
    }
}
