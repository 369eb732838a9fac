/// The request context keys a simulated request carries (`aws:SourceIp`, `kafka-cluster:topicName`, …).
/// Each key is in one of three states: given with values (several values make a multi-valued key; an empty
/// list is a present but empty multi-valued key), known to be absent, or not given at all. A condition on a
/// key that was not given is never decided: the result depends on it (`conditional`). Keys compare
/// case-insensitively, as IAM's condition keys do.
public struct RequestContext: Sendable, Equatable {
    /// What the context says about one key.
    public enum Lookup: Sendable, Equatable {
        case values([String])
        case absent
        case notGiven
    }

    private var values: [String: [String]] = [:]
    private var absentKeys: Set<String> = []

    /// A context with `values` per key (keys folded to lower case) and `absentKeys` known to be missing from the
    /// request.
    public init(values: [String: [String]] = [:], absentKeys: Set<String> = []) {
        for (key, list) in values { self.values[key.lowercased(), default: []].append(contentsOf: list) }
        self.absentKeys = Set(absentKeys.map { $0.lowercased() })
    }

    /// Adds one value; adding the same key twice makes it multi-valued.
    public mutating func add(_ key: String, _ value: String) {
        values[key.lowercased(), default: []].append(value)
    }

    /// Declares the key absent from the request (AWS's rules for missing keys then apply).
    public mutating func markAbsent(_ key: String) {
        absentKeys.insert(key.lowercased())
    }

    /// What the context says about `key`, compared case-insensitively: its values, absent, or not given.
    public func lookup(_ key: String) -> Lookup {
        let folded = key.lowercased()
        if let list = values[folded] { return .values(list) }
        if absentKeys.contains(folded) { return .absent }
        return .notGiven
    }
}

/// A three-valued answer: the statement (or condition) applies, does not, or depends on context keys
/// that were not given.
enum Tristate: Sendable, Equatable {
    case yes
    case no
    case unknown(Set<String>)

    init(_ flag: Bool) { self = flag ? .yes : .no }

    static func && (lhs: Tristate, rhs: @autoclosure () -> Tristate) -> Tristate {
        if lhs == .no { return .no }
        let right = rhs()
        switch (lhs, right) {
        case (_, .no): return .no
        case (.yes, .yes): return .yes
        case (.unknown(let a), .unknown(let b)): return .unknown(a.union(b))
        case (.unknown(let a), _), (_, .unknown(let a)): return .unknown(a)
        default: return .no
        }
    }

    static func || (lhs: Tristate, rhs: @autoclosure () -> Tristate) -> Tristate {
        if lhs == .yes { return .yes }
        let right = rhs()
        switch (lhs, right) {
        case (_, .yes): return .yes
        case (.no, .no): return .no
        case (.unknown(let a), .unknown(let b)): return .unknown(a.union(b))
        case (.unknown(let a), _), (_, .unknown(let a)): return .unknown(a)
        default: return .no
        }
    }

    static prefix func ! (value: Tristate) -> Tristate {
        switch value {
        case .yes: .no
        case .no: .yes
        case .unknown: value
        }
    }

    var keys: Set<String> {
        if case .unknown(let keys) = self { return keys }
        return []
    }
}

/// Policy variables (`${aws:username}`, `${aws:PrincipalTag/team, 'none'}`, and the escapes `${*}`, `${?}`,
/// `${$}`) in resources and condition values of 2012-10-17 policies.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
enum PolicyVariables {
    /// The pattern with every variable replaced by its literal value. When a variable's key was not given,
    /// it stands for any text (`*`) and its key is returned in `unresolved`, so the caller can tell
    /// "cannot match whatever the value" from "depends on the key". `tokens` is nil when the element can
    /// match nothing (a key known to be absent, without a default).
    static func substitute(_ text: String, enabled: Bool, context: RequestContext) -> (
        tokens: [WildcardPattern.Token]?, unresolved: Set<String>
    ) {
        guard enabled, WildcardPattern.containsVariable(text) else { return (WildcardPattern(text).tokens, []) }
        var tokens: [WildcardPattern.Token] = []
        var unresolved: Set<String> = []
        var rest = Substring(text)
        while let start = rest.range(of: "${") {
            tokens += WildcardPattern(String(rest[..<start.lowerBound])).tokens
            guard let end = rest[start.upperBound...].firstIndex(of: "}") else {
                tokens += WildcardPattern.literal(String(rest[start.lowerBound...]))
                rest = ""
                break
            }
            let body = rest[start.upperBound..<end].trimmingSpaces()
            rest = rest[rest.index(after: end)...]
            switch body {
            case "*", "?", "$":
                tokens += WildcardPattern.literal(body)
                continue
            default:
                break
            }
            var key = body
            var fallback: String?
            if let comma = body.firstIndex(of: ",") {
                key = body[..<comma].trimmingSpaces()
                let quoted = body[body.index(after: comma)...].trimmingSpaces()
                if quoted.count >= 2, quoted.hasPrefix("'"), quoted.hasSuffix("'") {
                    fallback = String(quoted.dropFirst().dropLast())
                }
            }
            switch context.lookup(key) {
            case .values(let values) where !values.isEmpty:
                tokens += WildcardPattern.literal(values[0])
            case .values, .absent:
                // A missing key without a default makes the element match nothing (AWS: the statement
                // does not apply); with a default, the default is used.
                if let fallback {
                    tokens += WildcardPattern.literal(fallback)
                } else {
                    return (nil, [])
                }
            case .notGiven:
                if let fallback, key.isEmpty {
                    tokens += WildcardPattern.literal(fallback)
                } else {
                    unresolved.insert(key)
                    tokens.append(.anyRun)
                }
            }
        }
        tokens += WildcardPattern(String(rest)).tokens
        return (tokens, unresolved)
    }
}
