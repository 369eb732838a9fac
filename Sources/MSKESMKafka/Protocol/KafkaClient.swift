import Foundation

/// A Kafka client on one connection: size-framed requests with correlation ids, the version of each API
/// chosen from the broker's ApiVersions answer, and the few calls Lambda's poller depends on.
final class KafkaClient {
    static let clientID = "msk-esm-probe"
    static let softwareName = "msk-esm"
    static let softwareVersion = "0.1.0"
    /// Responses larger than this are not a Kafka broker talking (or a broken one).
    static let maximumResponseSize = 16 * 1024 * 1024

    private let stream: ByteStream
    private var correlationID: Int32 = 0
    /// The broker's ranges by API key, after ``negotiateVersions(deadline:)``.
    private(set) var brokerVersions: [Int16: APIVersionRange] = [:]

    /// Where `--debug` lines go, each prefixed with `label`.
    private let trace: (@Sendable (String) -> Void)?
    private let label: String

    init(stream: ByteStream, label: String = "", trace: (@Sendable (String) -> Void)? = nil) {
        self.stream = stream
        self.label = label
        self.trace = trace
    }

    func close() { stream.close() }

    /// The version to use for `api`: the highest both sides support, or nil when they share none.
    func version(for api: KafkaAPI) -> Int16? {
        guard let range = brokerVersions[api.rawValue] else { return nil }
        let high = min(range.maxVersion, api.clientVersions.upperBound)
        let low = max(range.minVersion, api.clientVersions.lowerBound)
        return high >= low ? high : nil
    }

    /// Sends one request and reads its response body (after the response header).
    func call(_ api: KafkaAPI, version: Int16, body: [UInt8], deadline: Deadline) throws -> KafkaReader {
        correlationID &+= 1
        let request = KafkaMessages.request(
            api, version: version, correlationID: correlationID, clientID: Self.clientID, body: body)
        var frame = KafkaWriter()
        frame.int32(Int32(request.count))
        let watch = Stopwatch()
        trace?("\(label) → \(api.name) v\(version) #\(correlationID), \(request.count + 4) bytes")
        try stream.write(frame.bytes + request, deadline: deadline)
        var sizeReader = KafkaReader(try stream.read(exactly: 4, deadline: deadline))
        let size = Int(try sizeReader.int32())
        guard size >= 4, size <= Self.maximumResponseSize else {
            throw KafkaProtocolError("a response of \(size) bytes is not a Kafka answer")
        }
        var reader = KafkaReader(try stream.read(exactly: size, deadline: deadline))
        trace?(
            "\(label) ← \(api.name) #\(correlationID), \(size + 4) bytes in "
                + String(format: "%.1f ms", watch.elapsedMilliseconds))
        let answered = try reader.int32()
        guard answered == correlationID else {
            throw KafkaProtocolError("the answer is for request \(answered), not \(correlationID)")
        }
        if api.responseHasTaggedHeader(version) { try reader.skipTaggedFields() }
        return reader
    }

    /// ApiVersions at the highest version this client writes (3); a broker that answers UNSUPPORTED_VERSION
    /// lists its own range in the v0 layout, and the request is repeated at the version it supports.
    @discardableResult
    func negotiateVersions(deadline: Deadline) throws -> Int16 {
        var version = KafkaAPI.apiVersions.clientVersions.upperBound
        for _ in 0..<2 {
            var reader = try call(
                .apiVersions, version: version,
                body: KafkaMessages.apiVersionsBody(
                    version: version, softwareName: Self.softwareName, softwareVersion: Self.softwareVersion),
                deadline: deadline)
            var peek = reader
            if version > 0, try peek.int16() == KafkaErrorCode.unsupportedVersion.code {
                // The fallback answer uses the v0 layout and names the broker's own range.
                let ranges = (try? Self.readV0Ranges(&peek)) ?? []
                let brokerMax = ranges.first { $0.apiKey == KafkaAPI.apiVersions.rawValue }?.maxVersion ?? 0
                version = min(brokerMax, version - 1)
                continue
            }
            let response = try KafkaMessages.parseApiVersions(&reader, version: version)
            guard response.errorCode == 0 else {
                throw KafkaCallError(api: .apiVersions, code: KafkaErrorCode(response.errorCode), message: nil)
            }
            brokerVersions = Dictionary(
                response.ranges.map { ($0.apiKey, $0) }, uniquingKeysWith: { first, _ in first })
            return version
        }
        throw KafkaProtocolError("the broker supports no ApiVersions version this client speaks")
    }

