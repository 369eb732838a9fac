/// A finding code as the code declares it. The man page's list of codes is generated from
/// `FindingCatalogue.all`, so every code a check can emit must be declared there.
public struct FindingCode: Sendable, Hashable, Comparable {
    /// The public code, e.g. `SEC009`: an area prefix and three digits, never reused for another meaning.
    public let code: String
    /// What the code means, in one line, as the man page prints it.
    public let meaning: String

    /// Declares a code with its one-line meaning; each area lists its codes in ``FindingCatalogue/areas``.
    public init(_ code: String, _ meaning: String) {
        self.code = code
        self.meaning = meaning
    }

    /// The area prefix, e.g. `SEC`.
    public var prefix: Substring { code.prefix(while: { $0.isLetter }) }

    /// Orders codes by their text (`IAM002` before `IAM010`), e.g. to list them sorted.
    public static func < (lhs: FindingCode, rhs: FindingCode) -> Bool { lhs.code < rhs.code }
}

/// Every finding code, by area. Each area declares its codes next to its checks and lists them here.
public enum FindingCatalogue {
    /// Every area in the order the man page lists them: its code prefix, its heading and its codes.
    public static let areas: [(prefix: String, title: String, codes: [FindingCode])] = [
        ("MAP", "Mapping and function settings", FindingCode.mappingCodes),
        ("BRK", "Authentication and bootstrap brokers", FindingCode.brokerCodes),
        ("SEC", "Secrets", FindingCode.secretCodes),
        ("IAM", "Permissions of the execution role", FindingCode.iamCodes),
        ("NET", "Network", FindingCode.networkCodes),
        ("FLT", "Event filters", FindingCode.filterCodes),
        ("ACC", "What the caller could not read", FindingCode.accessCodes),
        ("MET", "The mapping's own metrics", FindingCode.metricsCodes),
        ("TOP", "Topics and provisioned pollers", FindingCode.topicCodes),
        ("REG", "Schema registries", FindingCode.schemaRegistryCodes),
        ("PRB", "Live probe of the brokers", FindingCode.probeCodes),
        ("LNT", "Templates", FindingCode.lintCodes),
    ]

    /// Every declared finding code, area by area.
    public static var all: [FindingCode] { areas.flatMap(\.codes) }

    /// The declaration of a code given by its text (e.g. `"NET004"`), or nil if no area declares it.
    public static func code(_ code: String) -> FindingCode? { all.first { $0.code == code } }
}
