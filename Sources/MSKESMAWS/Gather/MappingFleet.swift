import Foundation
import MSKESMCore

/// Which Kafka event source mappings `doctor --function` / `doctor --all` examines.
public struct MappingSelection: Sendable {
    /// Only the mappings of this function (a name or an ARN): ListEventSourceMappings with FunctionName.
    public var functionName: String?
    /// Only functions whose name starts with this.
    public var functionPrefix: String?
    /// Only mappings on this MSK cluster (or VPC connection): ListEventSourceMappings with EventSourceArn.
    public var clusterArn: String?
    /// Only mappings in one of these states (Enabled, Disabled, Creating, …), compared without case.
    public var states: [String]

    public init(
        functionName: String? = nil, functionPrefix: String? = nil, clusterArn: String? = nil, states: [String] = []
    ) {
        self.functionName = functionName
        self.functionPrefix = functionPrefix
        self.clusterArn = clusterArn
        self.states = states
    }

    /// A Kafka mapping: an MSK `EventSourceArn` (cluster or VPC connection), or a `SelfManagedEventSource`.
    public static func isKafka(_ mapping: JSONValue) -> Bool {
        if mapping["SelfManagedEventSource"] != nil { return true }
        return mapping["EventSourceArn"]?.stringValue.map { $0.hasPrefix("arn:") && $0.contains(":kafka:") } ?? false
    }

    /// The function name of a mapping (`…:function:NAME[:qualifier]`).
    public static func functionName(of mapping: JSONValue) -> String {
        MappingFacts.functionName(ofArn: mapping["FunctionArn"]?.stringValue ?? "")
    }

    public func matches(_ mapping: JSONValue) -> Bool {
        guard Self.isKafka(mapping) else { return false }
        if let functionPrefix, !Self.functionName(of: mapping).hasPrefix(functionPrefix) { return false }
        if let clusterArn, mapping["EventSourceArn"]?.stringValue != clusterArn { return false }
        if !states.isEmpty {
            let state = mapping["State"]?.stringValue?.lowercased() ?? ""
            if !states.contains(where: { $0.lowercased() == state }) { return false }
        }
        return true
    }
}

/// `doctor --function` / `doctor --all`: lists the Kafka mappings of one or more regions, gathers each one's
/// snapshot with gatherers that share one read cache and one adaptive limiter, runs the doctor on it, and
/// reports each mapping as soon as it is done. A region that cannot be listed, or a part of a mapping that
/// cannot be read, is reported and the run goes on.
public struct MappingFleet: Sendable {
    /// One gatherer per region (sharing cache and limiter: `SnapshotGatherer.sharing(client:)`).
    public var gatherers: [SnapshotGatherer]
    public var selection: MappingSelection
    /// The instant the doctor evaluates dates at.
    public var now: Date
    /// Mappings being gathered at once (their calls are bounded by the limiter anyway; this bounds memory).
    public var mappingsInFlight: Int

    public init(gatherers: [SnapshotGatherer], selection: MappingSelection, now: Date, mappingsInFlight: Int = 64) {
        self.gatherers = gatherers
        self.selection = selection
        self.now = now
        self.mappingsInFlight = max(1, mappingsInFlight)
    }

    /// One diagnosed mapping.
    public struct Result: Sendable {
        public var region: String
        /// The mapping's account, from its function ARN (no extra call).
        public var accountId: String? { diagnosis.accountId }
        public var function: String
        public var topic: String?
        public var diagnosis: MappingDiagnosis
        /// The mapping's path with its problems marked (for `--output markdown`); nil when the snapshot could
        /// not be read.
        public var diagram: MappingPathDiagram?
    }

    /// What the run reports while it goes.
    public enum Event: Sendable {
        /// A region was listed: how many mappings will be diagnosed there.
        case listed(region: String, count: Int)
        /// A region could not be listed (the reason is one line, "Code: message"); `account` is the account
        /// whose role the listing used (`--accounts`), `nil` for the caller's own.
        case regionFailed(region: String, reason: String, account: String?)
        case diagnosed(Result)
    }

