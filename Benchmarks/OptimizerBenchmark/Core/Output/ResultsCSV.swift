/// The CSV files of a benchmark run.
///
/// - `results.csv`: one row per curve point of every run (tuning and final): per epoch for
///   classification, per recorded step for test functions.
/// - `summary.csv`: one row per problem and optimizer, in ranking order.
public enum ResultsCSV {
    /// The columns of `results.csv`.
    public static let runColumns = [
        "problem", "phase", "optimizer", "learning_rate", "seed", "epoch", "step", "train_loss", "validation_loss",
        "validation_accuracy", "test_loss", "test_accuracy", "seconds", "diverged",
    ]

    /// The columns of `summary.csv`.
    public static let summaryColumns = [
        "problem", "rank", "optimizer", "chosen_learning_rate", "default_learning_rate", "default_validation_accuracy",
        "final_train_loss_mean", "final_train_loss_std", "test_accuracy_mean", "test_accuracy_std", "test_accuracy_min",
        "test_accuracy_max", "target", "runs", "reached_target", "steps_to_target_mean", "seconds_to_target_mean",
        "diverged_runs", "wall_seconds_mean",
    ]

    /// `results.csv`: every point of every run.
    ///
    /// - Parameter runs: The runs.
    /// - Returns: The table.
    public static func runs(_ runs: [RunRecord]) -> CSVTable {
        var table = CSVTable(header: runColumns)
        for run in runs {
            for point in run.curve {
                table.append([
                    run.problem, run.phase.rawValue, run.optimizer.rawValue, CSVTable.number(run.learningRate),
                    String(run.seed), CSVTable.integer(point.epoch), String(point.step), CSVTable.number(point.trainingLoss),
                    CSVTable.number(point.validationLoss), CSVTable.number(point.validationAccuracy),
                    CSVTable.number(point.testLoss), CSVTable.number(point.testAccuracy), CSVTable.number(point.seconds),
                    run.diverged ? "true" : "false",
                ])
            }
        }
        return table
    }

    /// `summary.csv`: one row per problem and optimizer.
    ///
    /// - Parameter results: The benchmark's results.
    /// - Returns: The table.
    public static func summaries(_ results: BenchmarkResults) -> CSVTable {
        var table = CSVTable(header: summaryColumns)
        for problem in results.problems {
            for (rank, summary) in results.summaries(of: problem.name).enumerated() {
                table.append([
                    summary.problem, String(rank + 1), summary.optimizer.rawValue,
                    CSVTable.number(summary.chosenLearningRate), CSVTable.number(summary.optimizer.defaultLearningRate),
                    CSVTable.number(summary.defaultValidationAccuracy), CSVTable.number(summary.finalTrainingLoss.mean),
                    CSVTable.number(summary.finalTrainingLoss.standardDeviation), CSVTable.number(summary.testAccuracy?.mean),
                    CSVTable.number(summary.testAccuracy?.standardDeviation), CSVTable.number(summary.testAccuracy?.minimum),
                    CSVTable.number(summary.testAccuracy?.maximum), CSVTable.number(problem.target),
                    String(summary.runCount), String(summary.reachedCount),
                    CSVTable.number(summary.stepsToTarget.count > 0 ? summary.stepsToTarget.mean : nil),
                    CSVTable.number(summary.secondsToTarget.count > 0 ? summary.secondsToTarget.mean : nil),
                    String(summary.divergedCount), CSVTable.number(summary.wallSeconds.mean),
                ])
            }
        }
        return table
    }
}
