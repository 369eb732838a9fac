import Foundation

/// Reads IAM policy documents the ways users and AWS hand them over: a plain document, the output of
/// `aws iam get-policy-version` (`{"PolicyVersion": {"Document": …}}`), of `aws iam get-role-policy`
/// (`{"RoleName", "PolicyName", "PolicyDocument"}`) or of `aws iam get-role` (its
/// `AssumeRolePolicyDocument`, the trust policy); each document either as a JSON object or as the
/// URL-encoded string (RFC 3986) that the IAM API returns (docs/aws-facts.md#reading-iam-policies).
/// Errors are `ToolError`s (exit 2) naming the source and the JSON path.
public enum PolicyDocumentReader {
    /// Parses the text of one input. `source` names it in errors and is the document's name unless the
    /// input carries a `PolicyName`.
    public static func read(text: String, source: String) throws -> PolicyDocument {
        let trimmed = text.trimmingWhitespaceAndNewlines()
        let root = try parseJSON(trimmed, source: source, path: "$")
        let name = displayName(source)
        guard case .object(let members) = root else {
            throw error("not a JSON object", source, "$", fix: "give a policy document or an aws iam get-… output")
        }
        if let version = members["PolicyVersion"] {
            guard let document = version["Document"] else {
                throw error(
                    "PolicyVersion has no Document", source, "$.PolicyVersion",
                    fix: "give the whole output of aws iam get-policy-version")
            }
            return try self.document(document, name: name, source: source, path: "$.PolicyVersion.Document")
        }
        if let document = members["PolicyDocument"] {
            let policyName = members["PolicyName"]?.stringValue ?? name
            return try self.document(document, name: policyName, source: source, path: "$.PolicyDocument")
        }
        if let role = members["Role"], let trust = role["AssumeRolePolicyDocument"] {
            let roleName = role["RoleName"]?.stringValue.map { "\($0) trust policy" } ?? name
            return try self.document(trust, name: roleName, source: source, path: "$.Role.AssumeRolePolicyDocument")
        }
        return try parse(root, name: name, source: source, path: "$")
    }

    /// Reads a document held in a JSON value that is either the document or its URL-encoded string.
    public static func document(_ value: JSONValue, name: String, source: String, path: String) throws
        -> PolicyDocument
    {
        switch value {
        case .string(let encoded):
            let json = try parseJSON(
                encoded.trimmingWhitespaceAndNewlines(), source: source, path: path)
            return try parse(json, name: name, source: source, path: path)
        default:
            return try parse(value, name: name, source: source, path: path)
        }
    }

    /// Decodes RFC 3986 percent-encoding (`%7B%22Version%22…`). `+` stays `+`: IAM encodes spaces as `%20`.
    public static func percentDecoded(_ text: String) -> String? {
        text.removingPercentEncoding
    }

    // MARK: - Parsing

    static func parseJSON(_ text: String, source: String, path: String) throws -> JSONValue {
        var text = text
        if !text.hasPrefix("{") && !text.hasPrefix("[") && text.contains("%") {
            guard let decoded = percentDecoded(text) else {
                throw error(
                    "invalid URL encoding", source, path, fix: "give the document as IAM returned it, or as JSON")
            }
            text = decoded.trimmingWhitespaceAndNewlines()
        }
        let parsed: (value: JSONValue, duplicateKeys: [String])
        do {
            parsed = try JSONParser.parse(text)
        } catch {
            throw Self.error("not valid JSON", source, path, fix: "check the policy document's syntax")
        }
        // A key given twice: which value IAM would use is not documented, so neither is picked.
        if let duplicate = parsed.duplicateKeys.first {
            let at = path + duplicate.dropFirst()
            throw Self.error(
                "a key appears more than once", source, at,
                fix: "keep one \(duplicate.split(separator: ".").last.map(String.init) ?? "") member")
        }
        return parsed.value
    }

    static func parse(_ value: JSONValue, name: String, source: String, path: String) throws -> PolicyDocument {
        guard case .object(let members) = value else {
            throw error("a policy document must be a JSON object", source, path, fix: "give a policy document")
        }
        var version = PolicyDocument.Version.v2008  // AWS's default when Version is absent.
        if let given = members["Version"] {
            guard let text = given.stringValue, let known = PolicyDocument.Version(rawValue: text) else {
                throw error(
                    "unknown policy Version", source, path + ".Version",
                    fix: "use \"2012-10-17\" (or \"2008-10-17\")")
            }
            version = known
        }
        guard let statementValue = members["Statement"] else {
            throw error("the policy has no Statement", source, path, fix: "give a policy document with a Statement")
        }
        var statements: [PolicyStatement] = []
        switch statementValue {
        case .array(let items):
            for (index, item) in items.enumerated() {
                statements.append(
                    try statement(item, index: index, source: source, path: "\(path).Statement[\(index)]"))
            }
        case .object:
            statements.append(try statement(statementValue, index: 0, source: source, path: "\(path).Statement"))
        default:
            throw error(
                "Statement must be an object or an array", source, path + ".Statement",
                fix: "write Statement as [ {…}, … ]")
        }
        return PolicyDocument(name: name, version: version, statements: statements)
    }

