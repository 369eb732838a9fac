import Foundation
import MSKESMAWS
import MSKESMCore

/// What the AWS CLI does to a structure or list parameter after parsing its shorthand: scalars become the
/// model's types (integers, doubles, booleans) and a single value where the model has a list becomes a list
/// (awscli/shorthand.py's `BackCompatVisitor`); then, as botocore's parameter validation does, members the
/// model does not have and values of the wrong type are refused. The model is the Lambda shape table msk-esm
/// ships (the request members of a mapping share their shapes with the mapping's description).
enum AWSCLIParameterShapes {
    /// Why a value does not fit its shape: the JSON path and what was expected.
    struct Mismatch: Error, Equatable {
        var path: String
        var expected: String
    }

    /// The shape of the mapping request member `member` (e.g. "SourceAccessConfigurations").
    static func requestMemberShape(_ member: String) -> String? {
        ServiceShapes.shape("lambda.EventSourceMappingConfiguration")?.members.first { $0.name == member }?.shape
    }

    /// `BackCompatVisitor` over `value` by `shape`; nil shape: unchanged.
    static func converted(_ value: JSONValue, shape id: String?) throws -> JSONValue {
        try visit(value, shape: id, path: "$")
    }

    private static func visit(_ value: JSONValue, shape id: String?, path: String) throws -> JSONValue {
        guard let id, let shape = ServiceShapes.shape(id) else { return value }
        switch shape.type {
        case "structure":
            guard case .object(var object) = value else { return value }
            for (name, memberShape) in shape.members {
                guard let member = object[name] else { continue }
                object[name] = try visitMember(member, shape: memberShape, path: "\(path).\(name)")
            }
            return .object(object)
        case "map":
            guard case .object(var object) = value, let valueShape = shape.value else { return value }
            for (key, member) in object {
                object[key] = try visitMember(member, shape: valueShape, path: "\(path).\(key)")
            }
            return .object(object)
        case "list":
            guard case .array(let items) = value, let memberShape = shape.member else { return value }
            return .array(
                try items.enumerated().map { try visitMember($1, shape: memberShape, path: "\(path)[\($0)]") })
        default:
            return try scalar(value, type: shape.type, path: path)
        }
    }

    /// A member, where a lone value stands for a one-element list.
    private static func visitMember(_ value: JSONValue, shape id: String, path: String) throws -> JSONValue {
        if ServiceShapes.shape(id)?.type == "list", value.arrayValue == nil { return .array([value]) }
        return try visit(value, shape: id, path: path)
    }

    private static func scalar(_ value: JSONValue, type: String, path: String) throws -> JSONValue {
        guard case .string(let text) = value else { return value }
        switch type {
        case "integer", "long":
            guard let number = Int(text.trimmingWhitespaceAndNewlines()) else {
                throw Mismatch(path: path, expected: "a whole number")
            }
            return .number(Double(number))
        case "double", "float":
            guard let number = Double(text.trimmingWhitespaceAndNewlines()) else {
                throw Mismatch(path: path, expected: "a number")
            }
            return .number(number)
        case "boolean":
            switch text.lowercased() {
            case "true": return .bool(true)
            case "false": return .bool(false)
            default: return value
            }
        default:
            return value
        }
    }

    /// botocore's parameter validation, as far as shapes go: no member the model lacks, each value of its type.
    static func validate(_ value: JSONValue, shape id: String?, path: String = "$") throws {
        guard let id, let shape = ServiceShapes.shape(id) else { return }
        switch (shape.type, value) {
        case ("structure", .object(let object)):
            for (name, member) in object {
                guard let memberShape = shape.members.first(where: { $0.name == name })?.shape else {
                    throw Mismatch(
                        path: "\(path).\(name)",
                        expected: "one of \(shape.members.map(\.name).joined(separator: ", ")) (no member \(name))")
                }
                try validate(member, shape: memberShape, path: "\(path).\(name)")
            }
        case ("map", .object(let object)):
            for (key, member) in object { try validate(member, shape: shape.value, path: "\(path).\(key)") }
        case ("list", .array(let items)):
            for (index, item) in items.enumerated() {
                try validate(item, shape: shape.member, path: "\(path)[\(index)]")
            }
        case ("string", .string), ("integer", .number), ("long", .number), ("double", .number), ("float", .number),
            ("boolean", .bool), ("timestamp", .number), ("timestamp", .string), ("blob", .string):
            return
        default:
            throw Mismatch(
                path: path,
                expected: shape.type == "structure" ? "an object" : shape.type == "list" ? "a list" : "a \(shape.type)")
        }
    }
}
