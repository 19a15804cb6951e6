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
