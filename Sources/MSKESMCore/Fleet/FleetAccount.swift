import Foundation

/// One account `doctor --all --accounts FILE` visits, and the role it assumes there.
public struct FleetAccount: Sendable, Equatable, Hashable {
    /// The 12-digit AWS account id.
    public var accountId: String
    /// The role to assume in the account; `nil` when the file lists bare ids (then `--assume-role-name` builds it).
    public var roleArn: String?

    /// An account and, optionally, the role to assume there.
    ///
    /// - Parameters:
    ///   - accountId: the 12-digit account id.
    ///   - roleArn: the role to assume, or `nil` to build it from `--assume-role-name`.
    public init(accountId: String, roleArn: String? = nil) {
        self.accountId = accountId
        self.roleArn = roleArn
    }

    /// Whether `text` is an AWS account id: exactly 12 decimal digits
    /// (https://docs.aws.amazon.com/accounts/latest/reference/manage-acct-identifiers.html).
    public static func isAccountId(_ text: String) -> Bool {
        text.utf8.count == 12 && text.utf8.allSatisfy { $0 >= UInt8(ascii: "0") && $0 <= UInt8(ascii: "9") }
    }

    /// The role ARN for the same role name in every account, in the caller's partition
    /// (`arn:PARTITION:iam::ACCOUNT:role/NAME`, https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html).
    ///
    /// - Parameters:
    ///   - roleName: the role's name, optionally with its path (`path/name`).
    ///   - partition: `aws`, `aws-cn`, `aws-us-gov`, … (the caller's, from its own ARN).
    public func roleArn(named roleName: String, partition: String) -> String {
        "arn:\(partition):iam::\(accountId):role/\(roleName)"
    }

    /// The account id in an ARN's fifth field (`arn:aws:lambda:us-east-1:123456789012:function:name`): every
    /// mapping's `FunctionArn` names its account, so no extra call is needed. `nil` when the ARN has none.
    ///
    /// - Parameter arn: any ARN.
    public static func accountId(ofArn arn: String) -> String? {
        let fields = arn.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        guard fields.count >= 5, fields[0] == "arn" else { return nil }
        let account = String(fields[4])
        return isAccountId(account) ? account : nil
    }

    /// The partition in an ARN's second field (`arn:aws-cn:…` → `aws-cn`).
    ///
    /// - Parameter arn: any ARN (the caller's, from STS GetCallerIdentity).
    public static func partition(ofArn arn: String) -> String? {
        let fields = arn.split(separator: ":", maxSplits: 2, omittingEmptySubsequences: false)
        guard fields.count >= 3, fields[0] == "arn", !fields[1].isEmpty else { return nil }
        return String(fields[1])
    }

    /// The accounts of `--organization`: the active members of Organizations ListAccounts' answer, in its order.
    /// A suspended or closed account (`Status` other than `ACTIVE`) has nothing to diagnose and its role cannot be
    /// assumed, so it is left out (https://docs.aws.amazon.com/organizations/latest/APIReference/API_Account.html).
    ///
    /// - Parameter listed: the `Accounts` of every ListAccounts page.
    public static func list(organizationAccounts listed: [JSONValue]) -> [FleetAccount] {
        var seen = Set<String>()
        return listed.compactMap { account in
            guard let id = account["Id"]?.stringValue, isAccountId(id),
                (account["Status"]?.stringValue ?? "ACTIVE") == "ACTIVE", seen.insert(id).inserted
            else { return nil }
            return FleetAccount(accountId: id)
        }
    }

    /// The accounts of an `--accounts` file: account ids one a line (blank lines and `#` comments skipped), or
    /// a JSON list of `{"accountId": "…", "roleArn": "…"}` (`roleArn` optional). Ids are checked and duplicates
    /// are an error, so a typo does not silently skip or repeat an account.
    ///
    /// - Parameters:
    ///   - text: the file's content.
    ///   - input: the file's name, for error messages.
    public static func list(parsing text: String, input: String) throws -> [FleetAccount] {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let accounts: [FleetAccount]
        if trimmed.hasPrefix("[") {
            accounts = try listJSON(trimmed, input: input)
        } else {
            var found: [FleetAccount] = []
            for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let id =
                    line.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first
                    .map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
                if id.isEmpty { continue }
                guard isAccountId(id) else {
                    throw ToolError.usage(
                        .inputShape, "line \(index + 1) is not a 12-digit account id", input: input,
                        fix: "list one account id a line, or a JSON list of {\"accountId\", \"roleArn\"}")
                }
                found.append(FleetAccount(accountId: id))
            }
            accounts = found
        }
        guard !accounts.isEmpty else {
            throw ToolError.usage(
                .inputEmpty, "no accounts listed", input: input, fix: "list at least one 12-digit account id")
        }
        var seen = Set<String>()
        for account in accounts where !seen.insert(account.accountId).inserted {
            throw ToolError.usage(
                .inputShape, "account \(account.accountId) is listed twice", input: input,
                fix: "list each account once")
        }
        return accounts
    }

    static func listJSON(_ text: String, input: String) throws -> [FleetAccount] {
        let shape =
            "a JSON list of {\"accountId\": \"123456789012\", \"roleArn\": \"arn:aws:iam::123456789012:role/NAME\"}"
        guard let data = text.data(using: .utf8),
            let items = (try? JSONSerialization.jsonObject(with: data)) as? [Any]
        else { throw ToolError.usage(.inputSyntax, "not JSON", input: input, fix: "write \(shape)") }
        return try items.enumerated().map { index, item in
            guard let object = item as? [String: Any], let id = object["accountId"] as? String, isAccountId(id) else {
                throw ToolError.usage(
                    .inputShape, "[\(index)].accountId is not a 12-digit account id", input: input,
                    fix: "write \(shape)")
            }
            var roleArn: String?
            if let value = object["roleArn"] {
                guard let arn = value as? String, accountId(ofArn: arn) == id, arn.contains(":iam::"),
                    arn.contains(":role/")
                else {
                    throw ToolError.usage(
                        .inputShape, "[\(index)].roleArn is not an IAM role ARN in account \(id)", input: input,
                        fix: "write \(shape)")
                }
                roleArn = arn
            }
            return FleetAccount(accountId: id, roleArn: roleArn)
        }
    }
}
