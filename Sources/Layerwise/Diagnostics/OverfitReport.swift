/// The outcome of `overfitOneBatch`: could the model learn one small batch by heart?
///
/// A network with enough capacity, correct gradients and a workable learning rate drives the
/// loss on a single small batch to about zero (and, for a classifier, its accuracy to 100 %)
/// within a few hundred steps. If it cannot, something is wrong before any question of
/// generalization: a bug in a forward or backward pass (run `GradientCheck`), a learning rate
/// far too small (the loss creeps) or too large (it rises or becomes NaN), labels that do not
/// belong to the inputs, saturated or dead units, or a loss that cannot reach zero (probabilities
/// fed to a loss that expects logits, label smoothing).
public struct OverfitReport: Sendable, Equatable, CustomStringConvertible {
    /// Whether the loss reached `lossThreshold` (and, with class labels, the accuracy 100 %).
    public let succeeded: Bool
    /// The number of optimizer steps taken (at success: the steps it took to get there).
    public let stepCount: Int
    /// The step budget.
    public let maximumStepCount: Int
    /// The loss to reach.
    public let lossThreshold: Double
    /// The loss on the batch before each step, and after the last one: `stepCount + 1` values.
    public let losses: [Double]
    /// The accuracy on the batch after the last step; nil without class labels.
    public let finalAccuracy: Double?
    /// N, the number of examples in the batch.
    public let batchSize: Int
    /// The number of Dropout layers that were switched off (p = 0) for the run.
    public let disabledDropoutCount: Int

    /// Creates a report (`overfitOneBatch` makes them).
    ///
    /// - Parameters: The properties of the same names.
    public init(
        succeeded: Bool, stepCount: Int, maximumStepCount: Int, lossThreshold: Double, losses: [Double],
        finalAccuracy: Double?, batchSize: Int, disabledDropoutCount: Int
    ) {
        self.succeeded = succeeded
        self.stepCount = stepCount
        self.maximumStepCount = maximumStepCount
        self.lossThreshold = lossThreshold
        self.losses = losses
        self.finalAccuracy = finalAccuracy
        self.batchSize = batchSize
        self.disabledDropoutCount = disabledDropoutCount
    }

    /// The loss before the first step.
    public var initialLoss: Double { losses.first ?? .nan }

    /// The loss after the last step.
    public var finalLoss: Double { losses.last ?? .nan }

    /// The smallest loss seen.
    public var bestLoss: Double { losses.min() ?? .nan }

    /// "Overfitting one batch of 32: reached loss 0.0094 ≤ 0.01 (accuracy 100.00 %) after 137
    /// steps", or on failure the loss reached and the likely causes.
    public var description: String {
        let accuracy = finalAccuracy.map { " (accuracy \(formatPercent($0)))" } ?? ""
        let head = "Overfitting one batch of \(batchSize)"
        if succeeded {
            return "\(head): reached loss \(formatFixed(finalLoss, decimals: 4)) ≤ \(lossThreshold)\(accuracy) "
                + "after \(stepCount) steps"
        }
        var text =
            "\(head): FAILED, loss \(formatFixed(initialLoss, decimals: 4)) → \(formatFixed(finalLoss, decimals: 4))"
            + "\(accuracy) after \(stepCount) steps (best \(formatFixed(bestLoss, decimals: 4)), target ≤ \(lossThreshold))"
        if !finalLoss.isFinite || finalLoss > initialLoss {
            text += "\n  the loss rose or overflowed: the learning rate is likely too large"
        } else {
            text += "\n  likely causes: a learning rate too small or a step budget too short, a bug in a "
                + "backward pass (run GradientCheck), labels that do not match the inputs, saturated or dead "
                + "units (NetworkStatistics), too little capacity, or a loss that cannot reach 0 "
                + "(probabilities fed to a loss expecting logits, label smoothing)"
        }
        return text
    }
}
