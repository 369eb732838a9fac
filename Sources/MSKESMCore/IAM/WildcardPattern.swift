/// A pattern with IAM's two wildcards: `*` (any run of characters, also empty) and `?` (exactly one).
/// Text substituted from policy variables is literal, so a `*` in a user name never acts as a wildcard.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
struct WildcardPattern: Sendable, Equatable {
    enum Token: Sendable, Equatable {
        case literal(Unicode.Scalar)
        case anyRun
        case anyOne
    }

    var tokens: [Token]

    /// Every `*` and `?` in `text` is a wildcard.
    init(_ text: String) {
        tokens = text.unicodeScalars.map { scalar in
            switch scalar {
            case "*": .anyRun
            case "?": .anyOne
            default: .literal(scalar)
            }
        }
    }

    init(tokens: [Token]) { self.tokens = tokens }

    static func literal(_ text: String) -> [Token] { text.unicodeScalars.map { .literal($0) } }

    /// Matches `pattern` text against `value`. Policies hold mostly ASCII, so that case is matched on the
    /// UTF-8 bytes in place, folding ASCII case for actions; other text goes through the scalar tokens.
    static func matches(pattern: String, value: String, ignoringCase: Bool = false) -> Bool {
        if pattern == "*" { return true }
        var pattern = pattern
        var value = value
        let ascii: Bool? = pattern.withUTF8 { patternBytes in
            value.withUTF8 { valueBytes in
                guard isASCII(patternBytes), isASCII(valueBytes) else { return nil }
                return matchASCII(patternBytes, valueBytes, foldingCase: ignoringCase)
            }
        }
        if let ascii { return ascii }
        if ignoringCase { return WildcardPattern(pattern.lowercased()).matches(value.lowercased()) }
        return WildcardPattern(pattern).matches(value)
    }

    /// Whether `text` holds a policy variable's opening `${`, without Foundation's `String.contains`
    /// (which bridges to `NSString` and dominated policy evaluation).
    static func containsVariable(_ text: String) -> Bool {
        var previous: UInt8 = 0
        for byte in text.utf8 {
            if previous == UInt8(ascii: "$"), byte == UInt8(ascii: "{") { return true }
            previous = byte
        }
        return false
    }

    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.allSatisfy { $0 < 0x80 }
    }

    private static func folded(_ byte: UInt8, _ folding: Bool) -> UInt8 {
        folding && byte >= UInt8(ascii: "A") && byte <= UInt8(ascii: "Z") ? byte | 0x20 : byte
    }

    /// The ASCII case of ``greedyMatch(patternCount:textCount:isRun:matchesOne:)``, on the bytes in place.
    private static func matchASCII(
        _ pattern: UnsafeBufferPointer<UInt8>, _ text: UnsafeBufferPointer<UInt8>, foldingCase: Bool
    ) -> Bool {
        greedyMatch(
            patternCount: pattern.count, textCount: text.count, isRun: { pattern[$0] == UInt8(ascii: "*") },
            matchesOne: { p, t in
                pattern[p] == UInt8(ascii: "?") || folded(pattern[p], foldingCase) == folded(text[t], foldingCase)
            })
    }

    /// Linear-time greedy wildcard match with one backtrack point (the last `*`), over positions: `isRun(p)`
    /// says whether pattern position `p` is a `*`, `matchesOne(p, t)` whether it matches text position `t`.
    @inline(__always)
    private static func greedyMatch(
        patternCount: Int, textCount: Int, isRun: (Int) -> Bool, matchesOne: (Int, Int) -> Bool
    ) -> Bool {
        var p = 0
        var t = 0
        var star: Int?
        var starText = 0
        while t < textCount {
            if p < patternCount {
                if isRun(p) {
                    star = p
                    starText = t
                    p += 1
                    continue
                }
                if matchesOne(p, t) {
                    p += 1
                    t += 1
                    continue
                }
            }
            guard let starIndex = star else { return false }
            p = starIndex + 1
            starText += 1
            t = starText
        }
        while p < patternCount, isRun(p) { p += 1 }
        return p == patternCount
    }

    /// Whether the whole of `value` matches. `ignoringCase` for action names, which IAM compares
    /// case-insensitively; resources and ARNs compare case-sensitively.
    func matches(_ value: String, ignoringCase: Bool = false) -> Bool {
        let text = Array((ignoringCase ? value.lowercased() : value).unicodeScalars)
        let pattern: [Token] =
            ignoringCase
            ? tokens.flatMap { token -> [Token] in
                if case .literal(let scalar) = token {
                    return String(scalar).lowercased().unicodeScalars.map { .literal($0) }
                }
                return [token]
            } : tokens
        return Self.greedyMatch(
            patternCount: pattern.count, textCount: text.count, isRun: { pattern[$0] == .anyRun },
            matchesOne: { p, t in
                switch pattern[p] {
                case .anyRun: false
                case .anyOne: true
                case .literal(let scalar): scalar == text[t]
                }
            })
    }
}

/// Matches an ARN pattern component by component, as `ArnLike` / `ArnEquals` do: the six colon-separated
/// parts (the last keeps its own colons) are compared separately, case-sensitively, each with wildcards.
/// https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html#Conditions_ARN
enum ARNPatternMatcher {
    static func matches(pattern: [WildcardPattern.Token], value: String) -> Bool {
        let valueParts = value.split(separator: ":", maxSplits: 5, omittingEmptySubsequences: false)
        var patternParts: [[WildcardPattern.Token]] = [[]]
        for token in pattern {
            if case .literal(":") = token, patternParts.count < 6 {
                patternParts.append([])
            } else {
                patternParts[patternParts.count - 1].append(token)
            }
        }
        if patternParts.count == 1 || valueParts.count != 6 {
            // A pattern without components (`*`) or a value that is not ARN-shaped: compare as a whole.
            return WildcardPattern(tokens: pattern).matches(value)
        }
        // Fewer than six components cannot match an ARN: a `*` does not reach into the next component.
        guard patternParts.count == 6 else { return false }
        return zip(patternParts, valueParts).allSatisfy { WildcardPattern(tokens: $0).matches(String($1)) }
    }
}
