/// Scales the learning rate by a factor that moves linearly from `startFactor` to
/// `endFactor` over `totalIterations` steps, then stays (PyTorch's `LinearLR`; the usual
/// warm-up).
///
///     lrₖ = lr₀ · (s + (e − s) · min(k, N) / N)
///
/// with s = `startFactor`, e = `endFactor`, N = `totalIterations`. PyTorch's defaults:
/// s = 1/3, e = 1, N = 5.
public struct LinearLR: ClosedFormSchedule {
    /// The learning rate the factors multiply.
    public let baseLearningRate: Double
    /// The factor at step 0 (PyTorch's `start_factor`).
    public let startFactor: Double
    /// The factor from step `totalIterations` on (PyTorch's `end_factor`).
    public let endFactor: Double
    /// The number of steps of the linear ramp (PyTorch's `total_iters`).
    public let totalIterations: Int
    /// The number of times the schedule has been stepped.
    public private(set) var stepCount = 0

    /// Creates the schedule at step 0.
    ///
    /// - Parameters:
    ///   - baseLearningRate: The learning rate the factors multiply.
    ///   - startFactor: The factor at step 0 (`start_factor`), in (0, 1].
    ///   - endFactor: The factor at and after step `totalIterations` (`end_factor`), in [0, 1].
    ///   - totalIterations: Length of the ramp in steps (`total_iters`).
    /// - Precondition: 0 < `startFactor` ≤ 1, 0 ≤ `endFactor` ≤ 1 (PyTorch's checks) and
    ///   `totalIterations ≥ 1`.
    public init(
        baseLearningRate: Double, startFactor: Double = 1.0 / 3, endFactor: Double = 1, totalIterations: Int = 5
    ) {
        checkPrecondition(
            startFactor > 0 && startFactor <= 1, "LinearLR: startFactor must be in (0, 1], got \(startFactor)")
        checkPrecondition(endFactor >= 0 && endFactor <= 1, "LinearLR: endFactor must be in [0, 1], got \(endFactor)")
        checkPrecondition(totalIterations >= 1, "LinearLR: totalIterations must be at least 1, got \(totalIterations)")
        self.baseLearningRate = baseLearningRate
        self.startFactor = startFactor
        self.endFactor = endFactor
        self.totalIterations = totalIterations
    }

    /// lr₀ · (s + (e − s) · min(step, N) / N).
    ///
    /// - Parameter step: A step index, `step ≥ 0`.
    /// - Returns: The learning rate of that step.
    public func learningRate(atStep step: Int) -> Double {
        baseLearningRate
            * (startFactor + (endFactor - startFactor) * Double(min(totalIterations, step)) / Double(totalIterations))
    }

    /// Advances past one optimizer step.
    public mutating func step() {
        stepCount += 1
    }
}