    /// A region that could not be listed.
    public struct RegionFailure: Sendable {
        public var region: String
        /// The account whose Region it is (`--accounts`), `nil` for the caller's own.
        public var account: String?
        public var reason: String
        /// Whether the failure is a denial (AccessDenied and the like).
        public var denied: Bool
    }

    /// One listed mapping, kept as its JSON text until it is diagnosed: a parsed tree of a mapping takes several
    /// times the memory of its text, and `doctor --all` lists every mapping before it diagnoses the first
    /// (docs/output.md, "Fleet output is streamed").
    public struct ListedMapping: Sendable {
        /// The gatherer of the mapping's (account, Region).
        public var gatherer: SnapshotGatherer {
            get { shared.gatherer }
            set { shared = SharedGatherer(newValue) }
        }
        /// The gatherer, held once for all the mappings of its (account, Region): a gatherer is a few hundred
        /// bytes, which 10,000 listed mappings would otherwise each copy (heaptrack: 4 MiB).
        private var shared: SharedGatherer
        private var text: String

        /// Keeps `mapping` (an entry of ListEventSourceMappings) for `gatherer`.
        /// - Parameters:
        ///   - gatherer: the gatherer of the mapping's (account, Region).
        ///   - mapping: the mapping as listed.
        public init(gatherer: SnapshotGatherer, mapping: JSONValue) {
            self.init(shared: SharedGatherer(gatherer), mapping: mapping)
        }

        init(shared: SharedGatherer, mapping: JSONValue) {
            self.shared = shared
            text = JSONWriter.write(mapping, pretty: false)
        }

        /// The mapping, parsed again from its text (which the writer made, so it parses).
        public var mapping: JSONValue { (try? JSONValue.parse(text)) ?? .null }

        /// Drops the text once the mapping is being diagnosed (`mapping` is `.null` afterwards).
        mutating func releaseText() { text = "" }
    }

    /// Lists every selected mapping of every region.
    /// - Throws: `ToolError` exit 2 when `functionName` names a function that does not exist or has no Kafka
    ///   mapping; exit 3 when no region could be listed.
    public func list(onEvent: @escaping @Sendable (Event) async -> Void) async throws
        -> (mappings: [ListedMapping], failures: [RegionFailure])
    {
        let selection = self.selection
        let listed = await withTaskGroup(of: (Int, Swift.Result<[ListedMapping], Error>).self) { group in
            for (index, gatherer) in gatherers.enumerated() {
                group.addTask {
                    do {
                        let lambda = LambdaClient(client: gatherer.client)
                        let shared = SharedGatherer(gatherer)
                        let found = try await gatherer.limiter.run {
                            var found: [ListedMapping] = []
                            try await lambda.forEachEventSourceMappingPage(
                                functionName: selection.functionName, eventSourceArn: selection.clusterArn
                            ) { page in
                                for mapping in page where selection.matches(mapping) {
                                    found.append(ListedMapping(shared: shared, mapping: mapping))
                                }
                            }
                            return found
                        }
                        return (index, .success(found))
                    } catch {
                        return (index, .failure(error))
                    }
                }
            }
            var results: [Int: Swift.Result<[ListedMapping], Error>] = [:]
            for await (index, result) in group { results[index] = result }
            return results
        }
        var mappings: [ListedMapping] = []
        var failures: [RegionFailure] = []
        var firstError: Error?
        for (index, gatherer) in gatherers.enumerated() {
            switch listed[index] {
            case .success(let found)?:
                mappings += found
                await onEvent(.listed(region: gatherer.region, count: found.count))
            case .failure(let error)?:
                if let functionName = selection.functionName, let error = error as? AWSError, error.kind == .notFound {
                    throw Self.noSuchFunction(functionName)
                }
                firstError = firstError ?? error
                let reason = FailureReason.reported(error)
                let denied = (error as? AWSError)?.kind == .accessDenied
                failures.append(
                    RegionFailure(region: gatherer.region, account: gatherer.account, reason: reason, denied: denied))
            case nil:
                break
            }
        }
        if failures.count == gatherers.count, let firstError {
            if let error = firstError as? ToolError { throw error }
            throw ToolError.remote(
                "cannot list the event source mappings",
                input: gatherers.map { $0.scope.replacingOccurrences(of: "|", with: " ") }.joined(separator: ", "),
                fix:
                    "\(FailureReason.reported(firstError)); check the credentials (lambda:ListEventSourceMappings), region and network, then retry"
            )
        }
        for failure in failures {
            await onEvent(.regionFailed(region: failure.region, reason: failure.reason, account: failure.account))
        }
        if let functionName = selection.functionName, mappings.isEmpty {
            // ListEventSourceMappings answers an empty list for a function that does not exist: ask.
            if let gatherer = gatherers.first {
                do {
                    _ = try await gatherer.limiter.run {
                        try await LambdaClient(client: gatherer.client).getFunctionConfiguration(
                            functionName: functionName)
                    }
                } catch let error as AWSError where error.kind == .notFound {
                    throw Self.noSuchFunction(functionName)
                } catch {}
            }
            throw ToolError.usage(
                .notFound, "the function has no Kafka event source mapping", input: functionName,
                fix: "list its mappings with aws lambda list-event-source-mappings --function-name \(functionName)")
        }
        return (mappings, failures)
    }

