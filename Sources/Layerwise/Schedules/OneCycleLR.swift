import Foundation

/// The 1cycle policy: warm up from a low rate to `maxLearningRate`, then anneal to a much
/// lower one (PyTorch's `OneCycleLR`).
///
/// With initial = max / `initialDivisor`, final = initial / `finalDivisor`, T = `totalSteps`
/// and p = `warmUpFraction`, the rate moves through phases that end at step e:
///
///     two phases:    initial → max  (e₁ = p·T − 1),   max → final (e₂ = T − 1)
///     three phases:  initial → max  (e₁ = p·T − 1),   max → initial (e₂ = 2p·T − 2),
///                    initial → final (e₃ = T − 1)
///
/// Inside a phase from step s (the previous phase's end, 0 for the first) to e, with
/// t = (k − s) / (e − s), the rate goes from a to b along
///
///     cosine:  lrₖ = b + (a − b) · (1 + cos(π·t)) / 2
///     linear:  lrₖ = a + (b − a) · t
///
/// So lr₀ = max / div, lr at step p·T − 1 = max, and lr at step T − 1 = lr₀ / final_div.
/// When `cycleMomentum` is on (PyTorch's default) the momentum follows the same phases
/// between `maxMomentum` and `baseMomentum`, inversely to the rate (three phases: max → base
/// → max → max). Stepping more than T times is a programmer error, as in PyTorch.
///
/// PyTorch's defaults: pct_start 0.3, anneal_strategy cos, div_factor 25, final_div_factor
/// 10⁴, three_phase off, cycle_momentum on, base_momentum 0.85, max_momentum 0.95.
/// (`total_steps` may be given in PyTorch as epochs × steps_per_epoch; pass the product.)
public struct OneCycleLR: ClosedFormSchedule {
    /// How a phase interpolates between its end points (PyTorch's `anneal_strategy`).
    public enum AnnealStrategy: String, Codable, Sendable {
        /// b + (a − b) · (1 + cos(π·t)) / 2 (PyTorch's `cos`).
        case cosine
        /// a + (b − a) · t.
        case linear
    }

    /// The peak learning rate (PyTorch's `max_lr`).
    public let maxLearningRate: Double
    /// The number of optimizer steps of the whole cycle (PyTorch's `total_steps`).
    public let totalSteps: Int
    /// The fraction of the cycle spent increasing the rate (PyTorch's `pct_start`).
    public let warmUpFraction: Double
    /// How phases interpolate (PyTorch's `anneal_strategy`).
    public let annealStrategy: AnnealStrategy
    /// lr₀ = max / initialDivisor (PyTorch's `div_factor`).
    public let initialDivisor: Double
    /// The final rate is lr₀ / finalDivisor (PyTorch's `final_div_factor`).
    public let finalDivisor: Double
    /// Whether the rate comes back down to lr₀ before annealing to the final rate (PyTorch's
    /// `three_phase`).
    public let threePhase: Bool
    /// Whether the momentum cycles inversely to the rate (PyTorch's `cycle_momentum`).
    public let cycleMomentum: Bool
    /// The momentum at the peak of the rate (PyTorch's `base_momentum`).
    public let baseMomentum: Double
    /// The momentum at the start and end (PyTorch's `max_momentum`).
    public let maxMomentum: Double
    /// The number of times the schedule has been stepped.
    public private(set) var stepCount = 0

    /// The rate of step 0: max / initialDivisor (PyTorch's `initial_lr`).
    public var initialLearningRate: Double { maxLearningRate / initialDivisor }
    /// The rate of step T − 1: initial / finalDivisor (PyTorch's `min_lr`).
    public var finalLearningRate: Double { initialLearningRate / finalDivisor }

    /// Creates the schedule at step 0.
    ///
    /// - Parameters:
    ///   - maxLearningRate: The peak rate (`max_lr`).
    ///   - totalSteps: Steps of the cycle (`total_steps`).
    ///   - warmUpFraction: Fraction of the steps spent rising (`pct_start`), in [0, 1].
    ///   - annealStrategy: Cosine or linear interpolation (`anneal_strategy`).
    ///   - initialDivisor: lr₀ = max / initialDivisor (`div_factor`).
    ///   - finalDivisor: final = lr₀ / finalDivisor (`final_div_factor`).
    ///   - threePhase: Come back to lr₀ before the final annealing (`three_phase`).
    ///   - cycleMomentum: Whether `momentum` cycles too (`cycle_momentum`).
    ///   - baseMomentum: The momentum at the peak rate (`base_momentum`).
    ///   - maxMomentum: The momentum at the start and end (`max_momentum`).
    /// - Precondition: `totalSteps ≥ 1` and 0 ≤ `warmUpFraction` ≤ 1 (PyTorch's checks).
    public init(
        maxLearningRate: Double, totalSteps: Int, warmUpFraction: Double = 0.3,
        annealStrategy: AnnealStrategy = .cosine, initialDivisor: Double = 25, finalDivisor: Double = 1e4,
        threePhase: Bool = false, cycleMomentum: Bool = true, baseMomentum: Double = 0.85, maxMomentum: Double = 0.95
    ) {
        checkPrecondition(totalSteps >= 1, "OneCycleLR: totalSteps must be at least 1, got \(totalSteps)")
        checkPrecondition(
            warmUpFraction >= 0 && warmUpFraction <= 1,
            "OneCycleLR: warmUpFraction (pct_start) must be in [0, 1], got \(warmUpFraction)")
        self.maxLearningRate = maxLearningRate
        self.totalSteps = totalSteps
        self.warmUpFraction = warmUpFraction
        self.annealStrategy = annealStrategy
        self.initialDivisor = initialDivisor
        self.finalDivisor = finalDivisor
        self.threePhase = threePhase
        self.cycleMomentum = cycleMomentum
        self.baseMomentum = baseMomentum
        self.maxMomentum = maxMomentum
    }

