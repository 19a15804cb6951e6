/// What the benchmark found for one optimizer on one problem: the learning rate it chose and
/// the final runs' results over seeds.
public struct OptimizerSummary: Sendable {
    /// The problem's name.
    public var problem: String
    /// The optimizer.
    public var optimizer: OptimizerKind
    /// The learning rate chosen by tuning.
    public var chosenLearningRate: Double
    /// Which search chose it.
    public var learningRateSearch: LearningRateSearch
    /// The range test's findings (the `finder` search), or nil.
    public var rangeTest: RangeTestSummary?
    /// Every learning rate tried, increasing.
    public var tuning: [TuningPoint]
    /// The final training loss (classification: mean loss of the last epoch; test functions:
    /// f − f* after the last step).
    public var finalTrainingLoss: SampleStatistics
    /// The test accuracy after the last epoch (classification), or nil.
    public var testAccuracy: SampleStatistics?
    /// The steps to the target over the runs that reached it.
    public var stepsToTarget: SampleStatistics
    /// The training seconds to the target over the runs that reached it.
    public var secondsToTarget: SampleStatistics
    /// The number of final runs.
    public var runCount: Int
    /// How many of them reached the target.
    public var reachedCount: Int
    /// How many diverged.
    public var divergedCount: Int
    /// The wall seconds per final run.
    public var wallSeconds: SampleStatistics

    /// The summary of an optimizer's tuning and final runs on one problem.
    ///
    /// - Parameters:
    ///   - tuningRuns: Its tuning runs.
    ///   - finalRuns: Its final runs (one per seed).
    ///   - chosenLearningRate: The learning rate the final runs used.
    ///   - rangeTest: The range test that chose it (the `finder` search), or nil for the grid search.
    public init(tuningRuns: [RunRecord], finalRuns: [RunRecord], chosenLearningRate: Double, rangeTest: RangeTestSummary? = nil) {
        precondition(!finalRuns.isEmpty, "OptimizerSummary: no final runs")
        problem = finalRuns[0].problem
        optimizer = finalRuns[0].optimizer
        self.chosenLearningRate = chosenLearningRate
        learningRateSearch = rangeTest == nil ? .grid : .finder
        self.rangeTest = rangeTest
        tuning = tuningRuns.sorted { $0.learningRate < $1.learningRate }.map(TuningPoint.init)
        finalTrainingLoss = SampleStatistics(finalRuns.map(\.finalTrainingLoss))
        let accuracies = finalRuns.compactMap(\.finalTestAccuracy)
        testAccuracy = accuracies.count == finalRuns.count ? SampleStatistics(accuracies) : nil
        stepsToTarget = SampleStatistics(finalRuns.compactMap(\.stepsToTarget).map(Double.init))
        secondsToTarget = SampleStatistics(finalRuns.compactMap(\.secondsToTarget))
        runCount = finalRuns.count
        reachedCount = finalRuns.filter { $0.stepsToTarget != nil }.count
        divergedCount = finalRuns.filter(\.diverged).count
        wallSeconds = SampleStatistics(finalRuns.map(\.wallSeconds))
    }

    /// The validation accuracy of the tuning run at the optimizer's default learning rate.
    public var defaultValidationAccuracy: Double? {
        tuning.first { $0.learningRate == optimizer.defaultLearningRate }?.validationAccuracy
    }

    /// The summaries in ranking order: classification by mean test accuracy (higher first),
    /// then final training loss; test functions by runs reaching the tolerance, then mean steps
    /// to it, then final loss. Non-finite values rank last.
    ///
    /// - Parameter summaries: The summaries of one problem.
    /// - Returns: The same summaries, best first.
    public static func ranked(_ summaries: [OptimizerSummary]) -> [OptimizerSummary] {
        func key(_ summary: OptimizerSummary) -> [Double] {
            let loss = summary.finalTrainingLoss.mean.isFinite ? summary.finalTrainingLoss.mean : .infinity
            if let accuracy = summary.testAccuracy {
                return [accuracy.mean.isFinite ? -accuracy.mean : 0, loss]
            }
            let steps = summary.stepsToTarget.count > 0 ? summary.stepsToTarget.mean : .infinity
            return [-Double(summary.reachedCount), steps, loss]
        }
        return summaries.sorted { a, b in
            for (x, y) in zip(key(a), key(b)) where x != y { return x < y }
            return a.optimizer < b.optimizer
        }
    }
}
