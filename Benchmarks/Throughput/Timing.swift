import _AllocationCounter

/// Seconds elapsed while running `body` once, from the monotonic clock.
func secondsElapsed(_ body: () -> Void) -> Double {
    let duration = ContinuousClock().measure(body)
    let (seconds, attoseconds) = duration.components
    return Double(seconds) + Double(attoseconds) * 1e-18
}

/// The median of `values` (the mean of the two middle ones for an even count).
func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    let middle = sorted.count / 2
    return sorted.count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2
}

/// The number of heap allocations `body` makes, divided by `count`.
func allocations(per count: Int, of body: () -> Void) -> Double {
    let before = allocation_counter_allocations()
    body()
    let after = allocation_counter_allocations()
    return Double(after - before) / Double(count)
}

#if canImport(Glibc)
import Glibc
#endif

/// What the benchmark's step and inference timings measure.
enum BenchmarkClock {
    /// Elapsed (wall-clock) time: what a user waits for.
    case wall
    /// CPU time of the calling thread: excludes the time other processes held its core, so it
    /// stays put on a busy machine, but misses the work of other threads (use it with one thread).
    case threadCPU

    /// Seconds `body` took by this clock.
    func seconds(_ body: () -> Void) -> Double {
        switch self {
        case .wall: secondsElapsed(body)
        case .threadCPU: threadCPUSecondsElapsed(body)
        }
    }
}

/// CPU seconds the calling thread spent running `body` (time when other processes held the
/// core is not counted), or the elapsed seconds where there is no thread CPU clock.
func threadCPUSecondsElapsed(_ body: () -> Void) -> Double {
    #if canImport(Glibc)
    var start = timespec()
    var end = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &start)
    body()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &end)
    return Double(end.tv_sec - start.tv_sec) + Double(end.tv_nsec - start.tv_nsec) * 1e-9
    #else
    return secondsElapsed(body)
    #endif
}

/// The system's 1-minute load average, or nil where it is not available.
func oneMinuteLoadAverage() -> Double? {
    #if canImport(Glibc)
    var averages = [Double](repeating: 0, count: 3)
    return getloadavg(&averages, 3) >= 1 ? averages[0] : nil
    #else
    return nil
    #endif
}
