import Foundation
import MSKESMCore

/// One source of credentials. `credentials()` returns nil when the source is not configured (the chain
/// then tries the next), and throws when it is configured but fails (the chain stops: a broken profile
/// must not silently fall through to other credentials).
public protocol CredentialProvider: Sendable {
    /// What this source is, for the "none found" error, e.g. "environment variables".
    var name: String { get }
    func credentials() async throws -> AWSCredentials?
}

/// Why a configured credential source failed. The message names the source and never a secret.
public struct CredentialError: Error, Sendable, CustomStringConvertible {
    public var source: String
    public var reason: String

    public init(source: String, reason: String) {
        self.source = source
        self.reason = reason
    }

    public var description: String { "\(source): \(reason)" }

    var toolError: ToolError {
        ToolError.usage(
            .credentialsFailed, "cannot get AWS credentials", input: source,
            fix: reason)
    }
}

/// Credentials known in advance (tests, or keys read elsewhere).
public struct StaticCredentialProvider: CredentialProvider {
    public var name = "static credentials"
    public var value: AWSCredentials

    public init(_ value: AWSCredentials) { self.value = value }

    public func credentials() async throws -> AWSCredentials? { value }
}
