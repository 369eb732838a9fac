import ArgumentParser
import Foundation
import MSKESMCore

/// `--since DURATION`: the window of the mappings' metrics that `snapshot` and `doctor` read, ending now (or at `--at`).
struct MetricWindowOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The window of the mapping's metrics, ending now (or at --at): a number with s, m, h or d (30m, 1h, 2d); 1h by default, at most 15d.",
            valueName: "duration"))
    var since: String = "1h"

    /// The window in seconds.
    var seconds: TimeInterval { Self.seconds(since) ?? MappingMetricCatalogue.defaultWindow }

    func validate() throws {
        guard let seconds = Self.seconds(since) else {
            throw ValidationError("--since takes a duration such as 30m, 1h, 6h or 2d (got '\(since)')")
        }
        // CloudWatch keeps points of a 60-second period for 15 days
        // (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/cloudwatch_concepts.html#Metric).
        guard seconds >= 180, seconds <= 15 * 86400 else {
            throw ValidationError("--since must be between 3m and 15d (got '\(since)')")
        }
    }

    /// `30m` → 1800; nil for anything but digits followed by one of s, m, h, d.
    static func seconds(_ text: String) -> TimeInterval? {
        guard let unit = text.last, let number = Int(text.dropLast()), number > 0 else { return nil }
        switch unit {
        case "s": return TimeInterval(number)
        case "m": return TimeInterval(number) * 60
        case "h": return TimeInterval(number) * 3600
        case "d": return TimeInterval(number) * 86400
        default: return nil
        }
    }
}
