import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMTestSupport
import Testing

/// The read cache and the AIMD limiter on their own (no AWS).
struct AdaptiveLimiterTests {
    @Test("a throttling response halves the permitted concurrency once per interval; successes bring it back")
    func aimd() async {
        let limiter = AdaptiveLimiter(maximum: 8, decreaseInterval: .seconds(60), initialPause: .milliseconds(1))
        await limiter.recordThrottling()
        #expect(await limiter.limit == 4)
        await limiter.recordThrottling()  // same burst: no second halving
        #expect(await limiter.limit == 4)
        for _ in 0..<5 { await limiter.recordSuccess() }
        #expect(Int(await limiter.limit) == 5)  // about +1 per round of `limit` successes
        for _ in 0..<100 { await limiter.recordSuccess() }
        #expect(await limiter.limit == 8)
        #expect(await limiter.lowestLimit == 4)
        #expect(await limiter.throttled == 2)
    }

    @Test("never more operations at once than the limit, and the limit is reached", arguments: [1, 3, 8])
    func bound(limit: Int) async {
        let limiter = AdaptiveLimiter(maximum: limit)
        // Each operation stays inside until `limit` of them have been inside at once (then all go on): the limit is
        // shown to be reached by that event, not by hoping that a short sleep overlaps them. A limiter that let
        // fewer in at once would leave them all waiting: the hang watchdog turns that into a failure.
        let gauge = Gauge(gate: limit)
        let finished = await HangWatchdog.value {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<40 {
                    group.addTask {
                        await limiter.run {
                            await gauge.enter()
                            await gauge.waitForGate()
                            await gauge.leave()
                        }
                    }
                }
            }
            return true
        }
        let peak = await gauge.peak
        #expect(finished == true, "never \(limit) operations at once: at most \(peak)")
        #expect(peak == limit)
        #expect(await gauge.entered == 40)
    }

    @Test("the read cache reads each key once, even when asked concurrently, and keeps failures")
    func cache() async throws {
        let cache = ReadCache()
        let counter = Gauge()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<50 {
                group.addTask {
                    _ = try? await cache.value("key-\(index % 5)") {
                        await counter.enter()
                        try await Task.sleep(nanoseconds: 5_000_000)
                        return .string("value")
                    }
                }
            }
        }
        #expect(await counter.entered == 5)
        let stats = await cache.statistics
        #expect(stats.reads == 5 && stats.hits == 45)
        for _ in 0..<3 {
            await #expect(throws: AWSError.self) {
                try await cache.value("denied") {
                    await counter.enter()
                    throw AWSError(code: "AccessDenied", message: "no", status: 403, operation: "iam.GetRole")
                }
            }
        }
        #expect(await counter.entered == 6)
    }
}

actor Gauge {
    private(set) var current = 0
    private(set) var peak = 0
    private(set) var entered = 0
    /// `waitForGate()` returns once this many were inside at once (nil: at once).
    private let gate: Int?
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(gate: Int? = nil) { self.gate = gate }

    func enter() {
        current += 1
        entered += 1
        peak = max(peak, current)
        if let gate, peak >= gate {
            for continuation in waiting { continuation.resume() }
            waiting = []
        }
    }

    func waitForGate() async {
        guard let gate, peak < gate else { return }
        await withCheckedContinuation { waiting.append($0) }
    }

    func leave() { current -= 1 }
}
