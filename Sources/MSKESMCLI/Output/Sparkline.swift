import Foundation
import MSKESMCore

/// The text report's trends: one line per metric trend of `summary.metrics` (lag, dropped, errors), a
/// sparkline of its per-minute points with the first, last and largest values.
enum Sparkline {
    static let bars: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]

    /// At most this many characters: points are grouped (the largest of each group kept) to fit.
    static let width = 60

    /// `▁▂▅█` for `values`, scaled from the smallest to the largest; empty for no value.
    static func draw(_ values: [Double], width: Int = width) -> String {
        guard !values.isEmpty else { return "" }
        let size = Int((Double(values.count) / Double(max(1, width))).rounded(.up))
        let grouped = stride(from: 0, to: values.count, by: max(1, size)).map {
            values[$0..<min($0 + size, values.count)].max() ?? 0
        }
        let low = grouped.min() ?? 0
        let high = grouped.max() ?? 0
        return String(
            grouped.map { value in
                guard high > low else { return value > 0 ? bars[bars.count / 2] : bars[0] }
                return bars[Int(((value - low) / (high - low) * Double(bars.count - 1)).rounded())]
            })
    }

    /// The report's lines for `trends`: `lag     ▁▂▃▅█  120 → 900 (max 900), MaxOffsetLag, EventSourceMappingUUID=…`.
    static func lines(_ trends: MetricTrends?) -> [String] {
        guard let trends else { return [] }
        var lines: [String] = []
        if let start = trends.start?.date, let end = trends.end?.date {
            lines.append("metrics from \(ISO8601Instant.format(start)) to \(ISO8601Instant.format(end)):")
        }
        for trend in trends.trends {
            let values = trend.points.map(\.value)
            let dimensions = trend.dimensions.map { "\($0.name)=\($0.value)" }.joined(separator: ",")
            let source = trend.metrics.count == 1 ? trend.metrics[0] : "\(trend.metrics.count) metrics summed"
            guard let first = values.first, let last = values.last, let high = values.max() else {
                lines.append(
                    "  \(trend.name.padding(toLength: 8, withPad: " ", startingAt: 0))no data (\(source), \(dimensions))"
                )
                continue
            }
            lines.append(
                "  \(trend.name.padding(toLength: 8, withPad: " ", startingAt: 0))\(draw(values))  "
                    + "\(format(first)) → \(format(last)) (max \(format(high))), \(source), \(dimensions)")
        }
        return lines
    }

    static func format(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int(value)) : String(format: "%.1f", value)
    }
}
