import Foundation
import MSKESMCore

/// The AWS CLI's shared files: `~/.aws/credentials` (sections `[name]`) and `~/.aws/config` (sections
/// `[profile name]`, `[default]` and `[sso-session name]`), found through `AWS_SHARED_CREDENTIALS_FILE` and
/// `AWS_CONFIG_FILE`.
/// https://docs.aws.amazon.com/cli/latest/userguide/cli-configure-files.html
public struct SharedConfigFiles: Sendable {
    /// Profile name → settings, from the credentials file.
    public var credentials: [String: [String: String]]
    /// Profile name → settings, from the config file (the `profile ` prefix removed).
    public var config: [String: [String: String]]
    /// Session name → settings, from the config file's `[sso-session name]` sections.
    public var ssoSessions: [String: [String: String]]
    public var credentialsPath: String
    public var configPath: String
    /// The home directory the files were found from (`~`), where `aws sso login` caches its tokens.
    public var home: String

    public init(
        credentials: [String: [String: String]] = [:], config: [String: [String: String]] = [:],
        ssoSessions: [String: [String: String]] = [:], credentialsPath: String = "", configPath: String = "",
        home: String = NSHomeDirectory()
    ) {
        self.credentials = credentials
        self.config = config
        self.ssoSessions = ssoSessions
        self.credentialsPath = credentialsPath
        self.configPath = configPath
        self.home = home
    }

    /// Reads both files as the environment names them; a missing file is an empty one.
    public static func load(environment: [String: String]) -> SharedConfigFiles {
        let home = environment["HOME"] ?? NSHomeDirectory()
        func expand(_ path: String) -> String {
            path.hasPrefix("~/") ? home + String(path.dropFirst(1)) : path
        }
        let credentialsPath = expand(environment["AWS_SHARED_CREDENTIALS_FILE"] ?? "~/.aws/credentials")
        let configPath = expand(environment["AWS_CONFIG_FILE"] ?? "~/.aws/config")
        let credentialsText = InputReader.optionalText(atPath: credentialsPath) ?? ""
        let configText = InputReader.optionalText(atPath: configPath) ?? ""
        var config: [String: [String: String]] = [:]
        var ssoSessions: [String: [String: String]] = [:]
        for (section, values) in parseINI(configText) {
            if section == "default" {
                config["default", default: [:]].merge(values) { _, new in new }
            } else if section.hasPrefix("profile ") {
                let name = section.dropFirst("profile ".count).trimmingSpaces()
                config[name, default: [:]].merge(values) { _, new in new }
            } else if section.hasPrefix("sso-session ") {
                let name = section.dropFirst("sso-session ".count).trimmingSpaces()
                ssoSessions[name, default: [:]].merge(values) { _, new in new }
            }
        }
        return SharedConfigFiles(
            credentials: parseINI(credentialsText), config: config, ssoSessions: ssoSessions,
            credentialsPath: credentialsPath, configPath: configPath, home: home)
    }

    /// The settings of `profile`: the config file's, overridden by the credentials file's.
    public func profile(_ name: String) -> [String: String]? {
        let fromConfig = config[name]
        let fromCredentials = credentials[name]
        if fromConfig == nil && fromCredentials == nil { return nil }
        return (fromConfig ?? [:]).merging(fromCredentials ?? [:]) { _, credentialsValue in credentialsValue }
    }

    /// Parses INI text: `[section]`, `key = value`, `#`/`;` comments. Indented lines after `key =` are
    /// nested settings (e.g. `s3 =` blocks): they are kept as `key.subkey`.
    static func parseINI(_ text: String) -> [String: [String: String]] {
        var sections: [String: [String: String]] = [:]
        var current: String?
        var nestedParent: String?
        for rawLine in text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let line = String(rawLine)
            let trimmed = line.trimmingSpaces()
            if trimmed.isEmpty || trimmed.hasPrefix("#") || trimmed.hasPrefix(";") { continue }
            if trimmed.hasPrefix("[") && trimmed.hasSuffix("]") {
                let name = trimmed.dropFirst().dropLast().trimmingSpaces()
                current = name
                nestedParent = nil
                if sections[name] == nil { sections[name] = [:] }
                continue
            }
            guard let section = current, let equals = trimmed.firstIndex(of: "=") else { continue }
            let key = trimmed[..<equals].trimmingSpaces()
            var value = trimmed[trimmed.index(after: equals)...].trimmingSpaces()
            // An inline comment needs whitespace before it, as in botocore.
            for marker in [" #", " ;", "\t#", "\t;"] {
                if let range = value.range(of: marker) { value = value[..<range.lowerBound].trimmingSpaces() }
            }
            let indented = line.first == " " || line.first == "\t"
            if indented, let parent = nestedParent {
                sections[section, default: [:]]["\(parent).\(key)"] = value
            } else {
                sections[section, default: [:]][key] = value
                nestedParent = value.isEmpty ? key : nil
            }
        }
        return sections
    }
}
