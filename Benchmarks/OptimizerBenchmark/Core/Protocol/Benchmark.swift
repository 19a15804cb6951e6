import Foundation
import Layerwise
import _BenchmarkPlotting

/// The benchmark protocol: tune every optimizer's learning rate on validation data, then run
/// it with several seeds at the chosen rate and evaluate on the test set.
///
/// 1. Data: each classification problem's training data is split (stratified, with the
///    problem's split seed) into training and validation; the test set is kept apart.
/// 2. Tuning: for every problem, optimizer and learning rate of the grid, one run with seed 0,
///    judged on the validation split (`LearningRateSelection`). The test set is not passed to
///    these runs. With `LearningRateSearch.finder`, instead one learning-rate range test per
///    problem and optimizer on the training split alone (seed 0's initial weights), whose
///    minimum / 10 rate is the choice (`RangeTestSummary.chosenLearningRate`).
/// 3. Final runs: at the chosen rate, one run per seed 1…S; within a seed every optimizer starts
///    from the same weights and sees the same batch order (`SeedStreams`). Test functions are
///    deterministic: one final run each, which also records the path.
/// 4. Summaries: per problem and optimizer, mean ± std over seeds, ranked.
///
/// Runs are independent; `jobs` of them run at a time, and with more than one job each matrix
/// product stays on its run's thread (`Parallelism.threadCount = 1` while the benchmark runs),
/// so that runs do not compete for cores. The results do not depend on `jobs` (nor on the
/// thread count, which leaves products bitwise identical); the timings do.
public enum Benchmark {
    /// A problem ready to run: its trainer, test data and description.
    private enum Prepared: Sendable {
        case classification(ClassificationTrainer, test: Dataset<Float, [Int]>, info: ProblemInfo)
        case function(FunctionTrainer, info: ProblemInfo)

        var info: ProblemInfo {
            switch self {
            case .classification(_, _, let info), .function(_, let info): info
            }
        }
    }

    /// Runs the benchmark.
    ///
    /// - Parameters:
    ///   - configuration: What to run.
    ///   - progress: Where progress is shown.
    /// - Returns: Every run and the summaries.
    /// - Throws: A data-reading error of a classification problem.
    public static func run(_ configuration: BenchmarkConfiguration, progress: ProgressDisplay) throws -> BenchmarkResults {
        let startDate = Date()
        let wall = Stopwatch()
        let threadCount = Parallelism.threadCount
        if configuration.jobs > 1 { Parallelism.threadCount = 1 }
        defer { Parallelism.threadCount = threadCount }
        let prepared = try configuration.problems.map { try prepare($0, epochs: configuration.epochs, progress: progress) }

        // Tuning: the grid (every problem × optimizer × learning rate, seed 0, no test data) or
        // the range test (every problem × optimizer, training split only).
        var tuningRuns: [RunRecord] = []
        var rangeTests: [String: RangeTestSummary] = [:]
        var chosen: [String: Double] = [:]
        switch configuration.learningRateSearch {
        case .grid:
            var tuningJobs: [@Sendable () -> RunRecord] = []
            var tuningCosts: [Double] = []
            for problem in prepared {
                for kind in configuration.optimizers {
                    for rate in configuration.grid.rates(around: kind.defaultLearningRate) {
                        tuningJobs.append(job(problem, kind: kind, learningRate: rate, seed: 0, phase: .tuning, progress: progress))
                        tuningCosts.append(cost(problem))
                    }
                }
            }
            progress.beginPhase("tuning", total: tuningJobs.count)
            tuningRuns = ParallelExecutor.run(
                tuningJobs, workers: configuration.jobs, startOrder: tuningCosts.indices.sorted { tuningCosts[$0] > tuningCosts[$1] })
            for problem in prepared {
                for kind in configuration.optimizers {
                    let runs = tuningRuns.filter { $0.problem == problem.info.name && $0.optimizer == kind }
                    let best = problem.info.isClassification
                        ? LearningRateSelection.classification(runs)
                        : LearningRateSelection.function(runs, tolerance: problem.info.target)
                    chosen[key(problem.info.name, kind)] = best.learningRate
                }
            }
        case .finder:
            var finderJobs: [@Sendable () -> RangeTestSummary] = []
            var keys: [String] = []
            for problem in prepared {
                for kind in configuration.optimizers {
                    finderJobs.append(rangeTestJob(problem, kind: kind, configuration: configuration, progress: progress))
                    keys.append(key(problem.info.name, kind))
                }
            }
            progress.beginPhase("range test", total: finderJobs.count)
            let summaries = ParallelExecutor.run(finderJobs, workers: configuration.jobs)
            for (key, summary) in zip(keys, summaries) {
                rangeTests[key] = summary
                chosen[key] = summary.chosenLearningRate
            }
        }

        // Final runs: seeds 1…S at the chosen rate, with the test set.
        var finalJobs: [@Sendable () -> RunRecord] = []
        var finalCosts: [Double] = []
        for problem in prepared {
            for kind in configuration.optimizers {
                let rate = chosen[key(problem.info.name, kind)]!
                let seeds = problem.info.isClassification ? configuration.seeds : 1
                for seed in 1...seeds {
                    finalJobs.append(
                        job(problem, kind: kind, learningRate: rate, seed: UInt64(seed), phase: .final, progress: progress))
                    finalCosts.append(cost(problem))
                }
            }
        }
        progress.beginPhase("final", total: finalJobs.count)
        let finalRuns = ParallelExecutor.run(
            finalJobs, workers: configuration.jobs, startOrder: finalCosts.indices.sorted { finalCosts[$0] > finalCosts[$1] })
        progress.clear()

        var summaries: [OptimizerSummary] = []
        for problem in prepared {
            let name = problem.info.name
            let problemSummaries = configuration.optimizers.map { kind in
                OptimizerSummary(
                    tuningRuns: tuningRuns.filter { $0.problem == name && $0.optimizer == kind },
                    finalRuns: finalRuns.filter { $0.problem == name && $0.optimizer == kind },
                    chosenLearningRate: chosen[key(name, kind)]!, rangeTest: rangeTests[key(name, kind)])
            }
            summaries += OptimizerSummary.ranked(problemSummaries)
        }
        return BenchmarkResults(
            configuration: configuration, problems: prepared.map(\.info), runs: tuningRuns + finalRuns,
            summaries: summaries, startDate: startDate, totalSeconds: wall.seconds, machine: .current)
    }

