import Foundation
import Testing

@testable import MSKESMCore

/// The FLT rules over FilterCriteria, the pattern parser's refusals, and their wiring into the doctor and the
/// create/update preflight.
@Suite struct FilterCriteriaRulesTests {
    static func problems(_ patterns: [String?], quota: Int = 5) -> [Finding] {
        var input = FilterCriteriaRules.Input(patterns: patterns)
        input.quota = quota
        return FilterCriteriaRules.evaluate(input).findings.filter { $0.severity != .pass }
    }

    @Test(arguments: [
        #"{"value":{"a":[null,"",true,1.5,{"equals-ignore-case":"x"},{"prefix":"p"},{"suffix":"s"}]}}"#,
        #"{"value":{"a":[{"anything-but":["x",2]},{"anything-but":"y"},{"anything-but":3}]}}"#,
        #"{"value":{"a":[{"numeric":["=",100]},{"numeric":[">",10,"<=",20]},{"numeric":["<",0]}]}}"#,
        #"{"value":{"a":[{"exists":true}],"b":[{"exists":false}]},"$or":[{"value":{"c":[1]}},{"value":{"d":[2]}}]}"#,
        #"{"value":[{"prefix":"ERROR"}]}"#,
    ])
    func patternsOfLambdasTableAreValid(_ pattern: String) {
        #expect(Self.problems([pattern]).isEmpty)
    }

