import Testing

@testable import MSKESMCore

/// Cases derived from AWS's documented evaluation logic, for the features moto gets wrong (NotResource, `?`,
/// case-insensitive actions, conditions of every operator family, IfExists, ForAllValues / ForAnyValue with
/// empty and missing keys, Null, policy variables, permissions boundaries). Each expectation cites the page it
/// comes from:
/// [EVAL] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_evaluation-logic.html
/// [RES]  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_resource.html
/// [NOTRES] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_notresource.html
/// [ACT]  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_action.html
/// [OPS]  https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_elements_condition_operators.html
/// [MULTI] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_condition-single-vs-multi-valued-context-keys.html
/// [VARS] https://docs.aws.amazon.com/IAM/latest/UserGuide/reference_policies_variables.html
/// [PB]   https://docs.aws.amazon.com/IAM/latest/UserGuide/access_policies_boundaries.html
struct IAMEvaluatorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var policy: String
        var boundary: String? = nil
        var action: String
        var resource: String
        var context: [String: [String]] = [:]
        var absent: [String] = []
        var expected: PolicyDecision
        var dependsOn: [String] = []
        var testDescription: String { name }
    }

    static func allow(_ action: String, _ resource: String = "*", condition: String? = nil) -> String {
        statementPolicy("Allow", action, resource, condition: condition)
    }

    static func statementPolicy(_ effect: String, _ action: String, _ resource: String, condition: String? = nil)
        -> String
    {
        let conditionPart = condition.map { ",\"Condition\":\($0)" } ?? ""
        return """
            {"Version":"2012-10-17","Statement":{"Effect":"\(effect)","Action":"\(action)","Resource":"\(resource)"\(conditionPart)}}
            """
    }

    static let cases: [Case] = [
        // NotResource [NOTRES]
        Case(
            name: "NotResource allows what it does not list",
            policy:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}]}"#,
            action: "s3:GetObject", resource: "arn:aws:s3:::public/a", expected: .allowed),
        Case(
            name: "NotResource does not allow what it lists",
            policy:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","NotResource":"arn:aws:s3:::secret/*"}]}"#,
            action: "s3:GetObject", resource: "arn:aws:s3:::secret/a", expected: .implicitDeny),
        Case(
            name: "Deny with NotResource denies everything else",
            policy:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","NotResource":["arn:aws:s3:::ok","arn:aws:s3:::ok/*"]}]}"#,
            action: "s3:PutObject", resource: "arn:aws:s3:::other/x", expected: .explicitDeny),
        Case(
            name: "Deny with NotResource spares what it lists",
            policy:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"*","NotResource":["arn:aws:s3:::ok","arn:aws:s3:::ok/*"]}]}"#,
            action: "s3:PutObject", resource: "arn:aws:s3:::ok/x", expected: .allowed),
        // ? and * wildcards [RES] [ACT]
        Case(
            name: "? matches one character", policy: allow("s3:GetObject", "arn:aws:s3:::log?/x"),
            action: "s3:GetObject", resource: "arn:aws:s3:::log1/x", expected: .allowed),
        Case(
            name: "? does not match two characters", policy: allow("s3:GetObject", "arn:aws:s3:::log?/x"),
            action: "s3:GetObject", resource: "arn:aws:s3:::log12/x", expected: .implicitDeny),
        Case(
            name: "? does not match none", policy: allow("s3:GetObject", "arn:aws:s3:::log?/x"),
            action: "s3:GetObject", resource: "arn:aws:s3:::log/x", expected: .implicitDeny),
        Case(
            name: "? in an action", policy: allow("s3:Get?bject"), action: "s3:GetObject", resource: "*",
            expected: .allowed),
        Case(
            name: "dot is literal, not a regex wildcard", policy: allow("s3:GetObject", "arn:aws:s3:::a.b"),
            action: "s3:GetObject", resource: "arn:aws:s3:::aXb", expected: .implicitDeny),
        Case(
            name: "* matches across / and :", policy: allow("logs:PutLogEvents", "arn:aws:logs:us-east-1:1:*"),
            action: "logs:PutLogEvents", resource: "arn:aws:logs:us-east-1:1:log-group:/aws/lambda/f:log-stream:x",
            expected: .allowed),
        // Case [ACT] [RES]
        Case(
            name: "action names are case-insensitive", policy: allow("KAFKA-CLUSTER:connect"),
            action: "kafka-cluster:Connect", resource: "*", expected: .allowed),
        Case(
            name: "action wildcards are case-insensitive", policy: allow("s3:get*"), action: "S3:GETOBJECT",
            resource: "*", expected: .allowed),
        Case(
            name: "resources are case-sensitive", policy: allow("s3:GetObject", "arn:aws:s3:::Bucket/*"),
            action: "s3:GetObject", resource: "arn:aws:s3:::bucket/x", expected: .implicitDeny),
        Case(
            name: "NotAction is case-insensitive too",
            policy: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"IAM:*","Resource":"*"}}"#,
            action: "iam:PassRole", resource: "*", expected: .implicitDeny),
        Case(
            name: "NotAction allows other services",
            policy: #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","NotAction":"iam:*","Resource":"*"}}"#,
            action: "s3:GetObject", resource: "*", expected: .allowed),
        // Deny wins [EVAL]
        Case(
            name: "explicit Deny wins over Allow",
            policy:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#,
            action: "s3:GetObject", resource: "arn:aws:s3:::b/k", expected: .explicitDeny),
        Case(
            name: "a Deny that may apply makes an Allow conditional",
            policy:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#,
            action: "s3:GetObject", resource: "*", expected: .conditional, dependsOn: ["aws:SecureTransport"]),
        Case(
            name: "a Deny whose condition fails does not apply",
            policy:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#,
            action: "s3:GetObject", resource: "*", context: ["aws:SecureTransport": ["true"]], expected: .allowed),
        Case(
            name: "a Deny whose condition holds applies",
            policy:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*","Condition":{"Bool":{"aws:SecureTransport":"false"}}}]}"#,
            action: "s3:GetObject", resource: "*", context: ["aws:SecureTransport": ["false"]], expected: .explicitDeny),
        Case(
            name: "nothing allows it", policy: allow("s3:GetObject"), action: "s3:PutObject", resource: "*",
            expected: .implicitDeny),
        // String operators [OPS]
        Case(
            name: "StringEquals matches",
            policy: allow("s3:*", condition: #"{"StringEquals":{"aws:username":"alice"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:username": ["alice"]], expected: .allowed),
        Case(
            name: "StringEquals is case-sensitive",
            policy: allow("s3:*", condition: #"{"StringEquals":{"aws:username":"alice"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:username": ["Alice"]], expected: .implicitDeny),
        Case(
            name: "a key not given makes it conditional",
            policy: allow("s3:*", condition: #"{"StringEquals":{"aws:username":"alice"}}"#),
            action: "s3:GetObject", resource: "*", expected: .conditional, dependsOn: ["aws:username"]),
        Case(
            name: "StringEquals on a missing key is false",
            policy: allow("s3:*", condition: #"{"StringEquals":{"aws:username":"alice"}}"#),
            action: "s3:GetObject", resource: "*", absent: ["aws:username"], expected: .implicitDeny),
        Case(
            name: "condition key names are case-insensitive",
            policy: allow("s3:*", condition: #"{"StringEquals":{"AWS:UserName":"alice"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:username": ["alice"]], expected: .allowed),
        Case(
            name: "StringNotEquals holds for another value",
            policy: allow("s3:*", condition: #"{"StringNotEquals":{"aws:username":["alice","carol"]}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:username": ["bob"]], expected: .allowed),
        Case(
            name: "StringNotEquals fails for a listed value",
            policy: allow("s3:*", condition: #"{"StringNotEquals":{"aws:username":["alice","carol"]}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:username": ["carol"]], expected: .implicitDeny),
        Case(
            name: "StringNotEquals on a missing key is true",
            policy: allow("s3:*", condition: #"{"StringNotEquals":{"aws:username":"alice"}}"#),
            action: "s3:GetObject", resource: "*", absent: ["aws:username"], expected: .allowed),
        Case(
            name: "StringEqualsIgnoreCase",
            policy: allow("s3:*", condition: #"{"StringEqualsIgnoreCase":{"aws:username":"ALICE"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:username": ["alice"]], expected: .allowed),
        Case(
            name: "StringNotEqualsIgnoreCase",
            policy: allow("s3:*", condition: #"{"StringNotEqualsIgnoreCase":{"aws:username":"ALICE"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:username": ["alice"]], expected: .implicitDeny),
        Case(
            name: "StringLike with * and ?",
            policy: allow("s3:*", condition: #"{"StringLike":{"s3:prefix":"home/*/x?"}}"#),
            action: "s3:ListBucket", resource: "*", context: ["s3:prefix": ["home/a/b/x1"]], expected: .allowed),
        Case(
            name: "StringLike ? is one character",
            policy: allow("s3:*", condition: #"{"StringLike":{"s3:prefix":"home/*/x?"}}"#),
            action: "s3:ListBucket", resource: "*", context: ["s3:prefix": ["home/a/x12"]], expected: .implicitDeny),
        Case(
            name: "StringNotLike",
            policy: allow("s3:*", condition: #"{"StringNotLike":{"s3:prefix":"private/*"}}"#),
            action: "s3:ListBucket", resource: "*", context: ["s3:prefix": ["private/x"]], expected: .implicitDeny),
        Case(
            name: "values of one key: any may match (OR)",
            policy: allow("s3:*", condition: #"{"StringEquals":{"aws:username":["alice","bob"]}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:username": ["bob"]], expected: .allowed),
        Case(
            name: "keys: all must match (AND)",
            policy: allow("s3:*", condition: #"{"StringEquals":{"k1":"a","k2":"b"}}"#),
            action: "s3:GetObject", resource: "*", context: ["k1": ["a"], "k2": ["c"]], expected: .implicitDeny),
        Case(
            name: "operators: all must match (AND)",
            policy: allow("s3:*", condition: #"{"StringEquals":{"k1":"a"},"NumericLessThan":{"k2":"5"}}"#),
            action: "s3:GetObject", resource: "*", context: ["k1": ["a"], "k2": ["7"]], expected: .implicitDeny),
        Case(
            name: "a false key decides even when another is not given",
            policy: allow("s3:*", condition: #"{"StringEquals":{"k1":"a","k2":"b"}}"#),
            action: "s3:GetObject", resource: "*", context: ["k1": ["z"]], expected: .implicitDeny),
        Case(
            name: "one key given, one not: conditional on the missing one",
            policy: allow("s3:*", condition: #"{"StringEquals":{"k1":"a","k2":"b"}}"#),
            action: "s3:GetObject", resource: "*", context: ["k1": ["a"]], expected: .conditional, dependsOn: ["k2"]),
        // Numeric [OPS]
        Case(
            name: "NumericLessThan true", policy: allow("s3:*", condition: #"{"NumericLessThan":{"s3:max-keys":10}}"#),
            action: "s3:ListBucket", resource: "*", context: ["s3:max-keys": ["5"]], expected: .allowed),
        Case(
            name: "NumericLessThan false at the bound",
            policy: allow("s3:*", condition: #"{"NumericLessThan":{"s3:max-keys":"10"}}"#),
            action: "s3:ListBucket", resource: "*", context: ["s3:max-keys": ["10"]], expected: .implicitDeny),
        Case(
            name: "NumericLessThanEquals at the bound",
            policy: allow("s3:*", condition: #"{"NumericLessThanEquals":{"s3:max-keys":"10"}}"#),
            action: "s3:ListBucket", resource: "*", context: ["s3:max-keys": ["10"]], expected: .allowed),
        Case(
            name: "NumericGreaterThan", policy: allow("s3:*", condition: #"{"NumericGreaterThan":{"n":"1.5"}}"#),
            action: "s3:ListBucket", resource: "*", context: ["n": ["2"]], expected: .allowed),
        Case(
            name: "NumericGreaterThanEquals",
            policy: allow("s3:*", condition: #"{"NumericGreaterThanEquals":{"n":"3"}}"#),
            action: "s3:ListBucket", resource: "*", context: ["n": ["2"]], expected: .implicitDeny),
        Case(
            name: "NumericEquals", policy: allow("s3:*", condition: #"{"NumericEquals":{"n":"10"}}"#),
            action: "s3:ListBucket", resource: "*", context: ["n": ["10.0"]], expected: .allowed),
        Case(
            name: "NumericNotEquals", policy: allow("s3:*", condition: #"{"NumericNotEquals":{"n":"10"}}"#),
            action: "s3:ListBucket", resource: "*", context: ["n": ["10"]], expected: .implicitDeny),
        Case(
            name: "a non-number never matches a numeric operator",
            policy: allow("s3:*", condition: #"{"NumericLessThan":{"n":"10"}}"#),
            action: "s3:ListBucket", resource: "*", context: ["n": ["abc"]], expected: .implicitDeny),
        // Date [OPS]
        Case(
            name: "DateLessThan with ISO 8601",
            policy: allow("s3:*", condition: #"{"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:CurrentTime": ["2025-06-01T00:00:00Z"]],
            expected: .allowed),
        Case(
            name: "DateLessThan after the date",
            policy: allow("s3:*", condition: #"{"DateLessThan":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:CurrentTime": ["2027-01-01T00:00:00Z"]],
            expected: .implicitDeny),
        Case(
            name: "DateGreaterThan with epoch seconds",
            policy: allow("s3:*", condition: #"{"DateGreaterThan":{"aws:EpochTime":"2020-01-01T00:00:00Z"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:EpochTime": ["1700000000"]], expected: .allowed),
        Case(
            name: "DateGreaterThanEquals",
            policy: allow("s3:*", condition: #"{"DateGreaterThanEquals":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:CurrentTime": ["2026-01-01T00:00:00Z"]],
            expected: .allowed),
        Case(
            name: "DateLessThanEquals",
            policy: allow("s3:*", condition: #"{"DateLessThanEquals":{"aws:CurrentTime":"2026-01-01T00:00:00Z"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:CurrentTime": ["2026-01-01T00:00:01Z"]],
            expected: .implicitDeny),
        Case(
            name: "DateEquals", policy: allow("s3:*", condition: #"{"DateEquals":{"d":"2026-01-01"}}"#),
            action: "s3:GetObject", resource: "*", context: ["d": ["2026-01-01T00:00:00Z"]], expected: .allowed),
        Case(
            name: "DateNotEquals", policy: allow("s3:*", condition: #"{"DateNotEquals":{"d":"2026-01-01"}}"#),
            action: "s3:GetObject", resource: "*", context: ["d": ["2026-01-01T00:00:00Z"]], expected: .implicitDeny),
        // Bool and Binary [OPS]
        Case(
            name: "Bool true", policy: allow("s3:*", condition: #"{"Bool":{"aws:SecureTransport":true}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:SecureTransport": ["true"]], expected: .allowed),
        Case(
            name: "Bool false", policy: allow("s3:*", condition: #"{"Bool":{"aws:SecureTransport":"true"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:SecureTransport": ["false"]], expected: .implicitDeny),
        Case(
            name: "BinaryEquals", policy: allow("s3:*", condition: #"{"BinaryEquals":{"k":"QmluYXJ5VmFsdWU="}}"#),
            action: "s3:GetObject", resource: "*", context: ["k": ["QmluYXJ5VmFsdWU="]], expected: .allowed),
        // IP [OPS]
        Case(
            name: "IpAddress in the IPv4 block",
            policy: allow("s3:*", condition: #"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:SourceIp": ["203.0.113.7"]], expected: .allowed),
        Case(
            name: "IpAddress outside the IPv4 block",
            policy: allow("s3:*", condition: #"{"IpAddress":{"aws:SourceIp":"203.0.113.0/24"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:SourceIp": ["203.0.114.7"]], expected: .implicitDeny),
        Case(
            name: "IpAddress with IPv6",
            policy: allow("s3:*", condition: #"{"IpAddress":{"aws:SourceIp":["203.0.113.0/24","2001:db8::/32"]}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:SourceIp": ["2001:db8:0:1::5"]], expected: .allowed),
        Case(
            name: "NotIpAddress",
            policy: allow("s3:*", condition: #"{"NotIpAddress":{"aws:SourceIp":"10.0.0.0/8"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:SourceIp": ["10.9.8.7"]], expected: .implicitDeny),
        // ARN [OPS]
        Case(
            name: "ArnLike per component",
            policy: allow("sqs:*", condition: #"{"ArnLike":{"aws:SourceArn":"arn:aws:sqs:*:123456789012:queue*"}}"#),
            action: "sqs:SendMessage", resource: "*",
            context: ["aws:SourceArn": ["arn:aws:sqs:us-east-1:123456789012:queue1"]], expected: .allowed),
        Case(
            name: "ArnLike other account",
            policy: allow("sqs:*", condition: #"{"ArnLike":{"aws:SourceArn":"arn:aws:sqs:*:123456789012:queue*"}}"#),
            action: "sqs:SendMessage", resource: "*",
            context: ["aws:SourceArn": ["arn:aws:sqs:us-east-1:999999999999:queue1"]], expected: .implicitDeny),
        Case(
            name: "ArnLike * stays within its component",
            policy: allow("sqs:*", condition: #"{"ArnLike":{"aws:SourceArn":"arn:aws:sqs:*:queue1"}}"#),
            action: "sqs:SendMessage", resource: "*",
            context: ["aws:SourceArn": ["arn:aws:sqs:us-east-1:123456789012:queue1"]], expected: .implicitDeny),
        Case(
            name: "ArnEquals",
            policy: allow("sqs:*", condition: #"{"ArnEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:1:t"}}"#),
            action: "sqs:SendMessage", resource: "*", context: ["aws:SourceArn": ["arn:aws:sns:us-east-1:1:t"]],
            expected: .allowed),
        Case(
            name: "ArnNotEquals",
            policy: allow("sqs:*", condition: #"{"ArnNotEquals":{"aws:SourceArn":"arn:aws:sns:us-east-1:1:t"}}"#),
            action: "sqs:SendMessage", resource: "*", context: ["aws:SourceArn": ["arn:aws:sns:us-east-1:1:t"]],
            expected: .implicitDeny),
        Case(
            name: "ArnNotLike",
            policy: allow("sqs:*", condition: #"{"ArnNotLike":{"aws:SourceArn":"arn:aws:sns:*:*:t*"}}"#),
            action: "sqs:SendMessage", resource: "*", context: ["aws:SourceArn": ["arn:aws:sns:us-east-1:1:u"]],
            expected: .allowed),
        // IfExists [OPS]
        Case(
            name: "IfExists holds when the key is missing",
            policy: allow("ec2:*", condition: #"{"StringEqualsIfExists":{"ec2:InstanceType":"t3.micro"}}"#),
            action: "ec2:RunInstances", resource: "*", absent: ["ec2:InstanceType"], expected: .allowed),
        Case(
            name: "IfExists tests the key when present",
            policy: allow("ec2:*", condition: #"{"StringEqualsIfExists":{"ec2:InstanceType":"t3.micro"}}"#),
            action: "ec2:RunInstances", resource: "*", context: ["ec2:InstanceType": ["t3.large"]],
            expected: .implicitDeny),
        Case(
            name: "IfExists with a key not given is conditional",
            policy: allow("ec2:*", condition: #"{"StringEqualsIfExists":{"ec2:InstanceType":"t3.micro"}}"#),
            action: "ec2:RunInstances", resource: "*", expected: .conditional, dependsOn: ["ec2:InstanceType"]),
        // ForAllValues / ForAnyValue [MULTI]
        Case(
            name: "ForAllValues: every value listed",
            policy: allow("s3:*", condition: #"{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}"#),
            action: "s3:PutObjectTagging", resource: "*", context: ["aws:TagKeys": ["a", "b"]], expected: .allowed),
        Case(
            name: "ForAllValues: one value not listed",
            policy: allow("s3:*", condition: #"{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}"#),
            action: "s3:PutObjectTagging", resource: "*", context: ["aws:TagKeys": ["a", "c"]],
            expected: .implicitDeny),
        Case(
            name: "ForAllValues: missing key is true",
            policy: allow("s3:*", condition: #"{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}"#),
            action: "s3:PutObjectTagging", resource: "*", absent: ["aws:TagKeys"], expected: .allowed),
        Case(
            name: "ForAllValues: empty key is true",
            policy: allow("s3:*", condition: #"{"ForAllValues:StringEquals":{"aws:TagKeys":["a","b"]}}"#),
            action: "s3:PutObjectTagging", resource: "*", context: ["aws:TagKeys": []], expected: .allowed),
        Case(
            name: "ForAnyValue: one value listed",
            policy: allow("s3:*", condition: #"{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}"#),
            action: "s3:PutObjectTagging", resource: "*", context: ["aws:TagKeys": ["c", "a"]], expected: .allowed),
        Case(
            name: "ForAnyValue: no value listed",
            policy: allow("s3:*", condition: #"{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}"#),
            action: "s3:PutObjectTagging", resource: "*", context: ["aws:TagKeys": ["c"]], expected: .implicitDeny),
        Case(
            name: "ForAnyValue: missing key is false",
            policy: allow("s3:*", condition: #"{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}"#),
            action: "s3:PutObjectTagging", resource: "*", absent: ["aws:TagKeys"], expected: .implicitDeny),
        Case(
            name: "ForAnyValue: empty key is false",
            policy: allow("s3:*", condition: #"{"ForAnyValue:StringEquals":{"aws:TagKeys":["a","b"]}}"#),
            action: "s3:PutObjectTagging", resource: "*", context: ["aws:TagKeys": []], expected: .implicitDeny),
        Case(
            name: "ForAllValues with a negated operator",
            policy: allow("s3:*", condition: #"{"ForAllValues:StringNotEquals":{"aws:TagKeys":["secret"]}}"#),
            action: "s3:PutObjectTagging", resource: "*", context: ["aws:TagKeys": ["a", "secret"]],
            expected: .implicitDeny),
        Case(
            name: "ForAnyValue with a negated operator",
            policy: allow("s3:*", condition: #"{"ForAnyValue:StringNotEquals":{"aws:TagKeys":["secret"]}}"#),
            action: "s3:PutObjectTagging", resource: "*", context: ["aws:TagKeys": ["a", "secret"]],
            expected: .allowed),
        Case(
            name: "ForAllValues with a key not given is conditional",
            policy: allow("s3:*", condition: #"{"ForAllValues:StringEquals":{"aws:TagKeys":["a"]}}"#),
            action: "s3:PutObjectTagging", resource: "*", expected: .conditional, dependsOn: ["aws:TagKeys"]),
        // Null [OPS]
        Case(
            name: "Null true: key absent",
            policy: allow("s3:*", condition: #"{"Null":{"aws:TokenIssueTime":"true"}}"#),
            action: "s3:GetObject", resource: "*", absent: ["aws:TokenIssueTime"], expected: .allowed),
        Case(
            name: "Null true: key present",
            policy: allow("s3:*", condition: #"{"Null":{"aws:TokenIssueTime":"true"}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:TokenIssueTime": ["2026-01-01T00:00:00Z"]],
            expected: .implicitDeny),
        Case(
            name: "Null false: key present",
            policy: allow("s3:*", condition: #"{"Null":{"aws:TokenIssueTime":false}}"#),
            action: "s3:GetObject", resource: "*", context: ["aws:TokenIssueTime": ["x"]], expected: .allowed),
        Case(
            name: "Null with a key not given is conditional",
            policy: allow("s3:*", condition: #"{"Null":{"aws:TokenIssueTime":"true"}}"#),
            action: "s3:GetObject", resource: "*", expected: .conditional, dependsOn: ["aws:TokenIssueTime"]),
        // Policy variables [VARS]
        Case(
            name: "a variable resolves from the context", policy: allow("s3:*", "arn:aws:s3:::home/${aws:username}/*"),
            action: "s3:GetObject", resource: "arn:aws:s3:::home/alice/x", context: ["aws:username": ["alice"]],
            expected: .allowed),
        Case(
            name: "a variable resolves to another user",
            policy: allow("s3:*", "arn:aws:s3:::home/${aws:username}/*"), action: "s3:GetObject",
            resource: "arn:aws:s3:::home/alice/x", context: ["aws:username": ["bob"]], expected: .implicitDeny),
        Case(
            name: "a variable not given makes it conditional",
            policy: allow("s3:*", "arn:aws:s3:::home/${aws:username}/*"), action: "s3:GetObject",
            resource: "arn:aws:s3:::home/alice/x", expected: .conditional, dependsOn: ["aws:username"]),
        Case(
            name: "a variable not given cannot rescue a resource that never matches",
            policy: allow("s3:*", "arn:aws:s3:::home/${aws:username}/*"), action: "s3:GetObject",
            resource: "arn:aws:s3:::other/alice/x", expected: .implicitDeny),
        Case(
            name: "a substituted value is literal, not a wildcard",
            policy: allow("s3:*", "arn:aws:s3:::home/${aws:username}/*"), action: "s3:GetObject",
            resource: "arn:aws:s3:::home/bob/x", context: ["aws:username": ["*"]], expected: .implicitDeny),
        Case(
            name: "a variable's default applies when the key is missing",
            policy: allow("s3:*", "arn:aws:s3:::home/${aws:username, 'guest'}/*"), action: "s3:GetObject",
            resource: "arn:aws:s3:::home/guest/x", absent: ["aws:username"], expected: .allowed),
        Case(
            name: "${*} is a literal asterisk", policy: allow("s3:*", "arn:aws:s3:::a${*}b"), action: "s3:GetObject",
            resource: "arn:aws:s3:::axxb", expected: .implicitDeny),
        Case(
            name: "a variable in a condition value",
            policy: allow("s3:*", condition: #"{"StringLike":{"s3:prefix":"home/${aws:username}/*"}}"#),
            action: "s3:ListBucket", resource: "*",
            context: ["s3:prefix": ["home/alice/a"], "aws:username": ["alice"]],
            expected: .allowed),
        Case(
            name: "2008-10-17 does not substitute variables",
            policy:
                #"{"Version":"2008-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"arn:aws:s3:::home/${aws:username}/x"}}"#,
            action: "s3:GetObject", resource: "arn:aws:s3:::home/${aws:username}/x", expected: .allowed),
        // Permissions boundary [PB]
        Case(
            name: "boundary and policy both allow", policy: allow("s3:*"), boundary: allow("s3:Get*"),
            action: "s3:GetObject", resource: "*", expected: .allowed),
        Case(
            name: "boundary does not allow", policy: allow("s3:*"), boundary: allow("s3:Get*"),
            action: "s3:PutObject", resource: "*", expected: .implicitDeny),
        Case(
            name: "boundary allows but the policy does not", policy: allow("s3:GetObject"), boundary: allow("*"),
            action: "s3:PutObject", resource: "*", expected: .implicitDeny),
        Case(
            name: "boundary's explicit Deny wins", policy: allow("*"),
            boundary:
                #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"iam:*","Resource":"*"}]}"#,
            action: "iam:CreateUser", resource: "*", expected: .explicitDeny),
        Case(
            name: "conditional boundary", policy: allow("s3:*"),
            boundary: allow("s3:*", condition: #"{"StringEquals":{"aws:RequestedRegion":"eu-west-1"}}"#),
            action: "s3:GetObject", resource: "*", expected: .conditional, dependsOn: ["aws:RequestedRegion"]),
    ]

    static func evaluate(_ testCase: Case) throws -> PolicyEvaluation {
        let policy = try PolicyDocumentReader.read(text: testCase.policy, source: "policy.json")
        let boundary = try testCase.boundary.map { try PolicyDocumentReader.read(text: $0, source: "boundary.json") }
        let context = RequestContext(values: testCase.context, absentKeys: Set(testCase.absent))
        return PolicyEvaluator(policies: [policy], boundary: boundary).evaluate(
            action: testCase.action, resource: testCase.resource, context: context)
    }

    @Test(arguments: cases)
    func decisionFollowsAWSEvaluationLogic(_ testCase: Case) throws {
        let evaluation = try Self.evaluate(testCase)
        #expect(evaluation.decision == testCase.expected)
        #expect(evaluation.dependsOn == testCase.dependsOn)
    }

    @Test func decidingStatementsAreNamed() throws {
        let policy = try PolicyDocumentReader.read(
            text:
                #"{"Version":"2012-10-17","Statement":[{"Sid":"All","Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"s3:*","Resource":"*"}]}"#,
            source: "p.json")
        let evaluator = PolicyEvaluator(policies: [policy])
        #expect(
            evaluator.evaluate(action: "s3:GetObject", resource: "*").statements
                == [StatementReference(policy: "p.json", sid: nil, index: 1, effect: .deny)])
        #expect(
            evaluator.evaluate(action: "sqs:SendMessage", resource: "*").statements
                == [StatementReference(policy: "p.json", sid: "All", index: 0, effect: .allow)])
    }

    @Test func boundaryBlockIsTold() throws {
        let evaluation = try Self.evaluate(Self.cases.first { $0.name == "boundary does not allow" }!)
        #expect(evaluation.blockedByBoundary)
        let notBoundary = try Self.evaluate(Self.cases.first { $0.name == "boundary allows but the policy does not" }!)
        #expect(!notBoundary.blockedByBoundary)
    }

    /// IPv4 and IPv6 parsing against Python's ipaddress module (an independent oracle).
    @Test(.enabled(if: IAMPythonOracle.isAvailable, "python3 is not installed: the ipaddress oracle cannot run"))
    func ipBlocksAgreeWithPythonIpaddress() throws {
        let pairs: [(String, String)] = [
            ("10.0.0.0/8", "10.255.1.2"), ("10.0.0.0/8", "11.0.0.1"), ("192.168.1.128/25", "192.168.1.127"),
            ("192.168.1.128/25", "192.168.1.200"), ("0.0.0.0/0", "8.8.8.8"), ("2001:db8::/32", "2001:db8:ffff::1"),
            ("2001:db8::/32", "2001:db9::1"), ("::ffff:10.0.0.0/104", "::ffff:10.1.2.3"), ("fe80::1", "fe80::1"),
            ("fe80::1/128", "fe80::2"), ("203.0.113.7", "203.0.113.7"), ("1.2.3.0/24", "2001:db8::1"),
        ]
        let expected: [Bool] = try IAMPythonOracle.run(
            """
            import ipaddress, json, sys
            pairs = json.load(sys.stdin)
            out = []
            for net, ip in pairs:
                n = ipaddress.ip_network(net, strict=False); a = ipaddress.ip_address(ip)
                out.append(a.version == n.version and a in n)
            print(json.dumps(out))
            """, input: pairs.map { [$0.0, $0.1] })
        let ours = pairs.map { net, ip in
            IPAddressRange(net).flatMap { range in IPAddressRange.address(ip).map { range.contains($0) } } ?? false
        }
        #expect(ours == expected)
    }
}
