import Foundation
import MSKESMCore
import MSKESMSystem

/// The token cache `aws sso login` writes under `~/.aws/sso/cache/`: one JSON file per sign-in, named by the
/// SHA-1 of the `sso-session` name (or, for a legacy profile, of the start URL). msk-esm reads the access
/// token from it and, after refreshing an `sso-session` token, writes the new one back as botocore does —
/// the same members in the same order, replacing the file atomically, mode 0600 — so that the user's AWS
/// CLI keeps using the refreshed session.
/// https://docs.aws.amazon.com/cli/latest/userguide/sso-configure-profile-token.html
public struct SSOTokenCache: Sendable {
    public var directory: String

    public init(directory: String) { self.directory = directory }

    /// `~/.aws/sso/cache` under `home`.
    public init(home: String) { self.directory = home + "/.aws/sso/cache" }

    /// One cached sign-in: the file's members.
    public struct Token: Sendable, Equatable {
        public var members: [String: JSONValue]

        public init(members: [String: JSONValue]) { self.members = members }

        public subscript(key: String) -> String? { members[key]?.stringValue }

        public var accessToken: String? { self["accessToken"] }
        /// `expiresAt` as the AWS CLI writes it (`2026-12-05T10:00:00Z`, or `…UTC` from older versions).
        public var expiresAt: Date? { self["expiresAt"].flatMap(SSOTokenCache.instant) }
    }

    /// The members botocore writes after a refresh, in its order; others are dropped, as botocore drops them.
    static let writtenMembers = [
        "startUrl", "region", "accessToken", "expiresAt", "clientId", "clientSecret", "registrationExpiresAt",
        "refreshToken",
    ]

    /// The file name's stem: the SHA-1 of the session name, or of the start URL without one.
    public static func key(startURL: String, sessionName: String?) -> String {
        Digest.hex(Digest.sha1(sessionName ?? startURL))
    }

    public func path(startURL: String, sessionName: String?) -> String {
        directory + "/" + Self.key(startURL: startURL, sessionName: sessionName) + ".json"
    }

    /// The cached token, nil when there is no readable file, or it is not a JSON object holding `accessToken`
    /// and `expiresAt` (botocore treats those as "not signed in" too).
    public func token(startURL: String, sessionName: String?) -> Token? {
        guard let text = InputReader.optionalText(atPath: path(startURL: startURL, sessionName: sessionName)),
            let members = (try? JSONParser.parse(Data(text.utf8)))?.objectValue
        else { return nil }
        let token = Token(members: members)
        guard token.accessToken != nil, token["expiresAt"] != nil else { return nil }
        return token
    }

    /// Replaces the cached token: `json.dumps` of botocore's dictionary (`", "` and `": "` separators, non-ASCII
    /// escaped), through a temporary file renamed over the old one, mode 0600.
    public func save(_ token: Token, startURL: String, sessionName: String?) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let text =
            "{"
            + Self.writtenMembers.compactMap { name in
                token.members[name].map { Self.pythonJSON(.string(name)) + ": " + Self.pythonJSON($0) }
            }.joined(separator: ", ") + "}"
        try AtomicFileWriter.write(
            Data(text.utf8), to: path(startURL: startURL, sessionName: sessionName), mode: 0o600, overwrite: true,
            label: "the SSO token cache")
    }

    /// `json.dumps(value)` of Python (`ensure_ascii`: every character outside ASCII as `\\uXXXX`, surrogate
    /// pairs above U+FFFF); numbers and the rest as JSON writes them.
    static func pythonJSON(_ value: JSONValue) -> String {
        guard case .string(let text) = value else { return JSONWriter.write(value, pretty: false) }
        var out = "\""
        for unit in text.utf16 {
            switch unit {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0x0D: out += "\\r"
            case 0x09: out += "\\t"
            case 0x08: out += "\\b"
            case 0x0C: out += "\\f"
            case 0x20..<0x7F: out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                let hex = String(unit, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out + "\""
    }

    /// The instants of the cache: ISO 8601, and the `UTC` suffix older AWS CLI v2 versions wrote.
    static func instant(_ text: String) -> Date? {
        if text.hasSuffix("UTC") { return ISO8601Instant.parse(String(text.dropLast(3)) + "Z") }
        return ISO8601Instant.parse(text)
    }
}
