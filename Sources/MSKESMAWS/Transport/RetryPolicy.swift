import Foundation
import MSKESMCore

/// Retries like the AWS SDKs' "standard" mode: up to `maxAttempts` attempts (default 3; `AWS_MAX_ATTEMPTS`,
/// profile `max_attempts`), exponential backoff with full jitter (base 100 ms for throttling, 50 ms
/// otherwise, capped at 20 s), longer when the service sends `Retry-After`.
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html
///
/// A request that is not idempotent (a create) is retried only when it surely did not take effect:
/// the service throttled it, or the connection could not be made. After a timeout or a 5xx it might
/// have, so it is not retried.
public struct RetryPolicy: Sendable {
    public var maxAttempts: Int
    public var maxBackoff: Double = 20
    public var throttlingBase: Double = 0.1
    public var transientBase: Double = 0.05

    public init(maxAttempts: Int = 3) {
        self.maxAttempts = max(1, maxAttempts)
    }

    /// What happened on one attempt, as far as retrying is concerned.
    public enum Outcome: Sendable {
        case throttled(retryAfter: Double?)
        case serverError(retryAfter: Double?)
        case connectFailed
        case timedOut
        case final
    }

    /// The delay before the next attempt, or nil to stop. `attempt` counts from 1.
    public func delay(after outcome: Outcome, attempt: Int, idempotent: Bool, random: Double = Double.random(in: 0...1))
        -> Double?
    {
        guard attempt < maxAttempts else { return nil }
        let base: Double
        var retryAfter: Double?
        switch outcome {
        case .final: return nil
        case .throttled(let after):
            base = throttlingBase
            retryAfter = after
        case .serverError(let after):
            guard idempotent else { return nil }
            base = transientBase
            retryAfter = after
        case .connectFailed:
            base = transientBase
        case .timedOut:
            guard idempotent else { return nil }
            base = transientBase
        }
        let exponential = min(maxBackoff, base * pow(2, Double(attempt - 1)) * 2)
        var delay = random * exponential
        if let retryAfter { delay = min(maxBackoff, max(delay, retryAfter)) }
        return delay
    }

    /// `Retry-After` in seconds (the HTTP-date form is not used by AWS).
    public static func retryAfter(_ response: HTTPResponse) -> Double? {
        guard let value = response.header("Retry-After")?.trimmingSpaces(),
            let seconds = Double(value), seconds >= 0
        else { return nil }
        return seconds
    }
}
