import Foundation
import Layerwise
import Testing
@testable import _OptimizerBenchmarkCore

/// The protocol: seeds, the learning-rate grid, what tuning sees, identical starts within a
/// seed, the selection rule, statistics and ranking.
@Suite struct ProtocolTests {
    /// A small problem on four blobs, with its own test set.
    static func blobProblem(test: Dataset<Float, [Int]>) -> ClassificationProblem {
        ClassificationProblem(
            name: "blobs", title: "Blobs",
            architecture: MLPArchitecture(inputSize: 2, hiddenSizes: [8], classCount: 4, activation: .tanh),
            batchSize: 16, epochs: 3, targetLoss: 0.5
        ) {
            ClassificationData(training: TestData.blobs(count: 120, seed: 5), test: test, classCount: 4, provenance: "blobs")
        }
    }

    static func trainer() -> ClassificationTrainer {
        ClassificationTrainer(problem: blobProblem(test: TestData.blobs(count: 40, seed: 6)), training: TestData.blobs(count: 120, seed: 5))
    }

    @Test func gridIsLogSpacedAroundTheDefault() {
        let rates = LearningRateGrid().rates(around: 1e-3)
        #expect(rates.count == 5)
        #expect(rates[2] == 1e-3)
        #expect(abs(rates[0] - 1e-4) < 1e-18 && abs(rates[4] - 1e-2) < 1e-17)
        // Equal ratios: √10 between neighbours.
        for (a, b) in zip(rates, rates.dropFirst()) {
            #expect(abs(b / a - 10.0.squareRoot()) < 1e-12)
        }
        #expect(LearningRateGrid(exponents: [-0.5, 0, 0.5]).rates(around: 2).count == 3)
    }

    @Test func optimizersUsePyTorchDefaults() {
        // torch.optim defaults (PyTorch 2.x documentation).
        let expected: [OptimizerKind: Double] = [
            .sgd: 1e-3, .sgdMomentum: 1e-3, .adagrad: 1e-2, .rmsprop: 1e-2, .adadelta: 1.0, .adam: 1e-3, .adamw: 1e-3,
            .adamax: 2e-3, .nadam: 2e-3, .radam: 1e-3,
        ]
        for kind in OptimizerKind.allCases {
            #expect(kind.defaultLearningRate == expected[kind])
            let optimizer: any Optimizer<Float> = kind.make(learningRate: 0.25)
            #expect(optimizer.learningRate == 0.25)
        }
        #expect((OptimizerKind.sgdMomentum.make(learningRate: 0.1) as any Optimizer<Float> as? SGD<Float>)?.momentum == 0.9)
        #expect((OptimizerKind.sgd.make(learningRate: 0.1) as any Optimizer<Float> as? SGD<Float>)?.momentum == 0)
        #expect((OptimizerKind.adamw.make(learningRate: 0.1) as any Optimizer<Float> as? AdamW<Float>)?.weightDecay == 0.01)
    }

    @Test func seedStreamsDependOnTheSeedAlone() {
        #expect(SeedStreams(seed: 4) == SeedStreams(seed: 4))
        #expect(SeedStreams(seed: 4) != SeedStreams(seed: 5))
        let streams = SeedStreams(seed: 4)
        #expect(streams.initialization != streams.shuffling)
    }

    @Test func everyOptimizerStartsFromTheSameWeightsAndBatchesWithinASeed() {
        let trainer = Self.trainer()
        func observe(_ kind: OptimizerKind, seed: UInt64) -> (WeightsSnapshot<Float>, [[Int]]) {
            var initial: WeightsSnapshot<Float>?
            var batches: [[Int]] = []
            _ = trainer.train(optimizer: kind, learningRate: kind.defaultLearningRate, seed: seed, phase: .final) { event in
                switch event {
                case .initialWeights(let weights): initial = weights
                case .batch(_, let indices): batches.append(Array(indices))
                case .epochEnded: break
                }
            }
            return (initial!, batches)
        }
        let (adamWeights, adamBatches) = observe(.adam, seed: 1)
        let (sgdWeights, sgdBatches) = observe(.sgd, seed: 1)
        let (adadeltaWeights, adadeltaBatches) = observe(.adadelta, seed: 1)
        #expect(adamWeights == sgdWeights && adamWeights == adadeltaWeights)
        #expect(adamBatches == sgdBatches && adamBatches == adadeltaBatches)
        // 96 training examples (120 minus a 20 % validation split) in batches of 16, 3 epochs.
        #expect(adamBatches.count == 3 * 6)
        #expect(Set(adamBatches.prefix(6).flatMap { $0 }) == Set(0..<96))
        let (otherWeights, otherBatches) = observe(.adam, seed: 2)
        #expect(otherWeights != adamWeights)
        #expect(otherBatches != adamBatches)
    }

