import Foundation
import Layerwise
import Testing
@testable import _OptimizerBenchmarkCore

/// `--lr-search finder`: the option, what the range test sees, that its minimum / 10 is the rate
/// used (the suggestion only as a fallback), and the program end to end.
@Suite struct LearningRateSearchTests {
    /// A short range test, enough for the blobs.
    static let shortTest = LearningRateRangeTest(minimumLearningRate: 1e-4, maximumLearningRate: 10, stepCount: 20)

    static func finderConfiguration(_ problems: [BenchmarkProblem], optimizers: [OptimizerKind] = [.sgd, .adam]) -> BenchmarkConfiguration {
        BenchmarkConfiguration(
            problems: problems, optimizers: optimizers, seeds: 2, learningRateSearch: .finder, rangeTest: shortTest, jobs: 2)
    }

    @Test func optionDefaultsToGridAndParsesBothSearches() throws {
        #expect(try BenchmarkOptions.parse([]).learningRateSearch == .grid)
        #expect(try BenchmarkOptions.parse(["--lr-search", "finder"]).learningRateSearch == .finder)
        #expect(try BenchmarkOptions.parse(["--lr-search=Finder"]).learningRateSearch == .finder)
        #expect(try BenchmarkOptions.parse(["--lr-search", "finder", "--lr-search", "grid"]).learningRateSearch == .grid)
        #expect(throws: BenchmarkOptions.ParseError.self) { try BenchmarkOptions.parse(["--lr-search", "bayes"]) }
        #expect(throws: BenchmarkOptions.ParseError.self) { try BenchmarkOptions.parse(["--lr-search"]) }
        let help = BenchmarkOptions.helpText
        #expect(help.contains("--lr-search KIND") && help.contains("(default: grid)"))
        #expect(help.contains("finder") && help.contains("Rosenbrock"))
    }

    @Test func theQuickRangeTestIsShorter() {
        #expect(BenchmarkConfiguration.defaultRangeTest(quick: false).stepCount == 100)
        #expect(BenchmarkConfiguration.defaultRangeTest(quick: true).stepCount == 40)
        let configuration = Self.finderConfiguration([.function(ProblemCatalog.beale(quick: true))])
        #expect(configuration.functionRangeTest.smoothing == 0)
        #expect(configuration.functionRangeTest.stepCount == Self.shortTest.stepCount)
    }

    @Test func testFunctionLossIsTheFunctionAndItsGradient() {
        // Rosenbrock at (−1.5, 2): (1 − x)² + 100(y − x²)² = 6.25 + 100·0.0625 = 12.5;
        // ∂f/∂x = −2(1 − x) − 400x(y − x²) = −5 − 150 = −155, ∂f/∂y = 200(y − x²) = −50.
        let (value, gradient) = TestFunctionLoss(function: .rosenbrock)(Tensor(shape: [1, 2], scalars: [-1.5, 2]), target: ())
        #expect(value == 12.5)
        #expect(gradient.shape == [1, 2] && gradient.scalars == [-155, -50])
    }

    @Test func finderNeverSeesTheTestSet() throws {
        // The same problem with a real test set and with garbage (NaN features): the range tests
        // and the chosen rates must not change; the final runs' test numbers must.
        let garbage = Dataset(features: Tensor(repeating: Float.nan, shape: [40, 2]), labels: Array(repeating: 3, count: 40))
        func run(_ test: Dataset<Float, [Int]>) throws -> BenchmarkResults {
            try Benchmark.run(
                Self.finderConfiguration([.classification(ProtocolTests.blobProblem(test: test))]),
                progress: ProgressDisplay(enabled: false))
        }
        let real = try run(TestData.blobs(count: 40, seed: 6))
        let poisoned = try run(garbage)
        #expect(real.runs.allSatisfy { $0.phase == .final })
        #expect(real.summaries.allSatisfy { $0.learningRateSearch == .finder && $0.rangeTest != nil && $0.tuning.isEmpty })
        #expect(real.summaries.map(\.rangeTest) == poisoned.summaries.map(\.rangeTest))
        #expect(real.summaries.map(\.chosenLearningRate) == poisoned.summaries.map(\.chosenLearningRate))
        #expect(real.runs.allSatisfy { $0.curve.last!.testLoss!.isFinite })
        #expect(poisoned.runs.allSatisfy { $0.curve.last!.testLoss!.isNaN })
    }

