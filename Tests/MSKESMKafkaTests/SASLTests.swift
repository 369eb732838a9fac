import Foundation
import MSKESMAWS
import Testing

@testable import MSKESMKafka

struct SCRAMClientTests {
    /// RFC 7677 §3: the SCRAM-SHA-256 example exchange (user "user", password "pencil").
    @Test func rfc7677ExampleExchange() throws {
        var client = SCRAMClient(
            hash: .sha256, username: "user", password: "pencil", clientNonce: "rOprNGfwEbeRWgbNEkqO")
        #expect(String(decoding: client.firstMessage(), as: UTF8.self) == "n,,n=user,r=rOprNGfwEbeRWgbNEkqO")
        let serverFirst = "r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096"
        let final = try client.finalMessage(serverFirst: Array(serverFirst.utf8))
        #expect(
            String(decoding: final, as: UTF8.self)
                == "c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ="
        )
        try client.verify(serverFinal: Array("v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".utf8))
        #expect(throws: SCRAMClient.Failure.badServerSignature) {
            try client.verify(serverFinal: Array("v=AAAATRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=".utf8))
        }
    }

    /// SCRAM-SHA-512 and -256 against scramp's client with the same nonce, salt and iteration count.
    @Test(
        .enabled(if: KafkaPythonOracle.hasScramp, "needs python3 with scramp"),
        arguments: [
            ("SCRAM-SHA-512", HashFunction.sha512), ("SCRAM-SHA-256", HashFunction.sha256),
        ])
    func agreesWithScramp(_ mechanism: String, _ hash: HashFunction) throws {
        let script = """
            import sys, scramp
            c = scramp.ScramClient([sys.argv[1]], "al=ice,x", "pä ss", c_nonce="clientnonce123")
            first = c.get_client_first()
            server_first = "r=clientnonce123servernonce456,s=c2FsdHNhbHRzYWx0c2FsdA==,i=4096"
            c.set_server_first(server_first)
            print(first)
            print(c.get_client_final())
            """
        let output = try #require(KafkaPythonOracle.run(script, arguments: [mechanism]))
        let lines = output.split(separator: "\n").map(String.init)
        var client = SCRAMClient(hash: hash, username: "al=ice,x", password: "pä ss", clientNonce: "clientnonce123")
        #expect(String(decoding: client.firstMessage(), as: UTF8.self) == lines.first)
        let final = try client.finalMessage(
            serverFirst: Array("r=clientnonce123servernonce456,s=c2FsdHNhbHRzYWx0c2FsdA==,i=4096".utf8))
        #expect(String(decoding: final, as: UTF8.self) == lines.last)
    }

    /// A server asking for an absurd iteration count is refused before any PBKDF2 work instead of hanging the
    /// probe: no key derivation runs, and the error names the count.
    @Test(arguments: ["1000001", "2147483647", "9223372036854775807"])
    func absurdIterationCountIsRefused(_ count: String) {
        var client = SCRAMClient(hash: .sha512, username: "u", password: "p", clientNonce: "abc")
        _ = client.firstMessage()
        var derived: [Int] = []
        let error = #expect(throws: SCRAMClient.Failure.self) {
            try client.finalMessage(serverFirst: Array("r=abc123,s=c2FsdA==,i=\(count)".utf8)) {
                password, salt, iterations in
                derived.append(iterations)
                return HashFunction.sha512.pbkdf2(password: password, salt: salt, iterations: 1)
            }
        }
        #expect(derived.isEmpty)
        #expect(error == .malformed("server-first-message asks for \(count) iterations (at most 1000000)"))
    }

    /// The counting seam of the test above really counts: an ordinary count is derived once, with that count.
    @Test func ordinaryIterationCountIsDerivedOnce() throws {
        var client = SCRAMClient(hash: .sha512, username: "u", password: "p", clientNonce: "abc")
        _ = client.firstMessage()
        var derived: [Int] = []
        _ = try client.finalMessage(serverFirst: Array("r=abc123,s=c2FsdA==,i=4096".utf8)) {
            password, salt, iterations in
            derived.append(iterations)
            return HashFunction.sha512.pbkdf2(password: password, salt: salt, iterations: iterations)
        }
        #expect(derived == [4096])
    }

    @Test func serverNonceMustExtendOurs() {
        var client = SCRAMClient(hash: .sha512, username: "u", password: "p", clientNonce: "abc")
        _ = client.firstMessage()
        #expect(throws: SCRAMClient.Failure.nonceMismatch) {
            try client.finalMessage(serverFirst: Array("r=xyz123,s=c2FsdA==,i=4096".utf8))
        }
    }
}

