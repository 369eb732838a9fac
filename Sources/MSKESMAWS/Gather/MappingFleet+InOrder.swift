import Foundation
import MSKESMCore

extension MappingFleet {
    /// Gathers and diagnoses `mappings` like `diagnose(_:onEvent:)`, but hands each result to `deliver` in the
    /// listed order and keeps none, so that a run's memory does not grow with its number of mappings
    /// (docs/output.md, "Fleet output is streamed").
    ///
    /// A result that finishes before an earlier one waits in a reorder buffer; a new mapping starts only while
    /// fewer than `mappingsInFlight` are started and not yet delivered, so the buffer never holds more than that,
    /// even when one slow mapping holds up the ones after it.
    public func diagnoseInOrder(
        _ mappings: [ListedMapping], onEvent: @escaping @Sendable (Event) async -> Void,
        deliver: (Result) async throws -> Void
    ) async throws {
        var mappings = mappings
        try await diagnoseInOrder(releasing: &mappings, onEvent: onEvent, deliver: deliver)
    }

    /// ``diagnoseInOrder(_:onEvent:deliver:)``, letting go of each listed mapping's text as its diagnosis starts
    /// (`mappings` keeps their gatherers only), so that what a run holds of its listing shrinks as it goes while
    /// the rows of a text table grow.
    /// - Parameters:
    ///   - mappings: the listed mappings; emptied of their text as they are diagnosed.
    ///   - onEvent: called as each mapping is diagnosed.
    ///   - deliver: receives each result, in the listed order.
    public func diagnoseInOrder(
        releasing mappings: inout [ListedMapping], onEvent: @escaping @Sendable (Event) async -> Void,
        deliver: (Result) async throws -> Void
    ) async throws {
        let now = self.now
        let prepared = prepare(mappings)
        let groupFindings = prepared.groupFindings
        var metricMappings = prepared.metricMappings
        let window = mappingsInFlight
        try await withThrowingTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            var delivered = 0
            var waiting: [Int: Result] = [:]
            func start() async {
                while next < mappings.count && next < delivered + window {
                    let index = next
                    let gatherer = mappings[index].gatherer
                    await Self.startMetricReads(of: gatherer, in: mappings, from: &metricMappings)
                    let mapping = mappings[index].mapping
                    mappings[index].releaseText()
                    next += 1
                    group.addTask {
                        await Self.diagnose(
                            listedAt: index, mapping, with: gatherer, at: now, groupFindings: groupFindings,
                            onEvent: onEvent)
                    }
                }
            }
            await start()
            while let (index, result) = try await group.next() {
                waiting[index] = result
                while let ready = waiting.removeValue(forKey: delivered) {
                    try await deliver(ready)
                    delivered += 1
                }
                await start()
            }
        }
    }
}
