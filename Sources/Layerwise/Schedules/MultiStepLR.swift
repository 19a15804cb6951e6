import Foundation

/// Decays the learning rate by `gamma` at each milestone (PyTorch's `MultiStepLR`).
///
///     lrₖ = lr₀ · γ^|{ m ∈ milestones : m ≤ k }|
///
/// A milestone listed twice decays twice, as in PyTorch (which counts milestones with a
/// `Counter`). PyTorch's defaults: γ = 0.1 (`milestones` has no default).
public struct MultiStepLR: ClosedFormSchedule {
    /// The learning rate of step 0.
    public let baseLearningRate: Double
    /// The steps at which the rate is multiplied by γ, sorted ascending (PyTorch's
    /// `milestones`).
    public let milestones: [Int]
    /// The factor applied at each milestone (PyTorch's `gamma`).
    public let gamma: Double
    /// The number of times the schedule has been stepped.
    public private(set) var stepCount = 0

    /// Creates the schedule at step 0.
    ///
    /// - Parameters:
    ///   - baseLearningRate: The learning rate before the first milestone.
    ///   - milestones: Steps at which to decay (`milestones`), in any order.
    ///   - gamma: Multiplicative decay (`gamma`).
    public init(baseLearningRate: Double, milestones: [Int], gamma: Double = 0.1) {
        self.baseLearningRate = baseLearningRate
        self.milestones = milestones.sorted()
        self.gamma = gamma
    }

    /// lr₀ · γ^(number of milestones ≤ step).
    ///
    /// - Parameter step: A step index, `step ≥ 0`.
    /// - Returns: The learning rate of that step.
    /// - Complexity: O(number of milestones).
    public func learningRate(atStep step: Int) -> Double {
        let passed = milestones.count { $0 <= step }
        return baseLearningRate * pow(gamma, Double(passed))
    }

    /// Advances past one optimizer step.
    public mutating func step() {
        stepCount += 1
    }
}