    @Test func validationIsCarvedFromTrainingData() {
        let trainer = Self.trainer()
        #expect(trainer.training.count == 96 && trainer.validation.count == 24)
        // Every validation example comes from the training data given, none from the test set.
        let given = TestData.blobs(count: 120, seed: 5)
        let rows = Set((0..<given.count).map { [given.features[$0, 0], given.features[$0, 1]] })
        for index in 0..<trainer.validation.count {
            #expect(rows.contains([trainer.validation.features[index, 0], trainer.validation.features[index, 1]]))
        }
    }

    @Test func tuningNeverSeesTheTestSet() throws {
        // The same problem with two different test sets: one real, one of garbage (NaN features,
        // labels out of the usual range). Tuning must not change; final test numbers must.
        let realTest = TestData.blobs(count: 40, seed: 6)
        let garbage = Dataset(
            features: Tensor(repeating: Float.nan, shape: [40, 2]), labels: Array(repeating: 3, count: 40))
        func run(_ test: Dataset<Float, [Int]>) throws -> BenchmarkResults {
            let configuration = BenchmarkConfiguration(
                problems: [.classification(Self.blobProblem(test: test))], optimizers: [.sgd, .adam], seeds: 2,
                grid: LearningRateGrid(exponents: [-1, 0, 1]), jobs: 1)
            return try Benchmark.run(configuration, progress: ProgressDisplay(enabled: false))
        }
        let real = try run(realTest)
        let poisoned = try run(garbage)
        let realTuning = real.runs.filter { $0.phase == .tuning }
        let poisonedTuning = poisoned.runs.filter { $0.phase == .tuning }
        #expect(realTuning.count == 2 * 3)
        for (a, b) in zip(realTuning, poisonedTuning) {
            #expect(a.learningRate == b.learningRate && a.optimizer == b.optimizer)
            #expect(a.curve.map(\.trainingLoss) == b.curve.map(\.trainingLoss))
            #expect(a.curve.map(\.validationAccuracy) == b.curve.map(\.validationAccuracy))
            #expect(a.curve.allSatisfy { $0.testAccuracy == nil && $0.testLoss == nil })
        }
        #expect(real.summaries.map(\.chosenLearningRate) == poisoned.summaries.map(\.chosenLearningRate))
        // Final runs do see the test set.
        let realFinal = real.runs.filter { $0.phase == .final }
        #expect(realFinal.count == 2 * 2)
        #expect(realFinal.allSatisfy { $0.finalTestAccuracy != nil })
        let poisonedFinal = poisoned.runs.filter { $0.phase == .final }
        #expect(poisonedFinal.allSatisfy { $0.curve.last!.testLoss!.isNaN })
        #expect(realFinal.allSatisfy { $0.curve.last!.testLoss!.isFinite })
    }

    @Test func finalRunsUseTheChosenRateAndEverySeed() throws {
        let configuration = BenchmarkConfiguration(
            problems: [.classification(Self.blobProblem(test: TestData.blobs(count: 40, seed: 6)))],
            optimizers: [.rmsprop], seeds: 3, grid: LearningRateGrid(exponents: [-1, 0]), jobs: 2)
        let results = try Benchmark.run(configuration, progress: ProgressDisplay(enabled: false))
        let summary = results.summaries[0]
        let finals = results.finalRuns(of: "blobs", optimizer: .rmsprop)
        #expect(finals.map(\.seed) == [1, 2, 3])
        #expect(finals.allSatisfy { $0.learningRate == summary.chosenLearningRate })
        #expect(results.runs.filter { $0.phase == .tuning }.allSatisfy { $0.seed == 0 })
        #expect(summary.runCount == 3 && summary.testAccuracy?.count == 3)
        #expect(finals.allSatisfy { $0.curve.count == 3 && $0.curve.map(\.epoch) == [1, 2, 3] })
        // Steps are counted: 6 batches per epoch (96 examples, batch 16).
        #expect(finals[0].curve.map(\.step) == [6, 12, 18])
    }

