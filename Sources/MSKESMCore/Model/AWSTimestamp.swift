import Foundation

/// A timestamp as the AWS CLI prints it: epoch seconds (AWS CLI v1's default for rest-json services such as
/// Lambda, e.g. `1569284520.333`) or an ISO 8601 string (AWS CLI v2, and every kafka timestamp). Both decode;
/// encoding writes ISO 8601, as `msk-esm snapshot` does (docs/snapshot.md#design-rules).
public struct AWSTimestamp: Codable, Sendable, Hashable, Comparable {
    /// The instant, whichever form it was read from.
    public var date: Date

    /// Wraps an instant; it encodes as ISO 8601.
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
        if let date = fastParse(text) { return date }
        if let date = ISO8601Instant.parse(text) { return date }
        var trimmed = text.trimmingSpaces()
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

    /// `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM|±HHMM)` without a formatter: creating `ISO8601DateFormatter`s
    /// costs far more than the parse, and a snapshot holds dozens of timestamps. Other forms return nil.
    static func fastParse(_ text: String) -> Date? {
        let bytes = Array(text.utf8)
        guard bytes.count >= 20, bytes[4] == UInt8(ascii: "-"), bytes[7] == UInt8(ascii: "-"),
            bytes[10] == UInt8(ascii: "T") || bytes[10] == UInt8(ascii: "t"), bytes[13] == UInt8(ascii: ":"),
            bytes[16] == UInt8(ascii: ":")
        else { return nil }
        func number(_ range: Range<Int>) -> Int? {
            var value = 0
            for index in range {
                let byte = bytes[index]
                guard byte >= 48 && byte <= 57 else { return nil }
                value = value * 10 + Int(byte - 48)
            }
            return value
        }
        guard let year = number(0..<4), let month = number(5..<7), let day = number(8..<10),
            let hour = number(11..<13), let minute = number(14..<16), let second = number(17..<19),
            (1...12).contains(month), (1...31).contains(day), hour < 24, minute < 60, second < 61
        else { return nil }
        var index = 19
        var fraction = 0.0
        if bytes[index] == UInt8(ascii: ".") {
            index += 1
            var scale = 0.1
            let start = index
            while index < bytes.count, bytes[index] >= 48 && bytes[index] <= 57 {
                fraction += Double(bytes[index] - 48) * scale
                scale /= 10
                index += 1
            }
            guard index > start else { return nil }
        }
        guard index < bytes.count else { return nil }
        var offset = 0
        switch bytes[index] {
        case UInt8(ascii: "Z"), UInt8(ascii: "z"):
            guard index + 1 == bytes.count else { return nil }
        case UInt8(ascii: "+"), UInt8(ascii: "-"):
            let sign = bytes[index] == UInt8(ascii: "+") ? 1 : -1
            let rest = bytes.count - index - 1
            let hours: Int?
            let minutes: Int?
            if rest == 5, bytes[index + 3] == UInt8(ascii: ":") {
                hours = number(index + 1..<index + 3)
                minutes = number(index + 4..<index + 6)
            } else if rest == 4 {
                hours = number(index + 1..<index + 3)
                minutes = number(index + 3..<index + 5)
            } else {
                return nil
            }
            guard let hours, let minutes, hours < 24, minutes < 60 else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        default:
            return nil
        }
        // Days from the civil date (proleptic Gregorian), after Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let dayOfYear = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        let days = era * 146_097 + dayOfEra - 719_468
        let seconds = days * 86400 + hour * 3600 + minute * 60 + second - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    /// Orders timestamps by their instant, whatever form each was read from.
    public static func < (lhs: AWSTimestamp, rhs: AWSTimestamp) -> Bool { lhs.date < rhs.date }
}
