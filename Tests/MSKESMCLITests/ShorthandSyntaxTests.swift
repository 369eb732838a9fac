import Foundation
import MSKESMCore
import MSKESMSystem
import Testing

@testable import MSKESMCLI

/// ShorthandSyntax against awscli/shorthand.py (the pinned AWS CLI v1's parser): the same value, or both refuse,
/// for hand-written cases from the AWS CLI's documentation and its tests, and for generated text.
@Suite("AWS CLI shorthand syntax")
struct ShorthandSyntaxTests {
    static let written: [String] = [
        "a=b", "a=b,c=d", "a=b,c", "a=b,c,d=e", "a=b, c=d", "a=[b,c]", "a=[b, c ,d]", "a={b=c}", "a={b=c,d=[e,f]}",
        "Type=SASL_SCRAM_512_AUTH,URI=arn:aws:secretsmanager:us-east-1:123456789012:secret:AmazonMSK_x-AbCdEf",
        "Endpoints={KAFKA_BOOTSTRAP_SERVERS=[b1.example.com:9096,b2.example.com:9096]}",
        "Endpoints={KAFKA_BOOTSTRAP_SERVERS=b1:9096}", "OnFailure={Destination=arn:aws:sqs:us-east-1:123456789012:dlq}",
        "Filters=[{Pattern='{\"value\": {\"a\": [1]}}'}]", "Filters=[{Pattern=\"{\\\"v\\\": 1}\"}]",
        "MinimumPollers=1,MaximumPollers=10", "Metrics=EventCount", "Metrics=EventCount,ErrorCount",
        "SystemLogLevel=WARN",
        "a='b,c'", "a=\"b,c\"", "a=b\\,c", "a='it\\'s'", "a='x\\\\y'", "a=", "a=,", "=b", "a", "a=b,", "a=b,,c=d",
        "a=b,a=c", "a={b=c,b=d}", "a=[", "a=[b", "a={", "a={b}", "a=[b,]", "a= b ", "a=b ,c=d", "a=[[b,c],[d]]",
        "a=b=c", "a=b:c/d#e", "a.b=c", "a-b_c=d", "a=é", "a='unterminated", "a='x\\'", "a=\"x\\\"", "a=[{b=c},{d=e}]",
        "a@=b", "a = b", "a=b\tc", "a=[ ]", "a={}", "a=[]", "a={ }", "a=\\,b", "a=!b", "a=~b", "a=}b", "a=b}",
        "a=[b]c", "a={b=c}d", "a=b,'c'", "a=b,\"c\",d", "a=b, 'c' ,d", "a=b,[c]", "a=b,{c=d}", "a=1.5,b=true",
    ]

    /// Text over the characters the grammar gives a meaning to, and a few it does not.
    static func generated(count: Int) -> [String] {
        let alphabet = Array("ab=,=,[]{}'\"\\ @:/.-_#x1 \té=,ab").map(String.init)
        var state: UInt64 = 0x5EED_CAFE
        func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        return (0..<count).map { _ in
            let length = 1 + Int(next() % 14)
            // Start with a key and '=' most of the time, so that the parser gets past the first step.
            let prefix = next() % 4 == 0 ? "" : "a="
            return prefix + (0..<length).map { _ in alphabet[Int(next() % UInt64(alphabet.count))] }.joined()
        }
    }

    /// awscli.shorthand's result for each text: the value, or null when it raises.
    static func oracle(_ texts: [String]) throws -> [JSONValue] {
        let script = """
            import json, sys
            from awscli.shorthand import ShorthandParser
            out = []
            for text in json.load(sys.stdin):
                try:
                    out.append({"value": ShorthandParser().parse(text)})
                except Exception:
                    out.append(None)
            print(json.dumps(out))
            """
        let input = Data(JSONWriter.write(.array(texts.map(JSONValue.string)), pretty: false).utf8)
        let run = try ChildProcess.run("/usr/bin/env", ["python3", "-c", script], input: .data(input), error: .inherit)
        try #require(run.status == 0)
        return try #require(try JSONParser.parse(run.output).arrayValue)
    }

    static var awscliAvailable: Bool {
        (try? ChildProcess.run(
            "/usr/bin/env", ["python3", "-c", "import awscli.shorthand"], output: .null, error: .null
        ).status) == 0
    }

    @Test(
        "the same value as awscli.shorthand, or both refuse: written cases and 3,000 generated ones",
        .enabled(if: awscliAvailable, "skipped: the AWS CLI (pip install -r Tests/requirements.txt) is not installed"))
    func sameAsTheAWSCLI() throws {
        let texts = Self.written + Self.generated(count: 3000)
        let expected = try Self.oracle(texts)
        var mismatches: [String] = []
        var parsed = 0
        for (text, theirs) in zip(texts, expected) {
            let ours = try? ShorthandSyntax.parse(text)
            if ours != nil { parsed += 1 }
            if ours != theirs["value"] {
                mismatches.append(
                    "\(text.debugDescription): ours \(ours.map { JSONWriter.write($0, pretty: false) } ?? "error"), awscli \(theirs["value"].map { JSONWriter.write($0, pretty: false) } ?? "error")"
                )
            }
        }
        #expect(
            mismatches.isEmpty,
            "\(mismatches.count) of \(texts.count) differ:\n\(mismatches.prefix(15).joined(separator: "\n"))")
        // Both outcomes are exercised, not only refusals.
        #expect(parsed > 500 && parsed < texts.count - 300, "parsed \(parsed) of \(texts.count)")
    }
}
