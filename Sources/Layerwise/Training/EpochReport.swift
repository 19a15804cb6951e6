/// What `fit` measured in one epoch; its per-epoch callback receives it, and `FitHistory`
/// keeps one per epoch.
public struct EpochReport: Sendable, Equatable, CustomStringConvertible {
    /// The epoch, counted from 1.
    public let epoch: Int
    /// The mean of the epoch's batch losses, weighted by batch size (`MeanLoss`). The batches
    /// ran in training mode with the weights of their own step, so this is not the loss of the
    /// epoch's final weights.
    public let trainingLoss: Double
    /// The fraction of training examples classified correctly by the training-mode logits of
    /// their step; nil for data sets without class labels.
    public let trainingAccuracy: Double?
    /// The mean loss on the validation data after the epoch (inference mode); nil without
    /// validation data.
    public let validationLoss: Double?
    /// The accuracy on the validation data after the epoch; nil without validation data or
    /// class labels.
    public let validationAccuracy: Double?
    /// The learning rate of the epoch's last optimizer step.
    public let learningRate: Double
    /// The number of optimizer steps in the epoch.
    public let stepCount: Int
    /// Whether the early-stopping metric improved on its best value in this epoch (always
    /// `false` without early stopping).
    public let isImprovement: Bool
    /// The number of epochs in a row, up to this one, without improvement (0 without early
    /// stopping).
    public let epochsWithoutImprovement: Int

    /// Creates a report (`fit` makes them; public for custom loops and tests).
    ///
    /// - Parameters: The properties of the same names.
    public init(
        epoch: Int, trainingLoss: Double, trainingAccuracy: Double?, validationLoss: Double?,
        validationAccuracy: Double?, learningRate: Double, stepCount: Int, isImprovement: Bool,
        epochsWithoutImprovement: Int
    ) {
        self.epoch = epoch
        self.trainingLoss = trainingLoss
        self.trainingAccuracy = trainingAccuracy
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.learningRate = learningRate
        self.stepCount = stepCount
        self.isImprovement = isImprovement
        self.epochsWithoutImprovement = epochsWithoutImprovement
    }

    /// One line: "epoch 3: training loss 0.2345, accuracy 93.12 %; validation loss 0.3456,
    /// accuracy 91.00 %; learning rate 0.001 (improved)".
    public var description: String {
        var text = "epoch \(epoch): training loss \(formatFixed(trainingLoss, decimals: 4))"
        if let trainingAccuracy { text += ", accuracy \(formatPercent(trainingAccuracy))" }
        if let validationLoss { text += "; validation loss \(formatFixed(validationLoss, decimals: 4))" }
        if let validationAccuracy { text += ", accuracy \(formatPercent(validationAccuracy))" }
        text += "; learning rate \(learningRate)"
        if isImprovement { text += " (improved)" }
        return text
    }
}