    private static func readV0Ranges(_ reader: inout KafkaReader) throws -> [APIVersionRange] {
        try (0..<reader.arrayLength()).map { _ in
            APIVersionRange(apiKey: try reader.int16(), minVersion: try reader.int16(), maxVersion: try reader.int16())
        }
    }

    func requireVersion(_ api: KafkaAPI) throws -> Int16 {
        guard let version = version(for: api) else {
            throw KafkaProtocolError(
                "the broker does not offer \(api.name) in a version this client speaks (\(api.clientVersions))")
        }
        return version
    }

    /// SaslHandshake v1: the mechanisms the broker has on; throws ``KafkaCallError`` when `mechanism` is not one.
    func saslHandshake(mechanism: String, deadline: Deadline) throws -> [String] {
        let version = try requireVersion(.saslHandshake)
        var reader = try call(
            .saslHandshake, version: version, body: KafkaMessages.saslHandshakeBody(mechanism: mechanism),
            deadline: deadline)
        let response = try KafkaMessages.parseSaslHandshake(&reader)
        if response.errorCode != 0 {
            throw KafkaCallError(
                api: .saslHandshake, code: KafkaErrorCode(response.errorCode),
                message: "enabled mechanisms: " + response.mechanisms.joined(separator: ", "),
                enabledMechanisms: response.mechanisms)
        }
        return response.mechanisms
    }

    /// One SaslAuthenticate round trip.
    func saslAuthenticate(_ bytes: [UInt8], deadline: Deadline) throws -> [UInt8] {
        let version = try requireVersion(.saslAuthenticate)
        var reader = try call(
            .saslAuthenticate, version: version,
            body: KafkaMessages.saslAuthenticateBody(version: version, authBytes: bytes), deadline: deadline)
        let response = try KafkaMessages.parseSaslAuthenticate(&reader, version: version)
        if response.errorCode != 0 {
            throw KafkaCallError(
                api: .saslAuthenticate, code: KafkaErrorCode(response.errorCode), message: response.errorMessage)
        }
        return response.authBytes
    }

    func metadata(topics: [String], deadline: Deadline) throws -> ClusterMetadata {
        let version = try requireVersion(.metadata)
        var reader = try call(
            .metadata, version: version, body: KafkaMessages.metadataBody(version: version, topics: topics),
            deadline: deadline)
        return try KafkaMessages.parseMetadata(&reader, version: version)
    }

    func findCoordinator(group: String, deadline: Deadline) throws -> KafkaMessages.FindCoordinatorResponse {
        let version = try requireVersion(.findCoordinator)
        var reader = try call(
            .findCoordinator, version: version,
            body: KafkaMessages.findCoordinatorBody(version: version, group: group), deadline: deadline)
        return try KafkaMessages.parseFindCoordinator(&reader, version: version)
    }

    func describeGroup(_ group: String, deadline: Deadline) throws -> GroupDescription? {
        let version = try requireVersion(.describeGroups)
        var reader = try call(
            .describeGroups, version: version,
            body: KafkaMessages.describeGroupsBody(version: version, group: group), deadline: deadline)
        return try KafkaMessages.parseDescribeGroups(&reader, version: version).first
    }
}

/// A broker answered a call with an error code.
struct KafkaCallError: Error, Sendable {
    var api: KafkaAPI
    var code: KafkaErrorCode
    var message: String?
    var enabledMechanisms: [String] = []
}
