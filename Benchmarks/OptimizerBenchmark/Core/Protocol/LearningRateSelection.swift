import Foundation

/// How the learning rate of an optimizer is chosen from its tuning runs.
///
/// - Classification: the highest validation accuracy after the last epoch; ties go to the lower
///   validation loss, then to the rate closer to the default (on a log scale). Diverged runs
///   come last. Only validation numbers enter: tuning runs have no test numbers.
/// - Test functions: the fewest steps to the tolerance; runs that never reach it come after,
///   ordered by their final loss; then the rate closer to the default.
public enum LearningRateSelection {
    /// The chosen run among the tuning runs of one optimizer on a classification problem.
    ///
    /// - Parameter runs: The tuning runs (at least one).
    /// - Returns: The best run; its `learningRate` is the choice.
    public static func classification(_ runs: [RunRecord]) -> RunRecord {
        precondition(!runs.isEmpty, "LearningRateSelection: no runs")
        return runs.min { better($0, than: $1, key: classificationKey) }!
    }

    /// The chosen run among the tuning runs of one optimizer on a test function.
    ///
    /// - Parameter runs: The tuning runs (at least one).
    /// - Returns: The best run.
    public static func function(_ runs: [RunRecord]) -> RunRecord {
        precondition(!runs.isEmpty, "LearningRateSelection: no runs")
        return runs.min { better($0, than: $1, key: functionKey) }!
    }

    /// Lexicographic key, smaller is better: (diverged, −accuracy, loss).
    static func classificationKey(_ run: RunRecord) -> [Double] {
        let accuracy = run.finalValidationAccuracy ?? .nan
        let loss = run.finalValidationLoss ?? .nan
        let failed = run.diverged || !accuracy.isFinite || !loss.isFinite
        return [failed ? 1 : 0, failed ? 0 : -accuracy, failed ? 0 : loss]
    }

    /// Lexicographic key, smaller is better: (steps to tolerance or ∞, final loss).
    static func functionKey(_ run: RunRecord) -> [Double] {
        let loss = run.finalTrainingLoss
        let failed = run.diverged || !loss.isFinite
        return [failed ? 1 : 0, run.stepsToTarget.map(Double.init) ?? .infinity, failed ? 0 : loss]
    }

    /// Whether `a` beats `b` under `key`, then by closeness of its rate to the default.
    static func better(_ a: RunRecord, than b: RunRecord, key: (RunRecord) -> [Double]) -> Bool {
        let (ka, kb) = (key(a), key(b))
        for (x, y) in zip(ka, kb) where x != y {
            return x < y
        }
        let distance = { (run: RunRecord) in abs(log10(run.learningRate / run.optimizer.defaultLearningRate)) }
        if distance(a) != distance(b) { return distance(a) < distance(b) }
        return a.learningRate < b.learningRate
    }
}