struct MSKIAMAuthPayloadTests {
    /// The SigV4 query signature of `AWS_MSK_IAM` equals the one botocore's SigV4QueryAuth makes in
    /// aws-msk-iam-sasl-signer-python (same host, date, credentials, service kafka-cluster, 900 s).
    @Test(
        .enabled(if: KafkaPythonOracle.hasSigner, "needs python3 with aws-msk-iam-sasl-signer-python"),
        arguments: [nil, "FwoGZXIvYXdzEPr//////////token+/="])
    func signatureAgreesWithTheMSKSigner(_ token: String?) throws {
        let script = """
            import sys, json, base64, datetime
            from urllib.parse import urlparse, parse_qsl
            import botocore.auth
            from botocore.credentials import Credentials
            from aws_msk_iam_sasl_signer import MSKAuthTokenProvider as p
            botocore.auth.get_current_datetime = lambda *a, **k: datetime.datetime(2026, 11, 27, 1, 2, 3)
            token = sys.argv[1] if len(sys.argv) > 1 else None
            creds = Credentials("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", token)
            signed, _ = getattr(p, "__construct_auth_token")("eu-west-1", creds)
            url = base64.urlsafe_b64decode(signed + "=" * (-len(signed) % 4)).decode()
            print(json.dumps(dict(parse_qsl(urlparse(url).query))))
            """
        let output = try #require(KafkaPythonOracle.run(script, arguments: token.map { [$0] } ?? []))
        let expected = try #require(try JSONSerialization.jsonObject(with: Data(output.utf8)) as? [String: String])
        var components = DateComponents()
        (components.year, components.month, components.day) = (2026, 11, 27)
        (components.hour, components.minute, components.second) = (1, 2, 3)
        components.timeZone = TimeZone(identifier: "UTC")
        let date = try #require(Calendar(identifier: .gregorian).date(from: components))
        let payload = MSKIAMAuthPayload(host: "kafka.eu-west-1.amazonaws.com", region: "eu-west-1", date: date)
        let credentials = AWSCredentials(
            accessKeyId: "AKIDEXAMPLE", secretAccessKey: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY", sessionToken: token
        )
        let ours = Dictionary(payload.signedQuery(credentials: credentials), uniquingKeysWith: { first, _ in first })
        for name in [
            "Action", "X-Amz-Algorithm", "X-Amz-Credential", "X-Amz-Date", "X-Amz-Expires", "X-Amz-SignedHeaders",
            "X-Amz-Signature",
        ] {
            #expect(ours[name] == expected[name], "\(name)")
        }
        #expect(ours["X-Amz-Security-Token"] == expected["X-Amz-Security-Token"])

        // The JSON document carries the same signature under aws-msk-iam-auth's lower-case keys.
        let document = try #require(
            try JSONSerialization.jsonObject(with: Data(payload.document(credentials: credentials)))
                as? [String: String])
        #expect(document["version"] == "2020_10_22")
        #expect(document["action"] == "kafka-cluster:Connect")
        #expect(document["host"] == "kafka.eu-west-1.amazonaws.com")
        #expect(document["x-amz-signature"] == expected["X-Amz-Signature"])
        #expect(document["x-amz-credential"] == expected["X-Amz-Credential"])
        #expect(document["x-amz-security-token"] == token)
        #expect(document["x-amz-signedheaders"] == "host")
        #expect(document["x-amz-expires"] == "900")
    }

    @Test func regionFromMSKBrokerNames() {
        #expect(
            ProbeConfiguration.region(fromBrokerHost: "b-1.demo.abc123.c2.kafka.eu-central-1.amazonaws.com")
                == "eu-central-1")
        #expect(ProbeConfiguration.region(fromBrokerHost: "kafka-1.example.internal") == nil)
    }
}

struct KafkaCodecTests {
    /// Unsigned varints as the protobuf encoding documents them (Kafka's compact lengths use the same).
    static let varints: [(UInt32, [UInt8])] = [
        (0, [0]), (1, [1]), (127, [0x7F]), (128, [0x80, 0x01]), (300, [0xAC, 0x02]), (16384, [0x80, 0x80, 0x01]),
        (UInt32.max, [0xFF, 0xFF, 0xFF, 0xFF, 0x0F]),
    ]

    @Test(arguments: varints)
    func unsignedVarints(_ value: UInt32, _ bytes: [UInt8]) throws {
        var writer = KafkaWriter()
        writer.unsignedVarint(value)
        #expect(writer.bytes == bytes)
        var reader = KafkaReader(bytes)
        #expect(try reader.unsignedVarint() == value)
    }

