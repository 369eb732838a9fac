import Foundation

/// What identifies one problem across two `doctor --all` reports: (account, Region, mapping UUID, finding code)
/// (docs/output.md, "Changes since a baseline").
///
/// A report names the account and Region of a mapping in its `accountId` and `region` members when it has them;
/// otherwise they come from the function ARN in its summary (`arn:PARTITION:lambda:REGION:ACCOUNT:function:…`,
/// https://docs.aws.amazon.com/lambda/latest/api/API_FunctionConfiguration.html), and are empty when neither
/// says. Mapping UUIDs are unique on their own, so an empty account or Region still keys a mapping correctly.
public struct BaselineFindingKey: Hashable, Sendable, Comparable {
    /// The mapping's account, or empty when the report does not say.
    public var accountId: String
    /// The mapping's Region, or empty when the report does not say.
    public var region: String
    /// The mapping's UUID.
    public var uuid: String
    /// The finding's code (docs/findings.md).
    public var code: String

    /// A key from its four parts.
    /// - Parameters:
    ///   - accountId: the mapping's account, or empty.
    ///   - region: the mapping's Region, or empty.
    ///   - uuid: the mapping's UUID.
    ///   - code: the finding's code.
    public init(accountId: String, region: String, uuid: String, code: String) {
        self.accountId = accountId
        self.region = region
        self.uuid = uuid
        self.code = code
    }

    /// The keys of the problems (`fail` and `warn` findings) in one mapping document of a report
    /// (`{uuid, verdict, findings, summary}`, docs/output.md).
    /// - Parameter mapping: the mapping's document as the report printed it.
    public static func problems(in mapping: JSONValue) -> [BaselineFindingKey] {
        guard let uuid = mapping["uuid"]?.stringValue else { return [] }
        let arnParts = (mapping["summary"]?["function"]?.stringValue ?? "").split(
            separator: ":", omittingEmptySubsequences: false)
        let fromArn = arnParts.count >= 6 && arnParts[0] == "arn" && arnParts[2] == "lambda"
        let accountId = mapping["accountId"]?.stringValue ?? (fromArn ? String(arnParts[4]) : "")
        let region = mapping["region"]?.stringValue ?? (fromArn ? String(arnParts[3]) : "")
        var keys: [BaselineFindingKey] = []
        for finding in mapping["findings"]?.arrayValue ?? [] {
            let severity = finding["severity"]?.stringValue
            guard severity == Severity.fail.rawValue || severity == Severity.warn.rawValue,
                let code = finding["code"]?.stringValue
            else { continue }
            let key = BaselineFindingKey(accountId: accountId, region: region, uuid: uuid, code: code)
            if !keys.contains(key) { keys.append(key) }
        }
        return keys
    }

    /// Orders keys by account, Region, mapping and code, the order a report lists them in.
    public static func < (lhs: BaselineFindingKey, rhs: BaselineFindingKey) -> Bool {
        (lhs.accountId, lhs.region, lhs.uuid, lhs.code) < (rhs.accountId, rhs.region, rhs.uuid, rhs.code)
    }

    /// The key as a JSON object: `{accountId, region, uuid, code}`.
    public var document: JSONValue {
        ["accountId": .string(accountId), "region": .string(region), "uuid": .string(uuid), "code": .string(code)]
    }
}
