import MSKESMCore

/// What `probe` examined: the summary of its ``CheckReport`` (docs/output.md).
public struct ProbeSummary: ReportSummary {
    /// One broker's probe.
    public struct Broker: Codable, Sendable, Equatable {
        /// The broker as given, `host:port`.
        public var broker: String
        /// The addresses its name resolved to.
        public var addresses: [String]
        /// The steps, in order, each with its outcome and duration.
        public var steps: [ProbeStep]
        /// The TLS session, when one was made.
        public var tls: TLSSessionInfo?
        /// The first failure's `LastProcessingResult`; nil when every step passed.
        public var lambdaResult: LambdaProcessingResult?

        public init(_ result: BrokerProbeResult) {
            broker = result.broker
            addresses = result.addresses
            steps = result.steps
            tls = result.tls
            lambdaResult = result.lambdaResult
        }
    }

    /// How the probe authenticated.
    public var method: AuthMethod
    /// The deadline of each step, in seconds.
    public var timeoutSeconds: Double
    /// The topic and consumer group asked about, when given.
    public var topic: String?
    public var group: String?
    /// What Lambda would show as the mapping's `LastProcessingResult`: the first failure's text, or `OK`; nil
    /// when a check was skipped and nothing failed.
    public var lambdaResult: String?
    public var brokers: [Broker]

    public init(
        method: AuthMethod, timeoutSeconds: Double, topic: String? = nil, group: String? = nil,
        lambdaResult: String? = nil, brokers: [Broker] = []
    ) {
        self.method = method
        self.timeoutSeconds = timeoutSeconds
        self.topic = topic
        self.group = group
        self.lambdaResult = lambdaResult
        self.brokers = brokers
    }
}
