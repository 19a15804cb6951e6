/// A learning-rate schedule: a value that gives the learning rate of every optimizer step.
///
/// The contract is PyTorch's: a new schedule gives the learning rate of optimizer step 0, and
/// the training loop calls `step()` (or `step(metric:)`) once after every optimizer step, so
/// after k calls `learningRate` is the rate for optimizer step k. The loop assigns
/// `learningRate` (and, for the schedules that cycle it, `momentum`) to the optimizer before
/// each step:
///
/// ```swift
/// var schedule = CosineAnnealingLR(baseLearningRate: 0.1, annealingSteps: 100)
/// for batch in batches {
///     optimizer.learningRate = schedule.learningRate
///     // forward, backward, then the optimizer step with lrₖ
///     schedule.step()                 // now gives lrₖ₊₁
/// }
/// ```
///
/// Every schedule is `Codable`: its encoded form is all of its state (step count, and for the
/// stateful schedules such as `ReduceLROnPlateau` and `CosineAnnealingWarmRestarts` the
/// counters PyTorch keeps), so a checkpoint can save it and a decoded copy continues with the
/// same learning rates.
public protocol LearningRateSchedule: Codable, Sendable {
    /// The learning rate for the next optimizer step (step `stepCount`).
    var learningRate: Double { get }

    /// The momentum for the next optimizer step, for the schedules that cycle it together with
    /// the learning rate (`CyclicLR`, `OneCycleLR`); `nil` for the others.
    ///
    /// It is SGD's `momentum` or Adam's β₁ in PyTorch's `cycle_momentum`.
    var momentum: Double? { get }

    /// The number of times the schedule has been stepped (PyTorch's `last_epoch`).
    var stepCount: Int { get }

    /// Advances the schedule past one optimizer step.
    mutating func step()

    /// Advances the schedule past one optimizer step, given a metric measured after that step
    /// (a validation loss, an accuracy).
    ///
    /// Schedules driven by the step count ignore the metric (the default implementation calls
    /// `step()`); `ReduceLROnPlateau` needs it. A training loop can therefore call this one
    /// method for every schedule.
    ///
    /// - Parameter metric: The value the schedule watches.
    mutating func step(metric: Double)
}

extension LearningRateSchedule {
    /// `nil`: the schedule does not change the momentum.
    public var momentum: Double? { nil }

    /// Calls `step()`: a schedule driven by the step count ignores the metric.
    ///
    /// - Parameter metric: Ignored.
    public mutating func step(metric: Double) {
        step()
    }
}
