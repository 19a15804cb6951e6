import Foundation

/// Cycles the learning rate between `baseLearningRate` and `maxLearningRate` along a
/// triangle (PyTorch's `CyclicLR`, Smith's cyclical learning rates).
///
/// With step size up U, down D (default U), cycle length C = U + D and ratio r = U / C:
///
///     cycle = ⌊1 + k / C⌋,          x = 1 + k / C − cycle ∈ [0, 1)
///     h     = x / r                 if x ≤ r    (rising)
///           = (x − 1) / (r − 1)     otherwise  (falling)
///     lrₖ   = base + (max − base) · h · scale
///
/// where scale depends on the mode: `triangular` 1; `triangular2` 1 / 2^(cycle − 1) (the
/// amplitude halves every cycle); `exponentialRange` γᵏ (PyTorch's `exp_range`). As in
/// PyTorch, the first two scale by the cycle number (`scale_mode` "cycle") and
/// `exponentialRange` by the step count (`scale_mode` "iterations").
///
/// When `cycleMomentum` is on (PyTorch's default), the momentum moves the opposite way:
///
///     momentumₖ = maxMomentum − (maxMomentum − baseMomentum) · h · scale
///
/// PyTorch's defaults: U = 2000, D = U, mode triangular, γ = 1, cycle_momentum on,
/// base_momentum 0.8, max_momentum 0.9 (`base_lr` and `max_lr` have no default). A custom
/// `scale_fn` is not offered: the schedule stays `Codable`.
public struct CyclicLR: ClosedFormSchedule {
    /// How the amplitude of the triangle changes (PyTorch's `mode`).
    public enum Mode: String, Codable, Sendable {
        /// Constant amplitude: scale = 1.
        case triangular
        /// The amplitude halves every cycle: scale = 1 / 2^(cycle − 1).
        case triangular2
        /// The amplitude decays every step: scale = γᵏ (PyTorch's `exp_range`).
        case exponentialRange
    }

    /// What the scale function of a `Mode` is evaluated at (PyTorch's `scale_mode`).
    public enum ScaleMode: String, Codable, Sendable {
        /// The cycle number, 1, 2, 3, …
        case cycle
        /// The step count k.
        case iterations
    }

    /// The lower bound of the cycle (PyTorch's `base_lr`).
    public let baseLearningRate: Double
    /// The upper bound of the first cycle (PyTorch's `max_lr`).
    public let maxLearningRate: Double
    /// Steps from the bottom to the top of a cycle (PyTorch's `step_size_up`).
    public let stepSizeUp: Int
    /// Steps from the top back to the bottom (PyTorch's `step_size_down`).
    public let stepSizeDown: Int
    /// The amplitude policy (PyTorch's `mode`).
    public let mode: Mode
    /// The per-step decay of `exponentialRange` (PyTorch's `gamma`); unused by the other modes.
    public let gamma: Double
    /// Whether the momentum cycles inversely to the learning rate (PyTorch's `cycle_momentum`).
    public let cycleMomentum: Bool
    /// The momentum at the top of the learning-rate cycle (PyTorch's `base_momentum`).
    public let baseMomentum: Double
    /// The momentum at the bottom of the learning-rate cycle (PyTorch's `max_momentum`).
    public let maxMomentum: Double
    /// The number of times the schedule has been stepped.
    public private(set) var stepCount = 0

    /// What the scale function is evaluated at: the cycle number for `triangular` and
    /// `triangular2`, the step count for `exponentialRange`, as in PyTorch.
    public var scaleMode: ScaleMode {
        mode == .exponentialRange ? .iterations : .cycle
    }

    /// Creates the schedule at step 0.
    ///
    /// - Parameters:
    ///   - baseLearningRate: The bottom of the triangle (`base_lr`).
    ///   - maxLearningRate: The top of the first triangle (`max_lr`).
    ///   - stepSizeUp: Steps of the rising half (`step_size_up`).
    ///   - stepSizeDown: Steps of the falling half (`step_size_down`); `nil` for `stepSizeUp`.
    ///   - mode: The amplitude policy (`mode`).
    ///   - gamma: The decay of `exponentialRange` (`gamma`).
    ///   - cycleMomentum: Whether `momentum` cycles too (`cycle_momentum`).
    ///   - baseMomentum: The momentum at the top of the cycle (`base_momentum`).
    ///   - maxMomentum: The momentum at the bottom of the cycle (`max_momentum`).
    /// - Precondition: `stepSizeUp ≥ 1` and `stepSizeDown ≥ 1`.
    public init(
        baseLearningRate: Double, maxLearningRate: Double, stepSizeUp: Int = 2000, stepSizeDown: Int? = nil,
        mode: Mode = .triangular, gamma: Double = 1, cycleMomentum: Bool = true,
        baseMomentum: Double = 0.8, maxMomentum: Double = 0.9
    ) {
        let stepSizeDown = stepSizeDown ?? stepSizeUp
        checkPrecondition(
            stepSizeUp >= 1 && stepSizeDown >= 1,
            "CyclicLR: step sizes must be at least 1, got up \(stepSizeUp), down \(stepSizeDown)")
        self.baseLearningRate = baseLearningRate
        self.maxLearningRate = maxLearningRate
        self.stepSizeUp = stepSizeUp
        self.stepSizeDown = stepSizeDown
        self.mode = mode
        self.gamma = gamma
        self.cycleMomentum = cycleMomentum
        self.baseMomentum = baseMomentum
        self.maxMomentum = maxMomentum
    }

    /// The position h ∈ [0, 1] in the triangle and the amplitude scale at `step`.
    private func heightAndScale(atStep step: Int) -> (height: Double, scale: Double) {
        let totalSize = Double(stepSizeUp + stepSizeDown)
        let stepRatio = Double(stepSizeUp) / totalSize
        let cycle = (1 + Double(step) / totalSize).rounded(.down)
        let x = 1 + Double(step) / totalSize - cycle
        let height = x <= stepRatio ? x / stepRatio : (x - 1) / (stepRatio - 1)
        let argument = scaleMode == .cycle ? cycle : Double(step)
        let scale: Double
        switch mode {
        case .triangular: scale = 1
        case .triangular2: scale = 1 / pow(2, argument - 1)
        case .exponentialRange: scale = pow(gamma, argument)
        }
        return (height, scale)
    }

    /// base + (max − base) · h · scale.
    ///
    /// - Parameter step: A step index, `step ≥ 0`.
    /// - Returns: The learning rate of that step.
    public func learningRate(atStep step: Int) -> Double {
        let (height, scale) = heightAndScale(atStep: step)
        return baseLearningRate + (maxLearningRate - baseLearningRate) * height * scale
    }

    /// maxMomentum − (maxMomentum − baseMomentum) · h · scale, or `nil` without
    /// `cycleMomentum`.
    ///
    /// - Parameter step: A step index, `step ≥ 0`.
    /// - Returns: The momentum of that step.
    public func momentum(atStep step: Int) -> Double? {
        guard cycleMomentum else { return nil }
        let (height, scale) = heightAndScale(atStep: step)
        return maxMomentum - (maxMomentum - baseMomentum) * height * scale
    }

    /// The momentum for the next optimizer step, or `nil` without `cycleMomentum`.
    public var momentum: Double? { momentum(atStep: stepCount) }

    /// Advances past one optimizer step.
    public mutating func step() {
        stepCount += 1
    }
}