    /// The dictionary key of a problem and optimizer.
    private static func key(_ problem: String, _ kind: OptimizerKind) -> String {
        problem + "/" + kind.rawValue
    }

    /// Loads a problem's data and builds its trainer.
    private static func prepare(_ problem: BenchmarkProblem, epochs: Int?, progress: ProgressDisplay) throws -> Prepared {
        switch problem {
        case .classification(var problem):
            let data = try problem.loadData()
            problem.architecture.inputSize = data.featureCount
            problem.architecture.classCount = data.classCount
            let training = Dataset(
                features: data.training.features.reshaped(to: [data.training.count, data.featureCount]),
                labels: data.training.labels)
            let test = Dataset(features: data.test.features.reshaped(to: [data.test.count, data.featureCount]), labels: data.test.labels)
            let trainer = ClassificationTrainer(problem: problem, training: training, epochs: epochs)
            let info = ProblemInfo(
                name: problem.name, title: problem.title,
                details: .classification(
                    architecture: problem.architecture, batchSize: problem.batchSize, epochs: trainer.epochs,
                    targetLoss: problem.targetLoss, trainingCount: trainer.training.count,
                    validationCount: trainer.validation.count, testCount: test.count, provenance: data.provenance,
                    reference: problem.reference))
            progress.note("\(problem.name): \(data.provenance)")
            return .classification(trainer, test: test, info: info)
        case .function(let problem):
            let trainer = FunctionTrainer(problem: problem)
            return .function(trainer, info: ProblemInfo(name: problem.name, title: problem.title, details: .function(problem, steps: trainer.steps)))
        }
    }

    /// A rough cost of one run, to start the long runs first.
    private static func cost(_ problem: Prepared) -> Double {
        switch problem {
        case .classification(let trainer, _, _):
            Double(trainer.epochs) * Double(trainer.training.count) * Double(trainer.architecture.parameterCount)
        case .function(let trainer, _):
            Double(trainer.steps) * 100
        }
    }

    /// The range test of one optimizer on one problem as a job, reporting to `progress`. A
    /// classification problem's trainer holds the training and validation splits; the test
    /// runs on the training split alone, and the test set is not captured.
    private static func rangeTestJob(
        _ problem: Prepared, kind: OptimizerKind, configuration: BenchmarkConfiguration, progress: ProgressDisplay
    ) -> @Sendable () -> RangeTestSummary {
        let label = "\(problem.info.name) \(kind.displayName) range test"
        switch problem {
        case .classification(let trainer, _, _):
            let test = configuration.rangeTest
            return {
                let token = progress.start(label)
                defer { progress.finish(token) }
                return RangeTestSummary(trainer.rangeTest(optimizer: kind, test: test))
            }
        case .function(let trainer, _):
            let test = configuration.functionRangeTest
            return {
                let token = progress.start(label)
                defer { progress.finish(token) }
                return RangeTestSummary(trainer.rangeTest(optimizer: kind, test: test))
            }
        }
    }

    /// One run as a job, reporting to `progress`.
    private static func job(
        _ problem: Prepared, kind: OptimizerKind, learningRate: Double, seed: UInt64, phase: RunPhase,
        progress: ProgressDisplay
    ) -> @Sendable () -> RunRecord {
        let label = "\(problem.info.name) \(kind.displayName) \(NumberFormatting.compact(learningRate))"
            + (phase == .final ? " s\(seed)" : "")
        switch problem {
        case .classification(let trainer, let test, _):
            let test = phase == .final ? test : nil  // tuning never sees the test set
            return {
                let token = progress.start(label)
                defer { progress.finish(token) }
                return trainer.train(
                    optimizer: kind, learningRate: learningRate, seed: seed, phase: phase, test: test
                ) { event in
                    if case .epochEnded(let epoch, let total) = event {
                        progress.update(token, label + " (\(epoch)/\(total))")
                    }
                }
            }
        case .function(let trainer, _):
            return {
                let token = progress.start(label)
                defer { progress.finish(token) }
                return trainer.train(optimizer: kind, learningRate: learningRate, phase: phase, recordsPath: phase == .final)
            }
        }
    }
}
