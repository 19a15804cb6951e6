import Foundation

/// How the learning rate of an optimizer is chosen from its tuning runs.
///
/// - Classification: the highest validation accuracy after the last epoch; ties go to the lower
///   validation loss, then to the rate closer to the default (on a log scale). Diverged runs
///   come last. Only validation numbers enter: tuning runs have no test numbers.
/// - Test functions: among the runs that end within the tolerance, the fewest steps to reach it;
///   then the runs that do not end within it (some reach it and bounce out again), by their
///   final loss; then the rate closer to the default.
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
    /// - Parameters:
    ///   - runs: The tuning runs (at least one).
    ///   - tolerance: The problem's tolerance on f − f*.
    /// - Returns: The best run.
    public static func function(_ runs: [RunRecord], tolerance: Double) -> RunRecord {
        precondition(!runs.isEmpty, "LearningRateSelection: no runs")
        return runs.min { better($0, than: $1, key: { functionKey($0, tolerance: tolerance) }) }!
    }

    /// Lexicographic key, smaller is better: (diverged, −accuracy, loss).
    static func classificationKey(_ run: RunRecord) -> [Double] {
        let accuracy = run.finalValidationAccuracy ?? .nan
        let loss = run.finalValidationLoss ?? .nan
        let failed = run.diverged || !accuracy.isFinite || !loss.isFinite
        return [failed ? 1 : 0, failed ? 0 : -accuracy, failed ? 0 : loss]
    }

    /// Lexicographic key, smaller is better: (diverged, not ending within the tolerance, steps
    /// to it, final loss).
    static func functionKey(_ run: RunRecord, tolerance: Double) -> [Double] {
        let loss = run.finalTrainingLoss
        let failed = run.diverged || !loss.isFinite
        let endsWithin = !failed && loss <= tolerance
        let steps = run.stepsToTarget.map(Double.init) ?? .infinity
        return [failed ? 1 : 0, endsWithin ? 0 : 1, endsWithin ? steps : 0, failed ? 0 : loss]
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