    @Test func resultsDoNotDependOnTheNumberOfJobs() throws {
        func run(jobs: Int) throws -> BenchmarkResults {
            try Benchmark.run(
                BenchmarkConfiguration(
                    problems: [.classification(Self.blobProblem(test: TestData.blobs(count: 40, seed: 6)))],
                    optimizers: [.sgd, .adam, .adagrad], seeds: 2, grid: LearningRateGrid(exponents: [0, 1]), jobs: jobs),
                progress: ProgressDisplay(enabled: false))
        }
        let one = try run(jobs: 1)
        let two = try run(jobs: 2)
        #expect(one.runs.map(\.finalTrainingLoss) == two.runs.map(\.finalTrainingLoss))
        #expect(one.runs.map(\.learningRate) == two.runs.map(\.learningRate))
    }

    @Test func divergingRunsStopAndAreMarked() {
        // A rate beyond Float's range: the first step makes the weights infinite, the loss NaN.
        let record = Self.trainer().train(optimizer: .sgd, learningRate: 1e300, seed: 1, phase: .tuning)
        #expect(record.diverged)
        #expect(!record.finalTrainingLoss.isFinite)
        #expect(record.curve.count < 3)
    }

    @Test func functionRunTakesTheExactGradientStep() {
        let problem = ProblemCatalog.rosenbrock(quick: false)
        let record = FunctionTrainer(problem: problem, steps: 2).train(
            optimizer: .sgd, learningRate: 1e-3, phase: .final, recordsPath: true)
        // From (−1.5, 2) the gradient is (−155, −50): one SGD step of 1e-3 goes to (−1.345, 2.05).
        #expect(record.path.count == 3)
        #expect(abs(record.path[1].x - -1.345) < 1e-15 && abs(record.path[1].y - 2.05) < 1e-15)
        #expect(record.curve.map(\.step) == [0, 1, 2])
        #expect(record.curve[0].trainingLoss == 12.5)
        #expect(abs(record.curve[1].trainingLoss - TestFunction.rosenbrock.value(-1.345, 2.05)) < 1e-12)
        #expect(record.curve.allSatisfy { $0.epoch == nil && $0.testAccuracy == nil })
    }

    @Test func functionRunCountsStepsToTolerance() {
        var problem = ProblemCatalog.beale(quick: false)
        problem.start = (3, 0.5)  // at the minimum: reached before any step
        let atMinimum = FunctionTrainer(problem: problem, steps: 5).train(optimizer: .adam, learningRate: 1e-3, phase: .tuning, recordsPath: false)
        #expect(atMinimum.stepsToTarget == 0)
        #expect(atMinimum.path.isEmpty)
        let far = FunctionTrainer(problem: ProblemCatalog.rosenbrock(quick: false), steps: 5)
            .train(optimizer: .sgd, learningRate: 1e-6, phase: .tuning, recordsPath: false)
        #expect(far.stepsToTarget == nil && far.secondsToTarget == nil)
        let exploding = FunctionTrainer(problem: ProblemCatalog.rosenbrock(quick: false), steps: 100)
            .train(optimizer: .sgd, learningRate: 1, phase: .tuning, recordsPath: false)
        #expect(exploding.diverged && exploding.curve.last!.step < 100)
    }

    /// A synthetic record with the given final numbers.
    static func record(
        _ kind: OptimizerKind = .adam, rate: Double, validationAccuracy: Double? = nil, validationLoss: Double? = nil,
        trainingLoss: Double = 1, steps: Int? = nil, diverged: Bool = false, test: Double? = nil
    ) -> RunRecord {
        RunRecord(
            problem: "p", optimizer: kind, phase: test == nil ? .tuning : .final, learningRate: rate, seed: 0,
            curve: [
                CurvePoint(
                    epoch: 1, step: 10, trainingLoss: trainingLoss, validationLoss: validationLoss,
                    validationAccuracy: validationAccuracy, testAccuracy: test, seconds: 1)
            ],
            diverged: diverged, stepsToTarget: steps, secondsToTarget: steps.map { Double($0) / 100 }, wallSeconds: 1)
    }

