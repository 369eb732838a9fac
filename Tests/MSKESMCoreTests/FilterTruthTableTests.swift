import Foundation
import MSKESMCore
import Testing

/// Where moto's matcher differs from EventBridge (nulls, Booleans, arrays of objects) and what only Lambda's Kafka
/// pages say (a plain-string value, keys and headers), each row is held to the AWS page it comes from.
@Suite("filter truth table from the AWS documentation")
struct FilterTruthTableTests {
    struct Row: CustomTestStringConvertible, Sendable {
        var pattern: String
        /// The record's value: JSON text, or plain text when it does not parse.
        var value: String
        var kept: Bool
        var source: String
        var testDescription: String { "\(pattern) on \(value) → \(kept ? "kept" : "dropped")" }
    }

    static let lambdaSyntax = "https://docs.aws.amazon.com/lambda/latest/dg/invocation-eventfiltering.html"
    static let kafkaFiltering = "https://docs.aws.amazon.com/lambda/latest/dg/kafka-filtering.html"
    static let nullValues =
        "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-null-values.html"
    static let arrays = "https://docs.aws.amazon.com/eventbridge/latest/userguide/eb-event-patterns-arrays.html"
    static let dynamoFiltering = "https://docs.aws.amazon.com/lambda/latest/dg/with-ddb-filtering.html"

