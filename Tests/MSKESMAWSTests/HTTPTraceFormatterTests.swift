import Foundation
import Testing

@testable import MSKESMAWS

/// The `--debug` trace shows what an endpoint sent, but never lets it drive the terminal.
struct HTTPTraceFormatterTests {
    @Test("control characters in a response's headers and body are escaped; the trace keeps one line per part")
    func controlCharactersAreEscaped() {
        let body = Data("{\"Message\":\"\u{1B}[2J\u{1B}]0;owned\u{07}denied\",\n\"Code\":\"AccessDenied\"}".utf8)
        let response = HTTPResponse(status: 403, headers: [("x-note", "a\u{1B}[31mred")], body: body)
        let trace = HTTPTraceFormatter.response(response, url: "https://lambda.us-east-1.amazonaws.com/", seconds: 0.01)
        let lines = trace.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.count == 4, "status, one header, the body, and the final empty piece: \(lines)")
        #expect(!trace.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(trace.contains("\\x1b[2J"))
        #expect(trace.contains("< x-note: a\\x1b[31mred"))
    }

    @Test("a request body's control characters are escaped too")
    func requestBodyIsEscaped() throws {
        let request = HTTPRequest(
            method: "POST", url: "https://sts.us-east-1.amazonaws.com/", headers: [],
            body: Data("Action=GetCallerIdentity&Note=\u{1B}c".utf8))
        let trace = HTTPTraceFormatter.request(request)
        #expect(!trace.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        #expect(trace.contains("Note=\\x1bc"))
    }
}
