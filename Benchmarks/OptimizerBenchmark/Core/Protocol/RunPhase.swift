/// Which part of the protocol a run belongs to.
public enum RunPhase: String, Sendable, Equatable, Comparable {
    /// Learning-rate search: trained on the training split, judged on the validation split;
    /// the test set is not touched.
    case tuning
    /// A run at the chosen learning rate with one of the final seeds, evaluated on the test set.
    case final

    /// Tuning before final.
    public static func < (lhs: RunPhase, rhs: RunPhase) -> Bool {
        lhs == .tuning && rhs == .final
    }
}
