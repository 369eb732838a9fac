import Foundation

/// An Apache Avro schema, as its JSON form declares it (docs/aws-facts.md#schema-registry-payloads):
/// the primitives, records, enums, arrays, maps, unions and fixed. Logical types are read as their underlying
/// type, so a `date` decodes to its `int` and a `decimal` to its bytes. Named types are kept in ``AvroSchemaDocument``
/// and referred to by full name, which lets a record refer to itself.
public indirect enum AvroSchema: Sendable, Equatable {
    case null, boolean, int, long, float, double, bytes, string
    /// A record (or an `error`): its full name and its fields in order.
    case record(name: String, fields: [AvroField])
    /// An enum: its full name and its symbols.
    case enumeration(name: String, symbols: [String])
    /// An array of `items`.
    case array(AvroSchema)
    /// A map of string keys to `values`.
    case map(AvroSchema)
    /// A union: the value's branch index comes first.
    case union([AvroSchema])
    /// A fixed: its full name and its size in bytes.
    case fixed(name: String, size: Int)
    /// A named type declared elsewhere in the document, by full name.
    case reference(String)
}

/// One field of an Avro record.
public struct AvroField: Sendable, Equatable {
    /// The field's name, the key of the decoded object.
    public var name: String
    /// The field's type.
    public var type: AvroSchema
}

/// A parsed Avro schema with its named types, ready to decode with ``AvroBinaryDecoder``.
public struct AvroSchemaDocument: Sendable, Equatable {
    /// The top-level schema.
    public var root: AvroSchema
    /// Every named type (record, enum, fixed) by full name.
    public var named: [String: AvroSchema]

    /// The deepest nesting of schema JSON read; a deeper document is refused, not recursed into.
    static let maximumDepth = 200

    /// Parses an Avro schema document; `ToolError` (exit 2) naming `source` when it is not one.
    public static func parse(_ data: Data, source: String) throws -> AvroSchemaDocument {
        guard let json = try? JSONValue.parse(data) else {
            throw ToolError.usage(
                "the schema is not JSON", input: source, fix: "give an Avro schema (.avsc) in its JSON form")
        }
        return try parse(json, source: source)
    }

    /// Parses the JSON form of an Avro schema.
    public static func parse(_ json: JSONValue, source: String) throws -> AvroSchemaDocument {
        var parser = Parser(source: source)
        let root = try parser.schema(json, namespace: nil, depth: 0)
        return AvroSchemaDocument(root: root, named: parser.named)
    }

    struct Parser {
        let source: String
        var named: [String: AvroSchema] = [:]

        static let primitives: [String: AvroSchema] = [
            "null": .null, "boolean": .boolean, "int": .int, "long": .long, "float": .float, "double": .double,
            "bytes": .bytes, "string": .string,
        ]

        func fail(_ what: String) -> ToolError {
            ToolError.usage(
                "not a valid Avro schema: \(what)", input: source,
                fix: "check the schema against https://avro.apache.org/docs/1.11.1/specification/")
        }

        func fullName(_ name: String, namespace: String?) -> String {
            if name.contains(".") { return name }
            guard let namespace, !namespace.isEmpty else { return name }
            return namespace + "." + name
        }

        func resolve(_ name: String, namespace: String?) -> String? {
            let full = fullName(name, namespace: namespace)
            if named[full] != nil { return full }
            if named[name] != nil { return name }
            return nil
        }

        mutating func schema(_ json: JSONValue, namespace: String?, depth: Int) throws -> AvroSchema {
            guard depth < AvroSchemaDocument.maximumDepth else { throw fail("nested deeper than \(maximumDepth)") }
            switch json {
            case .string(let name):
                if let primitive = Self.primitives[name] { return primitive }
                guard let full = resolve(name, namespace: namespace) else { throw fail("unknown type \(name)") }
                return .reference(full)
            case .array(let branches):
                guard !branches.isEmpty else { throw fail("an empty union") }
                return .union(try branches.map { try schema($0, namespace: namespace, depth: depth + 1) })
            case .object(let members):
                return try complex(members, namespace: namespace, depth: depth)
            default:
                throw fail("a type must be a name, a list (union) or an object")
            }
        }

        mutating func complex(_ members: [String: JSONValue], namespace: String?, depth: Int) throws -> AvroSchema {
            guard let typeValue = members["type"] else { throw fail("an object without \"type\"") }
            guard case .string(let type) = typeValue else {
                // {"type": {...}} or {"type": [...]}: the type is the nested schema.
                return try schema(typeValue, namespace: namespace, depth: depth + 1)
            }
            func name() throws -> (full: String, namespace: String?) {
                guard let name = members["name"]?.stringValue, !name.isEmpty else {
                    throw fail("a \(type) without a name")
                }
                let space = members["namespace"]?.stringValue ?? namespace
                let full = fullName(name, namespace: space)
                let enclosing = full.contains(".") ? String(full[..<(full.lastIndex(of: ".") ?? full.endIndex)]) : nil
                return (full, enclosing)
            }
            switch type {
            case "record", "error":
                let (full, space) = try name()
                // Declared before its fields, so a field may refer to the record itself.
                named[full] = .record(name: full, fields: [])
                guard case .array(let list)? = members["fields"] else {
                    throw fail("record \(full) has no fields list")
                }
                var fields: [AvroField] = []
                for field in list {
                    guard let fieldName = field["name"]?.stringValue, let fieldType = field["type"] else {
                        throw fail("a field of \(full) has no name or type")
                    }
                    fields.append(
                        AvroField(name: fieldName, type: try schema(fieldType, namespace: space, depth: depth + 1)))
                }
                named[full] = .record(name: full, fields: fields)
                return .reference(full)
            case "enum":
                let (full, _) = try name()
                let symbols = members["symbols"]?.arrayValue?.compactMap(\.stringValue) ?? []
                guard !symbols.isEmpty else { throw fail("enum \(full) has no symbols") }
                named[full] = .enumeration(name: full, symbols: symbols)
                return .reference(full)
            case "fixed":
                let (full, _) = try name()
                guard let size = members["size"]?.intValue, size >= 0 else { throw fail("fixed \(full) has no size") }
                named[full] = .fixed(name: full, size: size)
                return .reference(full)
            case "array":
                guard let items = members["items"] else { throw fail("an array without items") }
                return .array(try schema(items, namespace: namespace, depth: depth + 1))
            case "map":
                guard let values = members["values"] else { throw fail("a map without values") }
                return .map(try schema(values, namespace: namespace, depth: depth + 1))
            default:
                // A primitive in object form, possibly with a logicalType: read as the underlying type.
                return try schema(.string(type), namespace: namespace, depth: depth + 1)
            }
        }
    }
}
