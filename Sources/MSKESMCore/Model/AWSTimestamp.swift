import Foundation

/// A timestamp as the AWS CLI prints it: epoch seconds (AWS CLI v1's default for rest-json services such as
/// Lambda, e.g. `1569284520.333`) or an ISO 8601 string (AWS CLI v2, and every kafka timestamp). Both decode;
/// encoding writes ISO 8601, as `msk-esm snapshot` does (DESIGN §3).
public struct AWSTimestamp: Codable, Sendable, Hashable, Comparable {
    public var date: Date

    public init(_ date: Date) { self.date = date }

    public init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let seconds = try? container.decode(Double.self) {
            date = Date(timeIntervalSince1970: seconds)
            return
        }
        let text: String
        do {
            text = try container.decode(String.self)
        } catch {
            throw DecodingError.typeMismatch(
                AWSTimestamp.self,
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "expected a timestamp: epoch seconds or an ISO 8601 string"))
        }
        guard let parsed = AWSTimestamp.parse(text) else {
            throw DecodingError.dataCorrupted(
                .init(
                    codingPath: decoder.codingPath,
                    debugDescription: "'\(text.prefix(40))' is not a timestamp (epoch seconds or ISO 8601)"))
        }
        date = parsed
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(ISO8601Instant.format(date))
    }

    /// Parses ISO 8601 as AWS prints it: with `Z` or an offset (`+00:00`, and Lambda's `+0000`), with or
    /// without fractional seconds; also a number in a string.
    public static func parse(_ text: String) -> Date? {
        if let date = ISO8601Instant.parse(text) { return date }
        var trimmed = text.trimmingCharacters(in: .whitespaces)
        if let seconds = Double(trimmed) { return Date(timeIntervalSince1970: seconds) }
        // `2026-11-26T12:00:00.000+0000`: add the colon the Internet date-time format wants.
        if trimmed.count > 5, let sign = trimmed.dropLast(4).last, sign == "+" || sign == "-",
            trimmed.suffix(4).allSatisfy(\.isNumber)
        {
            trimmed.insert(":", at: trimmed.index(trimmed.endIndex, offsetBy: -2))
            return ISO8601Instant.parse(trimmed)
        }
        return nil
    }

    public static func < (lhs: AWSTimestamp, rhs: AWSTimestamp) -> Bool { lhs.date < rhs.date }
}
