/// When `fit` stops before its last epoch: after `patience` epochs in a row in which the
/// watched metric did not improve on its best value. The model then ends with the weights of
/// the best epoch (parameters and BatchNorm state) unless `restoresBestWeights` is false.
///
/// An epoch improves when its metric m beats the best so far by more than
/// `minimumImprovement` δ:
///
///     loss (lower is better):       m < best − δ
///     accuracy (higher is better):  m > best + δ
///
/// The first epoch with a finite metric always improves; a NaN never does.
///
/// ```swift
/// // Stop after 3 epochs without a lower validation loss, keep the best epoch's weights.
/// let options = FitOptions(epochs: 50, batchSize: 64, earlyStopping: EarlyStopping(patience: 3))
/// ```
public struct EarlyStopping: Sendable, Equatable {
    /// The quantity early stopping watches.
    public enum Metric: String, Sendable, Equatable {
        /// The mean loss on the validation data (lower is better).
        case validationLoss
        /// The accuracy on the validation data (higher is better; classification only).
        case validationAccuracy
        /// The mean batch loss of the training epoch (lower is better).
        case trainingLoss

        /// Whether higher values are better.
        var higherIsBetter: Bool { self == .validationAccuracy }
    }

    /// The number of epochs in a row without improvement after which training stops; 0 stops
    /// at the first epoch that does not improve.
    public var patience: Int
    /// The watched quantity.
    public var metric: Metric
    /// δ, the margin by which the metric must beat its best value to count as an improvement.
    public var minimumImprovement: Double
    /// Whether the model ends with the weights of the best epoch (instead of the last one),
    /// however training ends.
    public var restoresBestWeights: Bool

    /// Creates an early-stopping rule.
    ///
    /// - Parameters:
    ///   - patience: Epochs in a row without improvement before stopping.
    ///   - metric: The watched quantity (default: the validation loss).
    ///   - minimumImprovement: δ ≥ 0 (default 0: any improvement counts).
    ///   - restoresBestWeights: Whether to end with the best epoch's weights (default `true`).
    /// - Precondition: `patience ≥ 0` and `minimumImprovement ≥ 0`.
    public init(
        patience: Int, metric: Metric = .validationLoss, minimumImprovement: Double = 0,
        restoresBestWeights: Bool = true
    ) {
        checkPrecondition(patience >= 0, "EarlyStopping: patience must not be negative, got \(patience)")
        checkPrecondition(
            minimumImprovement >= 0, "EarlyStopping: minimumImprovement must not be negative, got \(minimumImprovement)")
        self.patience = patience
        self.metric = metric
        self.minimumImprovement = minimumImprovement
        self.restoresBestWeights = restoresBestWeights
    }

    /// Whether `value` improves on `best` (nil before the first finite value).
    ///
    /// - Parameters:
    ///   - value: The metric of the epoch.
    ///   - best: The best metric so far, or nil.
    /// - Returns: `true` when `value` beats `best` by more than `minimumImprovement`.
    public func isImprovement(_ value: Double, over best: Double?) -> Bool {
        guard !value.isNaN else { return false }
        guard let best else { return true }
        return metric.higherIsBetter ? value > best + minimumImprovement : value < best - minimumImprovement
    }
}
