/// What the doctor examined for one mapping: the summary of its ``CheckReport``.
///
/// In JSON (docs/output.md) the members are `uuid`, `function`, `topic`, `cluster`, `method`, `port`, `ports`,
/// `checks` and `metrics`; a member the snapshot cannot tell is left out.
public struct DoctorSummary: ReportSummary {
    /// The mapping's UUID.
    public var uuid: String?
    /// The function's name, or its ARN when the snapshot holds no `GetFunctionConfiguration` output.
    public var function: String?
    /// The mapping's topic.
    public var topic: String?
    /// The MSK cluster's ARN, or a self-managed cluster's bootstrap servers joined by commas.
    public var cluster: String?
    /// How Lambda authenticates to the brokers, when the broker choice could be made.
    public var method: AuthMethod?
    /// The port of the first broker Lambda connects to.
    public var port: Int?
    /// Every port the brokers listen on (omitted when unknown).
    public var ports: [Int]?
    /// The names of the checks that ran (``DoctorCheck/name``), in order; skipped checks are findings instead.
    public var checks: [String]
    /// The trends of the mapping's metrics over the window (lag, dropped, errors) with their data points;
    /// omitted when no metric was read.
    public var metrics: MetricTrends?

    /// A summary with the given members; those left nil are omitted from the JSON.
    public init(
        uuid: String? = nil, function: String? = nil, topic: String? = nil, cluster: String? = nil,
        method: AuthMethod? = nil, port: Int? = nil, ports: [Int]? = nil, checks: [String] = []
    ) {
        self.uuid = uuid
        self.function = function
        self.topic = topic
        self.cluster = cluster
        self.method = method
        self.port = port
        self.ports = ports
        self.checks = checks
    }
}
