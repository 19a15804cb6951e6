/// Lowers the learning rate when a metric stops improving (PyTorch's `ReduceLROnPlateau`).
///
/// After each step the schedule is given the metric m (say the validation loss). In mode
/// `min` with a relative threshold, m improves on the best value so far when
///
///     min, relative:  m < best · (1 − threshold)      min, absolute:  m < best − threshold
///     max, relative:  m > best · (1 + threshold)      max, absolute:  m > best + threshold
///
/// (the first metric always improves). An improvement sets best ← m and resets the count of
/// bad steps; otherwise the count goes up. During a cooldown the count is held at 0. When
/// the count exceeds `patience`, that is after patience + 1 bad steps in a row,
///
///     lr ← max(lr · factor, min_lr)        (skipped when the change is at most ε)
///
/// then the count is reset and a cooldown of `cooldown` steps starts.
///
/// PyTorch's defaults: mode min, factor 0.1, patience 10, threshold 10⁻⁴, threshold_mode
/// rel, cooldown 0, min_lr 0, eps 10⁻⁸. The schedule is stateful; `best`,
/// `badStepCount`, `cooldownRemaining` and `learningRate` are its encoded state.
public struct ReduceLROnPlateau: LearningRateSchedule {
    /// Whether the metric should go down or up (PyTorch's `mode`).
    public enum Mode: String, Codable, Sendable {
        /// Lower is better (a loss).
        case min
        /// Higher is better (an accuracy).
        case max
    }

    /// How `threshold` measures a significant improvement (PyTorch's `threshold_mode`).
    public enum ThresholdMode: String, Codable, Sendable {
        /// By a fraction of the best value (PyTorch's `rel`).
        case relative
        /// By an absolute amount (PyTorch's `abs`).
        case absolute
    }

    /// Whether lower or higher metrics are better.
    public let mode: Mode
    /// The factor applied to the rate at each reduction (PyTorch's `factor`), in [0, 1).
    public let factor: Double
    /// The number of bad steps tolerated before a reduction (PyTorch's `patience`).
    public let patience: Int
    /// The smallest significant improvement (PyTorch's `threshold`).
    public let threshold: Double
    /// Whether `threshold` is relative or absolute (PyTorch's `threshold_mode`).
    public let thresholdMode: ThresholdMode
    /// The number of steps after a reduction during which bad steps are not counted
    /// (PyTorch's `cooldown`).
    public let cooldown: Int
    /// The floor of the learning rate (PyTorch's `min_lr`).
    public let minimumLearningRate: Double
    /// Reductions smaller than this are skipped (PyTorch's `eps`).
    public let epsilon: Double

    /// The learning rate for the next optimizer step.
    public private(set) var learningRate: Double
    /// The number of times the schedule has been stepped.
    public private(set) var stepCount = 0
    /// The best metric so far; `nil` before the first (PyTorch starts from ±∞).
    public private(set) var best: Double?
    /// Bad steps since the last improvement, reduction or cooldown step (PyTorch's
    /// `num_bad_epochs`).
    public private(set) var badStepCount = 0
    /// Steps of cooldown left (PyTorch's `cooldown_counter`).
    public private(set) var cooldownRemaining = 0

    /// Creates the schedule before any metric.
    ///
    /// - Parameters:
    ///   - baseLearningRate: The learning rate until the first reduction.
    ///   - mode: Lower (`min`) or higher (`max`) metrics are better (`mode`).
    ///   - factor: lr ← lr · factor at each reduction (`factor`).
    ///   - patience: Bad steps tolerated before a reduction (`patience`).
    ///   - threshold: The smallest significant improvement (`threshold`).
    ///   - thresholdMode: Relative or absolute threshold (`threshold_mode`).
    ///   - cooldown: Steps after a reduction that do not count as bad (`cooldown`).
    ///   - minimumLearningRate: The floor of the rate (`min_lr`).
    ///   - epsilon: The smallest change of the rate that is applied (`eps`).
    /// - Precondition: 0 ≤ `factor` < 1 (PyTorch's check), `patience ≥ 0`, `cooldown ≥ 0`.
    public init(
        baseLearningRate: Double, mode: Mode = .min, factor: Double = 0.1, patience: Int = 10,
        threshold: Double = 1e-4, thresholdMode: ThresholdMode = .relative, cooldown: Int = 0,
        minimumLearningRate: Double = 0, epsilon: Double = 1e-8
    ) {
        checkPrecondition(factor >= 0 && factor < 1, "ReduceLROnPlateau: factor must be in [0, 1), got \(factor)")
        checkPrecondition(patience >= 0, "ReduceLROnPlateau: patience must be non-negative, got \(patience)")
        checkPrecondition(cooldown >= 0, "ReduceLROnPlateau: cooldown must be non-negative, got \(cooldown)")
        self.learningRate = baseLearningRate
        self.mode = mode
        self.factor = factor
        self.patience = patience
        self.threshold = threshold
        self.thresholdMode = thresholdMode
        self.cooldown = cooldown
        self.minimumLearningRate = minimumLearningRate
        self.epsilon = epsilon
    }

    /// Whether `metric` is a significant improvement on `best` (PyTorch's `is_better`).
    ///
    /// - Parameter metric: A new value of the watched metric.
    /// - Returns: `true` when the metric beats the best so far by more than the threshold.
    public func isImprovement(_ metric: Double) -> Bool {
        switch (mode, thresholdMode) {
        case (.min, .relative): metric < (best ?? .infinity) * (1 - threshold)
        case (.min, .absolute): metric < (best ?? .infinity) - threshold
        case (.max, .relative): metric > (best ?? -.infinity) * (1 + threshold)
        case (.max, .absolute): metric > (best ?? -.infinity) + threshold
        }
    }

    /// Records the metric measured after an optimizer step and lowers the rate after more
    /// than `patience` bad steps in a row outside a cooldown.
    ///
    /// - Parameter metric: The watched value (a validation loss in mode `min`).
    public mutating func step(metric: Double) {
        stepCount += 1
        if isImprovement(metric) {
            best = metric
            badStepCount = 0
        } else {
            badStepCount += 1
        }
        if cooldownRemaining > 0 {
            cooldownRemaining -= 1
            badStepCount = 0
        }
        if badStepCount > patience {
            let reduced = Swift.max(learningRate * factor, minimumLearningRate)
            if learningRate - reduced > epsilon {
                learningRate = reduced
            }
            cooldownRemaining = cooldown
            badStepCount = 0
        }
    }

    /// A programmer error: this schedule needs the metric, call `step(metric:)`.
    public mutating func step() {
        checkPrecondition(false, "ReduceLROnPlateau needs the watched metric: call step(metric:), not step()")
    }
}