    @Test func compactStringsAndBytesStoreLengthPlusOne() throws {
        var writer = KafkaWriter()
        writer.compactString("abc")
        writer.compactBytes([])
        #expect(writer.bytes == [4, 0x61, 0x62, 0x63, 1])
        var reader = KafkaReader(writer.bytes)
        #expect(try reader.compactString() == "abc")
        #expect(try reader.compactBytes() == [])
    }

    @Test func truncatedResponsesThrowInsteadOfCrashing() {
        var reader = KafkaReader([0, 5, 0x61])
        #expect(throws: KafkaProtocolError.self) { try reader.string() }
        var arrays = KafkaReader([0x7F, 0xFF, 0xFF, 0xFF])
        #expect(throws: KafkaProtocolError.self) { try arrays.arrayLength() }
    }

    /// The ApiVersions v3 request as the Kafka protocol guide lays it out: header v2 (client id, empty tagged
    /// fields) and a body of two compact strings and empty tagged fields.
    /// Damaged answers (random bytes, and every truncation of a real answer) throw or parse, never crash.
    @Test func parsersSurviveDamagedAnswers() {
        var generator = SplitMix64(seed: 0x5EED)
        var samples: [[UInt8]] = (0..<2000).map { _ in
            (0..<Int.random(in: 0...64, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
        }
        var writer = KafkaWriter()
        writer.int32(0)
        writer.arrayLength(1)
        writer.int32(1)
        writer.string("broker")
        writer.int32(9092)
        writer.nullableString(nil)
        writer.nullableString("cluster")
        writer.int32(1)
        writer.arrayLength(1)
        writer.int16(0)
        writer.string("orders")
        writer.bool(false)
        writer.arrayLength(1)
        writer.int16(0)
        writer.int32(0)
        writer.int32(1)
        writer.arrayLength(1)
        writer.int32(1)
        writer.arrayLength(0)
        let metadata = writer.bytes
        samples += (0...metadata.count).map { Array(metadata.prefix($0)) }
        for bytes in samples {
            for version: Int16 in [0, 1, 2, 3, 4, 5, 7, 8] {
                var reader = KafkaReader(bytes)
                _ = try? KafkaMessages.parseMetadata(&reader, version: max(version, 1))
                reader = KafkaReader(bytes)
                _ = try? KafkaMessages.parseApiVersions(&reader, version: min(version, 3))
                reader = KafkaReader(bytes)
                _ = try? KafkaMessages.parseSaslAuthenticate(&reader, version: min(version, 2))
                reader = KafkaReader(bytes)
                _ = try? KafkaMessages.parseDescribeGroups(&reader, version: min(version, 4))
                reader = KafkaReader(bytes)
                _ = try? KafkaMessages.parseFindCoordinator(&reader, version: min(version, 2))
                reader = KafkaReader(bytes)
                _ = try? KafkaMessages.parseSaslHandshake(&reader)
            }
        }
        var whole = KafkaReader(metadata)
        let parsed = try? KafkaMessages.parseMetadata(&whole, version: 3)
        #expect(parsed?.topics.first?.name == "orders")
        #expect(parsed?.brokers.first?.address == "broker:9092")
    }

    /// Metadata before v4 cannot refuse auto-creation, so it asks for every topic (null) instead of naming one;
    /// v4+ names the topic and sets allow_auto_topic_creation false.
    @Test func metadataNeverCreatesTheTopic() {
        #expect(KafkaMessages.metadataBody(version: 1, topics: ["t"]) == [0xFF, 0xFF, 0xFF, 0xFF])
        #expect(KafkaMessages.metadataBody(version: 4, topics: ["t"]) == [0, 0, 0, 1, 0, 1, 0x74, 0])
        #expect(KafkaMessages.metadataBody(version: 8, topics: []) == [0, 0, 0, 0, 0, 0, 1])
    }

    @Test func apiVersionsV3Request() {
        let body = KafkaMessages.apiVersionsBody(version: 3, softwareName: "a", softwareVersion: "1")
        let request = KafkaMessages.request(.apiVersions, version: 3, correlationID: 7, clientID: "c", body: body)
        #expect(request == [0, 18, 0, 3, 0, 0, 0, 7, 0, 1, 0x63, 0, 2, 0x61, 2, 0x31, 0])
    }
}

/// A small deterministic generator for the damaged-input test.
struct SplitMix64: RandomNumberGenerator {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