    static let rows: [Row] = [
        // Null and empty: the Null and Empty rows of Lambda's syntax table; null, "" and absence are distinct.
        Row(pattern: #"{"value":{"UserID":[null]}}"#, value: #"{"UserID":null}"#, kept: true, source: lambdaSyntax),
        Row(pattern: #"{"value":{"UserID":[null]}}"#, value: #"{"UserID":"u-1"}"#, kept: false, source: lambdaSyntax),
        Row(pattern: #"{"value":{"UserID":[null]}}"#, value: #"{"Name":"x"}"#, kept: false, source: nullValues),
        Row(pattern: #"{"value":{"UserID":[null]}}"#, value: #"{"UserID":""}"#, kept: false, source: nullValues),
        Row(pattern: #"{"value":{"LastName":[""]}}"#, value: #"{"LastName":""}"#, kept: true, source: lambdaSyntax),
        Row(pattern: #"{"value":{"LastName":[""]}}"#, value: #"{"LastName":null}"#, kept: false, source: nullValues),
        // Booleans match JSON true/false only (moto takes true for 1).
        Row(pattern: #"{"value":{"active":[true]}}"#, value: #"{"active":true}"#, kept: true, source: dynamoFiltering),
        Row(
            pattern: #"{"value":{"active":[true]}}"#, value: #"{"active":false}"#, kept: false, source: dynamoFiltering),
        Row(pattern: #"{"value":{"active":[true]}}"#, value: #"{"active":1}"#, kept: false, source: lambdaSyntax),
        Row(pattern: #"{"value":{"active":[true]}}"#, value: #"{"active":"true"}"#, kept: false, source: lambdaSyntax),
        Row(pattern: #"{"value":{"count":[1]}}"#, value: #"{"count":true}"#, kept: false, source: lambdaSyntax),
        Row(pattern: #"{"value":{"flags":[true]}}"#, value: #"{"flags":[false,true]}"#, kept: true, source: arrays),
        // Arrays of objects: a pattern object matches when one element of the list matches it.
        Row(
            pattern: #"{"value":{"items":{"sku":["A"]}}}"#, value: #"{"items":[{"sku":"B"},{"sku":"A"}]}"#,
            kept: true, source: arrays),
        Row(
            pattern: #"{"value":{"items":{"sku":["A"]}}}"#, value: #"{"items":[{"sku":"B"},{"sku":"C"}]}"#,
            kept: false, source: arrays),
        Row(
            pattern: #"{"value":{"items":{"sku":["A"],"qty":[2]}}}"#,
            value: #"{"items":[{"sku":"A","qty":2},{"sku":"B","qty":1}]}"#, kept: true, source: arrays),
        Row(
            pattern: #"{"value":{"items":{"sku":["A"],"qty":[{"numeric":[">",1]}]}}}"#,
            value: #"{"items":[{"sku":"A","qty":1},{"sku":"B","qty":5}]}"#, kept: false, source: arrays),
        // Kafka: value matched as JSON when it parses, else as a plain string; only value is filterable.
        Row(
            pattern: #"{"value":{"device_ID":["AB1234"]}}"#,
            value: #"{"device_ID":"AB1234","session":{"start_time":"2023-01-01T00:00:00","duration":162}}"#,
            kept: true, source: kafkaFiltering),
        Row(
            pattern: #"{"value":{"session":{"duration":[{"numeric":[">",100]}]}}}"#,
            value: #"{"device_ID":"AB1234","session":{"duration":162}}"#, kept: true, source: kafkaFiltering),
        Row(
            pattern: #"{"value":["Hello, this is a test."]}"#, value: "Hello, this is a test.", kept: true,
            source: kafkaFiltering),
        Row(
            pattern: #"{"value":[{"prefix":"Hello"}]}"#, value: "Hello, this is a test.", kept: true,
            source: kafkaFiltering),
        Row(
            pattern: #"{"value":{"device_ID":["AB1234"]}}"#, value: "device_ID AB1234", kept: false,
            source: kafkaFiltering),
        Row(
            pattern: #"{"value":{"device_ID":[{"exists":false}]}}"#, value: "plain text", kept: false,
            source: kafkaFiltering),
        Row(pattern: #"{"key":["order-1"]}"#, value: #"{"a":1}"#, kept: false, source: kafkaFiltering),
        Row(pattern: #"{"headers":[{"exists":false}]}"#, value: #"{"a":1}"#, kept: false, source: kafkaFiltering),
        Row(pattern: #"{"topic":["orders"]}"#, value: #"{"a":1}"#, kept: false, source: kafkaFiltering),
        // Strings compare byte for byte: no case folding, no Unicode normalisation.
        Row(pattern: #"{"value":{"name":["Alice"]}}"#, value: #"{"name":"alice"}"#, kept: false, source: lambdaSyntax),
        Row(
            pattern: #"{"value":{"name":["\u00e9"]}}"#, value: "{\"name\":\"e\u{0301}\"}", kept: false,
            source: lambdaSyntax),
        Row(
            pattern: #"{"value":{"name":[{"equals-ignore-case":"alice"}]}}"#, value: #"{"name":"ALICE"}"#,
            kept: true, source: lambdaSyntax),
    ]

    @Test(arguments: rows)
    func rowHolds(_ row: Row) throws {
        #expect(row.source.hasPrefix("https://docs.aws.amazon.com/"))
        let pattern = try FilterPatternParser.parse(row.pattern)
        let decision = KafkaRecordFilter(filters: [(0, pattern)]).decide(FilterRecordValue(text: row.value))
        #expect(decision.kept == row.kept, "\(decision.clause)")
        #expect(decision.filter == (row.kept ? 0 : nil))
    }

    @Test func aRecordFromLambdasEventIsBase64DecodedBeforeMatching() throws {
        let pattern = try FilterPatternParser.parse(#"{"value":{"currency":["EUR"]}}"#)
        let base64 = Data(#"{"currency":"EUR"}"#.utf8).base64EncodedString()
        #expect(KafkaRecordFilter(filters: [(0, pattern)]).decide(FilterRecordValue(base64: base64)).kept)
        #expect(!KafkaRecordFilter(filters: [(0, pattern)]).decide(FilterRecordValue(base64: nil)).kept)
    }

    @Test func filtersAreORedAndTheFirstMatchingFilterIsNamed() throws {
        let filter = KafkaRecordFilter(filters: [
            (0, try FilterPatternParser.parse(#"{"value":{"a":[1]}}"#)),
            (1, try FilterPatternParser.parse(#"{"value":{"b":[2]}}"#)),
            (2, try FilterPatternParser.parse(#"{"value":{"b":[{"exists":true}]}}"#)),
        ])
        let decision = filter.decide(FilterRecordValue(text: #"{"b":2}"#))
        #expect(decision.kept && decision.filter == 1)
        #expect(decision.misses.map(\.filter) == [0])
        #expect(decision.clause == "filter 1 matched: value.b [2]")
        let dropped = filter.decide(FilterRecordValue(text: #"{"c":3}"#))
        #expect(!dropped.kept && dropped.filter == nil)
        #expect(dropped.misses.map(\.path) == ["value.a", "value.b", "value.b"])
        #expect(dropped.misses[0].description == "filter 0: value.a is absent, not [1]")
    }
}
