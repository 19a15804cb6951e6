import Foundation

/// `results.json`: the configuration, the machine, the problems, the summaries and every run
/// with its full curve (column arrays: `epoch`, `step`, `train_loss`, …) and, for the final
/// runs on test functions, the path (`x`, `y`, every visited point).
public enum ResultsJSON {
    /// The document.
    ///
    /// - Parameters:
    ///   - results: The benchmark's results.
    ///   - arguments: The command-line arguments, recorded as given.
    /// - Returns: The JSON value.
    public static func document(_ results: BenchmarkResults, arguments: [String]) -> JSONValue {
        let configuration = results.configuration
        let formatter = ISO8601DateFormatter()
        return .object([
            ("benchmark", .string("optimizer-benchmark")),
            ("format_version", .integer(1)),
            ("arguments", .array(arguments.map(JSONValue.string))),
            ("started", .string(formatter.string(from: results.startDate))),
            ("total_seconds", .number(results.totalSeconds)),
            (
                "machine",
                .object([
                    ("processor", .string(results.machine.processor)), ("cores", .integer(results.machine.cores)),
                    ("operating_system", .string(results.machine.operatingSystem)),
                ])
            ),
            (
                "configuration",
                .object([
                    ("problems", .array(results.problems.map { .string($0.name) })),
                    ("optimizers", .array(configuration.optimizers.map { .string($0.rawValue) })),
                    ("seeds", .integer(configuration.seeds)), ("epochs_override", .optional(configuration.epochs)),
                    ("learning_rate_search", .string(configuration.learningRateSearch.rawValue)),
                    ("learning_rate_grid_exponents", .numbers(configuration.grid.exponents)),
                    (
                        "range_test",
                        configuration.learningRateSearch == .finder
                            ? .object([
                                ("minimum_learning_rate", .number(configuration.rangeTest.minimumLearningRate)),
                                ("maximum_learning_rate", .number(configuration.rangeTest.maximumLearningRate)),
                                ("steps", .integer(configuration.rangeTest.stepCount)),
                                ("smoothing", .number(configuration.rangeTest.smoothing)),
                                ("function_smoothing", .number(configuration.functionRangeTest.smoothing)),
                                ("divergence_factor", .number(configuration.rangeTest.divergenceFactor)),
                            ]) : .null
                    ),
                    ("jobs", .integer(configuration.jobs)), ("quick", .bool(configuration.quick)),
                ])
            ),
            ("problems", .array(results.problems.map(problem))),
            ("summaries", .array(results.summaries.map(summary))),
            ("runs", .array(results.runs.map(run))),
        ])
    }

    /// A problem's description.
    static func problem(_ info: ProblemInfo) -> JSONValue {
        var members: [(String, JSONValue)] = [("name", .string(info.name)), ("title", .string(info.title))]
        switch info.details {
        case .classification(
            let architecture, let batchSize, let epochs, let targetLoss, let trainingCount, let validationCount,
            let testCount, let provenance, let reference):
            members += [
                ("kind", .string("classification")), ("model", .string(architecture.summary)),
                ("parameters", .integer(architecture.parameterCount)), ("batch_size", .integer(batchSize)),
                ("epochs", .integer(epochs)), ("target_loss", .number(targetLoss)),
                ("training_examples", .integer(trainingCount)), ("validation_examples", .integer(validationCount)),
                ("test_examples", .integer(testCount)), ("data", .string(provenance)),
                (
                    "reference",
                    reference.map { .object([("test_accuracy", .number($0.testAccuracy)), ("source", .string($0.source))]) }
                        ?? .null
                ),
            ]
        case .function(let problem, let steps):
            members += [
                ("kind", .string("function")), ("function", .string(problem.function.formula)),
                ("start", .numbers([problem.start.x, problem.start.y])),
                ("minimizer", .numbers([problem.function.minimizer.x, problem.function.minimizer.y])),
                ("steps", .integer(steps)), ("tolerance", .number(problem.tolerance)),
            ]
        }
        return .object(members)
    }

