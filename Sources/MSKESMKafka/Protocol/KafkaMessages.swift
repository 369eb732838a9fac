import Foundation

/// The Kafka APIs the probe speaks (https://kafka.apache.org/protocol#protocol_api_keys), and the versions of
/// each that this client can write. The version used is the highest one that both this client and the broker
/// (its ApiVersions answer) support.
public enum KafkaAPI: Int16, Sendable, CaseIterable {
    case metadata = 3
    case findCoordinator = 10
    case describeGroups = 15
    case saslHandshake = 17
    case apiVersions = 18
    case saslAuthenticate = 36

    public var name: String {
        switch self {
        case .metadata: "Metadata"
        case .findCoordinator: "FindCoordinator"
        case .describeGroups: "DescribeGroups"
        case .saslHandshake: "SaslHandshake"
        case .apiVersions: "ApiVersions"
        case .saslAuthenticate: "SaslAuthenticate"
        }
    }

    /// The versions this client writes and reads.
    var clientVersions: ClosedRange<Int16> {
        switch self {
        case .metadata: 1...8
        case .findCoordinator: 0...2
        case .describeGroups: 0...4
        case .saslHandshake: 1...1
        case .apiVersions: 0...3
        case .saslAuthenticate: 0...2
        }
    }

    /// Flexible versions (KIP-482) use request header v2 and compact encodings.
    func isFlexible(_ version: Int16) -> Bool {
        switch self {
        case .apiVersions: version >= 3
        case .saslAuthenticate: version >= 2
        case .metadata: version >= 9
        case .findCoordinator: version >= 3
        case .describeGroups: version >= 5
        case .saslHandshake: false
        }
    }

    /// Response header v1 (with tagged fields) for flexible versions — except ApiVersions, whose response
    /// header is always v0 so that a client can read it before it knows the broker's versions.
    func responseHasTaggedHeader(_ version: Int16) -> Bool {
        self != .apiVersions && isFlexible(version)
    }
}

/// The version range a broker supports for one API.
public struct APIVersionRange: Sendable, Equatable, Codable {
    public var apiKey: Int16
    public var minVersion: Int16
    public var maxVersion: Int16
}

/// Builds requests and parses responses.
enum KafkaMessages {
    /// The whole request, without the 4-byte size prefix: header v1 or v2, then the body.
    static func request(
        _ api: KafkaAPI, version: Int16, correlationID: Int32, clientID: String, body: [UInt8]
    ) -> [UInt8] {
        var writer = KafkaWriter()
        writer.int16(api.rawValue)
        writer.int16(version)
        writer.int32(correlationID)
        writer.nullableString(clientID)
        if api.isFlexible(version) { writer.emptyTaggedFields() }
        return writer.bytes + body
    }

    // MARK: ApiVersions

    static func apiVersionsBody(version: Int16, softwareName: String, softwareVersion: String) -> [UInt8] {
        var writer = KafkaWriter()
        if version >= 3 {
            writer.compactString(softwareName)
            writer.compactString(softwareVersion)
            writer.emptyTaggedFields()
        }
        return writer.bytes
    }

    struct ApiVersionsResponse {
        var errorCode: Int16
        var ranges: [APIVersionRange]
    }

    /// Reads an ApiVersions response. A broker that does not support the requested version answers
    /// UNSUPPORTED_VERSION (35) in the v0 layout, which the caller then reads with `version` 0.
    static func parseApiVersions(_ reader: inout KafkaReader, version: Int16) throws -> ApiVersionsResponse {
        let errorCode = try reader.int16()
        let flexible = version >= 3
        let count = flexible ? try reader.compactArrayLength() : try reader.arrayLength()
        var ranges: [APIVersionRange] = []
        for _ in 0..<count {
            let range = APIVersionRange(
                apiKey: try reader.int16(), minVersion: try reader.int16(), maxVersion: try reader.int16())
            if flexible { try reader.skipTaggedFields() }
            ranges.append(range)
        }
        return ApiVersionsResponse(errorCode: errorCode, ranges: ranges)
    }

    // MARK: SASL

