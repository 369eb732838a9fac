import Foundation
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport
import Testing

@testable import MSKESMCLI

/// `--output table` held to AWS CLI v1's own TableFormatter and MultiTable (Tests/TestBed/table_oracle.py) over
/// generated documents: nested objects, lists of objects with missing keys, lists of lists, falsy values, wide,
/// ambiguous and combining characters, long values that force the vertical layout, at several terminal widths,
/// coloured and plain. Values the CLI cannot lay out must fail here too.
@Suite("--output table against the AWS CLI's table layout")
struct AWSCLITableTests {
    static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestBed/table_oracle.py").path

    static let hasOracle: Bool = {
        let probe = try? ChildProcess.run(
            "/usr/bin/env", ["python3", "-c", "import awscli.formatter"], output: .null, error: .null)
        return probe?.status == 0
    }()

    /// Strings whose widths the CLI counts differently from their character counts, and plain ones.
    static let words = [
        "orders", "payments", "Enabled", "LATEST", "", "a",
        "arn:aws:kafka:us-east-1:123456789012:cluster/demo/abcd-1234",
        "支払い", "ｆｕｌｌ", "±½", "café", "e\u{301}", "🙂", "x y", "UUID", "VPC_SUBNET", "subnet:subnet-0a1b2c3d",
        String(repeating: "long-value-", count: 9), "it's", "say \"hi\"", "both ' and \"", "tab\there", "line\nbreak",
        "back\\slash", "\u{7}bell", "zero\u{200B}width", "\u{E000}private",
    ]
    static let keys = ["UUID", "State", "BatchSize", "Topics", "Type", "URI", "名前", "a", "B", "Config", "Ä", "_x"]

    static func scalar(_ random: inout SeededGenerator) -> JSONValue {
        switch Int.random(in: 0..<10, using: &random) {
        case 0: return .null
        case 1: return .bool(Bool.random(using: &random))
        case 2: return .number(Double(Int.random(in: -5...100_000, using: &random)))
        // Fractions Python and Swift print alike (no whole-valued floats: msk-esm's values print those as ints).
        case 3: return .number([1.5, 0.25, 1796438025.517771, -3.75, 1e-05][Int.random(in: 0..<5, using: &random)])
        default: return .string(words[Int.random(in: 0..<words.count, using: &random)])
        }
    }

    static func object(_ random: inout SeededGenerator, depth: Int) -> JSONValue {
        var members: [String: JSONValue] = [:]
        for _ in 0..<Int.random(in: 0...5, using: &random) {
            members[keys[Int.random(in: 0..<keys.count, using: &random)]] = value(&random, depth: depth + 1)
        }
        return .object(members)
    }

