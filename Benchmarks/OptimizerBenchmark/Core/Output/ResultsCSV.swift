/// The CSV files of a benchmark run.
///
/// - `results.csv`: one row per curve point of every run (tuning and final): per epoch for
///   classification, per recorded step for test functions.
/// - `summary.csv`: one row per problem and optimizer, in ranking order, with the search that
///   chose the rate and, for the range test, its suggestions (empty for the grid search).
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
        "diverged_runs", "wall_seconds_mean", "learning_rate_search", "range_test_suggested",
        "range_test_steepest_descent", "range_test_minimum_over_10", "range_test_steps", "range_test_diverged",
    ]

    /// `results.csv`: every point of every run.
    ///
    /// - Parameter runs: The runs.
    /// - Returns: The table.
    public static func runs(_ runs: [RunRecord]) -> CSVFile {
        var table = CSVFile(header: runColumns)
        for run in runs {
            for point in run.curve {
                table.append([
                    run.problem, run.phase.rawValue, run.optimizer.rawValue, CSVFile.number(run.learningRate),
                    String(run.seed), CSVFile.integer(point.epoch), String(point.step), CSVFile.number(point.trainingLoss),
                    CSVFile.number(point.validationLoss), CSVFile.number(point.validationAccuracy),
                    CSVFile.number(point.testLoss), CSVFile.number(point.testAccuracy), CSVFile.number(point.seconds),
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
    public static func summaries(_ results: BenchmarkResults) -> CSVFile {
        var table = CSVFile(header: summaryColumns)
        for problem in results.problems {
            for (rank, summary) in results.summaries(of: problem.name).enumerated() {
                table.append([
                    summary.problem, String(rank + 1), summary.optimizer.rawValue,
                    CSVFile.number(summary.chosenLearningRate), CSVFile.number(summary.optimizer.defaultLearningRate),
                    CSVFile.number(summary.defaultValidationAccuracy), CSVFile.number(summary.finalTrainingLoss.mean),
                    CSVFile.number(summary.finalTrainingLoss.standardDeviation), CSVFile.number(summary.testAccuracy?.mean),
                    CSVFile.number(summary.testAccuracy?.standardDeviation), CSVFile.number(summary.testAccuracy?.minimum),
                    CSVFile.number(summary.testAccuracy?.maximum), CSVFile.number(problem.target),
                    String(summary.runCount), String(summary.reachedCount),
                    CSVFile.number(summary.stepsToTarget.count > 0 ? summary.stepsToTarget.mean : nil),
                    CSVFile.number(summary.secondsToTarget.count > 0 ? summary.secondsToTarget.mean : nil),
                    String(summary.divergedCount), CSVFile.number(summary.wallSeconds.mean),
                    summary.learningRateSearch.rawValue, CSVFile.number(summary.rangeTest?.suggestedLearningRate),
                    CSVFile.number(summary.rangeTest?.steepestDescentLearningRate),
                    CSVFile.number(summary.rangeTest?.minimumOverTenLearningRate),
                    CSVFile.integer(summary.rangeTest?.stepCount),
                    summary.rangeTest.map { $0.diverged ? "true" : "false" } ?? "",
                ])
            }
        }
        return table
    }
}
