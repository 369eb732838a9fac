import Foundation
import Testing

@testable import MSKESMCore

/// The event scanner reads what the full parser reads, or leaves the document to it.
@Suite struct KafkaEventScannerTests {
    static func summary(_ records: [FilterTestRecord]) -> [String] {
        records.map { "\($0.topic ?? "-") \($0.partition ?? -1) \($0.offset ?? -1) \($0.value)" }
    }

    static func record(_ offset: Int, value: String, extra: String = "") -> String {
        let base64 = Data(value.utf8).base64EncodedString()
        return #"{"topic":"orders","partition":1,"offset":\#(offset),"timestamp":1764158400000,"#
            + #""timestampType":"CREATE_TIME","key":"azE=","value":"\#(base64)","#
            + #""headers":[{"content-type":[97,112,112]}]\#(extra)}"#
    }

    static let readable: [String] = [
        #"{"eventSource":"aws:kafka","records":{"orders-1":["# + record(5, value: #"{"a":1}"#) + ","
            + record(6, value: "plain") + #"],"orders-0":["# + record(1, value: "x") + "]}}",
        #"{"records":{"t-0":[{"topic":"t","partition":0,"offset":0,"value":null}]}}"#,
        #"{"records":{}, "bootstrapServers":"b:9092", "n":[1.5e3,-0,true,false,null,{"x":"\n\t"}]}"#,
        " \n{\"records\":{\"t-0\":[" + record(7, value: "é ü", extra: #","k":"a\/b""#) + "]}}\n",
    ]

    @Test(arguments: readable)
    func readsAsTheFullParserDoes(_ text: String) throws {
        let data = Data(text.utf8)
        let scanned = try #require(KafkaEventScanner.records(in: data))
        let parsed = try FilterTestRecord.records(inEvent: try JSONParser.parse(data), source: "test")
        #expect(Self.summary(scanned) == Self.summary(parsed))
    }

    @Test(arguments: [
        #"{"records":{"t-0":[{"value":"eA==",}]}}"#, #"{"records":{"t-0":[{"value":"eA==","value":"eQ=="}]}}"#,
        #"{"records":{"t-0":[{"value":"eA==","headers":[{"h":[1],"h":[2]}]}]}}"#,
        #"{"records":{"t-0":[{"value":"eA==","n":1e999}]}}"#, #"{"records":{"t-0":[{"value":"eA==","n":01}]}}"#,
        "{\"records\":{\"t-0\":[{\"value\":\"eA==\",\"s\":\"a\u{01}\"}]}}", #"{"records":{"t-0":[]}} x"#,
        #"{"records":{"t-0":[{"topic":"\u0074","value":"eA=="}]}}"#, #"[{"value":"eA=="}]"#,
        #"{"records":{"t-0":[{"value":"eA==","s":"\ud800"}]}}"#,
    ])
    func leavesWhatItDoesNotHandleToTheParser(_ text: String) {
        #expect(KafkaEventScanner.records(in: Data(text.utf8)) == nil)
    }

    @Test func anEventSampleIsScanned() throws {
        var options = [String]()
        for index in 0..<50 { options.append(Self.record(index, value: #"{"n":\#(index)}"#)) }
        let text = #"{"records":{"orders-0":["# + options.joined(separator: ",") + "]}}"
        let records = try #require(KafkaEventScanner.records(in: Data(text.utf8)))
        #expect(records.count == 50)
        #expect(records.last?.value == .json(["n": 49]))
    }
}
