import Foundation
import Synchronization

extension Array where Element: Sendable {
    /// `map` over the cores: `transform` runs for several elements at once (Dispatch's `concurrentPerform`, one
    /// worker per active core) and the results keep the elements' order. After every element has been tried, the
    /// first error in element order is thrown. For work that is the same function of each element with no
    /// shared mutable state, which `Sendable` holds `transform` and the results to. Below `minimumCount`
    /// elements, or on one core, it is a plain `map`: handing out a few elements costs more than it saves.
    package func concurrentMap<Result: Sendable, Failure: Error>(
        minimumCount: Int = 8, _ transform: @Sendable (Element) throws(Failure) -> Result
    ) throws(Failure) -> [Result] {
        guard count >= minimumCount, activeCores > 1 else { return try map(transform) }
        let workers = Swift.min(count, activeCores)
        // Each worker claims the next element, so one slow element does not hold up a fixed share of the rest.
        let state = Mutex(ConcurrentMapState<Result, Failure>(count: count))
        DispatchQueue.concurrentPerform(iterations: workers) { _ in
            while let index = state.withLock({ $0.claimNext() }) {
                let result = Swift.Result { () throws(Failure) -> Result in try transform(self[index]) }
                state.withLock { $0.results[index] = result }
            }
        }
        var results: [Result] = []
        results.reserveCapacity(count)
        // Every element was claimed and its result stored before concurrentPerform returned.
        for result in state.withLock({ $0.results }) { results.append(try result!.get()) }
        return results
    }
}

/// The cores this process may run on (Foundation's `activeProcessorCount`, which on Linux follows the CPU
/// affinity, e.g. `taskset -c 0`), read once: Foundation asks the system at every call.
private let activeCores = ProcessInfo.processInfo.activeProcessorCount

/// What the workers of one `concurrentMap` share: the next element to claim and each element's result.
private struct ConcurrentMapState<Result: Sendable, Failure: Error>: ~Copyable {
    var next = 0
    var results: [Swift.Result<Result, Failure>?]

    init(count: Int) { results = Array(repeating: nil, count: count) }

    mutating func claimNext() -> Int? {
        guard next < results.count else { return nil }
        defer { next += 1 }
        return next
    }
}
