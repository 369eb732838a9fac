import Foundation

/// A point on the monotonic clock by which one step must finish.
struct Deadline: Sendable {
    let uptimeNanoseconds: UInt64

    init(seconds: Double) {
        uptimeNanoseconds = DispatchTime.now().uptimeNanoseconds + UInt64(max(seconds, 0) * 1_000_000_000)
    }

    /// Milliseconds left, at least 0, as poll(2) takes them.
    var remainingMilliseconds: Int32 {
        let now = DispatchTime.now().uptimeNanoseconds
        guard uptimeNanoseconds > now else { return 0 }
        return Int32(clamping: (uptimeNanoseconds - now) / 1_000_000)
    }

    var hasPassed: Bool { DispatchTime.now().uptimeNanoseconds >= uptimeNanoseconds }
}

/// Measures a step's duration in milliseconds.
struct Stopwatch {
    private let start = DispatchTime.now().uptimeNanoseconds
    var elapsedMilliseconds: Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
    }
}
