import Foundation
import MSKESMCore

/// Organizations (json protocol): ListAccounts, for `doctor --all --organization`.
public struct OrganizationsClient: Sendable {
    public var client: AWSClient

    public init(client: AWSClient) { self.client = client }

    /// `aws organizations list-accounts`, every page: the accounts of the caller's organization. Only the management
    /// account or a delegated administrator may call it; it pages with `NextToken`, asked for the largest page
    /// (`MaxResults` 20).
    /// https://docs.aws.amazon.com/organizations/latest/APIReference/API_ListAccounts.html
    public func listAccounts() async throws -> [JSONValue] {
        var accounts: [JSONValue] = []
        var token: String?
        var seen = Set<String>()
        repeat {
            var body: [String: JSONValue] = ["MaxResults": .number(20)]
            if let token { body["NextToken"] = .string(token) }
            let page = try await client.sendShaped(.json(.organizations, "ListAccounts", .object(body)))
            accounts += page["Accounts"]?.arrayValue ?? []
            token = page["NextToken"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
            // A token seen before would page forever: stop instead.
            if let current = token, !seen.insert(current).inserted { token = nil }
        } while token != nil
        return accounts
    }
}
