/// One learning rate tried during tuning, and how it did.
public struct TuningPoint: Sendable, Equatable {
    /// The learning rate.
    public var learningRate: Double
    /// The final validation accuracy (classification), or nil.
    public var validationAccuracy: Double?
    /// The final validation loss (classification) or f − f* (test functions).
    public var loss: Double
    /// Steps to the target, or nil.
    public var stepsToTarget: Int?
    /// Whether the run diverged.
    public var diverged: Bool

    /// The point of a tuning run.
    ///
    /// - Parameter run: A tuning run.
    public init(_ run: RunRecord) {
        learningRate = run.learningRate
        validationAccuracy = run.finalValidationAccuracy
        loss = run.finalValidationLoss ?? run.finalTrainingLoss
        stepsToTarget = run.stepsToTarget
        diverged = run.diverged
    }
}
