import Foundation
import Testing

@testable import MSKESMCore

/// Reading policy documents in every shape IAM and the AWS CLI hand them over (docs/aws-facts.md#reading-iam-policies).
struct IAMPolicyReaderTests {
    static let document =
        #"{"Version":"2012-10-17","Statement":[{"Sid":"Read Me","Effect":"Allow","Action":["kafka:DescribeClusterV2","kafka:GetBootstrapBrokers"],"Resource":"arn:aws:kafka:us-east-1:123456789012:cluster/demo/*"}]}"#

    /// The URL-encoded forms come from Python's urllib (RFC 3986 quoting, as IAM returns documents), not from
    /// our code.
    @Test(.enabled(if: IAMPythonOracle.isAvailable, "python3 is not installed: urllib cannot encode the fixture"))
    func readsEveryShapeAsTheSameDocument() throws {
        let encoded: String = try IAMPythonOracle.run(
            "import json, sys, urllib.parse; print(json.dumps(urllib.parse.quote(json.load(sys.stdin), safe='')))",
            input: Self.document)
        #expect(encoded.hasPrefix("%7B%22Version%22"))
        let shapes: [(String, String)] = [
            ("plain", Self.document),
            ("url-encoded", encoded),
            (
                "get-policy-version",
                #"{"PolicyVersion":{"Document":\#(Self.document),"VersionId":"v2","IsDefaultVersion":true}}"#
            ),
            ("get-policy-version encoded", #"{"PolicyVersion":{"Document":"\#(encoded)","VersionId":"v2"}}"#),
            ("get-role-policy", #"{"RoleName":"r","PolicyName":"inline","PolicyDocument":\#(Self.document)}"#),
            ("get-role-policy encoded", #"{"RoleName":"r","PolicyName":"inline","PolicyDocument":"\#(encoded)"}"#),
        ]
        let expected = try PolicyDocumentReader.read(text: Self.document, source: "x.json")
        for (name, text) in shapes {
            let document = try PolicyDocumentReader.read(text: text, source: "x.json")
            #expect(document.statements == expected.statements, "\(name)")
            #expect(document.version == .v2012, "\(name)")
        }
        #expect(try PolicyDocumentReader.read(text: shapes[4].1, source: "x.json").name == "inline")
        #expect(expected.statements[0].sid == "Read Me")
    }

    @Test func readsTheTrustPolicyOfGetRole() throws {
        let text =
            #"{"Role":{"RoleName":"esm-role","AssumeRolePolicyDocument":{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Principal":{"Service":"lambda.amazonaws.com"},"Action":"sts:AssumeRole"}]}}}"#
        let document = try PolicyDocumentReader.read(text: text, source: "role.json")
        #expect(document.name == "esm-role trust policy")
        #expect(
            document.statements[0].principals?.values == [
                PolicyPrincipal(type: "Service", identifier: "lambda.amazonaws.com")
            ])
    }

    @Test func statementObjectAndStringElementsAreAccepted() throws {
        let document = try PolicyDocumentReader.read(
            text:
                #"{"Version":"2008-10-17","Statement":{"Effect":"Deny","NotAction":"iam:*","NotResource":"arn:aws:s3:::x"}}"#,
            source: "x.json")
        #expect(document.version == .v2008)
        #expect(document.statements.count == 1)
        #expect(document.statements[0].actions == .init(["iam:*"], negated: true))
        #expect(document.statements[0].resources == .init(["arn:aws:s3:::x"], negated: true))
    }

    @Test(arguments: [
        (#"{"Version":"2013-01-01","Statement":[]}"#, "p.json at $.Version"),
        (
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"s3:*","Resource":"*"},{"Effect":"allow","Action":"s3:*"}]}"#,
            "p.json at $.Statement[1].Effect"
        ),
        (#"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Resource":"*"}]}"#, "p.json at $.Statement[0]"),
        (
            #"{"Version":"2012-10-17","Statement":{"Effect":"Allow","Action":"s3:*","Resource":"*","Condition":{"StringEqualz":{"k":"v"}}}}"#,
            "p.json at $.Statement.Condition.StringEqualz"
        ),
        (
            #"{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":[1],"Resource":"*"}]}"#,
            "p.json at $.Statement[0].Action[0]"
        ),
        (#"{"Version":"2012-10-17","Statement":"#, "p.json at $"),
        (
            #"{"PolicyVersion":{"Document":{"Version":"2099-01-01","Statement":[]}}}"#,
            "p.json at $.PolicyVersion.Document.Version"
        ),
        (#"{"Version":"2012-10-17"}"#, "p.json at $"),
    ])
    func badDocumentsNameTheFileAndJSONPath(text: String, input: String) {
        #expect {
            _ = try PolicyDocumentReader.read(text: text, source: "p.json")
        } throws: { error in
            guard let error = error as? ToolError else { return false }
            return error.input == input && error.kind == .usage && error.code == .policyInvalid
                && !error.description.contains("\n")
        }
    }

    @Test(arguments: [
        ("StringNotEqualsIgnoreCase", ConditionOperator(base: .stringEqualsIgnoreCase, negated: true)),
        (
            "ForAnyValue:StringLikeIfExists",
            ConditionOperator(qualifier: .forAnyValue, base: .stringLike, ifExists: true)
        ),
        ("ForAllValues:ArnNotLike", ConditionOperator(qualifier: .forAllValues, base: .arnLike, negated: true)),
        ("NotIpAddress", ConditionOperator(base: .ipAddress, negated: true)),
        ("Null", ConditionOperator(base: .null)),
        ("DateGreaterThanEqualsIfExists", ConditionOperator(base: .dateGreaterThanEquals, ifExists: true)),
    ])
    func operatorNamesParseAndPrintBack(name: String, expected: ConditionOperator) {
        #expect(ConditionOperator(parsing: name) == expected)
        #expect(expected.description == name)
    }

    @Test(arguments: ["NullIfExists", "ForSomeValues:StringEquals", "StringNotBool", "stringequals"])
    func unknownOperatorNamesAreRejected(name: String) {
        #expect(ConditionOperator(parsing: name) == nil)
    }
}
