import Foundation

/// Anneals the learning rate from lr₀ to η_min along a half cosine over `annealingSteps`
/// steps (PyTorch's `CosineAnnealingLR`, without restarts).
///
///     lrₖ = η_min + (lr₀ − η_min) · (1 + cos(π·k / T_max)) / 2
///
/// lr₀ at k = 0, (lr₀ + η_min)/2 at k = T_max/2, η_min at k = T_max. Past T_max the formula
/// keeps going, so the rate climbs back to lr₀ at 2·T_max, exactly as PyTorch's recursive
/// form does when stepped past `T_max`. PyTorch's defaults: η_min = 0 (`T_max` has no default).
public struct CosineAnnealingLR: ClosedFormSchedule {
    /// The learning rate of step 0.
    public let baseLearningRate: Double
    /// The number of steps from lr₀ down to η_min (PyTorch's `T_max`).
    public let annealingSteps: Int
    /// The learning rate reached at step `annealingSteps` (PyTorch's `eta_min`).
    public let minimumLearningRate: Double
    /// The number of times the schedule has been stepped.
    public private(set) var stepCount = 0

    /// Creates the schedule at step 0.
    ///
    /// - Parameters:
    ///   - baseLearningRate: The learning rate of step 0.
    ///   - annealingSteps: Steps of the half cosine (`T_max`).
    ///   - minimumLearningRate: The rate at the end of the half cosine (`eta_min`).
    /// - Precondition: `annealingSteps ≥ 1`.
    public init(baseLearningRate: Double, annealingSteps: Int, minimumLearningRate: Double = 0) {
        checkPrecondition(
            annealingSteps >= 1, "CosineAnnealingLR: annealingSteps (T_max) must be at least 1, got \(annealingSteps)")
        self.baseLearningRate = baseLearningRate
        self.annealingSteps = annealingSteps
        self.minimumLearningRate = minimumLearningRate
    }

    /// η_min + (lr₀ − η_min) · (1 + cos(π·step / T_max)) / 2.
    ///
    /// - Parameter step: A step index, `step ≥ 0`.
    /// - Returns: The learning rate of that step.
    public func learningRate(atStep step: Int) -> Double {
        minimumLearningRate
            + (baseLearningRate - minimumLearningRate) * (1 + cos(Double.pi * Double(step) / Double(annealingSteps))) / 2
    }

    /// Advances past one optimizer step.
    public mutating func step() {
        stepCount += 1
    }
}
