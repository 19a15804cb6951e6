import Dispatch

/// Elapsed wall time from a monotonic clock.
struct Stopwatch {
    /// The start, in nanoseconds of uptime.
    private let start = DispatchTime.now().uptimeNanoseconds

    /// The seconds since the stopwatch was made.
    var seconds: Double {
        Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
    }
}
