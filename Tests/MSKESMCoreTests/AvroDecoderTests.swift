import Foundation
import Testing

@testable import MSKESMCore

/// The Avro decoder of `event decode --schema` against fastavro (PyPI, pinned in Tests/requirements.txt):
/// fastavro encodes records, frames them as the Confluent and Glue serializers do, and reads them back; msk-esm's
/// decoding of the same bytes must equal fastavro's reading. Hostile input fails in one line, never hangs.
@Suite struct AvroDecoderTests {
    static let hasFastavro = (try? SnapshotTestSupport.python("import fastavro; print(1)")) ?? nil != nil

    /// Schemas without logical types (fastavro turns those into Python dates; see the logical-type test) and
    /// records for each, written as Python literals.
    static let cases: [(schema: String, records: String)] = [
        (#""long""#, "[0, 1, -1, 63, -64, 2**31, -2**53, 2**53 + 1, 2**63 - 1, -2**63]"),
        (#""int""#, "[0, 2**31 - 1, -2**31]"),
        (#""string""#, #"["", "ümlaut ✓", "x" * 300]"#),
        (#""bytes""#, #"[b"", b"\x00\xff\x10"]"#),
        (#""double""#, #"[0.0, -1.5, 1e300, float("inf"), float("-inf")]"#),
        (#""float""#, #"[0.0, 3.14159, -2.5e-7]"#),
        (#""boolean""#, "[True, False]"),
        (#"["null", "string", "long"]"#, #"[None, "a", 5]"#),
        (
            #"""
            {"type":"record","name":"Order","namespace":"shop","fields":[
             {"name":"id","type":"long"},
             {"name":"customer","type":{"type":"record","name":"Customer","fields":[{"name":"name","type":"string"},{"name":"vip","type":"boolean"}]}},
             {"name":"status","type":{"type":"enum","name":"Status","symbols":["NEW","PAID","SHIPPED"]}},
             {"name":"lines","type":{"type":"array","items":{"type":"record","name":"Line","fields":[{"name":"sku","type":"string"},{"name":"qty","type":"int"}]}}},
             {"name":"attributes","type":{"type":"map","values":"string"}},
             {"name":"note","type":["null","string"]},
             {"name":"digest","type":{"type":"fixed","name":"Digest","size":4}},
             {"name":"previous","type":["null","shop.Customer"]},
             {"name":"weights","type":{"type":"array","items":"double"}}
            ]}
            """#,
            #"""
            [{"id": 7, "customer": {"name": "Ana", "vip": True}, "status": "PAID",
              "lines": [{"sku": "a-1", "qty": 2}, {"sku": "b-2", "qty": -1}], "attributes": {"k": "v", "ü": ""},
              "note": None, "digest": b"\x01\x02\x03\x04", "previous": {"name": "Bo", "vip": False}, "weights": []},
             {"id": -3, "customer": {"name": "", "vip": False}, "status": "NEW", "lines": [], "attributes": {},
              "note": "fragile", "digest": b"\x00\x00\x00\x00", "previous": None, "weights": [0.5, -2.0]}]
            """#
        ),
        (
            #"{"type":"record","name":"Node","fields":[{"name":"v","type":"int"},{"name":"next","type":["null","Node"]}]}"#,
            #"[{"v": 1, "next": {"v": 2, "next": {"v": 3, "next": None}}}]"#
        ),
    ]

    /// fastavro's side: for each record, the Confluent-framed, Glue-framed and bare payloads (base64) and its
    /// own reading of them, in msk-esm's JSON conventions (bytes as {"base64"}, longs beyond 2^53 as strings,
    /// non-finite floats as strings).
    static let oracle = """
        import base64, io, json, math, struct, sys, uuid, fastavro
        case = json.load(sys.stdin)
        schema = fastavro.parse_schema(json.loads(case["schema"]))
        records = eval(case["records"])
        def norm(v):
            if isinstance(v, bool) or v is None or isinstance(v, str): return v
            if isinstance(v, bytes): return {"base64": base64.b64encode(v).decode()}
            if isinstance(v, int): return v if abs(v) <= 2**53 else str(v)
            if isinstance(v, float):
                if math.isnan(v): return "NaN"
                if math.isinf(v): return "Infinity" if v > 0 else "-Infinity"
                return v
            if isinstance(v, dict): return {k: norm(x) for k, x in v.items()}
            if isinstance(v, list): return [norm(x) for x in v]
            raise TypeError(type(v))
        out = []
        version = uuid.UUID("8c6a4b0e-2f1d-4e3a-9b7c-5d2e1f0a3b4c")
        for record in records:
            buffer = io.BytesIO()
            fastavro.schemaless_writer(buffer, schema, record)
            body = buffer.getvalue()
            read = fastavro.schemaless_reader(io.BytesIO(body), schema, None)
            framed = [b"\\x00" + struct.pack(">I", 42) + body, b"\\x03\\x00" + version.bytes + body, body]
            out.append({"payloads": [base64.b64encode(p).decode() for p in framed], "expected": norm(read)})
        print(json.dumps(out))
        """

    @Test(.enabled(if: hasFastavro, "needs fastavro (scripts/bootstrap)"), arguments: 0..<cases.count)
    func decodesWhatFastavroWrites(index: Int) throws {
        let (schemaText, records) = Self.cases[index]
        let input = try JSONSerialization.data(withJSONObject: ["schema": schemaText, "records": records])
        let output = try #require(
            try SnapshotTestSupport.python(Self.oracle, input: String(decoding: input, as: UTF8.self)))
        let document = try AvroSchemaDocument.parse(Data(schemaText.utf8), source: "schema")
        let results = try #require(try JSONValue.parse(Data(output.utf8)).arrayValue)
        #expect(!results.isEmpty)
        for result in results {
            let expected = try #require(result["expected"])
            let payloads = (result["payloads"]?.arrayValue ?? []).compactMap { $0.stringValue }
            #expect(payloads.count == 3)
            for (position, text) in payloads.enumerated() {
                let bytes = try #require(Data(base64Encoded: text))
                let payload = SchemaRegistryPayload(Array(bytes))
                switch position {
                case 0: #expect(payload.framing == .confluent(schemaId: 42))
                case 1:
                    #expect(
                        payload.framing
                            == .glue(
                                compression: 0,
                                schemaVersionId: UUID(uuidString: "8c6a4b0e-2f1d-4e3a-9b7c-5d2e1f0a3b4c")!))
                default: break
                }
                // A bare body that happens to start with 0 or 3 reads as framed; the oracle's framed payloads
                // are the point, the bare one is decoded whole.
                let body = position == 2 ? Array(Data(base64Encoded: text) ?? Data()) : payload.body
                let decoded = try AvroBinaryDecoder.decode(body, with: document)
                #expect(decoded.value == expected, "case \(index) payload \(position)")
                #expect(decoded.trailingBytes == 0)
            }
        }
    }

    /// Logical types decode as their underlying type: fastavro writes a date as days and a timestamp-millis as
    /// milliseconds since the epoch.
    @Test(.enabled(if: hasFastavro, "needs fastavro (scripts/bootstrap)"))
    func logicalTypesArePlainValues() throws {
        let schema = #"""
            {"type":"record","name":"T","fields":[{"name":"day","type":{"type":"int","logicalType":"date"}},
             {"name":"at","type":{"type":"long","logicalType":"timestamp-millis"}},
             {"name":"id","type":{"type":"string","logicalType":"uuid"}}]}
            """#
        let script = """
            import base64, datetime, io, json, fastavro
            s = fastavro.parse_schema(json.loads('''\(schema)'''))
            b = io.BytesIO()
            fastavro.schemaless_writer(b, s, {"day": datetime.date(2026, 12, 6),
                "at": datetime.datetime(2026, 12, 6, 4, 0, tzinfo=datetime.timezone.utc),
                "id": "8c6a4b0e-2f1d-4e3a-9b7c-5d2e1f0a3b4c"})
            print(base64.b64encode(b.getvalue()).decode())
            """
        let encoded = try #require(try SnapshotTestSupport.python(script)).trimmingCharacters(
            in: .whitespacesAndNewlines)
        let document = try AvroSchemaDocument.parse(Data(schema.utf8), source: "schema")
        let decoded = try AvroBinaryDecoder.decode(Array(try #require(Data(base64Encoded: encoded))), with: document)
        #expect(decoded.value["day"] == .number(20_793))
        #expect(decoded.value["at"] == .number(1_796_529_600_000))
        #expect(decoded.value["id"] == "8c6a4b0e-2f1d-4e3a-9b7c-5d2e1f0a3b4c")
    }

    static func schema(_ text: String) -> AvroSchemaDocument {
        // Literal test schemas: a parse failure is a broken test.
        // swift-format-ignore: NeverUseForceTry
        try! AvroSchemaDocument.parse(Data(text.utf8), source: "schema")
    }

    /// Hostile bytes: each fails with a one-line error naming the offset, without reading past the input or
    /// looping over a count the input cannot hold.
    @Test(
        arguments: [
            (#""long""#, [0x80, 0x80], "truncated varint"),
            (#""long""#, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01], "overflows 64 bits"),
            (#""long""#, [0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f], "overflows 64 bits"),
            (#""int""#, [0x80, 0x80, 0x80, 0x80, 0x20], "does not fit 32 bits"),
            (#""string""#, [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x41], "exceeds the"),
            (#""string""#, [0x01], "negative string length"),
            (#""bytes""#, [0x06, 0x41], "exceeds the 1 bytes left"),
            (#""string""#, [0x02, 0xff], "not UTF-8"),
            (#""double""#, [0x00, 0x00], "needs 8 bytes"),
            (#"{"type":"array","items":"long"}"#, [0xfe, 0xff, 0xff, 0xff, 0x0f], "cannot fit"),
            (
                #"{"type":"array","items":"null"}"#, [0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f],
                "empty items"
            ),
            (#"{"type":"map","values":"null"}"#, [0xfe, 0xff, 0xff, 0x7f], "cannot fit"),
            (#"{"type":"array","items":"int"}"#, [0x01, 0x01, 0x02], "negative array block length"),
            (#"{"type":"array","items":"int"}"#, [0x02, 0x02], "truncated varint"),
            (#"["null","long"]"#, [0x04], "union index 2"),
            (#"{"type":"enum","name":"E","symbols":["A"]}"#, [0x02], "enum E index 1"),
            (#""boolean""#, [0x02], "neither 0 nor 1"),
            (#"{"type":"fixed","name":"F","size":16}"#, [0x01, 0x02], "needs 16 bytes"),
        ] as [(String, [UInt8], String)])
    func hostileInputIsAOneLineError(schema: String, bytes: [UInt8], reason: String) {
        let document = Self.schema(schema)
        do {
            let result = try AvroBinaryDecoder.decode(bytes, with: document)
            Issue.record("decoded \(result.value) from hostile bytes")
        } catch {
            #expect(error.description.contains(reason), "\(error.description)")
            #expect(!error.description.contains("\n"))
            #expect(error.description.hasPrefix("at byte "))
        }
    }

    /// A recursive schema cannot be made to recurse without bound: every level takes a byte, and nesting is
    /// capped.
    @Test func deepNestingIsBounded() {
        let document = Self.schema(
            #"{"type":"record","name":"N","fields":[{"name":"next","type":["null","N"]}]}"#)
        let bytes = [UInt8](repeating: 0x02, count: 100_000) + [0x00]
        #expect(throws: AvroDecodingError.self) { try AvroBinaryDecoder.decode(bytes, with: document) }
    }

    /// Random bytes against a schema with every kind of type: each either decodes or fails with an
    /// ``AvroDecodingError``; nothing traps.
    @Test func randomBytesNeverTrap() {
        let document = Self.schema(
            #"""
            {"type":"record","name":"R","fields":[{"name":"a","type":{"type":"array","items":["null","string",{"type":"map","values":"bytes"}]}},
             {"name":"f","type":"float"},{"name":"e","type":{"type":"enum","name":"E","symbols":["X","Y"]}},{"name":"r","type":["null","R"]}]}
            """#)
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15
        var failures = 0
        for _ in 0..<3000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let count = Int(state >> 58)
            var bytes: [UInt8] = []
            for _ in 0..<count {
                state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
                bytes.append(UInt8(truncatingIfNeeded: state >> 33))
            }
            do { _ = try AvroBinaryDecoder.decode(bytes, with: document) } catch { failures += 1 }
        }
        #expect(failures > 0)
    }

    @Test(arguments: [
        #"{"type":"record","name":"R"}"#, #"{"type":"enum","name":"E","symbols":[]}"#, #""Unknown""#, "[]", "42",
        #"{"type":"fixed","name":"F"}"#, "not json",
    ])
    func invalidSchemasAreUsageErrors(text: String) {
        #expect(throws: ToolError.self) { try AvroSchemaDocument.parse(Data(text.utf8), source: "s.avsc") }
    }

    @Test func failureReasonsAreExplained() throws {
        let record: JSONValue = [
            "requestContext": ["condition": "DESERIALIZATION_ERROR", "approximateInvokeCount": 1],
            "responseContext": ["statusCode": 0, "functionError": "SCHEMA_NOT_FOUND: schema 42"],
        ]
        let found = SchemaRegistryFailureReason.found(in: record)
        #expect(found == [.schemaNotFound, .deserializationError])
        #expect(
            SchemaRegistryFailureReason.found(in: ["requestContext": ["condition": "RetryAttemptsExhausted"]]).isEmpty)
        for reason in SchemaRegistryFailureReason.allCases {
            #expect(!reason.meaning.isEmpty && reason.fix.contains("msk-esm event decode"))
        }
    }

    @Test func aJSONSchemaPayloadIsItsJSON() {
        let payload = SchemaRegistryPayload([0, 0, 0, 0, 9] + Array(#"{"id":1}"#.utf8))
        #expect(payload.framing == .confluent(schemaId: 9))
        #expect(SchemaRegistryRecordDecoder.decode(payload, avro: nil)?["decoded"] == ["id": 1])
        // Plain text is not framed and not decoded.
        #expect(SchemaRegistryPayload(Array("hello".utf8)).framing == .none)
        #expect(SchemaRegistryRecordDecoder.decode(SchemaRegistryPayload(Array("hello".utf8)), avro: nil) == nil)
        // A zlib-compressed Glue body is named, not guessed at.
        let compressed = SchemaRegistryPayload([3, 5] + [UInt8](repeating: 1, count: 16) + [0x78, 0x9c])
        #expect(SchemaRegistryRecordDecoder.decode(compressed, avro: nil)?["decodeError"] != nil)
    }
}