    @Test func classificationSelectionPrefersValidationAccuracyThenLoss() {
        let runs = [
            Self.record(rate: 1e-4, validationAccuracy: 0.80, validationLoss: 0.5),
            Self.record(rate: 1e-3, validationAccuracy: 0.90, validationLoss: 0.4),
            Self.record(rate: 1e-2, validationAccuracy: 0.90, validationLoss: 0.3),
            Self.record(rate: 1e-1, validationAccuracy: 0.95, validationLoss: .nan, trainingLoss: .nan, diverged: true),
        ]
        #expect(LearningRateSelection.classification(runs).learningRate == 1e-2)
        // A full tie goes to the rate nearer the default (1e-3 for Adam).
        let tie = [
            Self.record(rate: 1e-2, validationAccuracy: 0.9, validationLoss: 0.3),
            Self.record(rate: 1e-3, validationAccuracy: 0.9, validationLoss: 0.3),
        ]
        #expect(LearningRateSelection.classification(tie).learningRate == 1e-3)
        // Diverged runs lose even with nothing else left but a poor run.
        let poor = [Self.record(rate: 1, validationAccuracy: 0.99, validationLoss: .nan, diverged: true), Self.record(rate: 1e-4, validationAccuracy: 0.1, validationLoss: 2.3)]
        #expect(LearningRateSelection.classification(poor).learningRate == 1e-4)
    }

    @Test func functionSelectionPrefersFewestStepsAmongRunsEndingWithinTolerance() {
        let runs = [
            Self.record(rate: 1e-4, trainingLoss: 0.5),
            Self.record(rate: 1e-3, trainingLoss: 1e-6, steps: 900),
            Self.record(rate: 1e-2, trainingLoss: 1e-9, steps: 300),
            Self.record(rate: 3e-2, trainingLoss: 0.07, steps: 200),  // reached 1e-4, bounced out
            Self.record(rate: 1e-1, trainingLoss: .infinity, diverged: true),
        ]
        #expect(LearningRateSelection.function(runs, tolerance: 1e-4).learningRate == 1e-2)
        // Nothing ends within the tolerance: the lowest final loss.
        let none = [
            Self.record(rate: 1e-4, trainingLoss: 0.5), Self.record(rate: 1e-3, trainingLoss: 0.05),
            Self.record(rate: 1e-2, trainingLoss: 0.07, steps: 200),
        ]
        #expect(LearningRateSelection.function(none, tolerance: 1e-4).learningRate == 1e-3)
    }

    @Test func sampleStatisticsByHand() {
        let statistics = SampleStatistics([1, 2, 3, 4])
        #expect(statistics.mean == 2.5)
        // Σ (x − 2.5)² = 2.25 + 0.25 + 0.25 + 2.25 = 5, over n − 1 = 3.
        #expect(abs(statistics.standardDeviation! - (5.0 / 3).squareRoot()) < 1e-15)
        #expect(statistics.minimum == 1 && statistics.maximum == 4)
        #expect(SampleStatistics([7]).standardDeviation == nil)
        #expect(SampleStatistics([]).mean.isNaN)
    }

    @Test func summariesRankByTestAccuracy() {
        let good = OptimizerSummary(
            tuningRuns: [Self.record(.adam, rate: 1e-3, validationAccuracy: 0.9, validationLoss: 0.3)],
            finalRuns: [Self.record(.adam, rate: 1e-3, steps: 20, test: 0.9), Self.record(.adam, rate: 1e-3, test: 0.8)],
            chosenLearningRate: 1e-3)
        let better = OptimizerSummary(
            tuningRuns: [Self.record(.sgd, rate: 1e-3, validationAccuracy: 0.95, validationLoss: 0.2)],
            finalRuns: [Self.record(.sgd, rate: 1e-3, test: 0.95)], chosenLearningRate: 1e-3)
        #expect(OptimizerSummary.ranked([good, better]).map(\.optimizer) == [.sgd, .adam])
        #expect(abs(good.testAccuracy!.mean - 0.85) < 1e-15)
        #expect(good.reachedCount == 1 && good.stepsToTarget.mean == 20)
        #expect(good.defaultValidationAccuracy == 0.9)
    }
}
