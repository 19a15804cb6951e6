import Foundation

/// `report.md`: the run's setup, and per problem its data, model, figures and ranked tables,
/// then the test-accuracy chart and the list of files.
public enum ReportWriter {
    /// The Markdown text.
    ///
    /// - Parameters:
    ///   - results: The benchmark's results.
    ///   - arguments: The command-line arguments.
    ///   - imagePrefix: Prepended to the figure file names in image links (e.g. "images/").
    /// - Returns: The report.
    public static func markdown(_ results: BenchmarkResults, arguments: [String], imagePrefix: String = "") -> String {
        let configuration = results.configuration
        let formatter = ISO8601DateFormatter()
        var text = "# Optimizer benchmark\n\n"
        text += "Command: `" + (["optimizer-benchmark"] + arguments).joined(separator: " ") + "`\n\n"
        text += "Run on \(formatter.string(from: results.startDate)) on \(results.machine.processor), "
        text += "\(results.machine.cores) cores (\(results.machine.operatingSystem)); "
        text += "\(configuration.jobs) run\(configuration.jobs == 1 ? "" : "s") at a time; "
        text += "total \(Formatting.duration(results.totalSeconds)).\n\n"
        text += protocolSummary(configuration)
        for problem in results.problems {
            let summaries = results.summaries(of: problem.name)
            text += "## \(problem.title) (`\(problem.name)`)\n\n"
            text += problemDescription(problem) + "\n\n"
            text += "![\(problem.title): training loss](\(imagePrefix)loss-\(problem.name).svg)\n\n"
            if problem.functionProblem != nil {
                text += "![\(problem.title): optimizer paths](\(imagePrefix)paths-\(problem.name).svg)\n\n"
            }
            text += SummaryTables.ranking(for: problem, summaries: summaries).markdown + "\n"
            if let reference = problem.reference, let best = summaries.first, let accuracy = best.testAccuracy {
                text += "Published figure: \(Formatting.percent(reference.testAccuracy, decimals: 0)) test accuracy "
                text += "(\(reference.source)); ours, best optimizer (\(best.optimizer.displayName)): "
                text += "\(Formatting.percentMeanStd(accuracy)).\n\n"
            }
            switch configuration.learningRateSearch {
            case .grid:
                text += "Learning-rate search at each multiple of the default rate ("
                text += problem.isClassification
                    ? "validation accuracy after the last epoch"
                    : "steps to the tolerance, the final f − f* where the run left it again, or only the final f − f*"
                text += "; `*` marks the choice):\n\n"
                text += SummaryTables.tuning(for: problem, summaries: summaries, grid: configuration.grid).markdown + "\n"
            case .finder:
                text += "Learning-rate range test ("
                text += problem.isClassification
                    ? "training split only, smoothed mini-batch loss"
                    : "full batch, loss f − f*, no smoothing"
                text += "; the minimum / 10 is the rate used):\n\n"
                text += SummaryTables.rangeTests(summaries: summaries).markdown + "\n"
            }
        }
        if results.problems.contains(where: \.isClassification) {
            text += "## Test accuracy\n\n![Test accuracy](\(imagePrefix)test-accuracy.svg)\n\n"
        }
        text += "## Files\n\n"
        text += "- `results.csv`: every epoch (or recorded step) of every run, tuning and final.\n"
        text += "- `summary.csv`: one row per problem and optimizer, in ranking order.\n"
        text += "- `results.json`: the configuration, the summaries and every run with its curves and paths.\n"
        text += "- `*.svg`: the figures above.\n"
        return text
    }

    /// The protocol in a few lines.
    static func protocolSummary(_ configuration: BenchmarkConfiguration) -> String {
        """
            ## Protocol

            - Optimizers at PyTorch's defaults except the learning rate: \
            \(configuration.optimizers.map(\.displayName).joined(separator: ", ")).
            - Learning rate: \(learningRateProtocol(configuration))
            - Final runs: seeds 1…\(configuration.seeds) at the chosen rate; within a seed every \
            optimizer starts from the same weights and sees the same batch order. Test accuracy is \
            measured after the last epoch (no early stopping); ± is the sample standard deviation \
            over seeds.
            - Steps to target: optimizer steps until the mean training loss of an epoch first \
            reaches the target (counted at the end of that epoch); (k/n) = how many seeds reached \
            it. Seconds count training steps only.\(configuration.quick ? "\n- This is a `--quick` smoke run: tiny budgets, not a result." : "")


            """
    }

    /// How the learning rate was chosen, in a sentence or two.
    static func learningRateProtocol(_ configuration: BenchmarkConfiguration) -> String {
        switch configuration.learningRateSearch {
        case .grid:
            let exponents = configuration.grid.exponents.map { Formatting.compact($0) }.joined(separator: ", ")
            return "the default times 10^e for e in {\(exponents)}; one run per rate with "
                + "seed 0 on the training split, chosen by the validation accuracy after the last epoch "
                + "(classification; validation = a stratified 20 % of the training data) or by the fewest "
                + "steps to the tolerance among the rates that end within it (test functions). The test "
                + "set is not used for any choice."
        case .finder:
            let test = configuration.rangeTest
            return "`--lr-search finder`: one learning-rate range test per problem and optimizer "
                + "(γ from \(Formatting.rate(test.minimumLearningRate)) to \(Formatting.rate(test.maximumLearningRate)) "
                + "over \(test.stepCount) steps, smoothing \(Formatting.compact(test.smoothing)), stopped when the smoothed "
                + "loss exceeds \(Formatting.compact(test.divergenceFactor))× its minimum) on the training split only, "
                + "from seed 0's initial weights; the rate at the minimum of the smoothed loss / 10 is used "
                + "(the steepest-descent suggestion is recorded beside it). Test functions: the full-batch test with f − f* as the "
                + "loss and no smoothing. Neither the validation split nor the test set is used for any choice."
        }
    }

    /// A problem's data, model and budget in a sentence or two.
    static func problemDescription(_ problem: ProblemInfo) -> String {
        switch problem.details {
        case .classification(
            let architecture, let batchSize, let epochs, let targetLoss, let trainingCount, let validationCount,
            let testCount, let provenance, _):
            return "Data: \(provenance). Split: \(trainingCount) training, \(validationCount) validation, "
                + "\(testCount) test examples. Model: MLP \(architecture.summary) (\(architecture.parameterCount) "
                + "parameters), softmax cross-entropy, \(epochs) epoch\(epochs == 1 ? "" : "s") of batch \(batchSize). "
                + "Target training loss: \(Formatting.compact(targetLoss))."
        case .function(let function, let steps):
            return "\(function.function.formula), minimum 0 at (\(Formatting.compact(function.function.minimizer.x)), "
                + "\(Formatting.compact(function.function.minimizer.y))). Start (\(Formatting.compact(function.start.x)), "
                + "\(Formatting.compact(function.start.y))), \(steps) steps with the exact gradient, in Double; "
                + "tolerance f − f* ≤ \(Formatting.compact(function.tolerance))."
        }
    }
}