    static func saslHandshakeBody(mechanism: String) -> [UInt8] {
        var writer = KafkaWriter()
        writer.string(mechanism)
        return writer.bytes
    }

    struct SaslHandshakeResponse {
        var errorCode: Int16
        var mechanisms: [String]
    }

    static func parseSaslHandshake(_ reader: inout KafkaReader) throws -> SaslHandshakeResponse {
        let errorCode = try reader.int16()
        let mechanisms = try (0..<reader.arrayLength()).map { _ in try reader.string() }
        return SaslHandshakeResponse(errorCode: errorCode, mechanisms: mechanisms)
    }

    static func saslAuthenticateBody(version: Int16, authBytes: [UInt8]) -> [UInt8] {
        var writer = KafkaWriter()
        if version >= 2 {
            writer.compactBytes(authBytes)
            writer.emptyTaggedFields()
        } else {
            writer.bytesField(authBytes)
        }
        return writer.bytes
    }

    struct SaslAuthenticateResponse {
        var errorCode: Int16
        var errorMessage: String?
        var authBytes: [UInt8]
        var sessionLifetimeMs: Int64?
    }

    static func parseSaslAuthenticate(_ reader: inout KafkaReader, version: Int16) throws -> SaslAuthenticateResponse {
        let errorCode = try reader.int16()
        if version >= 2 {
            let message = try reader.compactNullableString()
            let bytes = try reader.compactBytes()
            let lifetime = try reader.int64()
            try reader.skipTaggedFields()
            return SaslAuthenticateResponse(
                errorCode: errorCode, errorMessage: message, authBytes: bytes, sessionLifetimeMs: lifetime)
        }
        let message = try reader.nullableString()
        let bytes = try reader.bytesField()
        let lifetime = version >= 1 ? try reader.int64() : nil
        return SaslAuthenticateResponse(
            errorCode: errorCode, errorMessage: message, authBytes: bytes, sessionLifetimeMs: lifetime)
    }

    // MARK: Metadata (v1–v8)

    static func metadataBody(version: Int16, topics: [String]) -> [UInt8] {
        var writer = KafkaWriter()
        if version < 4 && !topics.isEmpty {
            // Before v4 a request naming a missing topic creates it on brokers with auto.create.topics.enable;
            // asking for every topic (null) never does, and the probe picks its topic from the answer.
            writer.int32(-1)
        } else {
            writer.arrayLength(topics.count)
            for topic in topics { writer.string(topic) }
        }
        // Never create the topic as a side effect of looking at it.
        if version >= 4 { writer.bool(false) }
        if version >= 8 {
            writer.bool(false)
            writer.bool(true)
        }
        return writer.bytes
    }

    static func parseMetadata(_ reader: inout KafkaReader, version: Int16) throws -> ClusterMetadata {
        if version >= 3 { _ = try reader.int32() }
        var brokers: [ClusterMetadata.Broker] = []
        for _ in 0..<(try reader.arrayLength()) {
            let id = try reader.int32()
            let host = try reader.string()
            let port = try reader.int32()
            let rack = try reader.nullableString()
            brokers.append(ClusterMetadata.Broker(nodeID: id, host: host, port: port, rack: rack))
        }
        let clusterID = version >= 2 ? try reader.nullableString() : nil
        let controllerID = try reader.int32()
        var topics: [ClusterMetadata.Topic] = []
        for _ in 0..<(try reader.arrayLength()) {
            let errorCode = try reader.int16()
            let name = try reader.string()
            let isInternal = try reader.bool()
            var partitions: [ClusterMetadata.Partition] = []
            for _ in 0..<(try reader.arrayLength()) {
                let partitionError = try reader.int16()
                let index = try reader.int32()
                let leader = try reader.int32()
                if version >= 7 { _ = try reader.int32() }
                let replicas = try reader.int32Array()
                let isr = try reader.int32Array()
                if version >= 5 { _ = try reader.int32Array() }
                partitions.append(
                    ClusterMetadata.Partition(
                        errorCode: partitionError, index: index, leaderID: leader, replicas: replicas, isr: isr))
            }
            let authorizedOperations = version >= 8 ? try reader.int32() : nil
            topics.append(
                ClusterMetadata.Topic(
                    errorCode: errorCode, name: name, isInternal: isInternal,
                    partitions: partitions.sorted { $0.index < $1.index },
                    authorizedOperations: authorizedOperations))
        }
        if version >= 8 { _ = try reader.int32() }
        return ClusterMetadata(clusterID: clusterID, controllerID: controllerID, brokers: brokers, topics: topics)
    }

