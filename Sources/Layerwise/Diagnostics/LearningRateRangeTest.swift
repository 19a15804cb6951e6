/// The learning-rate range test (Smith, 2017; the "LR finder"): train for a few steps while the
/// learning rate grows exponentially, watch the loss, and read a good learning rate off the
/// curve.
///
/// Step k = 0 … N − 1 trains one batch with the learning rate
///
///     γₖ = γ_min · (γ_max / γ_min)^(k / (N − 1))
///
/// and records the batch's loss ℓₖ (before the update) and its exponential moving average with
/// bias correction (as Adam corrects its moments):
///
///     sₖ = β·sₖ₋₁ + (1 − β)·ℓₖ,   s₋₁ = 0,     ŝₖ = sₖ / (1 − βᵏ⁺¹)
///
/// The test stops early when the loss diverges: ŝₖ > (divergence factor)·minⱼ≤ₖ ŝⱼ (4 by
/// default), or ℓₖ is not finite. Then the model and the optimizer are put back exactly as they
/// were: the run works on them in place, and both are values, so the saved copies restore every
/// parameter, every state tensor and every optimizer buffer and step count bit for bit.
///
/// The suggestions (`LearningRateRangeTestResult`):
/// - the steepest descent of the smoothed loss on a log scale: γₖ* with k* the step whose update
///   shrank ŝ by the largest factor, argminₖ ln(ŝₖ₊₁/ŝₖ). On the quadratic ½·a·w² with SGD, one
///   step multiplies the loss by (1 − γa)², which is smallest at γ = 1/a, the best rate; taking
///   the ratio (rather than the difference ŝₖ₊₁ − ŝₖ, which depends on how much loss the earlier
///   steps left) makes the suggestion independent of that history.
/// - the minimum divided by 10: the loss stops improving near the largest stable rate (2/a on
///   the quadratic), and an order of magnitude less leaves a safety margin.
///
/// The smoothing is there for the noise of mini-batch losses; β = 0 records the raw losses
/// (right for a deterministic problem). The EMA lags: with β = 0.9 a change shows fully only
/// after about 1/(1 − β) = 10 steps, so a larger β shifts the curve to larger rates.
///
/// ```swift
/// var optimizer = SGD<Float>(learningRate: 0.01, momentum: 0.9)
/// var generator = RandomGenerator(seed: 1)
/// let result = LearningRateRangeTest(minimumLearningRate: 1e-5, maximumLearningRate: 10).run(
///     model: &model, optimizer: &optimizer, training: digits, batchSize: 64,
///     loss: SoftmaxCrossEntropy<Float>(), shuffling: &generator)
/// optimizer.learningRate = result.suggestedLearningRate      // model and optimizer untouched
/// ```
public struct LearningRateRangeTest: Sendable, Equatable {
    /// γ_min, the learning rate of the first step.
    public var minimumLearningRate: Double
    /// γ_max, the learning rate of the last step.
    public var maximumLearningRate: Double
    /// N, the number of steps (if the loss does not diverge first).
    public var stepCount: Int
    /// β, the smoothing of the loss's moving average, in [0, 1).
    public var smoothing: Double
    /// The factor by which the smoothed loss must exceed its minimum to count as diverged.
    public var divergenceFactor: Double

    /// Configures the test.
    ///
    /// - Parameters:
    ///   - minimumLearningRate: γ_min (10⁻⁷ by default).
    ///   - maximumLearningRate: γ_max (10 by default).
    ///   - stepCount: N (100 by default).
    ///   - smoothing: β (0.9 by default).
    ///   - divergenceFactor: The divergence criterion's factor (4 by default).
    /// - Precondition: 0 < γ_min < γ_max, N ≥ 2, 0 ≤ β < 1, factor > 1.
    public init(
        minimumLearningRate: Double = 1e-7, maximumLearningRate: Double = 10, stepCount: Int = 100,
        smoothing: Double = 0.9, divergenceFactor: Double = 4
    ) {
        checkPrecondition(
            minimumLearningRate > 0 && minimumLearningRate < maximumLearningRate && maximumLearningRate.isFinite,
            "LearningRateRangeTest: need 0 < minimum < maximum, got \(minimumLearningRate) and \(maximumLearningRate)")
        checkPrecondition(stepCount >= 2, "LearningRateRangeTest: need at least 2 steps, got \(stepCount)")
        checkPrecondition(smoothing >= 0 && smoothing < 1, "LearningRateRangeTest: smoothing must be in [0, 1), got \(smoothing)")
        checkPrecondition(divergenceFactor > 1, "LearningRateRangeTest: the divergence factor must exceed 1, got \(divergenceFactor)")
        self.minimumLearningRate = minimumLearningRate
        self.maximumLearningRate = maximumLearningRate
        self.stepCount = stepCount
        self.smoothing = smoothing
        self.divergenceFactor = divergenceFactor
    }

