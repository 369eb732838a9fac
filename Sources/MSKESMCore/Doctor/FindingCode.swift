/// A finding code as the code declares it. The man page's list of codes is generated from
/// `FindingCatalogue.all`, so every code a check can emit must be declared there.
public struct FindingCode: Sendable, Hashable, Comparable {
    public let code: String
    /// What the code means, in one line, as the man page prints it.
    public let meaning: String

    public init(_ code: String, _ meaning: String) {
        self.code = code
        self.meaning = meaning
    }

    /// The area prefix, e.g. `SEC`.
    public var prefix: Substring { code.prefix(while: { $0.isLetter }) }

    public static func < (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.code < rhs.code }
}

/// Every finding code, by area. Each area declares its codes next to its checks and lists them here.
public enum FindingCatalogue {
    public static let areas: [(prefix: String, title: String, codes: [FindingCode])] = [
        ("MAP", "Mapping and function settings", FindingCode.mappingCodes),
        ("BRK", "Authentication and bootstrap brokers", FindingCode.brokerCodes),
        ("SEC", "Secrets", FindingCode.secretCodes),
        ("IAM", "Permissions of the execution role", FindingCode.iamCodes),
        ("NET", "Network", FindingCode.networkCodes),
        ("ACC", "What the caller could not read", FindingCode.accessCodes),
        ("PRB", "Live probe of the brokers", FindingCode.probeCodes),
    ]

    public static var all: [FindingCode] { areas.flatMap(\.codes) }

    public static func code(_ code: String) -> FindingCode? { all.first { $0.code == code } }
}
