import Foundation
import Testing

@testable import MSKESMCLI

/// The hand-written scanners that replaced regex literals (which leak on Linux) find what the regular
/// expressions found: Python's `re` is the oracle, over texts built at test time from tricky fragments.
struct HandScannerTests {
    static let fragments = [
        "6d9bce8e-1111-4222-8333-444455556666", "6D9BCE8E-1111-4222-8333-444455556666",
        "6d9bce8e-1111-4222-8333-44445555666", "6d9bce8e-1111-4222-8333-4444555566667", "6d9bce8e-1111-4222-8333-",
        "arn:aws:lambda:us-east-1:123456789012:function:orders-consumer",
        "arn:aws-cn:lambda:cn-north-1:123456789012:function:f_1:PROD",
        "arn:aws:lambda:us-east-1:12345678901:function:x",
        "arn:aws:lambda:us-east-1:1234567890123:function:x", "arn:aws:lambda::123456789012:function:x",
        "arn:aws:kafka:us-east-1:123456789012:cluster/orders/8c1f4b2e-7a4d-4c1e-9e1a-1234567890ab-2",
        "arn:aws:kafka:eu-west-1:123456789012:vpc-connection/123/abc", "arn:aws:kafka:us-east-1:123456789012:topic/x",
        "arn:aws-us-gov:kafka:us-gov-west-1:123456789012:cluster/a.b_c/d",
        "arn:aws:kafka:us-east-1:123456789012:cluster/",
        "arn:aws", "arn:awsx-y:lambda:r:123456789012:function:", "\"", " ", ",", ":", "/", "-", "é", "x", "\n",
    ]

    /// Deterministic texts: 1 to 6 fragments each, chosen by a linear congruential generator.
    static let texts: [String] = {
        var state: UInt64 = 0x5eed
        func next(_ bound: Int) -> Int {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((state >> 33) % UInt64(bound))
        }
        return (0..<400).map { _ in (0...next(6)).map { _ in fragments[next(fragments.count)] }.joined() }
    }()

    @Test("learned UUIDs, function names and cluster ARNs are what Python's re.findall finds")
    func learnedValuesAgreeWithPython() throws {
        let script = #"""
            import json, re, sys
            patterns = [r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}",
                        r"arn:aws[a-z-]*:lambda:[a-z0-9-]+:[0-9]{12}:function:([A-Za-z0-9_-]+)",
                        r"arn:aws[a-z-]*:kafka:[a-z0-9-]+:[0-9]{12}:(?:cluster|vpc-connection)/[A-Za-z0-9._/-]+"]
            def unique(values):
                return list(dict.fromkeys(values))
            print(json.dumps([[unique(re.findall(p, text)) for p in patterns] for text in json.load(sys.stdin)]))
            """#
        let input = String(decoding: try JSONSerialization.data(withJSONObject: Self.texts), as: UTF8.self)
        let output = try #require(EventCommandTests.python(script, stdin: input), "python3 is needed for this test")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [[[String]]])
        #expect(expected.count == Self.texts.count)
        #expect(expected.filter { !$0[1].isEmpty }.count >= 20, "too few texts with a function ARN to compare")
        for (text, oracle) in zip(Self.texts, expected) {
            var learned = LearnedValues()
            learned.learn(fromOutput: text)
            #expect([learned.mappingUUIDs, learned.functionNames, learned.clusterARNs] == oracle, "\(text)")
        }
    }

    @Test("--action syntax is Python's re.fullmatch of [A-Za-z0-9-]+:[A-Za-z0-9*?_-]+")
    func actionNamesAgreeWithPython() throws {
        let candidates = [
            "kafka:DescribeClusterV2", "kafka-cluster:*", "s3:Get*Object?", "ec2:Create_Network-Interface", "kafka",
            ":Describe", "kafka:", "kafka::x", "a:b:c", "kafka:Describe Cluster", "kafka:Describé", "*:*", "k_a:x",
            "KAFKA-1:x", "", "kafka:x\n",
        ]
        let script = #"""
            import json, re, sys
            print(json.dumps([re.fullmatch(r"[A-Za-z0-9-]+:[A-Za-z0-9*?_-]+", c) is not None for c in json.load(sys.stdin)]))
            """#
        let input = String(decoding: try JSONSerialization.data(withJSONObject: candidates), as: UTF8.self)
        let output = try #require(EventCommandTests.python(script, stdin: input), "python3 is needed for this test")
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [Bool])
        #expect(candidates.map(PolicyCheckCommand.isActionName) == expected)
        #expect(expected.contains(true) && expected.contains(false))
    }
}
