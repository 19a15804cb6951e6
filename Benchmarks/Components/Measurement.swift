import Foundation

/// One timed component: its group, name and size, and the best time of one call.
struct ComponentTiming {
    let group: String
    let name: String
    let size: String
    /// Seconds per call, the best of the runs.
    let seconds: Double
}

/// Times `body` as the best of `runs` runs, each of enough calls to last about `runSeconds`
/// (at least one), after one warm-up call; returns seconds per call.
func bestTime(runs: Int, runSeconds: Double, _ body: () -> Void) -> Double {
    body()
    let once = max(elapsed(body), 1e-7)
    let calls = max(1, Int(runSeconds / once))
    var best = Double.infinity
    for _ in 0..<runs {
        best = min(best, elapsed { for _ in 0..<calls { body() } } / Double(calls))
    }
    return best
}

/// Monotonic seconds taken by `body`.
func elapsed(_ body: () -> Void) -> Double {
    let (seconds, attoseconds) = ContinuousClock().measure(body).components
    return Double(seconds) + Double(attoseconds) * 1e-18
}
