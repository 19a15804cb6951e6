import Foundation

/// Multiplies the learning rate by `gamma` every step (PyTorch's `ExponentialLR`).
///
///     lrₖ = lr₀ · γᵏ
///
/// `gamma` has no default in PyTorch.
public struct ExponentialLR: ClosedFormSchedule {
    /// The learning rate of step 0.
    public let baseLearningRate: Double
    /// The factor applied every step (PyTorch's `gamma`).
    public let gamma: Double
    /// The number of times the schedule has been stepped.
    public private(set) var stepCount = 0

    /// Creates the schedule at step 0.
    ///
    /// - Parameters:
    ///   - baseLearningRate: The learning rate of step 0.
    ///   - gamma: Multiplicative decay per step (`gamma`).
    public init(baseLearningRate: Double, gamma: Double) {
        self.baseLearningRate = baseLearningRate
        self.gamma = gamma
    }

    /// lr₀ · γ^step.
    ///
    /// - Parameter step: A step index, `step ≥ 0`.
    /// - Returns: The learning rate of that step.
    public func learningRate(atStep step: Int) -> Double {
        baseLearningRate * pow(gamma, Double(step))
    }

    /// Advances past one optimizer step.
    public mutating func step() {
        stepCount += 1
    }
}
