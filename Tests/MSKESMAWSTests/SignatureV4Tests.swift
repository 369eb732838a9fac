import Foundation
import MSKESMAWS
import MSKESMCore
import Testing

/// One request signed by botocore's `SigV4Auth` (Tests/Fixtures/sigv4/generate_botocore_vectors.py).
struct BotocoreVector: Decodable, CustomTestStringConvertible, Sendable {
    var name: String
    var method: String
    var endpoint: String
    var segments: [String]
    var path: String
    var query: [[String]]
    var wireQuery: String
    var headers: [[String]]
    var bodyBase64: String
    var accessKeyId: String
    var secretAccessKey: String
    var sessionToken: String?
    var service: String
    var region: String
    var epochSeconds: Int
    var canonicalRequest: String
    var stringToSign: String
    var authorization: String
    var amzDate: String

    var testDescription: String { name }

    static let all: [BotocoreVector] = {
        struct File: Decodable { var vectors: [BotocoreVector] }
        guard let data = try? Data(contentsOf: Fixtures.url("sigv4/botocore-vectors.json")),
            let file = try? JSONDecoder().decode(File.self, from: data)
        else { return [] }
        return file.vectors
    }()
}

@Suite("Signature V4")
struct SignatureV4Tests {
    @Test("the vector file holds at least 1,000 botocore-signed requests")
    func vectorCount() {
        #expect(BotocoreVector.all.count >= 1000)
    }

    @Test("signs like botocore's SigV4Auth", arguments: BotocoreVector.all)
    func matchesBotocore(_ vector: BotocoreVector) {
        let credentials = AWSCredentials(
            accessKeyId: vector.accessKeyId, secretAccessKey: vector.secretAccessKey,
            sessionToken: vector.sessionToken)
        let request = SignatureV4.Request(
            method: vector.method, endpoint: vector.endpoint, path: vector.path,
            query: vector.query.map { ($0[0], $0[1]) }, headers: vector.headers.map { ($0[0], $0[1]) },
            body: Array(Data(base64Encoded: vector.bodyBase64) ?? Data()))
        let signer = SignatureV4(service: vector.service, region: vector.region)
        let result = signer.sign(
            request, credentials: credentials, date: Date(timeIntervalSince1970: TimeInterval(vector.epochSeconds)))
        #expect(result.canonicalRequest == vector.canonicalRequest)
        #expect(result.stringToSign == vector.stringToSign)
        #expect(result.authorization == vector.authorization)
        #expect(result.headers.first { $0.0 == "X-Amz-Date" }?.1 == vector.amzDate)
        #expect(result.headers.first { $0.0 == "X-Amz-Security-Token" }?.1 == vector.sessionToken)
    }

    @Test("encodes path labels and query strings as botocore's serializer does", arguments: BotocoreVector.all)
    func encodesLikeBotocore(_ vector: BotocoreVector) {
        // The generator appends "/" to some paths after encoding them (a trailing slash, or "//").
        let path = URIEncoding.path(vector.segments)
        #expect(vector.path == path || vector.path == path + "/")
        #expect(URIEncoding.query(vector.query.map { ($0[0], $0[1]) }) == vector.wireQuery)
    }

    @Test("passes AWS's Signature V4 test suite", arguments: AWS4TestCase.all)
    func awsTestSuite(_ testCase: AWS4TestCase) throws {
        let signer = SignatureV4(service: "service", region: "us-east-1")
        let credentials = AWSCredentials(
            accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY",
            sessionToken: testCase.token)
        let result = signer.sign(testCase.request, credentials: credentials, date: AWS4TestCase.date)
        #expect(result.canonicalRequest == testCase.canonicalRequest)
        #expect(result.stringToSign == testCase.stringToSign)
        #expect(result.authorization == testCase.authorization)
    }

