import Foundation
import MSKESMCore
import MSKESMSystem
import MSKESMTestSupport
import Testing

/// The Kafka filter matcher agrees with moto's EventBridge pattern matcher (Tests/TestBed/filter_oracle.py) on a
/// generated table of patterns and record values made of strings, integers and lists of them: the domain where
/// moto matches as EventBridge does. Nulls, Booleans, arrays of objects and Lambda's plain-string rule are held
/// to FilterTruthTableTests instead.
@Suite("filter patterns agree with moto")
struct FilterMotoAgreementTests {
    static let oracle = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("TestBed/filter_oracle.py").path

    static let hasMoto: Bool = {
        let probe = try? ChildProcess.run(
            "/usr/bin/env", ["python3", "-c", "import moto.events.models"], output: .null, error: .null)
        return probe?.status == 0
    }()

    struct Case: Encodable {
        var pattern: JSONValue
        var event: JSONValue
    }

    /// A seeded generator of cases within the agreed domain.
    struct CaseGenerator {
        var random: SeededGenerator
        let strings: [String] = ["", "a", "ab", "abc", "B", "Ab", "aB-1", "b", "x.png", "X.PNG", "us-east-1", "é"]
        let fields = ["f0", "f1", "f2"]

        mutating func pick<T>(_ items: [T]) -> T { items[Int(random.next() % UInt64(items.count))] }
        mutating func chance(_ percent: UInt64) -> Bool { random.next() % 100 < percent }
        mutating func int() -> Int { Int(random.next() % 9) - 4 }

        mutating func scalar() -> JSONValue { chance(55) ? .string(pick(strings)) : .number(Double(int())) }

        mutating func fieldValue() -> JSONValue {
            if chance(20) { return .array((0...Int(random.next() % 3)).map { _ in scalar() }) }
            return scalar()
        }

        mutating func recordObject() -> JSONValue {
            var members: [String: JSONValue] = [:]
            for field in fields where chance(75) { members[field] = fieldValue() }
            if chance(40) { members["n"] = .object(["x": fieldValue()]) }
            return .object(members)
        }

        mutating func rule() -> JSONValue {
            switch random.next() % 10 {
            case 0: return .string(pick(strings))
            case 1: return .number(Double(int()))
            case 2: return ["prefix": .string(pick(["a", "A", "us-", "x", ""]))]
            case 3: return ["suffix": .string(pick([".png", "b", "1", "B"]))]
            case 4: return ["equals-ignore-case": .string(pick(["ab", "AB", "x.png", "b"]))]
            case 5:
                return chance(50)
                    ? ["anything-but": .array((0...Int(random.next() % 2)).map { _ in scalar() })]
                    : ["anything-but": scalar()]
            case 6:
                let comparison = pick(["<", "<=", "=", ">=", ">"])
                return ["numeric": [.string(comparison), .number(Double(int()))]]
            case 7:
                let low = int()
                return [
                    "numeric": [
                        .string(pick([">", ">="])), .number(Double(low)), .string(pick(["<", "<="])),
                        .number(Double(low + Int(random.next() % 5))),
                    ]
                ]
            default: return ["exists": .bool(chance(50))]
            }
        }

        mutating func rules() -> JSONValue { .array((0...Int(random.next() % 2)).map { _ in rule() }) }

        mutating func objectPattern() -> JSONValue {
            var members: [String: JSONValue] = [:]
            for field in fields where chance(45) { members[field] = rules() }
            if chance(25) { members["n"] = ["x": rules()] }
            if members.isEmpty { members[pick(fields)] = rules() }
            return .object(members)
        }

        mutating func next() -> Case {
            if chance(20) {
                // A plain-string record value: only rules on value itself.
                return Case(pattern: ["value": rules()], event: ["value": .string(pick(strings))])
            }
            var pattern = objectPattern()
            if chance(20), case .object(var members) = pattern {
                members["$or"] = [objectPattern(), objectPattern()]
                pattern = .object(members)
            }
            return Case(pattern: ["value": pattern], event: ["value": recordObject()])
        }
    }

    static func text(_ value: JSONValue) throws -> String {
        String(decoding: try JSONEncoder().encode(value), as: UTF8.self)
    }

    static func kept(_ testCase: Case) throws -> Bool {
        let pattern = try FilterPatternParser.parse(try text(testCase.pattern))
        let value = testCase.event["value"] ?? .null
        let record: FilterRecordValue =
            if case .string(let plain) = value { .plain(plain) } else { .json(value) }
        return KafkaRecordFilter(filters: [(0, pattern)]).decide(record).kept
    }

    @Test(
        "3,000 generated patterns and records: kept exactly when moto's EventBridge matcher matches",
        .enabled(if: hasMoto, "needs python3 with moto (scripts/bootstrap installs it)"))
    func generatedTableAgreesWithMoto() throws {
        var generator = CaseGenerator(random: SeededGenerator(state: 18))
        let cases = (0..<3000).map { _ in generator.next() }
        let run = try ChildProcess.run(
            "/usr/bin/env", ["python3", Self.oracle], input: .data(try JSONEncoder().encode(cases)))
        #expect(run.status == 0, "\(run.errorText)")
        let answers = try JSONDecoder().decode([JSONValue].self, from: run.output)
        try #require(answers.count == cases.count)
        var disagreements: [String] = []
        var matched = 0
        for (testCase, answer) in zip(cases, answers) {
            guard case .bool(let moto) = answer else {
                disagreements.append("moto refused \(try Self.text(testCase.pattern)): \(answer)")
                continue
            }
            let ours = try Self.kept(testCase)
            if moto { matched += 1 }
            if ours != moto {
                disagreements.append(
                    "pattern \(try Self.text(testCase.pattern)) event \(try Self.text(testCase.event)): "
                        + "moto \(moto), msk-esm \(ours)")
            }
        }
        let report = disagreements.prefix(10).joined(separator: "\n")
        #expect(disagreements.count == 0, "disagreements:\n\(report)")
        // The table is only evidence if both outcomes are common.
        #expect(matched > 300 && matched < 2700, "\(matched) of 3000 matched")
    }
}
