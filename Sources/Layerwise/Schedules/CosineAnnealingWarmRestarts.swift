import Foundation

/// Cosine annealing with warm restarts, SGDR (PyTorch's `CosineAnnealingWarmRestarts`).
///
///     lrₖ = η_min + (lr₀ − η_min) · (1 + cos(π·T_cur / T_i)) / 2
///
/// T_cur counts the steps since the last restart and T_i is the length of the current cycle.
/// They start at T_cur = 0, T_i = T₀, and each step does
///
///     T_cur ← T_cur + 1;  if T_cur ≥ T_i { T_cur ← T_cur − T_i;  T_i ← T_i · T_mult }
///
/// so the cycles last T₀, T₀·T_mult, T₀·T_mult², … steps and each starts again at lr₀.
/// PyTorch's defaults: T_mult = 1, η_min = 0 (`T_0` has no default).
///
/// The schedule is stateful, like PyTorch's: `stepsSinceRestart` (T_cur) and `cycleLength`
/// (T_i) are part of its encoded state.
public struct CosineAnnealingWarmRestarts: LearningRateSchedule {
    /// The learning rate at the start of every cycle.
    public let baseLearningRate: Double
    /// The length of the first cycle in steps (PyTorch's `T_0`).
    public let firstCycleLength: Int
    /// The factor by which each cycle is longer than the previous one (PyTorch's `T_mult`).
    public let cycleLengthMultiplier: Int
    /// The learning rate approached at the end of every cycle (PyTorch's `eta_min`).
    public let minimumLearningRate: Double
    /// The number of times the schedule has been stepped.
    public private(set) var stepCount = 0
    /// Steps since the last restart (PyTorch's `T_cur`), in 0 ..< `cycleLength`.
    public private(set) var stepsSinceRestart = 0
    /// The length of the current cycle in steps (PyTorch's `T_i`).
    public private(set) var cycleLength: Int

    /// Creates the schedule at step 0.
    ///
    /// - Parameters:
    ///   - baseLearningRate: The learning rate at the start of every cycle.
    ///   - firstCycleLength: Steps of the first cycle (`T_0`).
    ///   - cycleLengthMultiplier: Growth of the cycle length at each restart (`T_mult`).
    ///   - minimumLearningRate: The floor of the cosine (`eta_min`).
    /// - Precondition: `firstCycleLength ≥ 1` and `cycleLengthMultiplier ≥ 1` (PyTorch's checks).
    public init(
        baseLearningRate: Double, firstCycleLength: Int, cycleLengthMultiplier: Int = 1,
        minimumLearningRate: Double = 0
    ) {
        checkPrecondition(
            firstCycleLength >= 1,
            "CosineAnnealingWarmRestarts: firstCycleLength (T_0) must be at least 1, got \(firstCycleLength)")
        checkPrecondition(
            cycleLengthMultiplier >= 1,
            "CosineAnnealingWarmRestarts: cycleLengthMultiplier (T_mult) must be at least 1, got \(cycleLengthMultiplier)")
        self.baseLearningRate = baseLearningRate
        self.firstCycleLength = firstCycleLength
        self.cycleLengthMultiplier = cycleLengthMultiplier
        self.minimumLearningRate = minimumLearningRate
        self.cycleLength = firstCycleLength
    }

    /// η_min + (lr₀ − η_min) · (1 + cos(π·T_cur / T_i)) / 2.
    public var learningRate: Double {
        minimumLearningRate
            + (baseLearningRate - minimumLearningRate)
            * (1 + cos(Double.pi * Double(stepsSinceRestart) / Double(cycleLength))) / 2
    }

    /// Advances T_cur by one step and restarts when the cycle is over.
    public mutating func step() {
        stepCount += 1
        stepsSinceRestart += 1
        if stepsSinceRestart >= cycleLength {
            stepsSinceRestart -= cycleLength
            cycleLength *= cycleLengthMultiplier
        }
    }
}
