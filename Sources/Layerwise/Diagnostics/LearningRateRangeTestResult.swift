/// The curve recorded by a `LearningRateRangeTest` and the learning rates it suggests.
///
/// Point k holds the learning rate γₖ of step k, the loss ℓₖ of the batch before that step's
/// update and the smoothed loss ŝₖ. The suggestions (see `LearningRateRangeTest`):
///
///     steepest descent:  γₖ* with k* = argminₖ (ln ŝₖ₊₁ − ln ŝₖ)     (the update at γₖ took ŝₖ to ŝₖ₊₁)
///     minimum / 10:      γₘ / 10 with m = argminₖ ŝₖ
public struct LearningRateRangeTestResult: Sendable, Equatable, CustomStringConvertible {
    /// One step of the test.
    public struct Point: Sendable, Equatable {
        /// γₖ, the learning rate of the step.
        public let learningRate: Double
        /// ℓₖ, the loss of the step's batch, before the update.
        public let loss: Double
        /// ŝₖ, the bias-corrected exponential moving average of the losses so far.
        public let smoothedLoss: Double

        /// Creates a point.
        ///
        /// - Parameters: The properties of the same names.
        public init(learningRate: Double, loss: Double, smoothedLoss: Double) {
            self.learningRate = learningRate
            self.loss = loss
            self.smoothedLoss = smoothedLoss
        }
    }

    /// The recorded steps, in order (fewer than the configured number if the loss diverged).
    public let points: [Point]
    /// Whether the test stopped early because the smoothed loss diverged (or was not finite).
    public let diverged: Bool
    /// The index of the point with the smallest smoothed loss.
    public let minimumIndex: Int
    /// The index k* of the steepest descent of ln ŝ, or nil if the smoothed loss never decreased.
    public let steepestIndex: Int?

    /// Computes the suggestions for a recorded curve.
    ///
    /// - Parameters:
    ///   - points: The recorded steps.
    ///   - diverged: Whether the test stopped because the loss diverged.
    /// - Precondition: at least one point.
    public init(points: [Point], diverged: Bool) {
        checkPrecondition(!points.isEmpty, "LearningRateRangeTestResult: no points")
        self.points = points
        self.diverged = diverged
        var minimumIndex = 0
        for (index, point) in points.enumerated() where point.smoothedLoss < points[minimumIndex].smoothedLoss {
            minimumIndex = index
        }
        self.minimumIndex = minimumIndex
        var steepest: (index: Int, slope: Double)?
        for index in points.indices.dropLast() {
            let (current, next) = (points[index].smoothedLoss, points[index + 1].smoothedLoss)
            guard current > 0, next > 0, current.isFinite, next.isFinite else { continue }
            let slope = Double.log(next) - Double.log(current)
            if slope < 0 && slope < (steepest?.slope ?? 0) {
                steepest = (index, slope)
            }
        }
        self.steepestIndex = steepest?.index
    }

    /// γₖ* at the steepest descent of the smoothed loss (on a log scale), or nil if the smoothed
    /// loss never decreased.
    public var steepestDescentLearningRate: Double? {
        steepestIndex.map { points[$0].learningRate }
    }

    /// γₘ, the learning rate at the smallest smoothed loss.
    public var learningRateAtMinimum: Double {
        points[minimumIndex].learningRate
    }

    /// γₘ / 10: Smith's rule, an order of magnitude below where the loss stops improving.
    public var minimumOverTenLearningRate: Double {
        learningRateAtMinimum / 10
    }

    /// The suggestion: the steepest-descent rate, or γₘ/10 if the loss never decreased.
    public var suggestedLearningRate: Double {
        steepestDescentLearningRate ?? minimumOverTenLearningRate
    }

    /// A summary: the range covered, how it ended, the minimum and the suggestions.
    public var description: String {
        let rate = { (x: Double) in NumberFormatting.scientific(x) }
        let first = points.first!
        let last = points.last!
        var lines = [
            "Learning-rate range test: \(points.count) steps, γ from \(rate(first.learningRate)) to "
                + "\(rate(last.learningRate))\(diverged ? ", stopped: the loss diverged" : "")",
            "  smoothed loss \(formatFixed(first.smoothedLoss, decimals: 4)) → minimum "
                + "\(formatFixed(points[minimumIndex].smoothedLoss, decimals: 4)) at γ = \(rate(learningRateAtMinimum))",
        ]
        if let steepest = steepestDescentLearningRate {
            lines.append("  steepest descent at γ = \(rate(steepest))")
        } else {
            lines.append("  the smoothed loss never decreased")
        }
        lines.append("  minimum / 10: γ = \(rate(minimumOverTenLearningRate))")
        lines.append("  suggested learning rate: \(rate(suggestedLearningRate))")
        return lines.joined(separator: "\n")
    }
}
