import Foundation

/// Least-privilege policy statements that add exactly what is missing: each statement grants one set of
/// actions on exactly the resources that need that set, so nothing beyond the requested pairs is granted.
package enum PolicySuggestion {
    /// One action on one resource that should be allowed.
    package struct Grant: Sendable, Equatable, Hashable {
        package var action: String
        package var resource: String

        package init(action: String, resource: String) {
            self.action = action
            self.resource = resource
        }
    }

    /// The `Statement` entries for `grants`, grouped by resource and then by identical action sets, in the
    /// order the grants come. `sidPrefix` names them (`MskEsm1`, `MskEsm2`, …).
    package static func statements(for grants: [Grant], sidPrefix: String = "MskEsm") -> [JSONValue] {
        var actionsByResource: [(resource: String, actions: [String])] = []
        for grant in grants {
            if let index = actionsByResource.firstIndex(where: { $0.resource == grant.resource }) {
                if !actionsByResource[index].actions.contains(where: { $0.lowercased() == grant.action.lowercased() }) {
                    actionsByResource[index].actions.append(grant.action)
                }
            } else {
                actionsByResource.append((grant.resource, [grant.action]))
            }
        }
        var groups: [(actions: [String], resources: [String])] = []
        for entry in actionsByResource {
            let key = Set(entry.actions.map { $0.lowercased() })
            if let index = groups.firstIndex(where: { Set($0.actions.map { $0.lowercased() }) == key }) {
                groups[index].resources.append(entry.resource)
            } else {
                groups.append((entry.actions, [entry.resource]))
            }
        }
        return groups.enumerated().map { offset, group in
            let suffix = groups.count == 1 ? "" : String(offset + 1)
            return [
                "Sid": .string(sidPrefix + suffix),
                "Effect": "Allow",
                "Action": group.actions.count == 1
                    ? .string(group.actions[0]) : .array(group.actions.map { .string($0) }),
                "Resource": group.resources.count == 1
                    ? .string(group.resources[0]) : .array(group.resources.map { .string($0) }),
            ]
        }
    }

    /// A whole policy document holding `statements`.
    package static func document(_ statements: [JSONValue]) -> JSONValue {
        ["Version": "2012-10-17", "Statement": .array(statements)]
    }

    /// Compact JSON in the conventional key order (Version, Statement; Sid, Effect, Principal, Action,
    /// Resource, Condition), for pasting into a console or a command line.
    package static func json(_ value: JSONValue) -> String {
        let order = ["Version", "Statement", "Sid", "Effect", "Principal", "Action", "Resource", "Condition"]
        switch value {
        case .object(let members):
            let keys = members.keys.sorted {
                (order.firstIndex(of: $0) ?? 99, $0) < (order.firstIndex(of: $1) ?? 99, $1)
            }
            return "{"
                + keys.map { JSONStringLiteral.quoted($0) + ":" + json(members[$0] ?? .null) }.joined(separator: ",")
                + "}"
        case .array(let items):
            return "[" + items.map(json).joined(separator: ",") + "]"
        case .string(let text):
            return JSONStringLiteral.quoted(text)
        default:
            let encoder = JSONEncoder()
            return (try? encoder.encode(value)).flatMap { String(data: $0, encoding: .utf8) } ?? "null"
        }
    }

    /// `aws iam put-role-policy` adding `statements` as an inline policy of the role.
    package static func putRolePolicyCommand(roleName: String?, policyName: String, statements: [JSONValue]) -> String {
        "aws iam put-role-policy --role-name \(shellQuoted(roleName ?? "<role-name>")) --policy-name "
            + "\(shellQuoted(policyName)) --policy-document \(shellQuoted(json(document(statements))))"
    }

    /// POSIX shell single quotes; plain words stay bare.
    static func shellQuoted(_ text: String) -> String {
        // Byte by byte: the characters that need no quotes are ASCII, and a `'` is one byte. Character
        // properties and NSString's `replacingOccurrences` took 1 % of linting a 500-resource template
        // (Benchmarks/cases/lint-500.sh), for a policy document per missing permission.
        if !text.isEmpty, text.utf8.allSatisfy({ unquoted.contains($0) }) { return text }
        var quoted: [UInt8] = [UInt8(ascii: "'")]
        quoted.reserveCapacity(text.utf8.count + 2)
        for byte in text.utf8 {
            if byte == UInt8(ascii: "'") {
                quoted.append(contentsOf: "'\\''".utf8)
            } else {
                quoted.append(byte)
            }
        }
        quoted.append(UInt8(ascii: "'"))
        return String(decoding: quoted, as: UTF8.self)
    }

    /// The bytes a shell word may hold without quotes: ASCII letters and digits and `-_./:=@`.
    static let unquoted = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_./:=@".utf8)
}