    static func statement(_ value: JSONValue, index: Int, source: String, path: String) throws -> PolicyStatement {
        guard case .object(let members) = value else {
            throw error("a statement must be a JSON object", source, path, fix: "write each statement as {…}")
        }
        guard let effectText = members["Effect"]?.stringValue,
            let effect = PolicyStatement.Effect(rawValue: effectText)
        else {
            throw error("Effect must be \"Allow\" or \"Deny\"", source, path + ".Effect", fix: "set Effect")
        }
        let sid: String?
        switch members["Sid"] {
        case nil, .null: sid = nil
        case .string(let text): sid = text
        default: throw error("Sid must be a string", source, path + ".Sid", fix: "write Sid as a string")
        }
        let actions = try stringMatcher(members, "Action", "NotAction", source: source, path: path)
        guard let actions else {
            throw error("the statement has neither Action nor NotAction", source, path, fix: "add an Action")
        }
        let resources = try stringMatcher(members, "Resource", "NotResource", source: source, path: path)
        let principals = try principalMatcher(members, source: source, path: path)
        let conditions = try conditionClauses(members["Condition"], source: source, path: path + ".Condition")
        return PolicyStatement(
            sid: sid, index: index, effect: effect, actions: actions, resources: resources, principals: principals,
            conditions: conditions)
    }

    static func stringMatcher(
        _ members: [String: JSONValue], _ positive: String, _ negative: String, source: String, path: String
    ) throws -> PolicyStatement.Matcher<String>? {
        if members[positive] != nil && members[negative] != nil {
            throw error("the statement has both \(positive) and \(negative)", source, path, fix: "keep one of them")
        }
        if let value = members[positive] {
            return .init(try strings(value, source: source, path: "\(path).\(positive)"))
        }
        if let value = members[negative] {
            return .init(try strings(value, source: source, path: "\(path).\(negative)"), negated: true)
        }
        return nil
    }

    static func strings(_ value: JSONValue, source: String, path: String) throws -> [String] {
        switch value {
        case .string(let text): return [text]
        case .array(let items):
            return try items.enumerated().map { offset, item in
                guard let text = item.stringValue else {
                    throw error("expected a string", source, "\(path)[\(offset)]", fix: "write the value as a string")
                }
                return text
            }
        default:
            throw error("expected a string or an array of strings", source, path, fix: "write it as \"…\" or [\"…\"]")
        }
    }

    static func principalMatcher(_ members: [String: JSONValue], source: String, path: String) throws
        -> PolicyStatement.Matcher<PolicyPrincipal>?
    {
        if members["Principal"] != nil && members["NotPrincipal"] != nil {
            throw error("the statement has both Principal and NotPrincipal", source, path, fix: "keep one of them")
        }
        let key = members["Principal"] != nil ? "Principal" : "NotPrincipal"
        guard let value = members[key] else { return nil }
        let elementPath = "\(path).\(key)"
        var principals: [PolicyPrincipal] = []
        switch value {
        case .string("*"):
            principals = [.anyone]
        case .object(let types):
            for (type, identifiers) in types.sorted(by: { $0.key < $1.key }) {
                for identifier in try strings(identifiers, source: source, path: "\(elementPath).\(type)") {
                    principals.append(PolicyPrincipal(type: type, identifier: identifier))
                }
            }
        default:
            throw error(
                "Principal must be \"*\" or an object", source, elementPath,
                fix: "write it as {\"Service\": \"lambda.amazonaws.com\"}")
        }
        return .init(principals, negated: key == "NotPrincipal")
    }

    static func conditionClauses(_ value: JSONValue?, source: String, path: String) throws -> [ConditionClause] {
        guard let value else { return [] }
        guard case .object(let operators) = value else {
            throw error("Condition must be an object", source, path, fix: "write {\"Operator\": {\"key\": \"value\"}}")
        }
        var clauses: [ConditionClause] = []
        for (name, block) in operators.sorted(by: { $0.key < $1.key }) {
            let operatorPath = "\(path).\(name)"
            guard let conditionOperator = ConditionOperator(parsing: name) else {
                throw error(
                    "unknown condition operator", source, operatorPath,
                    fix: "use an operator of the IAM reference (StringEquals, ArnLike, NumericLessThan, …)")
            }
            guard case .object(let keys) = block else {
                throw error(
                    "a condition operator takes an object of keys", source, operatorPath,
                    fix: "write {\"key\": \"value\"}")
            }
            for (key, values) in keys.sorted(by: { $0.key < $1.key }) {
                let items: [JSONValue]
                if case .array(let array) = values { items = array } else { items = [values] }
                let texts = try items.enumerated().map { offset, item -> String in
                    switch item {
                    case .string(let text): return text
                    case .bool(let flag): return flag ? "true" : "false"
                    case .number(let number):
                        return number.rounded() == number && abs(number) < 9e15 ? String(Int64(number)) : String(number)
                    default:
                        throw error(
                            "a condition value must be a string, number or boolean", source,
                            "\(operatorPath).\(key)[\(offset)]", fix: "write the value as a string")
                    }
                }
                clauses.append(ConditionClause(conditionOperator: conditionOperator, key: key, values: texts))
            }
        }
        return clauses
    }

    static func error(_ what: String, _ source: String, _ path: String, fix: String) -> ToolError {
        ToolError.usage(.policyInvalid, what, input: "\(source) at \(path)", fix: fix)
    }

    static func displayName(_ source: String) -> String {
        if source == "-" { return "stdin" }
        return source.split(separator: "/").last.map(String.init) ?? source
    }
}