    @Test("an S3 path is signed as sent, any other service's once more encoded")
    func s3PathIsNotDoubleEncoded() {
        let path = "/a%3Ab/c"
        #expect(SignatureV4(service: "s3", region: "us-east-1").canonicalURI(path) == "/a%3Ab/c")
        #expect(SignatureV4(service: "lambda", region: "us-east-1").canonicalURI(path) == "/a%253Ab/c")
    }
}

/// One case of AWS's published suite (Tests/Fixtures/sigv4/aws4_testsuite), read from its `.req` file.
struct AWS4TestCase: CustomTestStringConvertible, Sendable {
    var name: String
    var request: SignatureV4.Request
    var token: String?
    var canonicalRequest: String
    var stringToSign: String
    var authorization: String

    var testDescription: String { name }

    static let date = Date(timeIntervalSince1970: 1_440_938_160)  // 2015-08-30T12:36:00Z

    static let all: [AWS4TestCase] = {
        let root = Fixtures.url("sigv4/aws4_testsuite")
        guard let enumerator = FileManager.default.enumerator(at: root, includingPropertiesForKeys: nil) else {
            return []
        }
        var cases: [AWS4TestCase] = []
        for case let url as URL in enumerator where url.pathExtension == "req" {
            let base = url.deletingPathExtension()
            // "get-space" has a raw space in the request line: no HTTP client sends that.
            if base.lastPathComponent == "get-space" { continue }
            func read(_ ext: String) -> String? {
                (try? String(contentsOf: base.appendingPathExtension(ext), encoding: .utf8))?
                    .replacingOccurrences(of: "\r", with: "")
            }
            guard let raw = read("req"), let creq = read("creq"), let sts = read("sts"), let authz = read("authz")
            else { continue }
            let token = creq.split(separator: "\n").first { $0.hasPrefix("x-amz-security-token:") }
                .map { String($0.dropFirst("x-amz-security-token:".count)) }
            cases.append(
                AWS4TestCase(
                    name: String(base.path.dropFirst(root.path.count + 1)), request: parse(raw), token: token,
                    canonicalRequest: creq, stringToSign: sts, authorization: authz))
        }
        return cases.sorted { $0.name < $1.name }
    }()

    /// Parses a raw HTTP request: the request line, headers (continuation lines folded), then the body.
    static func parse(_ raw: String) -> SignatureV4.Request {
        let (head, body) = {
            if let range = raw.range(of: "\n\n") {
                return (String(raw[..<range.lowerBound]), String(raw[range.upperBound...]))
            }
            return (raw, "")
        }()
        var lines = head.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        let requestLine = lines.removeFirst()
        let method = String(requestLine.prefix { $0 != " " })
        var target = String(requestLine.dropFirst(method.count + 1))
        if let version = target.range(of: " HTTP/", options: .backwards) {
            target = String(target[..<version.lowerBound])
        }
        var headers: [(String, String)] = []
        for line in lines {
            if let first = line.first, first == " " || first == "\t", !headers.isEmpty {
                headers[headers.count - 1].1 += " " + line.trimmingCharacters(in: .whitespaces)
            } else if let colon = line.firstIndex(of: ":") {
                headers.append((String(line[..<colon]), String(line[line.index(after: colon)...])))
            }
        }
        let path = String(target.prefix { $0 != "?" })
        var query: [(String, String)] = []
        if let mark = target.firstIndex(of: "?") {
            for pair in target[target.index(after: mark)...].split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                query.append(
                    (
                        URIEncoding.decode(String(parts[0]), plusAsSpace: true),
                        parts.count > 1 ? URIEncoding.decode(String(parts[1]), plusAsSpace: true) : ""
                    ))
            }
        }
        let host = headers.first { $0.0.lowercased() == "host" }?.1 ?? "example.amazonaws.com"
        return SignatureV4.Request(
            method: method, endpoint: "https://\(host)", path: path, query: query, headers: headers,
            body: Array(body.utf8))
    }
}