    static func value(_ random: inout SeededGenerator, depth: Int) -> JSONValue {
        let roll = depth > 3 ? 0 : Int.random(in: 0..<10, using: &random)
        switch roll {
        case 0...3: return scalar(&random)
        case 4...5: return object(&random, depth: depth)
        case 6...7:
            // A list of objects, some without some keys (the header is the union).
            return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in object(&random, depth: depth) })
        case 8: return .array((0..<Int.random(in: 0...4, using: &random)).map { _ in scalar(&random) })
        default:
            // Lists of lists: rows while they are scalars of one length, an error when not.
            let width = Int.random(in: 0...3, using: &random)
            return .array(
                (0..<Int.random(in: 0...3, using: &random)).map { _ in
                    Int.random(in: 0..<6, using: &random) == 0
                        ? value(&random, depth: depth + 1) : .array((0..<width).map { _ in scalar(&random) })
                })
        }
    }

    struct Case {
        var document: JSONValue
        var width: Int
        var color: Bool
    }

    static func cases() -> [Case] {
        var random = SeededGenerator(state: 20_261_205)
        var cases: [Case] = []
        for index in 0..<600 {
            let document = index % 3 == 0 ? object(&random, depth: 0) : value(&random, depth: 0)
            let width = [80, 80, 40, 200, 12, 0][index % 6]
            cases.append(Case(document: document, width: width, color: index % 5 == 0))
        }
        // A mapping as Lambda answers GetEventSourceMapping: wider than 80 columns, so it turns vertical.
        let mapping: JSONValue = [
            "UUID": "14e0db71-5d35-4eb5-b481-8945cf9d10c2", "BatchSize": 100, "State": "Enabled",
            "EventSourceArn": "arn:aws:kafka:us-east-1:123456789012:cluster/demo/abcd-1234",
            "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:orders-consumer",
            "LastModified": 1796438025.517771,
            "Topics": ["orders"], "StartingPosition": "LATEST", "BisectBatchOnFunctionError": false,
            "SourceAccessConfigurations": [
                ["Type": "VPC_SUBNET", "URI": "subnet:subnet-0a1b2c3d"],
                ["Type": "VPC_SECURITY_GROUP", "URI": "security_group:sg-1"],
            ],
            "AmazonManagedKafkaEventSourceConfig": ["ConsumerGroupId": "orders-consumer"],
        ]
        for width in [80, 300, 20] {
            for color in [false, true] { cases.append(Case(document: mapping, width: width, color: color)) }
        }
        return cases
    }

    struct OracleAnswer: Decodable {
        var table: String?
        var error: String?
    }

    static func oracleAnswers(title: String, _ cases: [Case]) throws -> [OracleAnswer] {
        let request: JSONValue = [
            "title": .string(title),
            "cases": .array(
                cases.map {
                    ["document": $0.document, "width": .number(Double($0.width)), "color": $0.color ? "on" : "off"]
                }),
        ]
        let run = try ChildProcess.run(
            "/usr/bin/env", ["python3", oracle], input: .data(Data(JSONWriter.write(request, pretty: false).utf8)),
            error: .inherit)
        try #require(run.status == 0, "the oracle failed")
        return try JSONDecoder().decode([OracleAnswer].self, from: run.output)
    }

    @Test(
        "generated documents lay out byte for byte as the AWS CLI lays them out",
        .enabled(if: hasOracle, "needs python3 with awscli (Tests/requirements.txt)"))
    func matchesTheAWSCLI() throws {
        let cases = Self.cases()
        let answers = try Self.oracleAnswers(title: "GetEventSourceMapping", cases)
        try #require(answers.count == cases.count)
        var tables = 0, vertical = 0, errors = 0, empty = 0
        for (index, (testCase, answer)) in zip(cases, answers).enumerated() {
            let style = AWSCLITable.Style(colored: testCase.color, toTerminal: false)
            let ours = Result {
                try AWSCLITable.render(
                    testCase.document, title: "GetEventSourceMapping", width: testCase.width, style: style)
            }
            let what = "case \(index) width \(testCase.width) color \(testCase.color): \(testCase.document.compactText)"
            if answer.error != nil {
                errors += 1
                #expect(throws: AWSCLITable.Unrenderable.self, "\(what): the AWS CLI fails (\(answer.error ?? ""))") {
                    try ours.get()
                }
                continue
            }
            let table = try #require(answer.table)
            #expect(
                (try? ours.get()) == table, "\(what)\nmsk-esm:\n\((try? ours.get()) ?? "threw")\nAWS CLI:\n\(table)")
            if table.isEmpty { empty += 1 } else { tables += 1 }
            // Vertical: the header and its value on one line.
            if table.split(separator: "\n").contains(where: { $0.contains("UUID") && $0.contains("14e0db71") }) {
                vertical += 1
            }
        }
        // The generator reaches every kind of answer.
        #expect(tables > 300 && errors > 5 && empty > 10, "tables \(tables), errors \(errors), empty \(empty)")
        // The mapping is wider than 80 columns: vertical at 80 and 20, plain and coloured; one row at 300.
        #expect(vertical == 4, "the mapping turns vertical on terminals narrower than it")
    }

    @Test("widths count code points, two for East Asian wide, fullwidth and ambiguous ones")
    func widths() {
        #expect(AWSCLITable.length("orders") == 6)
        #expect(AWSCLITable.length("支払い") == 6)
        #expect(AWSCLITable.length("±") == 2)  // Ambiguous: two, as the CLI counts it
        // A combining mark is a code point of its own, and U+0301 is Ambiguous: one plus two.
        #expect(AWSCLITable.length("e\u{301}") == 3)
        #expect(EastAsianWidth.isDoubleWidth("\u{1100}") && !EastAsianWidth.isDoubleWidth("A"))
    }

    @Test("a list or object in a cell prints as Python's repr, quotes and escapes as Python chooses them")
    func repr() {
        #expect(
            AWSCLITable.pythonString(["a", .null, true, 1.5, ["k": "it's"]])
                == "['a', None, True, 1.5, {'k': \"it's\"}]")
        #expect(AWSCLITable.pythonRepr("both ' and \"") == "'both \\' and \"'")
        #expect(AWSCLITable.pythonRepr("a\u{7}\u{200B}\t") == "'a\\x07\\u200b\\t'")
    }

    @Test("a terminal narrower than the borders draws nothing negative (Python's text * -1 is empty)")
    func narrow() throws {
        let table = try AWSCLITable.render(["a": "x", "b": "y"], title: "T", width: 0)
        #expect(table.hasPrefix("--"))
        #expect(AWSCLITable.repeated("-", -3).isEmpty)
    }
}
