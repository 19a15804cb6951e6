/// What `fit`'s per-epoch callback asks for after an epoch.
public enum FitAction: Sendable, Equatable {
    /// Go on with the next epoch (unless the last epoch or early stopping ends training).
    case `continue`
    /// End training after this epoch. With early stopping that restores the best weights, the
    /// model still ends with the best epoch's weights.
    case stop
}
