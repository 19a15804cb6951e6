/// A learning-rate schedule whose rate is a closed-form function of the step count alone.
///
/// Its only state is `stepCount`; `learningRate` is `learningRate(atStep: stepCount)`. The
/// function can also be evaluated at any step without stepping, for plots and tables.
public protocol ClosedFormSchedule: LearningRateSchedule {
    /// The learning rate of optimizer step `step` (after `step` calls to `step()`).
    ///
    /// - Parameter step: A step index, `step ≥ 0`.
    /// - Returns: The learning rate PyTorch's scheduler gives after `step` steps.
    func learningRate(atStep step: Int) -> Double
}

extension ClosedFormSchedule {
    /// The learning rate at the current step count.
    public var learningRate: Double { learningRate(atStep: stepCount) }
}
