import Layerwise

/// What the learning-rate range test found for one optimizer on one problem: its suggestions,
/// the rate the `finder` search uses and the recorded curve.
public struct RangeTestSummary: Sendable, Equatable {
    /// The library's suggestion: the steepest-descent rate, else the minimum / 10 (recorded; the
    /// `finder` search uses `chosenLearningRate`).
    public var suggestedLearningRate: Double
    /// The rate of the steepest descent of the smoothed loss, or nil if it never decreased.
    public var steepestDescentLearningRate: Double?
    /// The rate at the smallest smoothed loss.
    public var learningRateAtMinimum: Double
    /// That rate divided by 10.
    public var minimumOverTenLearningRate: Double
    /// The smallest smoothed loss.
    public var minimumSmoothedLoss: Double
    /// Whether the test stopped early because the loss diverged.
    public var diverged: Bool
    /// The recorded curve: the rate, the raw loss and the smoothed loss of every step.
    public var points: [LearningRateRangeTestResult.Point]

    /// The summary of a range test's result.
    ///
    /// - Parameter result: The result of `LearningRateRangeTest.run`.
    public init(_ result: LearningRateRangeTestResult) {
        suggestedLearningRate = result.suggestedLearningRate
        steepestDescentLearningRate = result.steepestDescentLearningRate
        learningRateAtMinimum = result.learningRateAtMinimum
        minimumOverTenLearningRate = result.minimumOverTenLearningRate
        minimumSmoothedLoss = result.points[result.minimumIndex].smoothedLoss
        diverged = result.diverged
        points = result.points
    }

    /// The rate the `finder` search uses: the minimum / 10 (Smith's and fastai's rule, an order
    /// of magnitude below where the smoothed loss stops improving), or `suggestedLearningRate`
    /// if that is not a positive finite rate.
    public var chosenLearningRate: Double {
        minimumOverTenLearningRate.isFinite && minimumOverTenLearningRate > 0 ? minimumOverTenLearningRate : suggestedLearningRate
    }

    /// The number of steps recorded.
    public var stepCount: Int { points.count }
}
