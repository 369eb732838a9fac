import Foundation
import MSKESMCore

/// Bounds the AWS calls in flight across a whole run and slows the run down as one when AWS throttles
/// (additive increase, multiplicative decrease, as TCP does): a throttling response halves the permitted
/// concurrency (at most once per `decreaseInterval`, so a burst of throttled replies counts once) and sets a
/// shared pause that every request waits out before it is sent; each success adds `1/limit`, so the limit
/// grows back by one per round of successful calls. Every task backs off together instead of each
/// retrying on its own, which is what keeps a throttled account throttled.
/// https://docs.aws.amazon.com/sdkref/latest/guide/feature-retry-behavior.html (client-side rate limiting)
///
/// AWS throttles per account and Region, so a fleet run gives each (account, Region) its own limiter: one that
/// throttles slows only its own calls. Those limiters share an `overall` bound, a limiter nothing reports
/// throttling to, within which every request is sent, so that the run as a whole keeps to `--concurrency`. The
/// bound is held only while a request is on the wire, not during a pause or a retry's backoff, so a throttled
/// account waiting does not take slots from the others.
public actor AdaptiveLimiter {
    /// The most calls ever allowed at once (`--concurrency`).
    public let maximum: Int
    /// The bound this limiter shares with the other (account, Region) limiters of the run, or `nil` when it is
    /// the run's only one.
    public nonisolated let overall: AdaptiveLimiter?
    /// The calls allowed at once now (between 1 and `maximum`).
    public private(set) var limit: Double
    private var running = 0
    /// The order in which waiting calls get a slot: lower first, then first come. `MappingFleet` sets it to
    /// the mapping's position, so the first mappings finish first (and stream out) instead of all at the end.
    @TaskLocal public static var priority = 0
    private var waiting: [(priority: Int, sequence: Int, continuation: CheckedContinuation<Void, Never>)] = []
    private var sequence = 0
    private var pauseUntil: ContinuousClock.Instant?
    private var pause: Duration = .zero
    private var lastDecrease: ContinuousClock.Instant?
    private let decreaseInterval: Duration
    private let initialPause: Duration
    private let maximumPause: Duration
    /// Throttling responses seen, and requests sent, over the run.
    public private(set) var throttled = 0
    public private(set) var sent = 0
    /// The lowest limit the run fell to.
    public private(set) var lowestLimit: Int

    /// A limiter that allows `maximum` calls at once and backs off on throttling.
    ///
    /// - Parameters:
    ///   - maximum: the most calls allowed at once (`--concurrency`).
    ///   - overall: the bound shared with other limiters of the run, within which each request is sent.
    ///   - decreaseInterval: a burst of throttled replies within this interval halves the limit once.
    ///   - initialPause: the first shared pause after a throttling response (doubled on each further one).
    ///   - maximumPause: the longest shared pause.
    public init(
        maximum: Int, overall: AdaptiveLimiter? = nil, decreaseInterval: Duration = .milliseconds(250),
        initialPause: Duration = .milliseconds(100), maximumPause: Duration = .seconds(5)
    ) {
        self.maximum = max(1, maximum)
        self.overall = overall
        self.limit = Double(self.maximum)
        self.lowestLimit = self.maximum
        self.decreaseInterval = decreaseInterval
        self.initialPause = initialPause
        self.maximumPause = maximumPause
    }

    /// Runs `operation` when a slot is free.
    public func run<T: Sendable>(_ operation: @Sendable () async throws -> T) async rethrows -> T {
        await acquire()
        defer { release() }
        return try await operation()
    }

    private func acquire() async {
        if waiting.isEmpty && running < Int(limit) {
            running += 1
            return
        }
        let priority = Self.priority
        sequence += 1
        let order = sequence
        await withCheckedContinuation { waiting.append((priority, order, $0)) }  // release() hands the slot over
    }

    private func release() {
        running -= 1
        wake()
    }

    private func wake() {
        while running < max(1, Int(limit)) && !waiting.isEmpty {
            running += 1
            var next = 0
            for index in waiting.indices.dropFirst()
            where (waiting[index].priority, waiting[index].sequence) < (waiting[next].priority, waiting[next].sequence)
            {
                next = index
            }
            waiting.remove(at: next).continuation.resume()
        }
    }

    /// Waits out the shared pause, if one is set; called before every request is sent.
    public func waitForPause() async {
        sent += 1
        while let until = pauseUntil, until > .now {
            try? await Task.sleep(until: until, clock: .continuous)
        }
    }

    /// A throttling response: halve the limit (once per interval) and lengthen the shared pause.
    public func recordThrottling() {
        throttled += 1
        let now = ContinuousClock.now
        if lastDecrease.map({ now - $0 >= decreaseInterval }) ?? true {
            limit = max(1, (limit / 2).rounded(.down))
            lowestLimit = min(lowestLimit, Int(limit))
            lastDecrease = now
            pause = pause == .zero ? initialPause : min(maximumPause, pause * 2)
        }
        pauseUntil = now + pause
    }

    /// A successful response: grow the limit by 1/limit (one per round) and shorten the pause.
    public func recordSuccess() {
        if limit < Double(maximum) {
            limit = min(Double(maximum), limit + 1 / limit)
            wake()
        }
        if pause > .zero { pause = pause / 2 < .milliseconds(5) ? .zero : pause / 2 }
    }
}

/// An `HTTPClient` that reports every response to an `AdaptiveLimiter` and waits out its shared pause before
/// each request, including the `AWSClient`'s own retries.
struct ThrottleAwareHTTPClient: HTTPClient {
    var base: any HTTPClient
    var limiter: AdaptiveLimiter

    func send(_ request: HTTPRequest) async throws -> HTTPResponse {
        await limiter.waitForPause()
        let response: HTTPResponse
        if let overall = limiter.overall {
            let base = self.base
            response = try await overall.run { try await base.send(request) }
        } else {
            response = try await base.send(request)
        }
        if (200..<300).contains(response.status) {
            await limiter.recordSuccess()
        } else if response.status == 429
            || AWSError.parse(response, protocolKind: .json, operation: "").kind == .throttling
        {
            await limiter.recordThrottling()
        }
        return response
    }
}
