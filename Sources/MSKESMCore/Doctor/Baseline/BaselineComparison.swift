/// What changed between a baseline report and the run being made: each problem of the run is new or unchanged,
/// and each problem of the baseline the run did not report is fixed (docs/output.md, "Changes since a baseline").
///
/// A baseline problem counts as fixed when the run does not report it, which includes a mapping that was
/// deleted or a Region that could not be listed (that run exits 1 anyway).
public struct BaselineComparison: Sendable {
    private let baseline: Set<BaselineFindingKey>
    private var seen: Set<BaselineFindingKey> = []
    /// The run's problems that the baseline did not have, in the order they were added.
    public private(set) var new: [BaselineFindingKey] = []
    /// How many of the run's problems the baseline had too.
    public private(set) var unchangedCount = 0

    /// A comparison against `baseline`'s problems.
    /// - Parameter baseline: the previous report.
    public init(baseline: ReportBaseline) {
        self.baseline = baseline.problems
    }

    /// Adds one mapping document of the run (as it is printed) and answers its new problems.
    /// - Parameter mapping: the mapping's document.
    @discardableResult
    public mutating func add(_ mapping: JSONValue) -> [BaselineFindingKey] {
        var added: [BaselineFindingKey] = []
        for key in BaselineFindingKey.problems(in: mapping) where seen.insert(key).inserted {
            if baseline.contains(key) {
                unchangedCount += 1
            } else {
                new.append(key)
                added.append(key)
            }
        }
        return added
    }

    /// The baseline's problems the run did not report, sorted.
    public var fixed: [BaselineFindingKey] { baseline.subtracting(seen).sorted() }

    /// `{"new", "fixed", "unchanged", "newFindings", "fixedFindings"}`: the counts and the keys of the changes.
    public var document: JSONValue {
        let fixed = self.fixed
        return [
            "new": .number(Double(new.count)), "fixed": .number(Double(fixed.count)),
            "unchanged": .number(Double(unchangedCount)), "newFindings": .array(new.map(\.document)),
            "fixedFindings": .array(fixed.map(\.document)),
        ]
    }
}
