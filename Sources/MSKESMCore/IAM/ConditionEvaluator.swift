import Foundation

/// Evaluates `Condition` clauses against a `RequestContext`, following
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html and
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html:
/// - several values of one key in the policy: any may match (OR); several keys and operators: all (AND);
/// - a negated operator (`StringNotEquals`, `NotIpAddress`, …) holds when no policy value matches;
/// - `ForAnyValue:` holds when some request value satisfies the operator (false for an empty or missing key),
///   `ForAllValues:` when every request value does (true for an empty or missing key);
/// - a key missing from the request: false, except negated operators, `…IfExists`, `ForAllValues:` and
///   `Null: true`, which hold;
/// - a key that was not given at all: the answer depends on it, never a silent yes.
enum ConditionEvaluator {
    static func evaluate(_ clauses: [ConditionClause], context: RequestContext, variables: Bool) -> Tristate {
        var result = Tristate.yes
        for clause in clauses {
            result = result && evaluate(clause, context: context, variables: variables)
            if result == .no { return .no }
        }
        return result
    }

    static func evaluate(_ clause: ConditionClause, context: RequestContext, variables: Bool) -> Tristate {
        let op = clause.conditionOperator
        let lookup = context.lookup(clause.key)
        if op.base == .null {
            // Null: "true" asks that the key be absent, "false" that it be present.
            switch lookup {
            case .notGiven: return .unknown([clause.key])
            case .absent: return Tristate(clause.values.contains { $0.lowercased() == "true" })
            case .values(let values):
                let present = !values.isEmpty
                return Tristate(clause.values.contains { $0.lowercased() == (present ? "false" : "true") })
            }
        }
        let requestValues: [String]
        switch lookup {
        case .notGiven:
            return .unknown([clause.key])
        case .absent:
            if op.ifExists { return .yes }
            switch op.qualifier {
            case .forAllValues: return .yes
            case .forAnyValue: return .no
            case nil: return Tristate(op.negated)
            }
        case .values(let values):
            requestValues = values
        }
        // The policy's values, with policy variables resolved.
        var patterns: [[WildcardPattern.Token]] = []
        var unresolved: Set<String> = []
        let takesVariables = [.stringEquals, .stringEqualsIgnoreCase, .stringLike, .arnEquals, .arnLike].contains(
            op.base)
        for value in clause.values {
            if takesVariables {
                let substituted = PolicyVariables.substitute(value, enabled: variables, context: context)
                unresolved.formUnion(substituted.unresolved)
                if let tokens = substituted.tokens { patterns.append(tokens) }
            } else {
                patterns.append(WildcardPattern.literal(value))
            }
        }
        if !unresolved.isEmpty { return .unknown(unresolved) }
        let policyValues = patterns.map { tokens in
            String(String.UnicodeScalarView(tokens.compactMap { if case .literal(let s) = $0 { s } else { nil } }))
        }
        /// Whether one request value satisfies the operator against the policy's values.
        func satisfies(_ requestValue: String) -> Bool {
            let anyMatch = zip(patterns, policyValues).contains { tokens, policyValue in
                matches(op.base, request: requestValue, policy: policyValue, tokens: tokens)
            }
            return op.negated ? !anyMatch : anyMatch
        }
        switch op.qualifier {
        case .forAllValues: return Tristate(requestValues.allSatisfy(satisfies))
        case .forAnyValue: return Tristate(requestValues.contains(where: satisfies))
        case nil:
            // A plain operator over a multi-valued key: some request value must match some policy value.
            let anyMatch = requestValues.contains { value in
                zip(patterns, policyValues).contains { matches(op.base, request: value, policy: $1, tokens: $0) }
            }
            return Tristate(op.negated ? !anyMatch : anyMatch)
        }
    }