    /// A summary.
    static func summary(_ summary: OptimizerSummary) -> JSONValue {
        func statistics(_ value: SampleStatistics?) -> JSONValue {
            guard let value, value.count > 0 else { return .null }
            return .object([
                ("mean", .number(value.mean)), ("std", .optional(value.standardDeviation)),
                ("min", .number(value.minimum)), ("max", .number(value.maximum)), ("count", .integer(value.count)),
            ])
        }
        return .object([
            ("problem", .string(summary.problem)), ("optimizer", .string(summary.optimizer.rawValue)),
            ("settings", .string(summary.optimizer.settings)),
            ("default_learning_rate", .number(summary.optimizer.defaultLearningRate)),
            ("chosen_learning_rate", .number(summary.chosenLearningRate)),
            ("learning_rate_search", .string(summary.learningRateSearch.rawValue)),
            ("range_test", summary.rangeTest.map(rangeTest) ?? .null),
            (
                "tuning",
                .array(
                    summary.tuning.map {
                        .object([
                            ("learning_rate", .number($0.learningRate)),
                            ("validation_accuracy", .optional($0.validationAccuracy)), ("loss", .number($0.loss)),
                            ("steps_to_target", .optional($0.stepsToTarget)), ("diverged", .bool($0.diverged)),
                        ])
                    })
            ),
            ("final_train_loss", statistics(summary.finalTrainingLoss)),
            ("test_accuracy", statistics(summary.testAccuracy)),
            ("steps_to_target", statistics(summary.stepsToTarget)),
            ("seconds_to_target", statistics(summary.secondsToTarget)),
            ("runs", .integer(summary.runCount)), ("reached_target", .integer(summary.reachedCount)),
            ("diverged_runs", .integer(summary.divergedCount)), ("wall_seconds", statistics(summary.wallSeconds)),
        ])
    }

    /// A range test's suggestions and curve.
    static func rangeTest(_ test: RangeTestSummary) -> JSONValue {
        .object([
            ("suggested_learning_rate", .number(test.suggestedLearningRate)),
            ("steepest_descent_learning_rate", .optional(test.steepestDescentLearningRate)),
            ("learning_rate_at_minimum", .number(test.learningRateAtMinimum)),
            ("minimum_over_10_learning_rate", .number(test.minimumOverTenLearningRate)),
            ("minimum_smoothed_loss", .number(test.minimumSmoothedLoss)),
            ("steps", .integer(test.stepCount)), ("diverged", .bool(test.diverged)),
            (
                "curve",
                .object([
                    ("learning_rate", .numbers(test.points.map(\.learningRate))),
                    ("loss", .numbers(test.points.map(\.loss))),
                    ("smoothed_loss", .numbers(test.points.map(\.smoothedLoss))),
                ])
            ),
        ])
    }

    /// A run with its curve and path.
    static func run(_ run: RunRecord) -> JSONValue {
        var members: [(String, JSONValue)] = [
            ("problem", .string(run.problem)), ("optimizer", .string(run.optimizer.rawValue)),
            ("phase", .string(run.phase.rawValue)), ("learning_rate", .number(run.learningRate)),
            ("seed", .integer(Int(run.seed))), ("diverged", .bool(run.diverged)),
            ("steps_to_target", .optional(run.stepsToTarget)), ("seconds_to_target", .optional(run.secondsToTarget)),
            ("wall_seconds", .number(run.wallSeconds)),
            (
                "curve",
                .object([
                    ("epoch", .array(run.curve.map { .optional($0.epoch) })),
                    ("step", .array(run.curve.map { .integer($0.step) })),
                    ("train_loss", .numbers(run.curve.map(\.trainingLoss))),
                    ("validation_loss", .numbers(run.curve.map(\.validationLoss))),
                    ("validation_accuracy", .numbers(run.curve.map(\.validationAccuracy))),
                    ("test_loss", .numbers(run.curve.map(\.testLoss))),
                    ("test_accuracy", .numbers(run.curve.map(\.testAccuracy))),
                    ("seconds", .numbers(run.curve.map(\.seconds))),
                ])
            ),
        ]
        if !run.path.isEmpty {
            members.append(("path", .object([("x", .numbers(run.path.map(\.x))), ("y", .numbers(run.path.map(\.y)))])))
        }
        return .object(members)
    }
}
