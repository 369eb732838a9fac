import Foundation
import MSKESMAWS
import MSKESMCore
import MSKESMTestSupport
import Testing

@Suite("Transport and retries", .enabled(if: PythonProcess.available, "skipped: \(PythonProcess.availability ?? "")"))
struct TransportTests {
    /// An AWS client that sends every service to the stub, signed with static keys.
    func client(
        _ stub: StubServer, http: any HTTPClient = CurlHTTPClient(), attempts: Int = 3,
        trace: (@Sendable (String) -> Void)? = nil
    ) -> AWSClient {
        var retry = RetryPolicy(maxAttempts: attempts)
        retry.maxBackoff = 2
        return AWSClient(
            configuration: AWSClientConfiguration(
                region: "us-east-1",
                credentials: CredentialResolver(
                    provider: StaticCredentialProvider(
                        AWSCredentials(accessKeyId: "AKIDTEST", secretAccessKey: "secret"))),
                endpoints: EndpointResolver(endpointURL: stub.url), http: http, retry: retry, trace: trace))
    }

    @Test("a server that stops sending data hits the read timeout")
    func readTimeout() async throws {
        let stub = try StubServer()
        // Held for 90 s: longer than any hang watchdog, so only the client's own timeout can end the wait soon.
        try await stub.script(["/slow": [StubServer.Step(body: "late", delay: 90)]])
        let http = CurlHTTPClient(options: CurlHTTPClient.Options(connectTimeout: 1, readTimeout: 1))
        do {
            _ = try await http.send(HTTPRequest(method: "GET", url: stub.url + "/slow"))
            Issue.record("no timeout")
        } catch let error as TransportError {
            #expect(error.kind == .timeout)
        }
        // The client gave up by itself: the server still holds its one request, unanswered.
        let stats = try await stub.stats()
        #expect(stats["requests"]?.intValue == 1)
        #expect(stats["inFlight"]?.intValue == 1, "\(stats)")
    }

    @Test("sequential requests reuse one connection and one curl handle")
    func connectionReuse() async throws {
        let stub = try StubServer()
        try await stub.script(["/ok": [StubServer.Step(body: "{}")]])
        // Between two awaits this task may wait for a thread for minutes when the whole suite runs on a loaded
        // machine (it did under ASan): past libcurl's idle limit the connection is rightly replaced. The limit is
        // raised so that only a connection that is not reused can fail the count.
        var options = CurlHTTPClient.Options()
        options.maximumIdleSeconds = 86_400
        let http = CurlHTTPClient(options: options)
        for _ in 0..<5 { _ = try await http.send(HTTPRequest(method: "GET", url: stub.url + "/ok")) }
        let stats = try await stub.stats()
        #expect(stats["requests"]?.intValue == 5)
        // Connections that carried our requests: the side door's own may be closed and opened again when a loaded
        // machine leaves it idle past libcurl's limit, so it is not counted.
        #expect(stats["clientConnections"]?.intValue == 1, "\(stats)")
        #expect(http.handlesCreated == 1)
    }

