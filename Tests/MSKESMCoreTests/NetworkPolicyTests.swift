import Testing

@testable import MSKESMCore

/// The endpoint-policy evaluation of NET010: the documented, simple rules.
struct NetworkPolicyTests {
    static let assume = EndpointPolicyEvaluator.Request(
        action: "sts:AssumeRole", caller: .service("lambda.amazonaws.com"), resource: "arn:aws:iam::123456789012:role/r"
    )

    static func decision(_ policy: String?) -> String {
        switch EndpointPolicyEvaluator.evaluate(policyDocument: policy, request: assume) {
        case .allowed: "allowed"
        case .explicitDeny: "explicitDeny"
        case .implicitDeny: "implicitDeny"
        case .conditional: "conditional"
        case .unmatchable: "unmatchable"
        }
    }

    @Test(
        arguments: [
            (nil, "allowed"),
            (#"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"}]}"#, "allowed"),
            (
                #"{"Statement":{"Effect":"Allow","Principal":{"AWS":"*"},"Action":"STS:assume*","Resource":"*"}}"#,
                "allowed"
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Principal":{"Service":["lambda.amazonaws.com"]},"Action":["sts:AssumeRol?"],"Resource":"arn:aws:iam::123456789012:role/*"}]}"#,
                "allowed"
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Principal":"*","NotAction":"sts:GetCallerIdentity","Resource":"*"}]}"#,
                "allowed"
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Deny","Principal":"*","Action":"sts:*","Resource":"*"}]}"#,
                "explicitDeny"
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"sts:GetCallerIdentity","Resource":"*"}]}"#,
                "implicitDeny"
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"arn:aws:iam::999999999999:role/*"}]}"#,
                "implicitDeny"
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Principal":{"AWS":"arn:aws:iam::123456789012:root"},"Action":"*","Resource":"*"}]}"#,
                "implicitDeny"
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:SourceVpc":"vpc-1"}}}]}"#,
                "conditional"
            ),
            // The caller is the Lambda service: an Allow conditioned on the principal's organisation or account never
            // matches it (only an …IfExists operator tolerates the missing key).
            (
                #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}}]}"#,
                "unmatchable"
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalAccount":"123456789012"}}}]}"#,
                "unmatchable"
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"ForAnyValue:StringLike":{"aws:PrincipalOrgPaths":"o-a/*"}}}]}"#,
                "unmatchable"
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEqualsIfExists":{"aws:PrincipalOrgID":"o-abc123"}}}]}"#,
                "conditional"
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*","Condition":{"StringEquals":{"aws:PrincipalOrgID":"o-abc123"}}},{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole","Resource":"*"}]}"#,
                "allowed"
            ),
            (
                #"{"Statement":[{"Effect":"Allow","Principal":"*","Action":"*","Resource":"*"},{"Effect":"Deny","NotPrincipal":{"AWS":"x"},"Action":"*","Resource":"*"}]}"#,
                "conditional"
            ),
            ("not json", "conditional"),
        ] as [(String?, String)])
    func evaluation(policy: String?, expected: String) {
        #expect(Self.decision(policy) == expected)
    }

    @Test(arguments: [
        ("*", "anything", true), ("sts:*", "sts:AssumeRole", true), ("sts:Assume?ole", "sts:AssumeRole", true),
        ("sts:Assume?", "sts:AssumeRole", false), ("*Role", "sts:AssumeRole", true), ("a*b*c", "aXbYc", true),
        ("a*b*c", "aXbY", false), ("", "", true), ("", "x", false),
    ])
    func wildcards(pattern: String, value: String, matches: Bool) {
        #expect(EndpointPolicyEvaluator.wildcard(pattern, matches: value, caseSensitive: true) == matches)
    }
}