    static func matches(
        _ base: ConditionOperator.Base, request: String, policy: String, tokens: [WildcardPattern.Token]
    ) -> Bool {
        switch base {
        case .stringEquals, .binaryEquals:
            return request == policy
        case .stringEqualsIgnoreCase:
            return request.lowercased() == policy.lowercased()
        case .stringLike:
            return WildcardPattern(tokens: tokens).matches(request)
        case .numericEquals, .numericLessThan, .numericLessThanEquals, .numericGreaterThan,
            .numericGreaterThanEquals:
            guard let left = Double(request.trimmingSpaces()),
                let right = Double(policy.trimmingSpaces())
            else { return false }
            return compare(base, left, right)
        case .dateEquals, .dateLessThan, .dateLessThanEquals, .dateGreaterThan, .dateGreaterThanEquals:
            guard let left = date(request), let right = date(policy) else { return false }
            return compare(base, left.timeIntervalSince1970, right.timeIntervalSince1970)
        case .bool:
            return request.lowercased() == policy.lowercased()
        case .ipAddress:
            guard let range = IPAddressRange(policy), let address = IPAddressRange.address(request) else {
                return false
            }
            return range.contains(address)
        case .arnEquals, .arnLike:
            return ARNPatternMatcher.matches(pattern: tokens, value: request)
        case .null:
            return false
        }
    }

    static func compare(_ base: ConditionOperator.Base, _ left: Double, _ right: Double) -> Bool {
        switch base {
        case .numericEquals, .dateEquals: left == right
        case .numericLessThan, .dateLessThan: left < right
        case .numericLessThanEquals, .dateLessThanEquals: left <= right
        case .numericGreaterThan, .dateGreaterThan: left > right
        case .numericGreaterThanEquals, .dateGreaterThanEquals: left >= right
        default: false
        }
    }

    /// Dates are ISO 8601 or epoch seconds (`aws:EpochTime`).
    static func date(_ text: String) -> Date? {
        if let seconds = Double(text.trimmingSpaces()) {
            return Date(timeIntervalSince1970: seconds)
        }
        return ISO8601Instant.parse(text)
    }
}

/// An IPv4 or IPv6 CIDR block, as `IpAddress` / `NotIpAddress` take them (a bare address is a /32 or /128).
struct IPAddressRange: Sendable, Equatable {
    var network: [UInt8]
    var prefixLength: Int

    init?(_ text: String) {
        let parts = text.trimmingSpaces().split(separator: "/", maxSplits: 1)
        guard let first = parts.first, let address = Self.address(String(first)) else { return nil }
        let length: Int
        if parts.count == 2 {
            guard let parsed = Int(parts[1]), parsed >= 0, parsed <= address.count * 8 else { return nil }
            length = parsed
        } else {
            length = address.count * 8
        }
        network = address
        prefixLength = length
    }

    func contains(_ address: [UInt8]) -> Bool {
        guard address.count == network.count else { return false }
        var remaining = prefixLength
        for (a, b) in zip(address, network) where remaining > 0 {
            let bits = min(8, remaining)
            let mask = UInt8(truncatingIfNeeded: 0xFF << (8 - bits))
            if a & mask != b & mask { return false }
            remaining -= bits
        }
        return true
    }

    /// The bytes of an IPv4 (4 bytes, dotted quad) or IPv6 (16 bytes, with `::` and an optional
    /// embedded IPv4 tail) address.
    static func address(_ text: String) -> [UInt8]? {
        let trimmed = text.trimmingSpaces()
        if !trimmed.contains(":") { return ipv4(trimmed) }
        return ipv6(trimmed)
    }

    static func ipv4(_ text: String) -> [UInt8]? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var bytes: [UInt8] = []
        for part in parts {
            guard !part.isEmpty, part.count <= 3, part.allSatisfy(\.isASCII), let value = UInt8(part),
                part == "0" || !part.hasPrefix("0")
            else { return nil }
            bytes.append(value)
        }
        return bytes
    }

    static func ipv6(_ text: String) -> [UInt8]? {
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ part: String, allowTail: Bool) -> [UInt8]? {
            if part.isEmpty { return [] }
            var bytes: [UInt8] = []
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (offset, piece) in pieces.enumerated() {
                if allowTail, offset == pieces.count - 1, piece.contains(".") {
                    guard let tail = ipv4(String(piece)) else { return nil }
                    bytes += tail
                    continue
                }
                guard (1...4).contains(piece.count), let value = UInt16(piece, radix: 16) else { return nil }
                bytes += [UInt8(value >> 8), UInt8(value & 0xFF)]
            }
            return bytes
        }
        if halves.count == 1 {
            guard let bytes = groups(halves[0], allowTail: true), bytes.count == 16 else { return nil }
            return bytes
        }
        guard let head = groups(halves[0], allowTail: false), let tail = groups(halves[1], allowTail: true),
            head.count + tail.count <= 14
        else { return nil }
        return head + Array(repeating: 0, count: 16 - head.count - tail.count) + tail
    }
}