    @Test(arguments: [
        (#"{"value":{"a":[{"wildcard":"a*"}]}}"#, true), (#"{"value":{"a":[{"cidr":"10.0.0.0/8"}]}}"#, true),
        (#"{"value":{"a":[{"anything-but":{"prefix":"x"}}]}}"#, true),
        (#"{"value":{"a":[{"prefix":{"equals-ignore-case":"x"}}]}}"#, true),
        (#"{"value":{"a":[{"contains":"x"}]}}"#, true),
        ("not json", false), ("[1]", false), ("{}", false), (#"{"value":"x"}"#, false), (#"{"value":[]}"#, false),
        (#"{"value":{"a":[{"numeric":["<",5,">",1]}]}}"#, false),
        (#"{"value":{"a":[{"numeric":["=",1,"<",5]}]}}"#, false),
        (#"{"value":{"a":[{"exists":"yes"}]}}"#, false), (#"{"value":{"a":[{"prefix":"x","suffix":"y"}]}}"#, false),
        (#"{"value":{"a":[1],"a":[2]}}"#, false), (#"{"$or":[{"value":{"a":[1]}}]}"#, false),
        (#"{"value":{"a":[{"anything-but":[]}]}}"#, false),
    ])
    func refusedPatternsAreFLT001(_ pattern: String, unlistedOperator: Bool) throws {
        let found = Self.problems([pattern])
        #expect(found.map(\.code) == ["FLT001"])
        #expect(found.first?.severity == .fail)
        #expect(found.first?.fix.contains("filter test") == true)
        let error = #expect(throws: FilterPatternError.self) { try FilterPatternParser.parse(pattern) }
        #expect(error?.isUnlistedOperator == unlistedOperator)
    }

    @Test(arguments: [#"{"key":["k"]}"#, #"{"headers":[{"exists":true}]}"#, #"{"topic":["orders"],"value":{"a":[1]}}"#])
    func patternsOnOtherFieldsThanValueAreFLT002(_ pattern: String) {
        #expect(Self.problems([pattern]).map(\.code) == ["FLT002"])
    }

    @Test(arguments: [
        #"{"value":{"a":[{"numeric":[">",5,"<",3]}]}}"#, #"{"value":{"a":[{"numeric":[">",5,"<",5]}]}}"#,
        #"{"value":{"$or":[{"a":[{"numeric":[">=",9,"<",1]}]},{"b":[{"numeric":[">",2,"<=",2]}]}]}}"#,
    ])
    func impossiblePatternsAreFLT003(_ pattern: String) {
        #expect(Self.problems([pattern]).map(\.code) == ["FLT003"])
    }

    @Test func aSingleValueRangeIsPossible() {
        #expect(Self.problems([#"{"value":{"a":[{"numeric":[">=",5,"<=",5]}]}}"#]).isEmpty)
    }

    @Test func moreFiltersThanTheQuotaIsFLT004() {
        let pattern = #"{"value":{"a":[1]}}"#
        #expect(Self.problems(Array(repeating: pattern, count: 5)).isEmpty)
        #expect(
            Self.problems(Array(repeating: pattern, count: 6)).map { "\($0.code) \($0.severity)" } == ["FLT004 warn"])
        #expect(Self.problems(Array(repeating: pattern, count: 6), quota: 10).isEmpty)
        #expect(
            Self.problems(Array(repeating: pattern, count: 11), quota: 10).map { "\($0.code) \($0.severity)" } == [
                "FLT004 fail"
            ])
    }

    @Test func aPatternOver4096CharactersIsFLT005() {
        let list = (0..<1000).map { "\"v\($0)\"" }.joined(separator: ",")
        let long = #"{"value":{"a":["# + list + "]}}"
        #expect(long.unicodeScalars.count > 4096)
        #expect(Self.problems([long]).map(\.code) == ["FLT005"])
        let exactly = #"{"value":{"a":[""# + String(repeating: "x", count: 4096 - 20) + #""]}}"#
        #expect(exactly.unicodeScalars.count == 4096)
        #expect(Self.problems([exactly]).isEmpty)
    }

    static func snapshot(_ mapping: [String: Any], extra: [String: Any] = [:]) throws -> Snapshot {
        try Snapshot.decode(SnapshotTestSupport.document(mapping: mapping, extra: extra), source: "test")
    }

    static let key = "arn:aws:kms:us-east-1:123456789012:key/1234abcd-12ab-34cd-56ef-1234567890ab"

    @Test func aFilterCriteriaErrorIsFLT006() throws {
        let snapshot = try Self.snapshot([
            "KMSKeyArn": Self.key, "FilterCriteria": ["Filters": [["Pattern": #"{"value":{"a":[1]}}"#]]],
            "FilterCriteriaError": ["ErrorCode": "KMSAccessDeniedException", "Message": "access denied"],
        ])
        let found = try FilterCriteriaCheck().run(DoctorContext(snapshot: snapshot, now: Date()))
            .filter { $0.severity != .pass }
        #expect(found.map(\.code) == ["FLT006"])
        #expect(found.first?.title.contains("KMSAccessDeniedException") == true)
    }

    @Test(arguments: [("Disabled", "aws kms enable-key"), ("PendingDeletion", "aws kms cancel-key-deletion")])
    func aKeyThatIsNotEnabledIsFLT006(state: String, fix: String) throws {
        let snapshot = try Self.snapshot(
            ["KMSKeyArn": Self.key, "FilterCriteria": ["Filters": [["Pattern": #"{"value":{"a":[1]}}"#]]]],
            extra: [
                "KmsKeys": [Self.key: ["KeyMetadata": ["Arn": Self.key, "KeyState": state, "KeyManager": "CUSTOMER"]]]
            ])
        let found = try FilterCriteriaCheck().run(DoctorContext(snapshot: snapshot, now: Date()))
            .filter { $0.severity != .pass }
        #expect(found.map(\.code) == ["FLT006"])
        #expect(found.first?.fix.hasPrefix(fix) == true)
    }

    @Test func encryptedFiltersThatCouldNotBeReadAreAWarning() throws {
        let snapshot = try Self.snapshot(["KMSKeyArn": Self.key])
        let found = try FilterCriteriaCheck().run(DoctorContext(snapshot: snapshot, now: Date()))
        #expect(found.filter { $0.severity != .pass }.map { "\($0.code) \($0.severity)" } == ["FLT006 warn"])
    }

    @Test func theDoctorAndThePreflightRunTheFilterRules() throws {
        let snapshot = try Self.snapshot(["FilterCriteria": ["Filters": [["Pattern": #"{"key":["k"]}"#]]]])
        for doctor in [Doctor(), Doctor.preflight] {
            let report = try doctor.run(snapshot, at: Date())
            #expect(report.summary.checks.contains("filter-criteria"))
            #expect(report.findings.contains { $0.code == "FLT002" && $0.severity == .fail })
        }
        let clean = try Doctor().run(try Self.snapshot([:]), at: Date())
        #expect(clean.findings.contains { $0.code == "FLT001" && $0.severity == .pass })
        #expect(!clean.findings.contains { $0.code.hasPrefix("FLT") && $0.severity != .pass })
    }

    @Test func theSnapshotReadsTheFilterKey() throws {
        let mapping: JSONValue = [
            "UUID": "3f6a1d2c-8b4e-4f7a-9c1d-2e5b8a0f4c36", "KMSKeyArn": .string(Self.key),
            "FunctionArn": "arn:aws:lambda:us-east-1:123456789012:function:f",
        ]
        let plan = MappingReadPlan(mapping: mapping, readsMetrics: false)
        #expect(plan.reads(after: [:]).contains(SnapshotRead(.describeKey(keyId: Self.key))))
    }
}
