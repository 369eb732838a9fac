import Dispatch
import Foundation
import Synchronization
import Testing

@testable import MSKESMCore

/// `Array.concurrentMap`: the results in element order, every element tried before the first error (in element
/// order) is thrown, and on a machine with more than one core, elements really in flight at the same time.
struct ConcurrentMapTests {
    struct Refused: Error, Equatable { var index: Int }

    @Test func keepsTheElementsOrder() {
        let elements = Array(0..<1_000)
        #expect(elements.concurrentMap { $0 * 3 } == elements.map { $0 * 3 })
    }

    @Test func triesEveryElementThenThrowsTheFirstErrorInElementOrder() {
        let tried = Mutex(Set<Int>())
        let elements = Array(0..<500)
        #expect(throws: Refused(index: 7)) {
            _ = try elements.concurrentMap { (index: Int) throws(Refused) -> Int in
                tried.withLock { _ = $0.insert(index) }
                if index == 7 || index == 300 { throw Refused(index: index) }
                return index
            }
        }
        #expect(tried.withLock { $0 } == Set(elements))
    }

    /// Below `minimumCount` the elements are mapped one after the other, in order.
    @Test func aShortArrayIsMappedInOrderOneAtATime() {
        let calls = Mutex([Int]())
        let inFlight = Mutex((now: 0, most: 0))
        _ = Array(0..<7).concurrentMap(minimumCount: 8) { index in
            inFlight.withLock { count in
                count.now += 1
                count.most = max(count.most, count.now)
            }
            calls.withLock { $0.append(index) }
            inFlight.withLock { $0.now -= 1 }
            return index
        }
        #expect(calls.withLock { $0 } == Array(0..<7))
        #expect(inFlight.withLock { $0.most } == 1)
    }

    /// Element 0 waits until another element has started: with one thread this wait could only end by its
    /// fail-safe timeout, so `started` proves two elements were in flight at once. The timeout is no measure of
    /// speed, only what keeps a broken implementation from hanging the suite.
    @Test(.enabled(if: ProcessInfo.processInfo.activeProcessorCount > 1))
    func elementsAreInFlightTogetherOnSeveralCores() {
        let otherStarted = DispatchSemaphore(value: 0)
        let waited = Mutex<DispatchTimeoutResult?>(nil)
        _ = Array(0..<16).concurrentMap { index in
            if index == 0 {
                let result = otherStarted.wait(timeout: .now() + 120)
                waited.withLock { $0 = result }
            } else if index == 1 {
                otherStarted.signal()
            }
            return index
        }
        #expect(waited.withLock { $0 } == .success)
    }
}
