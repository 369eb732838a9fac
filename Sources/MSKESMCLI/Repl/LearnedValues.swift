import Foundation

/// Values the REPL has seen in this session, offered by Tab completion: mapping UUIDs from `list` and
/// `get`, function names, cluster ARNs.
struct LearnedValues {
    private(set) var mappingUUIDs: [String] = []
    private(set) var functionNames: [String] = []
    private(set) var clusterARNs: [String] = []

    mutating func learn(fromOutput text: String) {
        for match in text.matches(of: Self.uuidPattern) { insert(String(match.output), into: \.mappingUUIDs) }
        for match in text.matches(of: Self.functionPattern) { insert(String(match.output.1), into: \.functionNames) }
        for match in text.matches(of: Self.clusterPattern) { insert(String(match.output), into: \.clusterARNs) }
    }

    mutating func learnMapping(_ uuid: String) { insert(uuid.lowercased(), into: \.mappingUUIDs) }

    private mutating func insert(_ value: String, into list: WritableKeyPath<LearnedValues, [String]>) {
        guard !self[keyPath: list].contains(value) else { return }
        self[keyPath: list].append(value)
        // Keep the lists small: completion is for what was seen recently.
        if self[keyPath: list].count > 500 { self[keyPath: list].removeFirst() }
    }

    static func isMappingUUID(_ text: String) -> Bool { text.lowercased().wholeMatch(of: uuidPattern) != nil }

    nonisolated(unsafe) static let uuidPattern = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/
    nonisolated(unsafe) static let functionPattern = /arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:([A-Za-z0-9_-]+)/
    nonisolated(unsafe) static let clusterPattern =
        /arn:aws[a-z-]*:kafka:[a-z0-9-]+:[0-9]{12}:(?:cluster|vpc-connection)\/[A-Za-z0-9._\/-]+/
}
