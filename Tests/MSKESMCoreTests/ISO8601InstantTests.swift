import Foundation
import MSKESMCore
import Testing

/// ISO8601Instant (written without ICU's formatter) against Python's datetime as the oracle.
@Suite("ISO 8601 instants")
struct ISO8601InstantTests {
    static let valid = [
        "2026-03-01T12:00:00Z", "2026-03-01t12:00:00z", "1999-12-31T23:59:59Z", "2024-02-29T00:00:00Z",
        "2026-03-01T12:00:00.250Z", "2026-03-01T12:00:00.123456Z", "2026-03-01T12:00:00+02:00",
        "2026-03-01T12:00:00-05:30", "2026-03-01T12:00:00.5+0100", "1970-01-01T00:00:00Z", "1960-06-15T08:09:10Z",
        "2026-03-01", "2100-02-28", " 2026-03-01T12:00:00Z ",
    ]
    /// Not instants; nil is the specified answer (RFC 3339 / the formats `--at` documents).
    static let invalid = [
        "", "2026", "2026-3-1", "2026-13-01", "2026-02-30", "2023-02-29", "2100-02-29", "2026-03-01T24:00:00Z",
        "2026-03-01T12:60:00Z", "2026-03-01T12:00:60Z", "2026-03-01T12:00:00", "2026-03-01T12:00Z",
        "2026-03-01T12:00:00.Z", "2026-03-01T12:00:00+2", "2026-03-01X12:00:00Z", "2026-03-01T12:00:00Zjunk",
        "yesterday", "١٢٣٤-٠١-٠١",
    ]

    @Test(
        "parses what Python's datetime parses, to the same instant",
        .enabled(if: IAMPythonOracle.isAvailable, "python3 is not installed: datetime cannot be the oracle"))
    func parseAgreesWithPython() throws {
        let program = """
            import json, sys, datetime
            out = []
            for text in json.load(sys.stdin):
                t = text.strip()
                if len(t) == 10:
                    t += "T00:00:00Z"
                t = t.replace("t", "T").replace("z", "Z").replace("Z", "+00:00")
                out.append(datetime.datetime.fromisoformat(t).timestamp())
            print(json.dumps(out))
            """
        let expected = try IAMPythonOracle.run(program, input: Self.valid, as: [Double].self)
        for (text, seconds) in zip(Self.valid, expected) {
            let parsed = try #require(ISO8601Instant.parse(text), "\(text)")
            #expect(abs(parsed.timeIntervalSince1970 - seconds) < 0.000_01, "\(text)")
        }
    }

    /// Found by the kafka fuzz target: an event timestamp of 1e300 ms trapped in `Int(_:)`.
    @Test(
        "formats instants out of range without trapping",
        arguments: [1e300, -1e300, Double.infinity, Double.nan, 253_402_300_800])
    func outOfRange(_ seconds: Double) {
        #expect(!ISO8601Instant.format(Date(timeIntervalSince1970: seconds)).hasSuffix("Z"))
    }

    @Test("rejects what is not an instant", arguments: invalid)
    func rejects(_ text: String) {
        #expect(ISO8601Instant.parse(text) == nil)
    }

    @Test(
        "formats as Python's strftime does, whole seconds rounded down",
        .enabled(if: IAMPythonOracle.isAvailable, "python3 is not installed: datetime cannot be the oracle"))
    func formatAgreesWithPython() throws {
        var generator = SystemRandomNumberGenerator()
        let instants =
            (0..<200).map { _ in
                Double(Int64.random(in: -2_000_000_000_000...4_000_000_000_000, using: &generator)) / 1000
            }
            + [0, -0.5, 1_700_000_000.9996, 951_782_400]
        let program = """
            import json, sys, datetime, decimal
            out = []
            for seconds in json.load(sys.stdin):
                whole = datetime.datetime(1970, 1, 1) + datetime.timedelta(seconds=int(decimal.Decimal(seconds).to_integral_value(rounding=decimal.ROUND_FLOOR)))
                out.append([whole.strftime("%Y-%m-%dT%H:%M:%SZ")])
            print(json.dumps(out))
            """
        let expected = try IAMPythonOracle.run(program, input: instants, as: [[String]].self)
        for (seconds, strings) in zip(instants, expected) {
            let date = Date(timeIntervalSince1970: seconds)
            #expect(ISO8601Instant.format(date) == strings[0], "\(seconds)")
            #expect(ISO8601Instant.parse(ISO8601Instant.format(date))?.timeIntervalSince1970 == seconds.rounded(.down))
        }
    }
}
