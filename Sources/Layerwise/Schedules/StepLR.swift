import Foundation

/// Decays the learning rate by `gamma` every `stepSize` steps (PyTorch's `StepLR`).
///
///     lrₖ = lr₀ · γ^⌊k / stepSize⌋
///
/// with lr₀ the base learning rate. PyTorch's defaults: γ = 0.1 (`step_size` has no default).
public struct StepLR: ClosedFormSchedule {
    /// The learning rate of step 0 (the optimizer's initial `lr` in PyTorch).
    public let baseLearningRate: Double
    /// The number of steps between two decays (PyTorch's `step_size`).
    public let stepSize: Int
    /// The factor applied at each decay (PyTorch's `gamma`).
    public let gamma: Double
    /// The number of times the schedule has been stepped.
    public private(set) var stepCount = 0

    /// Creates the schedule at step 0.
    ///
    /// - Parameters:
    ///   - baseLearningRate: The learning rate of steps 0 ..< `stepSize`.
    ///   - stepSize: Steps between two decays (`step_size`).
    ///   - gamma: Multiplicative decay (`gamma`).
    /// - Precondition: `stepSize ≥ 1`.
    public init(baseLearningRate: Double, stepSize: Int, gamma: Double = 0.1) {
        checkPrecondition(stepSize >= 1, "StepLR: stepSize must be at least 1, got \(stepSize)")
        self.baseLearningRate = baseLearningRate
        self.stepSize = stepSize
        self.gamma = gamma
    }

    /// lr₀ · γ^⌊step / stepSize⌋.
    ///
    /// - Parameter step: A step index, `step ≥ 0`.
    /// - Returns: The learning rate of that step.
    public func learningRate(atStep step: Int) -> Double {
        baseLearningRate * pow(gamma, Double(step / stepSize))
    }

    /// Advances past one optimizer step.
    public mutating func step() {
        stepCount += 1
    }
}
