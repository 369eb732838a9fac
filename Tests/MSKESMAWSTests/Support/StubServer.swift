import Foundation
import MSKESMAWS
import MSKESMCore

/// Tests/TestBed/stub_server.py: scripted responses per path; counts requests and TCP connections.
final class StubServer: @unchecked Sendable {
    let process: PythonProcess
    /// A separate client for the side door, so the client under test's connections are its own.
    private let control = CurlHTTPClient()

    init() throws { process = try PythonProcess(script: "stub_server.py") }

    var url: String { "http://127.0.0.1:\(process.port)" }

    struct Step {
        var status = 200
        var body = ""
        var headers: [String: String] = [:]
        var delay: Double = 0
        /// Held until this many requests are in flight at once (0: not held).
        var gate = 0

        var json: JSONValue {
            [
                "status": .number(Double(status)), "body": .string(body),
                "headers": .object(headers.mapValues { .string($0) }),
                "delay": .number(delay), "gate": .number(Double(gate)),
            ]
        }
    }

    func script(_ paths: [String: [Step]]) async throws {
        let document = JSONValue.object(paths.mapValues { .array($0.map(\.json)) })
        _ = try await control.send(
            HTTPRequest(method: "POST", url: url + "/_stub/script", body: try JSONEncoder().encode(document)))
    }

    func stats() async throws -> JSONValue {
        let response = try await control.send(HTTPRequest(method: "GET", url: url + "/_stub/stats"))
        return try JSONDecoder().decode(JSONValue.self, from: response.body)
    }
}