    // MARK: Groups

    static func findCoordinatorBody(version: Int16, group: String) -> [UInt8] {
        var writer = KafkaWriter()
        writer.string(group)
        if version >= 1 { writer.int8(0) }
        return writer.bytes
    }

    struct FindCoordinatorResponse {
        var errorCode: Int16
        var errorMessage: String?
        var nodeID: Int32
        var host: String
        var port: Int32
    }

    static func parseFindCoordinator(_ reader: inout KafkaReader, version: Int16) throws -> FindCoordinatorResponse {
        if version >= 1 { _ = try reader.int32() }
        let errorCode = try reader.int16()
        let message = version >= 1 ? try reader.nullableString() : nil
        return FindCoordinatorResponse(
            errorCode: errorCode, errorMessage: message, nodeID: try reader.int32(), host: try reader.string(),
            port: try reader.int32())
    }

    static func describeGroupsBody(version: Int16, group: String) -> [UInt8] {
        var writer = KafkaWriter()
        writer.arrayLength(1)
        writer.string(group)
        if version >= 3 { writer.bool(true) }
        return writer.bytes
    }

    static func parseDescribeGroups(_ reader: inout KafkaReader, version: Int16) throws -> [GroupDescription] {
        if version >= 1 { _ = try reader.int32() }
        var groups: [GroupDescription] = []
        for _ in 0..<(try reader.arrayLength()) {
            let errorCode = try reader.int16()
            let id = try reader.string()
            let state = try reader.string()
            let protocolType = try reader.string()
            let protocolName = try reader.string()
            var members: [GroupDescription.Member] = []
            for _ in 0..<(try reader.arrayLength()) {
                let memberID = try reader.string()
                if version >= 4 { _ = try reader.nullableString() }
                let clientID = try reader.string()
                let clientHost = try reader.string()
                _ = try reader.bytesField()
                _ = try reader.bytesField()
                members.append(GroupDescription.Member(memberID: memberID, clientID: clientID, clientHost: clientHost))
            }
            if version >= 3 { _ = try reader.int32() }
            groups.append(
                GroupDescription(
                    errorCode: errorCode, groupID: id, state: state, protocolType: protocolType,
                    protocolName: protocolName, members: members))
        }
        return groups
    }
}

/// What a Metadata response says about the cluster and the asked-for topics.
public struct ClusterMetadata: Sendable, Equatable {
    public struct Broker: Sendable, Equatable {
        public var nodeID: Int32
        public var host: String
        public var port: Int32
        public var rack: String?
        /// `host:port`.
        public var address: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    }

    public struct Partition: Sendable, Equatable {
        public var errorCode: Int16
        public var index: Int32
        /// -1 when the partition has no leader.
        public var leaderID: Int32
        public var replicas: [Int32]
        public var isr: [Int32]
    }

    public struct Topic: Sendable, Equatable {
        public var errorCode: Int16
        public var name: String
        public var isInternal: Bool
        public var partitions: [Partition]
        /// v8+: a bit field of the operations the caller may perform, or nil.
        public var authorizedOperations: Int32?
    }

    public var clusterID: String?
    public var controllerID: Int32
    public var brokers: [Broker]
    public var topics: [Topic]
}

/// One consumer group as DescribeGroups reports it.
public struct GroupDescription: Sendable, Equatable {
    public struct Member: Sendable, Equatable {
        public var memberID: String
        public var clientID: String
        public var clientHost: String
    }

    public var errorCode: Int16
    public var groupID: String
    /// `Empty`, `Stable`, `PreparingRebalance`, `CompletingRebalance`, `Dead`.
    public var state: String
    public var protocolType: String
    public var protocolName: String
    public var members: [Member]
}