    /// One phase: its last step and its start and end rates and momenta.
    private struct Phase {
        let endStep: Double
        let startRate: Double, endRate: Double
        let startMomentum: Double, endMomentum: Double
    }

    /// The phases, as PyTorch's `_schedule_phases`.
    private var phases: [Phase] {
        let warmUpEnd = warmUpFraction * Double(totalSteps) - 1
        let lastStep = Double(totalSteps - 1)
        if threePhase {
            return [
                Phase(endStep: warmUpEnd, startRate: initialLearningRate, endRate: maxLearningRate,
                      startMomentum: maxMomentum, endMomentum: baseMomentum),
                Phase(endStep: 2 * warmUpFraction * Double(totalSteps) - 2,
                      startRate: maxLearningRate, endRate: initialLearningRate,
                      startMomentum: baseMomentum, endMomentum: maxMomentum),
                Phase(endStep: lastStep, startRate: initialLearningRate, endRate: finalLearningRate,
                      startMomentum: maxMomentum, endMomentum: maxMomentum),
            ]
        }
        return [
            Phase(endStep: warmUpEnd, startRate: initialLearningRate, endRate: maxLearningRate,
                  startMomentum: maxMomentum, endMomentum: baseMomentum),
            Phase(endStep: lastStep, startRate: maxLearningRate, endRate: finalLearningRate,
                  startMomentum: baseMomentum, endMomentum: maxMomentum),
        ]
    }

    /// The phase containing `step` and the fraction t of it that is done.
    private func phaseAndFraction(atStep step: Int) -> (phase: Phase, fraction: Double) {
        checkPrecondition(
            step >= 0 && step <= totalSteps,
            "OneCycleLR: step \(step) is past the cycle's totalSteps \(totalSteps)")
        let phases = phases
        var startStep = 0.0
        for (index, phase) in phases.enumerated() {
            if Double(step) <= phase.endStep || index == phases.count - 1 {
                return (phase, (Double(step) - startStep) / (phase.endStep - startStep))
            }
            startStep = phase.endStep
        }
        fatalError("unreachable: the last phase always matches")
    }

    /// Interpolates from `start` to `end` at fraction `fraction` of a phase.
    private func anneal(from start: Double, to end: Double, fraction: Double) -> Double {
        switch annealStrategy {
        case .cosine: end + (start - end) / 2 * (cos(Double.pi * fraction) + 1)
        case .linear: (end - start) * fraction + start
        }
    }

    /// The rate of the phase containing `step`, interpolated at its fraction t.
    ///
    /// - Parameter step: A step index, 0 ≤ `step` ≤ `totalSteps`.
    /// - Returns: The learning rate of that step.
    public func learningRate(atStep step: Int) -> Double {
        let (phase, fraction) = phaseAndFraction(atStep: step)
        return anneal(from: phase.startRate, to: phase.endRate, fraction: fraction)
    }

    /// The momentum of the phase containing `step`, or `nil` without `cycleMomentum`.
    ///
    /// - Parameter step: A step index, 0 ≤ `step` ≤ `totalSteps`.
    /// - Returns: The momentum of that step.
    public func momentum(atStep step: Int) -> Double? {
        guard cycleMomentum else { return nil }
        let (phase, fraction) = phaseAndFraction(atStep: step)
        return anneal(from: phase.startMomentum, to: phase.endMomentum, fraction: fraction)
    }

    /// The momentum for the next optimizer step, or `nil` without `cycleMomentum`.
    public var momentum: Double? { momentum(atStep: stepCount) }

    /// Advances past one optimizer step.
    ///
    /// - Precondition: The schedule has been stepped fewer than `totalSteps` times.
    public mutating func step() {
        checkPrecondition(
            stepCount < totalSteps,
            "OneCycleLR: stepped \(stepCount + 1) times, more than totalSteps \(totalSteps)")
        stepCount += 1
    }
}