    static func noSuchFunction(_ name: String) -> ToolError {
        ToolError.usage(
            .notFound, "no such function", input: name,
            fix: "check the name and the region (aws lambda list-functions --query 'Functions[].FunctionName')")
    }

    /// Gathers and diagnoses `mappings`, reporting each as it finishes; returns them in the listed order.
    public func diagnose(
        _ mappings: [ListedMapping], onEvent: @escaping @Sendable (Event) async -> Void
    ) async -> [Result] {
        let now = self.now
        let prepared = prepare(mappings)
        let groupFindings = prepared.groupFindings
        var metricMappings = prepared.metricMappings
        var results = [Result?](repeating: nil, count: mappings.count)
        await withTaskGroup(of: (Int, Result).self) { group in
            var next = 0
            func start() async {
                guard next < mappings.count else { return }
                let index = next
                let gatherer = mappings[index].gatherer
                await Self.startMetricReads(of: gatherer, in: mappings, from: &metricMappings)
                let mapping = mappings[index].mapping
                next += 1
                group.addTask {
                    await Self.diagnose(
                        listedAt: index, mapping, with: gatherer, at: now, groupFindings: groupFindings,
                        onEvent: onEvent)
                }
            }
            for _ in 0..<min(mappingsInFlight, mappings.count) { await start() }
            for await (index, result) in group {
                results[index] = result
                await start()
            }
        }
        return results.compactMap { $0 }
    }

    /// Before the first mapping is diagnosed: the poller groups judged over every mapping the run sees (TOP006,
    /// TOP007), and which mappings each (account, Region) has, whose metrics are read together when its first
    /// mapping starts (`startMetricReads`). Parses one listed mapping at a time and keeps only what those need.
    /// Returns the mappings' indices by gatherer scope and the poller group findings by mapping UUID.
    func prepare(_ mappings: [ListedMapping]) -> (
        metricMappings: [String: [Int]], groupFindings: [String: [Finding]]
    ) {
        var metricMappings: [String: [Int]] = [:]
        var pollerGroupMembers: [(region: String, mapping: JSONValue)] = []
        for (index, listed) in mappings.enumerated() {
            metricMappings[listed.gatherer.scope, default: []].append(index)
            let mapping = listed.mapping
            if mapping["ProvisionedPollerConfig"]?["PollerGroupName"] != nil {
                pollerGroupMembers.append((listed.gatherer.region, mapping))
            }
        }
        return (metricMappings, PollerGroupRules.findings(pollerGroupMembers))
    }

