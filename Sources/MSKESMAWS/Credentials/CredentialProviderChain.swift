import Foundation
import MSKESMCore

/// Tries providers in order; the first that has credentials wins. Itself a provider. A provider that
/// is configured but fails stops the chain with its error (the SDKs do the same), so a broken profile
/// never silently falls back to other credentials.
public struct CredentialProviderChain: CredentialProvider {
    public var providers: [any CredentialProvider]
    public var name: String { providers.map(\.name).joined(separator: ", ") }

    public init(_ providers: [any CredentialProvider]) { self.providers = providers }

    public func credentials() async throws -> AWSCredentials? {
        for provider in providers {
            if let found = try await provider.credentials() { return found }
        }
        return nil
    }
}

/// Resolves credentials once and keeps them, refreshing temporary ones five minutes before they expire.
/// Shared by every call of a client, so parallel calls do not each run the chain (or each call STS).
public actor CredentialResolver {
    public let provider: any CredentialProvider
    private var cached: AWSCredentials?
    private var pending: Task<AWSCredentials, Error>?
    private let clock: @Sendable () -> Date

    public init(provider: any CredentialProvider, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.provider = provider
        self.clock = clock
    }

    /// A resolver that starts with credentials `provider` already gave (so that they are not asked for twice),
    /// and asks it again when they are about to expire.
    ///
    /// - Parameters:
    ///   - provider: the source, asked again five minutes before `initial` expires.
    ///   - initial: the credentials the source gave.
    ///   - clock: the clock expiry is judged by.
    public init(
        provider: any CredentialProvider, initial: AWSCredentials, clock: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.provider = provider
        self.clock = clock
        self.cached = initial
    }

    /// The credentials, or a `ToolError` (exit 2) naming every source tried when none has any.
    public func credentials() async throws -> AWSCredentials {
        if let cached, !cached.expires(within: 300, of: clock()) { return cached }
        if let pending { return try await pending.value }
        let provider = self.provider
        let task = Task { () throws -> AWSCredentials in
            let found: AWSCredentials?
            do {
                found = try await provider.credentials()
            } catch let error as CredentialError {
                throw error.toolError
            } catch let error as AWSError {
                throw ToolError.usage(
                    .credentialsFailed, "cannot get AWS credentials", input: error.operation,
                    fix:
                        "the credential source failed (\(error.descriptionWithRequestID)); check the profile's role_arn and source"
                )
            } catch let error as TransportError {
                throw ToolError.remote(
                    .credentialsFailed, "cannot get AWS credentials", input: error.url,
                    fix: "the credential source did not answer (\(error.message))")
            }
            guard let found else {
                throw ToolError.usage(
                    .noCredentials, "no AWS credentials found", input: "tried: \(provider.name)",
                    fix:
                        "set AWS_PROFILE or --profile, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or run 'aws configure'"
                )
            }
            return found
        }
        pending = task
        defer { pending = nil }
        let value = try await task.value
        cached = value
        return value
    }
}
