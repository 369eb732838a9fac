import Foundation
import Logging
import MCP
import MSKESMCore

/// The SDK's stdio transport, counting the requests it receives and the responses it sends, so that the server
/// answers every request before it exits when the client closes stdin (a client may send its requests and close
/// its end at once, as a pipe does). The SDK handles each request in a task of its own and stops reading at end of
/// input without waiting for them.
actor DrainingStdioTransport: Transport {
    private let stdio = StdioTransport()
    private var requests = 0
    private var responses = 0

    nonisolated var logger: Logger { stdio.logger }

    func connect() async throws { try await stdio.connect() }

    func disconnect() async { await stdio.disconnect() }

    func send(_ data: Data) async throws {
        try await stdio.send(data)
        responses += Self.responseCount(data)
    }

    func receive() -> AsyncThrowingStream<Data, Swift.Error> {
        AsyncThrowingStream { continuation in
            let task = Task {
                do {
                    for try await data in await self.stdio.receive() {
                        self.counted(data)
                        continuation.yield(data)
                    }
                    continuation.finish()
                } catch {
                    continuation.finish(throwing: error)
                }
            }
            continuation.onTermination = { _ in task.cancel() }
        }
    }

    private func counted(_ data: Data) {
        requests += Self.requestCount(data)
    }

    /// Waits until every request received has been answered.
    func drain() async {
        while responses < requests {
            try? await Task.sleep(for: .milliseconds(20))
        }
    }

    /// A JSON-RPC request has a method and an id; a batch holds several.
    static func requestCount(_ data: Data) -> Int {
        guard let message = try? JSONParser.parse(data) else { return 0 }
        let messages = message.arrayValue ?? [message]
        return messages.filter { $0["method"] != nil && $0["id"] != nil && $0["id"] != .null }.count
    }

    /// A response has a result or an error, and no method; a batch holds several.
    static func responseCount(_ data: Data) -> Int {
        guard let message = try? JSONParser.parse(data) else { return 0 }
        let messages = message.arrayValue ?? [message]
        return messages.filter { $0["method"] == nil && ($0["result"] != nil || $0["error"] != nil) }.count
    }
}