    @Test func finderNeverSeesTheValidationSplit() {
        // Two trainers with the same training split, one with a garbage validation split.
        let trainer = ProtocolTests.trainer()
        var poisoned = trainer
        poisoned.validation = Dataset(
            features: Tensor(repeating: Float.nan, shape: [trainer.validation.count, 2]),
            labels: Array(repeating: 3, count: trainer.validation.count))
        for kind in [OptimizerKind.sgd, .adam, .adadelta] {
            let a = trainer.rangeTest(optimizer: kind, test: Self.shortTest)
            let b = poisoned.rangeTest(optimizer: kind, test: Self.shortTest)
            #expect(a == b)
            #expect(a.points.first!.loss.isFinite)
        }
    }

    /// γₘ / 10 with m = argminₖ ŝₖ, found here by scanning the curve (first minimum wins).
    static func minimumOverTen(_ points: [LearningRateRangeTestResult.Point]) -> Double {
        var best = points[0]
        for point in points where point.smoothedLoss < best.smoothedLoss { best = point }
        return best.learningRate / 10
    }

    @Test func chosenRateIsTheRangeTestMinimumOverTen() throws {
        let blobs = ProtocolTests.blobProblem(test: TestData.blobs(count: 40, seed: 6))
        let beale = ProblemCatalog.beale(quick: true)
        let optimizers: [OptimizerKind] = [.sgdMomentum, .adam, .rmsprop]
        let results = try Benchmark.run(
            Self.finderConfiguration([.classification(blobs), .function(beale)], optimizers: optimizers),
            progress: ProgressDisplay(enabled: false))
        let trainer = ProtocolTests.trainer()
        for kind in optimizers {
            // The range test run here with the library directly: the training split, seed 0's
            // initial weights and batch order (those of the grid search's tuning runs).
            let streams = SeedStreams(seed: 0)
            var initialization = streams.initialization
            var shuffling = streams.shuffling
            var model = trainer.architecture.makeModel(using: &initialization)
            var optimizer: any Optimizer<Float> = kind.make(learningRate: kind.defaultLearningRate)
            let expected = Self.shortTest.run(
                model: &model, optimizer: &optimizer, training: trainer.training, batchSize: trainer.batchSize,
                loss: SoftmaxCrossEntropy<Float>(), shuffling: &shuffling)
            let summary = try #require(results.summaries(of: "blobs").first { $0.optimizer == kind })
            let rate = Self.minimumOverTen(expected.points)
            #expect(summary.chosenLearningRate == rate)
            // Both rules stay recorded.
            #expect(summary.rangeTest == RangeTestSummary(expected))
            #expect(summary.rangeTest?.suggestedLearningRate == expected.suggestedLearningRate)
            #expect(results.finalRuns(of: "blobs", optimizer: kind).allSatisfy { $0.learningRate == rate })

            // Beale: the full-batch test from the start, loss f − f*, no smoothing.
            var point = PointModel<Double>(x: beale.start.x, y: beale.start.y)
            var pointOptimizer: any Optimizer<Double> = kind.make(learningRate: kind.defaultLearningRate)
            var fullBatch = Self.shortTest
            fullBatch.smoothing = 0
            let functionExpected = fullBatch.run(
                model: &point, optimizer: &pointOptimizer, loss: TestFunctionLoss(function: beale.function)
            ) { _ in (Tensor<Double>(zeros: [1, 1]), ()) }
            let functionSummary = try #require(results.summaries(of: "beale").first { $0.optimizer == kind })
            let functionRate = Self.minimumOverTen(functionExpected.points)
            #expect(functionSummary.chosenLearningRate == functionRate)
            #expect(functionSummary.rangeTest?.suggestedLearningRate == functionExpected.suggestedLearningRate)
            #expect(results.finalRuns(of: "beale", optimizer: kind).map(\.learningRate) == [functionRate])
            // Smoothing 0: the smoothed loss is the raw loss.
            #expect(functionExpected.points.allSatisfy { $0.smoothedLoss == $0.loss })
        }
    }

