import Foundation
import MSKESMCore

/// IAM (query protocol, global). Policy documents come URL-encoded (docs/aws-facts.md#reading-iam-policies): they are
/// decoded and parsed as JSON, as the AWS CLI prints them.
public struct IAMClient: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// `aws iam get-role`: `{"Role": …}` with `AssumeRolePolicyDocument` decoded.
    public func getRole(roleName: String) async throws -> JSONValue {
        var role = try await client.sendShaped(.query(.iam, "GetRole", [("RoleName", roleName)]))
        if case .object(var outer) = role, case .object(var inner)? = outer["Role"] {
            if let document = inner["AssumeRolePolicyDocument"]?.stringValue {
                inner["AssumeRolePolicyDocument"] = Self.decodePolicy(document)
            }
            outer["Role"] = .object(inner)
            role = .object(outer)
        }
        return role
    }

    /// `aws iam list-role-policies`, all pages: `{"PolicyNames": [...]}`.
    public func listRolePolicies(roleName: String) async throws -> JSONValue {
        .object([
            "PolicyNames": .array(try await paginate("ListRolePolicies", [("RoleName", roleName)], key: "PolicyNames"))
        ])
    }

    /// `aws iam get-role-policy`: `{RoleName, PolicyName, PolicyDocument}` with the document decoded.
    public func getRolePolicy(roleName: String, policyName: String) async throws -> JSONValue {
        let result = try await client.sendShaped(
            .query(.iam, "GetRolePolicy", [("RoleName", roleName), ("PolicyName", policyName)]))
        return Self.decodingDocument(result, at: nil)
    }

    /// `aws iam list-attached-role-policies`, all pages: `{"AttachedPolicies": [...]}`.
    public func listAttachedRolePolicies(roleName: String) async throws -> JSONValue {
        .object([
            "AttachedPolicies": .array(
                try await paginate("ListAttachedRolePolicies", [("RoleName", roleName)], key: "AttachedPolicies"))
        ])
    }

    /// `aws iam get-policy`: `{"Policy": …}`.
    public func getPolicy(policyArn: String) async throws -> JSONValue {
        try await client.sendShaped(.query(.iam, "GetPolicy", [("PolicyArn", policyArn)]))
    }

    /// `aws iam get-policy-version`: `{"PolicyVersion": {Document, VersionId, …}}` with the document decoded.
    public func getPolicyVersion(policyArn: String, versionId: String) async throws -> JSONValue {
        let result = try await client.sendShaped(
            .query(.iam, "GetPolicyVersion", [("PolicyArn", policyArn), ("VersionId", versionId)]))
        return Self.decodingDocument(result, at: "PolicyVersion")
    }

    private func paginate(_ operation: String, _ parameters: [(String, String)], key: String) async throws
        -> [JSONValue]
    {
        var items: [JSONValue] = []
        var marker: String?
        repeat {
            var page = parameters
            if let marker { page.append(("Marker", marker)) }
            let result = try await client.sendShaped(.query(.iam, operation, page))
            items += result[key]?.arrayValue ?? []
            marker = result["IsTruncated"] == .bool(true) ? result["Marker"]?.stringValue : nil
        } while marker != nil
        return items
    }

    /// URL-decodes a policy document and parses it as JSON; a document that does not parse stays a string.
    public static func decodePolicy(_ text: String) -> JSONValue {
        let decoded = URIEncoding.decode(text)
        if let value = try? JSONValue.parse(decoded) { return value }
        if let value = try? JSONValue.parse(text) { return value }
        return .string(decoded)
    }

    static func decodingDocument(_ result: JSONValue, at key: String?) -> JSONValue {
        guard case .object(var outer) = result else { return result }
        if let key {
            guard case .object(var inner)? = outer[key] else { return result }
            for field in ["Document", "PolicyDocument"] {
                if let text = inner[field]?.stringValue { inner[field] = decodePolicy(text) }
            }
            outer[key] = .object(inner)
        } else {
            for field in ["Document", "PolicyDocument"] {
                if let text = outer[field]?.stringValue { outer[field] = decodePolicy(text) }
            }
        }
        return .object(outer)
    }
}