    /// γₖ = γ_min · (γ_max / γ_min)^(k / (N − 1)).
    ///
    /// - Parameter step: k, in `0..<stepCount`.
    public func learningRate(atStep step: Int) -> Double {
        let fraction = Double(step) / Double(stepCount - 1)
        return minimumLearningRate * Double.exp(fraction * Double.log(maximumLearningRate / minimumLearningRate))
    }

    /// Runs the test on batches that `batch` supplies, then restores the model and optimizer.
    ///
    /// Every step is the training step of `fit`: zero the gradients, forward in training mode,
    /// the loss and its gradient, backward, `optimizer.step` at γₖ.
    ///
    /// - Parameters:
    ///   - model: The model to train; restored to its exact initial value before returning.
    ///   - optimizer: The update rule, whose `learningRate` the test sets at every step;
    ///     restored to its exact initial value (state, step counts, learning rate).
    ///   - loss: The loss.
    ///   - batch: The input and target of step k (called once per step, in order).
    /// - Returns: The curve and the suggestions.
    public func run<Model: Layer, L: Loss>(
        model: inout Model, optimizer: inout some Optimizer<Model.Scalar>, loss: L,
        batch: (_ step: Int) -> (input: Tensor<Model.Scalar>, target: L.Target)
    ) -> LearningRateRangeTestResult where L.Scalar == Model.Scalar {
        let initialModel = model
        let initialOptimizer = optimizer
        defer {
            model = initialModel
            optimizer = initialOptimizer
        }
        var points: [LearningRateRangeTestResult.Point] = []
        var average = 0.0
        var correction = 1.0  // βᵏ⁺¹
        var best = Double.infinity
        var diverged = false
        for step in 0..<stepCount {
            let learningRate = learningRate(atStep: step)
            let (input, target) = batch(step)
            model.zeroGradients()
            let output = model.forward(input, mode: .training)
            let (value, gradient) = loss(output, target: target)
            let rawLoss = Double(value)
            average = smoothing * average + (1 - smoothing) * rawLoss
            correction *= smoothing
            let smoothed = average / (1 - correction)
            points.append(.init(learningRate: learningRate, loss: rawLoss, smoothedLoss: smoothed))
            if !rawLoss.isFinite || smoothed > divergenceFactor * best {
                diverged = true
                break
            }
            best = min(best, smoothed)
            _ = model.backward(gradient)
            optimizer.learningRate = learningRate
            optimizer.step(&model)
        }
        return LearningRateRangeTestResult(points: points, diverged: diverged)
    }

    /// Runs the test on a classification data set, cycling through shuffled epochs of
    /// mini-batches, then restores the model and optimizer.
    ///
    /// - Parameters:
    ///   - model: The model to train; restored before returning.
    ///   - optimizer: The update rule; restored before returning.
    ///   - training: The training examples and their class labels.
    ///   - batchSize: The examples per step; a short last batch of an epoch is skipped.
    ///   - loss: A loss on class indices (`SoftmaxCrossEntropy`).
    ///   - generator: The source of the shuffled orders; advanced (not restored).
    /// - Returns: The curve and the suggestions.
    /// - Precondition: the data holds at least `batchSize` examples.
    public func run<Model: Layer, L: Loss>(
        model: inout Model, optimizer: inout some Optimizer<Model.Scalar>,
        training: Dataset<Model.Scalar, [Int]>, batchSize: Int, loss: L, shuffling generator: inout RandomGenerator
    ) -> LearningRateRangeTestResult where L.Scalar == Model.Scalar, L.Target == ClassificationTarget<Model.Scalar> {
        var batches = CyclingBatches(training, batchSize: batchSize)
        return run(model: &model, optimizer: &optimizer, loss: loss) { _ in
            let (input, labels) = batches.next(using: &generator)
            return (input, .classes(labels))
        }
    }

    /// Runs the test on a data set with tensor targets, cycling through shuffled epochs of
    /// mini-batches, then restores the model and optimizer.
    ///
    /// - Parameters:
    ///   - model: The model to train; restored before returning.
    ///   - optimizer: The update rule; restored before returning.
    ///   - training: The training examples and their target tensors.
    ///   - batchSize: The examples per step; a short last batch of an epoch is skipped.
    ///   - loss: A loss on tensors (`MeanSquaredError`, …).
    ///   - generator: The source of the shuffled orders; advanced (not restored).
    /// - Returns: The curve and the suggestions.
    /// - Precondition: the data holds at least `batchSize` examples.
    public func run<Model: Layer, L: Loss>(
        model: inout Model, optimizer: inout some Optimizer<Model.Scalar>,
        training: Dataset<Model.Scalar, Tensor<Model.Scalar>>, batchSize: Int, loss: L,
        shuffling generator: inout RandomGenerator
    ) -> LearningRateRangeTestResult where L.Scalar == Model.Scalar, L.Target == Tensor<Model.Scalar> {
        var batches = CyclingBatches(training, batchSize: batchSize)
        return run(model: &model, optimizer: &optimizer, loss: loss) { _ in
            let (input, target) = batches.next(using: &generator)
            return (input, target)
        }
    }
}
