import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Parses and prints the instants users and AWS write: ISO 8601 with or without fractional seconds,
/// a bare date (midnight UTC), or (AWS CLI v1) epoch seconds.
///
/// Written by hand on `timegm`/`gmtime_r` rather than with `ISO8601DateFormatter`: on Linux that formatter
/// runs on ICU, whose calendar and locale data added about 5 MB to the peak memory of every command that
/// prints a date (`secret validate`, `doctor`) and cost milliseconds per call.
package enum ISO8601Instant {
    /// `2026-03-01T12:00:00Z`, `2026-03-01T12:00:00.250+02:00` (RFC 3339 internet date-time, `T` or `t`,
    /// `Z` or a ±HH:MM or ±HHMM offset) or `2026-03-01` (midnight UTC).
    package static func parse(_ text: String) -> Date? {
        var scanner = Scanner(Array(text.trimmingSpaces().utf8))
        guard let year = scanner.digits(4), scanner.take(UInt8(ascii: "-")), let month = scanner.digits(2),
            scanner.take(UInt8(ascii: "-")), let day = scanner.digits(2),
            (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day)
        else { return nil }
        if scanner.atEnd { return instant(year, month, day, 0, 0, 0, fraction: 0, offset: 0) }
        guard scanner.take(UInt8(ascii: "T")) || scanner.take(UInt8(ascii: "t")),
            let hour = scanner.digits(2), scanner.take(UInt8(ascii: ":")), let minute = scanner.digits(2),
            scanner.take(UInt8(ascii: ":")), let second = scanner.digits(2),
            hour < 24, minute < 60, second < 60
        else { return nil }
        var fraction = 0.0
        if scanner.take(UInt8(ascii: ".")) {
            var scale = 0.1
            var any = false
            while let digit = scanner.digit() {
                fraction += Double(digit) * scale
                scale /= 10
                any = true
            }
            guard any else { return nil }
        }
        var offset = 0
        if scanner.take(UInt8(ascii: "Z")) || scanner.take(UInt8(ascii: "z")) {
            offset = 0
        } else if let sign = scanner.sign() {
            guard let hours = scanner.digits(2), scanner.take(UInt8(ascii: ":")) || true,
                let minutes = scanner.digits(2),
                hours < 24, minutes < 60
            else { return nil }
            offset = sign * (hours * 3600 + minutes * 60)
        } else {
            return nil
        }
        guard scanner.atEnd else { return nil }
        return instant(year, month, day, hour, minute, second, fraction: fraction, offset: offset)
    }

    /// `2026-03-01T12:00:00Z` (UTC, whole seconds, rounded down). An instant outside years 0–9999 (or not
    /// finite, e.g. from a hostile timestamp) is printed as its seconds since 1970 instead of trapping.
    package static func format(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, seconds >= -62_167_219_200, seconds < 253_402_300_800 else {
            return String(date.timeIntervalSince1970)
        }
        return dateTime(Int(seconds)) + "Z"
    }

    // MARK: - Implementation

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0
        init(_ bytes: [UInt8]) { self.bytes = bytes }
        var atEnd: Bool { index == bytes.count }
        mutating func take(_ byte: UInt8) -> Bool {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
            return true
        }
        mutating func digit() -> Int? {
            guard index < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[index]) else {
                return nil
            }
            index += 1
            return Int(bytes[index - 1] - UInt8(ascii: "0"))
        }
        mutating func digits(_ count: Int) -> Int? {
            var value = 0
            for _ in 0..<count {
                guard let digit = digit() else { return nil }
                value = value * 10 + digit
            }
            return value
        }
        mutating func sign() -> Int? {
            if take(UInt8(ascii: "+")) { return 1 }
            if take(UInt8(ascii: "-")) { return -1 }
            return nil
        }
    }

    private static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    private static func instant(
        _ year: Int, _ month: Int, _ day: Int, _ hour: Int, _ minute: Int, _ second: Int, fraction: Double, offset: Int
    ) -> Date {
        var parts = tm()
        parts.tm_year = Int32(year - 1900)
        parts.tm_mon = Int32(month - 1)
        parts.tm_mday = Int32(day)
        parts.tm_hour = Int32(hour)
        parts.tm_min = Int32(minute)
        parts.tm_sec = Int32(second)
        let seconds = Int(timegm(&parts)) - offset
        return Date(timeIntervalSince1970: Double(seconds) + fraction)
    }

    private static func dateTime(_ seconds: Int) -> String {
        var time = time_t(seconds)
        var parts = tm()
        gmtime_r(&time, &parts)
        return pad(Int(parts.tm_year) + 1900, 4) + "-" + pad(Int(parts.tm_mon) + 1, 2) + "-"
            + pad(Int(parts.tm_mday), 2)
            + "T" + pad(Int(parts.tm_hour), 2) + ":" + pad(Int(parts.tm_min), 2) + ":" + pad(Int(parts.tm_sec), 2)
    }

    private static func pad(_ value: Int, _ width: Int) -> String {
        let digits = String(value)
        return digits.count >= width ? digits : String(repeating: "0", count: width - digits.count) + digits
    }
}
