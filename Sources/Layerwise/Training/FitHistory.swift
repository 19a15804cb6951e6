/// What `fit` returns: one report per epoch trained, the best epoch and why training ended.
public struct FitHistory: Sendable, Equatable {
    /// Why training ended.
    public enum StopReason: Sendable, Equatable {
        /// All epochs ran.
        case completed
        /// Early stopping: `patience` epochs in a row without improvement.
        case earlyStopping
        /// The per-epoch callback returned `.stop`.
        case callback
        /// The loss or a gradient became NaN or infinite; the model keeps its last finite weights.
        case diverged(DivergenceError)
    }

    /// One report per epoch trained, in order.
    public let reports: [EpochReport]
    /// The epoch with the best early-stopping metric (counted from 1); nil without early
    /// stopping or when no epoch had a finite metric. With `restoresBestWeights` the model ends
    /// with this epoch's weights.
    public let bestEpoch: Int?
    /// Why training ended.
    public let stopReason: StopReason

    /// Creates a history (`fit` makes them).
    ///
    /// - Parameters: The properties of the same names.
    public init(reports: [EpochReport], bestEpoch: Int?, stopReason: StopReason) {
        self.reports = reports
        self.bestEpoch = bestEpoch
        self.stopReason = stopReason
    }

    /// The training loss of every epoch.
    public var trainingLosses: [Double] { reports.map(\.trainingLoss) }

    /// The validation loss of every epoch (empty without validation data).
    public var validationLosses: [Double] { reports.compactMap(\.validationLoss) }
}