    @Test("parallel requests really run in parallel, each on its own handle")
    func parallelRequests() async throws {
        let stub = try StubServer()
        // Each request is held until 4 are in flight at once: one after another, the gate would never open.
        try await stub.script(["/slow": [StubServer.Step(body: "{}", gate: 4)]])
        let http = CurlHTTPClient()
        try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask { try await http.send(HTTPRequest(method: "GET", url: stub.url + "/slow")).status }
            }
            for try await status in group { #expect(status == 200) }
        }
        // The server saw several requests at once: proof of parallelism by an event, however busy the machine.
        let maxInFlight = try await stub.stats()["maxInFlight"]?.intValue ?? 0
        #expect(maxInFlight >= 4, "at most \(maxInFlight) of 8 requests were in flight at once")
        #expect(http.handlesCreated > 1 && http.handlesCreated <= 8)
    }

    @Test("retries 500, 502, 503, 504 and 429, then succeeds", arguments: [500, 502, 503, 504, 429])
    func retriesTransientErrors(status: Int) async throws {
        let stub = try StubServer()
        try await stub.script([
            "/": [
                StubServer.Step(
                    status: status, body: #"{"__type": "ServiceUnavailableException", "message": "try later"}"#),
                StubServer.Step(body: #"{"KeyMetadata": {"KeyId": "k"}}"#),
            ]
        ])
        let result = try await KMSClient(client: client(stub)).describeKey(keyId: "k")
        #expect(result["KeyMetadata"]?["KeyId"]?.stringValue == "k")
        #expect(try await stub.stats()["requests"]?.intValue == 2)
    }

    @Test("honours Retry-After")
    func retryAfter() async throws {
        let stub = try StubServer()
        try await stub.script([
            "/": [
                StubServer.Step(
                    status: 429, body: #"{"__type": "ThrottlingException"}"#, headers: ["Retry-After": "1"]),
                StubServer.Step(body: "{}"),
            ]
        ])
        // The schedule the client computed (its --debug trace), not the clock: the 1 s of Retry-After, although
        // the back-off alone would wait at most 200 ms before the second attempt.
        let trace = Captured()
        _ = try await KMSClient(client: client(stub, trace: { trace.append($0) })).describeKey(keyId: "k")
        let retries = trace.text.split(separator: "\n").filter { $0.hasPrefix("retrying ") }
        #expect(retries.count == 1, "\(trace.text)")
        #expect(retries.first?.contains(" in 1000 ms (attempt 2)") == true, "\(retries)")
        #expect(try await stub.stats()["requests"]?.intValue == 2)
    }

    @Test("gives up after the maximum attempts with the service's error")
    func givesUp() async throws {
        let stub = try StubServer()
        try await stub.script([
            "/": [StubServer.Step(status: 500, body: #"{"__type": "InternalFailure", "message": "boom"}"#)]
        ])
        do {
            _ = try await KMSClient(client: client(stub, attempts: 4)).describeKey(keyId: "k")
            Issue.record("no error")
        } catch let error as AWSError {
            #expect(error.code == "InternalFailure")
            #expect(error.message == "boom")
            #expect(error.kind == .server)
        }
        #expect(try await stub.stats()["requests"]?.intValue == 4)
    }

    @Test("a non-idempotent call is not retried after a 5xx, but is after throttling")
    func nonIdempotent() async throws {
        let stub = try StubServer()
        try await stub.script([
            "/": [
                StubServer.Step(status: 503, body: #"{"__type": "ServiceUnavailable"}"#), StubServer.Step(body: "{}"),
            ]
        ])
        var call = AWSCall.json(.kms, "CreateKey", [:])
        call.idempotent = false
        await #expect(throws: AWSError.self) { _ = try await client(stub).send(call) }
        #expect(try await stub.stats()["requests"]?.intValue == 1)

        try await stub.script([
            "/": [
                StubServer.Step(status: 400, body: #"{"__type": "ThrottlingException"}"#), StubServer.Step(body: "{}"),
            ]
        ])
        _ = try await client(stub).send(call)
        #expect(try await stub.stats()["requests"]?.intValue == 2)
    }

    @Test(
        "client errors are not retried and keep the service's code and message",
        arguments: [
            (
                404, #"{"Type": "User", "Message": "gone"}"#,
                ["x-amzn-ErrorType": "ResourceNotFoundException:http://internal.amazon.com/"],
                "ResourceNotFoundException", AWSError.Kind.notFound
            ),
            (
                400, #"{"__type": "com.amazonaws.kms#NotFoundException", "message": "no key"}"#, [:],
                "NotFoundException", .notFound
            ),
            (
                403,
                "<ErrorResponse><Error><Code>AccessDenied</Code><Message>User: x is not authorized</Message></Error></ErrorResponse>",
                [:], "AccessDenied", .accessDenied
            ),
            (
                400,
                "<Response><Errors><Error><Code>InvalidGroup.NotFound</Code><Message>no sg</Message></Error></Errors></Response>",
                [:], "InvalidGroup.NotFound", .notFound
            ),
        ])
    func clientErrors(status: Int, body: String, headers: [String: String], code: String, kind: AWSError.Kind)
        async throws
    {
        let stub = try StubServer()
        try await stub.script(["/": [StubServer.Step(status: status, body: body, headers: headers)]])
        do {
            _ = try await client(stub).send(AWSCall.json(.kms, "DescribeKey", [:]))
            Issue.record("no error")
        } catch let error as AWSError {
            #expect(error.code == code)
            #expect(error.kind == kind)
            #expect(!error.message.isEmpty)
        }
        #expect(try await stub.stats()["requests"]?.intValue == 1)
    }

    @Test("a refused connection is retried, then reported as a transport error")
    func refusedConnection() async throws {
        let refusing = try RefusingPort()
        let url = "http://127.0.0.1:\(refusing.port)"
        var retry = RetryPolicy(maxAttempts: 2)
        retry.maxBackoff = 0.1
        let configuration = AWSClientConfiguration(
            region: "us-east-1",
            credentials: CredentialResolver(
                provider: StaticCredentialProvider(AWSCredentials(accessKeyId: "A", secretAccessKey: "s"))),
            endpoints: EndpointResolver(endpointURL: url), http: CurlHTTPClient(), retry: retry)
        await #expect(throws: TransportError.self) {
            _ = try await AWSClient(configuration: configuration).send(AWSCall.json(.kms, "DescribeKey", [:]))
        }
        withExtendedLifetime(refusing) {}
    }

    @Test("the debug trace redacts signatures, tokens and secret values")
    func traceRedaction() async throws {
        let stub = try StubServer()
        try await stub.script([
            "/": [
                StubServer.Step(
                    body:
                        #"{"ARN": "a", "SecretString": "{\"password\":\"CANARY-PW\"}", "Credentials": {"SecretAccessKey": "CANARY-SK", "SessionToken": "CANARY-ST"}}"#
                )
            ]
        ])
        let lines = Captured()
        let http = CurlHTTPClient(options: CurlHTTPClient.Options(trace: { lines.append($0) }))
        let configuration = AWSClientConfiguration(
            region: "us-east-1",
            credentials: CredentialResolver(
                provider: StaticCredentialProvider(
                    AWSCredentials(
                        accessKeyId: "AKIDTRACE", secretAccessKey: "CANARY-SECRET-KEY",
                        sessionToken: "CANARY-SESSION-TOKEN"))),
            endpoints: EndpointResolver(endpointURL: stub.url), http: http)
        _ = try await AWSClient(configuration: configuration).send(
            AWSCall.json(.secretsManager, "GetSecretValue", ["SecretId": "x", "password": "CANARY-REQUEST-PW"]))
        let trace = lines.text
        #expect(trace.contains("AKIDTRACE"))
        #expect(trace.contains("GetSecretValue"))
        for canary in [
            "CANARY-SECRET-KEY", "CANARY-SESSION-TOKEN", "CANARY-PW", "CANARY-SK", "CANARY-ST", "CANARY-REQUEST-PW",
        ] {
            #expect(!trace.contains(canary), "\(canary) leaked")
        }
        // The signature itself is not shown either.
        let sent = try await stub.stats()["log"]?.arrayValue?.last?["headers"]?["Authorization"]?.stringValue ?? ""
        let signature = sent.components(separatedBy: "Signature=").last ?? "?"
        #expect(signature.count == 64)
        #expect(!trace.contains(signature))
    }
}

/// A thread-safe text buffer.
final class Captured: @unchecked Sendable {
    private let lock = NSLock()
    private var value = ""
    func append(_ text: String) { lock.withLock { value += text } }
    var text: String { lock.withLock { value } }
}

@Suite("Retry policy")
struct RetryPolicyTests {
    @Test("full jitter: the delay is random × min(cap, base × 2^attempt)")
    func backoff() {
        let policy = RetryPolicy(maxAttempts: 10)
        #expect(policy.delay(after: .throttled(retryAfter: nil), attempt: 1, idempotent: true, random: 1) == 0.2)
        #expect(policy.delay(after: .throttled(retryAfter: nil), attempt: 3, idempotent: true, random: 0.5) == 0.4)
        #expect(policy.delay(after: .serverError(retryAfter: nil), attempt: 8, idempotent: true, random: 1) == 12.8)
        #expect(policy.delay(after: .serverError(retryAfter: nil), attempt: 9, idempotent: true, random: 0) == 0)
        #expect(
            RetryPolicy(maxAttempts: 30).delay(after: .connectFailed, attempt: 20, idempotent: true, random: 1) == 20)
        #expect(policy.delay(after: .throttled(retryAfter: 3), attempt: 1, idempotent: true, random: 0) == 3)
        // A Retry-After longer than the cap is capped.
        #expect(policy.delay(after: .serverError(retryAfter: 60), attempt: 1, idempotent: true, random: 0) == 20)
        #expect(policy.delay(after: .final, attempt: 1, idempotent: true) == nil)
        #expect(RetryPolicy(maxAttempts: 3).delay(after: .connectFailed, attempt: 3, idempotent: true) == nil)
        #expect(policy.delay(after: .timedOut, attempt: 1, idempotent: false) == nil)
        #expect(policy.delay(after: .connectFailed, attempt: 1, idempotent: false) != nil)
    }
}
