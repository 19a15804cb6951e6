import Foundation

/// The ranked tables of the terminal and the report: one per problem, and the learning-rate
/// grid of each problem.
public enum SummaryTables {
    /// The ranked table of one problem.
    ///
    /// Classification: rank, optimizer, chosen learning rate (default), validation accuracy at
    /// the default rate, final training loss, test accuracy mean ± std, steps and seconds to the
    /// target loss (mean over the seeds that reached it, and how many did), wall seconds per
    /// run. Test functions: rank, optimizer, chosen rate, steps and seconds to the tolerance,
    /// final f − f*, wall seconds.
    ///
    /// - Parameters:
    ///   - problem: The problem.
    ///   - summaries: Its summaries, ranked.
    /// - Returns: The table.
    public static func ranking(for problem: ProblemInfo, summaries: [OptimizerSummary]) -> TextTable {
        let target = Formatting.compact(problem.target)
        if problem.isClassification {
            var table = TextTable(
                headers: [
                    "#", "optimizer", "lr (default)", "val acc @ default lr", "final train loss", "test accuracy",
                    "steps to loss \(target)", "seconds to loss \(target)", "wall s / run",
                ],
                alignments: [.right, .left, .left, .right, .right, .right, .right, .right, .right])
            for (rank, summary) in summaries.enumerated() {
                table.append([
                    "\(rank + 1)", summary.optimizer.displayName,
                    "\(Formatting.rate(summary.chosenLearningRate)) (\(Formatting.rate(summary.optimizer.defaultLearningRate)))",
                    Formatting.percent(summary.defaultValidationAccuracy),
                    Formatting.meanStd(summary.finalTrainingLoss),
                    Formatting.percentMeanStd(summary.testAccuracy),
                    reached(summary, value: summary.stepsToTarget) { Formatting.compact($0.rounded()) },
                    reached(summary, value: summary.secondsToTarget, format: Formatting.seconds),
                    Formatting.seconds(summary.wallSeconds.mean),
                ])
            }
            return table
        }
        var table = TextTable(
            headers: ["#", "optimizer", "lr (default)", "steps to f − f* ≤ \(target)", "seconds to it", "final f − f*", "wall s"],
            alignments: [.right, .left, .left, .right, .right, .right, .right])
        for (rank, summary) in summaries.enumerated() {
            table.append([
                "\(rank + 1)", summary.optimizer.displayName,
                "\(Formatting.rate(summary.chosenLearningRate)) (\(Formatting.rate(summary.optimizer.defaultLearningRate)))",
                summary.stepsToTarget.count > 0 ? "\(Int(summary.stepsToTarget.mean))" : "not reached",
                summary.secondsToTarget.count > 0 ? Formatting.compact(summary.secondsToTarget.mean) : "—",
                summary.divergedCount > 0 ? "diverged" : Formatting.compact(summary.finalTrainingLoss.mean),
                Formatting.seconds(summary.wallSeconds.mean),
            ])
        }
        return table
    }

    /// "432 (3/3)": the mean over the runs that reached the target and how many did; "— (0/3)"
    /// if none.
    private static func reached(
        _ summary: OptimizerSummary, value: SampleStatistics, format: (Double) -> String
    ) -> String {
        let count = "(\(summary.reachedCount)/\(summary.runCount))"
        return value.count > 0 ? format(value.mean) + " " + count : "— " + count
    }

    /// The learning-rate search of one problem: a row per optimizer, a column per grid
    /// position (×0.1 … ×10 of the default), cells the validation accuracy (classification) or
    /// the steps to the tolerance (test functions; with the final f − f* when the run left the
    /// tolerance again, and only the final f − f* when it never reached it); the chosen rate is
    /// marked with `*`.
    ///
    /// - Parameters:
    ///   - problem: The problem.
    ///   - summaries: Its summaries.
    ///   - grid: The grid used.
    /// - Returns: The table.
    public static func tuning(for problem: ProblemInfo, summaries: [OptimizerSummary], grid: LearningRateGrid) -> TextTable {
        let columns = grid.exponents.map { exponent -> String in
            exponent == 0 ? "default" : "×" + Formatting.compact(pow(10, exponent))
        }
        var table = TextTable(headers: ["optimizer"] + columns)
        for summary in summaries.sorted(by: { $0.optimizer < $1.optimizer }) {
            var cells = [summary.optimizer.displayName]
            for point in summary.tuning {
                var cell: String
                if point.diverged {
                    cell = "diverged"
                } else if problem.isClassification {
                    cell = Formatting.percent(point.validationAccuracy)
                } else if let steps = point.stepsToTarget, point.loss <= problem.target {
                    cell = "\(steps) steps"
                } else if let steps = point.stepsToTarget {
                    // Reached the tolerance, then left it again.
                    cell = "\(steps) steps, ends \(Formatting.compact(point.loss))"
                } else {
                    cell = Formatting.compact(point.loss)
                }
                if point.learningRate == summary.chosenLearningRate { cell += " *" }
                cells.append(cell)
            }
            while cells.count < columns.count + 1 { cells.append("") }
            table.append(cells)
        }
        return table
    }

    /// The range tests of one problem (`--lr-search finder`): a row per optimizer with the
    /// suggested rate, the steepest-descent rate, the minimum / 10 (the one used), the rate at
    /// the minimum of the smoothed loss, that minimum, and the steps run ("diverged" when the
    /// test stopped early).
    ///
    /// - Parameter summaries: The problem's summaries.
    /// - Returns: The table.
    public static func rangeTests(summaries: [OptimizerSummary]) -> TextTable {
        var table = TextTable(
            headers: ["optimizer", "suggested lr", "steepest descent", "min / 10", "lr at min", "min smoothed loss", "steps"],
            alignments: [.left, .right, .right, .right, .right, .right, .right])
        for summary in summaries.sorted(by: { $0.optimizer < $1.optimizer }) {
            guard let test = summary.rangeTest else { continue }
            table.append([
                summary.optimizer.displayName, Formatting.rate(test.suggestedLearningRate),
                test.steepestDescentLearningRate.map(Formatting.rate) ?? "—", Formatting.rate(test.minimumOverTenLearningRate),
                Formatting.rate(test.learningRateAtMinimum), Formatting.compact(test.minimumSmoothedLoss),
                "\(test.stepCount)\(test.diverged ? ", diverged" : "")",
            ])
        }
        return table
    }
}