    /// When the first mapping of `gatherer`'s (account, Region) starts: reads the metrics of all its mappings
    /// (their indices leave `pending`), in GetMetricData calls of up to 500 queries; the reads run while the
    /// mappings are gathered, and each mapping awaits only its own. So a run holds the metric queries and series
    /// of the (account, Region)s being diagnosed, not of the whole fleet: each batch is let go once its mappings
    /// have their part (`ReadCache.takeSeeded(_:)`).
    static func startMetricReads(
        of gatherer: SnapshotGatherer, in mappings: [ListedMapping], from pending: inout [String: [Int]]
    ) async {
        guard let indices = pending.removeValue(forKey: gatherer.scope) else { return }
        await gatherer.prefetchMetrics(
            reads: indices.compactMap { MappingReadPlan(mapping: mappings[$0].mapping, readsMetrics: true).metricsRead }
        )
    }

    /// The task of the mapping listed at `index`: its diagnosis, with the findings of its poller group, at the
    /// limiter's priority of its place in the listing, reported to `onEvent` as it finishes.
    static func diagnose(
        listedAt index: Int, _ mapping: JSONValue, with gatherer: SnapshotGatherer, at now: Date,
        groupFindings: [String: [Finding]], onEvent: @Sendable (Event) async -> Void
    ) async -> (Int, Result) {
        let result = await AdaptiveLimiter.$priority.withValue(index) {
            await diagnose(
                mapping, with: gatherer, at: now, adding: groupFindings[mapping["UUID"]?.stringValue ?? ""] ?? [])
        }
        await onEvent(.diagnosed(result))
        return (index, result)
    }

    /// One mapping: gather its snapshot, run the doctor; `adding` are the findings of its poller group.
    static func diagnose(
        _ mapping: JSONValue, with gatherer: SnapshotGatherer, at now: Date, adding groupFindings: [Finding] = []
    ) async -> Result {
        let uuid = mapping["UUID"]?.stringValue ?? "(no UUID)"
        let snapshot = await gatherer.gather(mapping: mapping, metrics: true)
        let report: CheckReport<DoctorSummary>
        var diagram: MappingPathDiagram?
        do {
            let decoded = try Snapshot.decode(snapshot, source: uuid)
            let single = try Doctor().run(decoded, at: now)
            report = CheckReport(findings: single.findings + groupFindings, summary: single.summary)
            diagram = MappingPathDiagram(snapshot: decoded, findings: report.findings)
        } catch {
            // Only a malformed AWS answer gets here; say so for this mapping and go on.
            report = CheckReport(
                findings: [
                    Finding(
                        code: .acc002, severity: .skipped, title: "the mapping's data could not be read as a snapshot",
                        detail: FailureReason.reported(error),
                        fix:
                            "msk-esm snapshot \(uuid) --region \(gatherer.region) --write snapshot.json, then msk-esm doctor --snapshot snapshot.json"
                    )
                ], summary: DoctorSummary(uuid: uuid))
        }
        return Result(
            region: gatherer.region, function: MappingSelection.functionName(of: mapping),
            topic: mapping["Topics"]?.arrayValue?.first?.stringValue,
            diagnosis: MappingDiagnosis(
                uuid: uuid, report: report,
                accountId: FleetAccount.accountId(ofArn: mapping["FunctionArn"]?.stringValue ?? "")),
            diagram: diagram)
    }
}

/// One gatherer referenced by many listed mappings (`MappingFleet.ListedMapping`).
final class SharedGatherer: Sendable {
    let gatherer: SnapshotGatherer

    init(_ gatherer: SnapshotGatherer) { self.gatherer = gatherer }
}