    @Test func chosenRateIsMinimumOverTenAndFallsBackToTheSuggestion() {
        typealias Point = LearningRateRangeTestResult.Point
        // ŝ = 3, 1, 0.9 at γ = 0.01, 0.1, 1: the minimum is at γ = 1, so minimum / 10 = 0.1; the
        // steepest descent ln 1 − ln 3 (from γ = 0.01) beats ln 0.9 − ln 1, so the suggestion is 0.01.
        let curve = [(0.01, 3.0), (0.1, 1.0), (1.0, 0.9)].map { Point(learningRate: $0.0, loss: $0.1, smoothedLoss: $0.1) }
        let summary = RangeTestSummary(LearningRateRangeTestResult(points: curve, diverged: false))
        #expect(summary.chosenLearningRate == 1.0 / 10)
        #expect(summary.suggestedLearningRate == 0.01)
        // γₘ = ∞ (ŝ = 2, 1 at γ = 1, ∞): γₘ / 10 is not a rate; the suggestion (steepest descent
        // at γ = 1) is used.
        let unbounded = [(1.0, 2.0), (Double.infinity, 1.0)].map { Point(learningRate: $0.0, loss: $0.1, smoothedLoss: $0.1) }
        let fallback = RangeTestSummary(LearningRateRangeTestResult(points: unbounded, diverged: false))
        #expect(fallback.minimumOverTenLearningRate == .infinity)
        #expect(fallback.chosenLearningRate == 1)
    }

    @Test func quickFinderRunWritesItsFiles() throws {
        let directory = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let status = BenchmarkCommand.main(
            arguments: [
                "--quick", "--lr-search", "finder", "--problems", "spirals,beale", "--optimizers", "sgd,adam", "--epochs", "1",
                "--output", directory.path,
            ],
            dataDirectory: TestData.shippedDataDirectory, progress: ProgressDisplay(enabled: false))
        #expect(status == 0)
        let files = try FileManager.default.contentsOfDirectory(atPath: directory.path)
        for name in OutputWriter.dataFiles + ["loss-spirals.svg", "loss-beale.svg", "paths-beale.svg", "test-accuracy.svg"] {
            #expect(files.contains(name))
        }

        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent("results.json"))) as? [String: Any])
        let configuration = try #require(json["configuration"] as? [String: Any])
        #expect(configuration["learning_rate_search"] as? String == "finder")
        #expect((configuration["range_test"] as? [String: Any])?["steps"] as? Int == 40)
        let summaries = try #require(json["summaries"] as? [[String: Any]])
        #expect(summaries.count == 4)
        for summary in summaries {
            #expect(summary["learning_rate_search"] as? String == "finder")
            let rangeTest = try #require(summary["range_test"] as? [String: Any])
            // The rate used is the rate at the minimum / 10; the suggestion is recorded beside it.
            let atMinimum = try #require(rangeTest["learning_rate_at_minimum"] as? Double)
            #expect(summary["chosen_learning_rate"] as? Double == atMinimum / 10)
            #expect(rangeTest["minimum_over_10_learning_rate"] as? Double == atMinimum / 10)
            #expect(rangeTest["suggested_learning_rate"] is Double)
            let curve = try #require(rangeTest["curve"] as? [String: Any])
            #expect((curve["learning_rate"] as? [Any])?.count == rangeTest["steps"] as? Int)
        }
        let runs = try #require(json["runs"] as? [[String: Any]])
        #expect(runs.allSatisfy { $0["phase"] as? String == "final" })

        let summaryCSV = WriterTests.parseCSV(try String(contentsOf: directory.appendingPathComponent("summary.csv"), encoding: .utf8))
        let column = try #require(summaryCSV[0].firstIndex(of: "learning_rate_search"))
        let suggested = try #require(summaryCSV[0].firstIndex(of: "range_test_suggested"))
        #expect(summaryCSV.count == 5)
        #expect(summaryCSV.dropFirst().allSatisfy { $0[column] == "finder" && !$0[suggested].isEmpty })

        let report = try String(contentsOf: directory.appendingPathComponent("report.md"), encoding: .utf8)
        #expect(report.contains("`--lr-search finder`"))
        #expect(report.contains("| optimizer | suggested lr | steepest descent | min / 10 |"))
    }
}
