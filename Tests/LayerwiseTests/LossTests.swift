import Foundation
import Layerwise
import Testing

/// Hand-computed checks of the losses. Every expected number below is worked out in the
/// comments next to it (closed forms, written-out sums); none comes from Layerwise itself.
/// The gradient checks compare each gradient with finite differences of the loss's value.
@Suite struct LossTests {

    // MARK: Softmax cross-entropy with class indices

    /// Equal logits give p = 1/C: loss = ln C and ∂loss/∂xᵢc = (1/C − δc,yᵢ)/N.
    @Test func uniformLogitsGiveLogOfClassCount() {
        uniformLogits(Float.self)
        uniformLogits(Double.self)
    }

    private func uniformLogits<Scalar: TensorScalar>(_: Scalar.Type) {
        let (rows, classes) = (3, 5)
        let logits = Tensor<Scalar>(repeating: 0.7, shape: [rows, classes])
        let labels = [4, 0, 2]
        let (value, gradient) = SoftmaxCrossEntropy<Scalar>()(logits, target: .classes(labels))
        expectClose(value, log(5.0), Scalar.self)
        var expected = [Double](repeating: 0.2 / 3, count: rows * classes)
        for (row, label) in labels.enumerated() { expected[row * classes + label] = (0.2 - 1) / 3 }
        expectClose(gradient, expected, Scalar.self)
    }

    /// Row (10⁴, 0, −10⁴): log p = (0, −10⁴, −2·10⁴) and p = (1, 0, 0) exactly, since
    /// e^(−10⁴) underflows to 0 and log(1 + 0) = 0. Label 0 costs 0, label 2 costs 2·10⁴.
    @Test func extremeLogitsAreExact() {
        extremeLogits(Float.self)
        extremeLogits(Double.self)
    }

    private func extremeLogits<Scalar: TensorScalar>(_: Scalar.Type) {
        let logits = Tensor<Scalar>(rows: [[1e4, 0, -1e4], [1e4, 0, -1e4], [-1e4, 0, 1e4]])
        let labels = [0, 2, 0]
        // Losses per row: 0, 2·10⁴, 2·10⁴. Gradient rows: p − onehot = (0,0,0), (1,0,−1), (−1,0,1).
        let mean = SoftmaxCrossEntropy<Scalar>()(logits, target: .classes(labels))
        #expect(mean.value == Scalar(4e4) / 3, "\(Scalar.self)")
        let third = 1 / Scalar(3)
        #expect(mean.gradient.scalars == [0, 0, 0, third, 0, -third, -third, 0, third], "\(Scalar.self)")

        let sum = SoftmaxCrossEntropy<Scalar>(reduction: .sum)(logits, target: .classes(labels))
        #expect(sum.value == 4e4, "\(Scalar.self)")
        #expect(sum.gradient.scalars == [0, 0, 0, 1, 0, -1, -1, 0, 1], "\(Scalar.self)")
    }

    /// Label smoothing ε = ½ on the row (10⁴, −10⁴), label 0, C = 2:
    /// nll = 0, smooth = −(0 + (−2·10⁴)) = 2·10⁴, loss = ½·0 + (½/2)·2·10⁴ = 5000;
    /// gradient p − q with p = (1, 0), q = (½ + ¼, ¼): (¼, −¼).
    /// Soft target (½, ½) on the same row: loss = −½·0 − ½·(−2·10⁴) = 10⁴,
    /// gradient p − t = (½, −½).
    @Test func extremeLogitsWithSmoothingAndSoftTargetsAreExact() {
        extremeSmoothing(Float.self)
        extremeSmoothing(Double.self)
    }

    private func extremeSmoothing<Scalar: TensorScalar>(_: Scalar.Type) {
        let logits = Tensor<Scalar>(rows: [[1e4, -1e4]])
        let smoothed = SoftmaxCrossEntropy<Scalar>(labelSmoothing: 0.5)(logits, target: .classes([0]))
        #expect(smoothed.value == 5000, "\(Scalar.self)")
        #expect(smoothed.gradient.scalars == [0.25, -0.25], "\(Scalar.self)")

        let soft = SoftmaxCrossEntropy<Scalar>()(logits, target: .probabilities(Tensor(rows: [[0.5, 0.5]])))
        #expect(soft.value == 1e4, "\(Scalar.self)")
        #expect(soft.gradient.scalars == [0.5, -0.5], "\(Scalar.self)")
    }

    /// Rows 0 and 2 are uniform over 3 classes (loss ln 3 each); row 1 is ignored. The mean is
    /// over the 2 remaining rows: ln 3, and their gradients are (1/3 − onehot)/2.
    @Test(arguments: [-100, 1]) func ignoredRowsHaveZeroGradient(ignoreIndex: Int) {
        let logits = Tensor<Double>(rows: [[0, 0, 0], [5, -3, 2], [0, 0, 0]])
        let loss = SoftmaxCrossEntropy<Double>(ignoreIndex: ignoreIndex)
        let (value, gradient) = loss(logits, target: .classes([0, ignoreIndex, 2]))
        expectClose(value, log(3.0), Double.self)
        #expect(Array(gradient.scalars[3..<6]) == [0, 0, 0])
        let (third, sixth) = (1.0 / 3, 1.0 / 6)
        expectClose(gradient, [(third - 1) / 2, sixth, sixth, 0, 0, 0, sixth, sixth, (third - 1) / 2], Double.self)
    }

    /// With every row ignored the mean is 0/0 (NaN, as PyTorch) and the gradient is 0.
    @Test func everyRowIgnoredGivesNaNAndZeroGradient() {
        let logits = Tensor<Double>(rows: [[1, 2], [3, 4]])
        let (value, gradient) = SoftmaxCrossEntropy<Double>(ignoreIndex: -100)(logits, target: .classes([-100, -100]))
        #expect(value.isNaN)
        #expect(gradient.scalars == [0, 0, 0, 0])
        let summed = SoftmaxCrossEntropy<Double>(reduction: .sum, ignoreIndex: -100)
        let sum = summed(logits, target: .classes([-100, -100]))
        #expect(sum.value == 0)
    }

    /// Weights w = (1, 3). Row 0: logits (0, 0), label 0: p = (½, ½), nll = 1·ln 2.
    /// Row 1: logits (0, ln 3), label 1: p = (¼, ¾), nll = 3·ln(4/3).
    /// Weighted mean: D = w₀ + w₁ = 4, loss = (ln 2 + 3·ln(4/3))/4;
    /// gradient rows w_y·(p − onehot)/D: (−½, ½)/4 = (−⅛, ⅛) and 3·(¼, −¼)/4 = (3/16, −3/16).
    @Test func weightedMeanByHand() {
        let logits = Tensor<Double>(rows: [[0, 0], [0, log(3)]])
        let weights = Tensor<Double>([1, 3])
        let mean = SoftmaxCrossEntropy<Double>(classWeights: weights)(logits, target: .classes([0, 1]))
        expectClose(mean.value, (log(2) + 3 * log(4.0 / 3)) / 4, Double.self)
        expectClose(mean.gradient, [-0.125, 0.125, 0.1875, -0.1875], Double.self)

        let sum = SoftmaxCrossEntropy<Double>(reduction: .sum, classWeights: weights)(logits, target: .classes([0, 1]))
        expectClose(sum.value, log(2) + 3 * log(4.0 / 3), Double.self)
        expectClose(sum.gradient, [-0.5, 0.5, 0.75, -0.75], Double.self)
    }

    /// Uniform logits, C = 4, ε = 0.2: nll = ln 4, smooth = 4·ln 4,
    /// loss = 0.8·ln 4 + (0.2/4)·4·ln 4 = ln 4; gradient p − q = ¼ − (0.8·onehot + 0.05), / N.
    @Test func labelSmoothingByHand() {
        let logits = Tensor<Double>(zeros: [2, 4])
        let (value, gradient) = SoftmaxCrossEntropy<Double>(labelSmoothing: 0.2)(logits, target: .classes([0, 3]))
        expectClose(value, log(4.0), Double.self)
        expectClose(gradient, [-0.3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, -0.3], Double.self)
    }

    /// Weights w = (1, 3), ε = ½, C = 2, both rows (0, 0), labels (0, 1):
    /// nll = 1·ln 2 + 3·ln 2; smooth = (1 + 3)·ln 2 per row, 8·ln 2 in all; D = 1 + 3 = 4
    /// (the smoothing term shares the weighted denominator): loss = (½·4 ln 2 + ¼·8 ln 2)/4 = ln 2.
    /// Row 1 as a function: ½·3·(LSE − x₁) + ¼·(4·LSE − x₀ − 3x₁) = 2.5·LSE − ¼x₀ − 2.25x₁,
    /// so ∂/∂x = (2.5·½ − ¼, 2.5·½ − 2.25)/4 = (¼, −¼); row 0 likewise gives (0, 0).
    @Test func weightedLabelSmoothingByHand() {
        let logits = Tensor<Double>(zeros: [2, 2])
        let loss = SoftmaxCrossEntropy<Double>(classWeights: Tensor([1, 3]), labelSmoothing: 0.5)
        let (value, gradient) = loss(logits, target: .classes([0, 1]))
        expectClose(value, log(2.0), Double.self)
        expectClose(gradient, [0, 0, 0.25, -0.25], Double.self)
    }

    // MARK: Softmax cross-entropy with probabilities

    /// Uniform logits over C = 4: every row costs −Σc tc·log ¼ = ln 4 (Σ t = 1); gradient
    /// (Σ t)·p − t = ¼ − t, over N = 2. Weights (2, 2, 2, 2) double the loss: the mean divides
    /// by N, not by the weights. Smoothing ε = 0.4 turns (1, 0, 0, 0) into (0.7, 0.1, 0.1, 0.1).
    @Test func softTargetsByHand() {
        let logits = Tensor<Double>(zeros: [2, 4])
        let targets = Tensor<Double>(rows: [[0.1, 0.2, 0.3, 0.4], [1, 0, 0, 0]])
        let plain = SoftmaxCrossEntropy<Double>()(logits, target: .probabilities(targets))
        expectClose(plain.value, log(4.0), Double.self)
        expectClose(plain.gradient, [0.075, 0.025, -0.025, -0.075, -0.375, 0.125, 0.125, 0.125], Double.self)

        let weightedLoss = SoftmaxCrossEntropy<Double>(classWeights: Tensor([2, 2, 2, 2]))
        let weighted = weightedLoss(logits, target: .probabilities(targets))
        expectClose(weighted.value, 2 * log(4.0), Double.self)
        expectClose(weighted.gradient, [0.15, 0.05, -0.05, -0.15, -0.75, 0.25, 0.25, 0.25], Double.self)

        // ε = 0.4: row 0 becomes 0.6·t + 0.1 = (0.16, 0.22, 0.28, 0.34); row 1 (0.7, 0.1, 0.1, 0.1).
        let smoothed = SoftmaxCrossEntropy<Double>(labelSmoothing: 0.4)(logits, target: .probabilities(targets))
        expectClose(smoothed.value, log(4.0), Double.self)
        expectClose(smoothed.gradient, [0.045, 0.015, -0.015, -0.045, -0.225, 0.075, 0.075, 0.075], Double.self)
    }

    // MARK: Binary cross-entropy with logits

    /// At x = 0, σ = ½: every element costs ln 2 and has derivative ½ − y. With positive
    /// weights (3, 1) over the last axis the positive of class 0 costs 3·ln 2 and has
    /// derivative −3·½: loss = (3 + 1 + 1 + 1)·ln 2 / 4 = 1.5·ln 2.
    @Test func binaryCrossEntropyAtZeroLogitsIsLogTwo() {
        binaryAtZero(Float.self)
        binaryAtZero(Double.self)
    }

    private func binaryAtZero<Scalar: TensorScalar>(_: Scalar.Type) {
        let logits = Tensor<Scalar>(zeros: [2, 2])
        let targets = Tensor<Scalar>(rows: [[1, 0], [0, 1]])
        let plain = BinaryCrossEntropyWithLogits<Scalar>()(logits, target: targets)
        expectClose(plain.value, log(2.0), Scalar.self)
        #expect(plain.gradient.scalars == [-0.125, 0.125, 0.125, -0.125], "\(Scalar.self)")

        let weighted = BCEWithLogits<Scalar>(positiveWeight: Tensor([3, 1]))(logits, target: targets)
        expectClose(weighted.value, 1.5 * log(2.0), Scalar.self)
        #expect(weighted.gradient.scalars == [-0.375, 0.125, 0.125, -0.125], "\(Scalar.self)")

        let half = BCEWithLogits<Scalar>(reduction: .sum)(logits, target: Tensor(repeating: 0.5, shape: [2, 2]))
        expectClose(half.value, 4 * log(2.0), Scalar.self)
        #expect(half.gradient.scalars == [0, 0, 0, 0], "\(Scalar.self)")
    }

    /// x = ±10⁴: softplus(10⁴) = 10⁴ and softplus(−10⁴) = 0 exactly, σ(10⁴) = 1, σ(−10⁴) = 0.
    /// (x, y) = (10⁴, 1), (−10⁴, 1), (10⁴, 0), (−10⁴, 0) cost 0, 10⁴, 10⁴, 0 (mean 5000) with
    /// derivatives 0, −1, 1, 0 (over 4). With positive weight 2 the second costs 2·10⁴.
    @Test func binaryCrossEntropyAtExtremeLogitsIsExact() {
        binaryExtreme(Float.self)
        binaryExtreme(Double.self)
    }

    private func binaryExtreme<Scalar: TensorScalar>(_: Scalar.Type) {
        let logits = Tensor<Scalar>(shape: [4, 1], scalars: [1e4, -1e4, 1e4, -1e4])
        let targets = Tensor<Scalar>(shape: [4, 1], scalars: [1, 1, 0, 0])
        let plain = BinaryCrossEntropyWithLogits<Scalar>()(logits, target: targets)
        #expect(plain.value == 5000, "\(Scalar.self)")
        #expect(plain.gradient.scalars == [0, -0.25, 0.25, 0], "\(Scalar.self)")

        let weighted = BinaryCrossEntropyWithLogits<Scalar>(positiveWeight: Tensor([2]))(logits, target: targets)
        #expect(weighted.value == 7500, "\(Scalar.self)")
        #expect(weighted.gradient.scalars == [0, -0.5, 0.25, 0], "\(Scalar.self)")
    }

    // MARK: Element-wise regression losses

    /// x = (1, 2, 3, 4), y = (0, 2, 5, 1): d = (1, 0, −2, 3), d² = (1, 0, 4, 9), Σ = 14.
    @Test func meanSquaredErrorByHand() {
        meanSquaredError(Float.self)
        meanSquaredError(Double.self)
    }

    private func meanSquaredError<Scalar: TensorScalar>(_: Scalar.Type) {
        let (x, y) = (Tensor<Scalar>([1, 2, 3, 4]), Tensor<Scalar>([0, 2, 5, 1]))
        let mean = MeanSquaredError<Scalar>()(x, target: y)
        #expect(mean.value == 3.5, "\(Scalar.self)")  // 14/4
        #expect(mean.gradient.scalars == [0.5, 0, -1, 1.5], "\(Scalar.self)")  // 2d/4
        let sum = MSE<Scalar>(reduction: .sum)(x, target: y)
        #expect(sum.value == 14, "\(Scalar.self)")
        #expect(sum.gradient.scalars == [2, 0, -4, 6], "\(Scalar.self)")  // 2d
    }

    /// d = (1, 0, −2, 3): |d| = (1, 0, 2, 3), Σ = 6; the gradient is sign(d), 0 where d = 0.
    @Test func l1LossByHand() {
        l1Loss(Float.self)
        l1Loss(Double.self)
    }

    private func l1Loss<Scalar: TensorScalar>(_: Scalar.Type) {
        let (x, y) = (Tensor<Scalar>([1, 2, 3, 4]), Tensor<Scalar>([0, 2, 5, 1]))
        let mean = L1Loss<Scalar>()(x, target: y)
        #expect(mean.value == 1.5, "\(Scalar.self)")  // 6/4
        #expect(mean.gradient.scalars == [0.25, 0, -0.25, 0.25], "\(Scalar.self)")
        let sum = L1Loss<Scalar>(reduction: .sum)(x, target: y)
        #expect(sum.value == 6, "\(Scalar.self)")
        #expect(sum.gradient.scalars == [1, 0, -1, 1], "\(Scalar.self)")
    }

    /// d = (0.5, 0, −2, 3).
    /// δ = 1: ℓ = (½·0.25, 0, 1·(2 − ½), 1·(3 − ½)) = (0.125, 0, 1.5, 2.5), Σ = 4.125;
    ///        ∂ℓ = (0.5, 0, −1, 1).
    /// δ = 2: ℓ = (0.125, 0, 2·(2 − 1), 2·(3 − 1)) = (0.125, 0, 2, 4), Σ = 6.125 (at |d| = δ both
    ///        pieces give 2); ∂ℓ = (0.5, 0, −2, 2).
    @Test func huberLossByHand() {
        huberLoss(Float.self)
        huberLoss(Double.self)
    }

    private func huberLoss<Scalar: TensorScalar>(_: Scalar.Type) {
        let (x, y) = (Tensor<Scalar>([1.5, 2, 3, 4]), Tensor<Scalar>([1, 2, 5, 1]))
        let standard = HuberLoss<Scalar>()(x, target: y)
        #expect(standard.value == 4.125 / 4, "\(Scalar.self)")
        #expect(standard.gradient.scalars == [0.125, 0, -0.25, 0.25], "\(Scalar.self)")
        let wide = HuberLoss<Scalar>(reduction: .sum, delta: 2)(x, target: y)
        #expect(wide.value == 6.125, "\(Scalar.self)")
        #expect(wide.gradient.scalars == [0.5, 0, -2, 2], "\(Scalar.self)")
    }

    // MARK: Gradient checks (Double)
    //
    // LayerGradientCheckTests checks every loss option on its own; these check, with the
    // public `GradientCheck`, the combinations it does not.

    /// Class weights, an ignored row and label smoothing at once, with either reduction; then
    /// the same loss with soft targets whose rows do not sum to 1.
    @Test(arguments: [Reduction.mean, .sum]) func crossEntropyGradientWithAllOptions(reduction: Reduction) {
        var generator = RandomGenerator(seed: 7)
        let logits = Tensor<Double>(randomNormal: [5, 4], standardDeviation: 2, using: &generator)
        let loss = SoftmaxCrossEntropy<Double>(
            reduction: reduction, classWeights: Tensor([0.5, 2, 1, 1.5]), ignoreIndex: -1, labelSmoothing: 0.15)
        let classes = GradientCheck.check(loss: loss, prediction: logits, target: .classes([3, -1, 0, 2, 1]))
        #expect(classes.passed, "\(classes)")
        #expect(classes.worstRelativeError <= 1e-6, "\(classes)")

        let soft = Tensor<Double>(randomUniform: [5, 4], in: 0...1, using: &generator)
        let probabilities = GradientCheck.check(loss: loss, prediction: logits, target: .probabilities(soft))
        #expect(probabilities.passed, "\(probabilities)")
        #expect(probabilities.worstRelativeError <= 1e-6, "\(probabilities)")
    }

    /// Positive weights with soft targets in [0, 1] (not only 0 and 1), logits up to about ±9.
    @Test func binaryCrossEntropyGradientWithPositiveWeightsAndSoftTargets() {
        var generator = RandomGenerator(seed: 8)
        let logits = Tensor<Double>(randomNormal: [4, 3], standardDeviation: 3, using: &generator)
        let targets = Tensor<Double>(randomUniform: [4, 3], in: 0...1, using: &generator)
        let loss = BinaryCrossEntropyWithLogits<Double>(positiveWeight: Tensor([0.5, 1, 4]))
        let report = GradientCheck.check(loss: loss, prediction: logits, target: targets)
        #expect(report.passed, "\(report)")
        #expect(report.worstRelativeError <= 1e-6, "\(report)")
    }

    // MARK: Programmer errors

    @Test func shapeMismatchStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = MeanSquaredError<Double>()(Tensor(zeros: [2, 3]), target: Tensor(zeros: [3, 2]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(
            message.contains("MeanSquaredError") && message.contains("[2, 3]") && message.contains("[3, 2]"),
            "\(message)")
        await #expect(processExitsWith: .failure) {
            _ = BinaryCrossEntropyWithLogits<Float>()(Tensor(zeros: [2, 3]), target: Tensor(zeros: [2, 2]))
        }
        await #expect(processExitsWith: .failure) {
            _ = SoftmaxCrossEntropy<Double>()(Tensor(zeros: [2, 3]), target: .probabilities(Tensor(zeros: [2, 4])))
        }
        await #expect(processExitsWith: .failure) {
            _ = SoftmaxCrossEntropy<Double>()(Tensor(zeros: [2, 3]), target: .classes([0, 1, 2]))
        }
    }

    @Test func invalidClassIndexStops() async {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            _ = SoftmaxCrossEntropy<Double>()(Tensor(zeros: [2, 3]), target: .classes([0, 3]))
        }
        let message = String(decoding: result?.standardErrorContent ?? [], as: UTF8.self)
        #expect(message.contains("SoftmaxCrossEntropy") && message.contains("class index 3"), "\(message)")
        // No ignore index by default: PyTorch's −100 padding label is an error unless asked for.
        await #expect(processExitsWith: .failure) {
            _ = SoftmaxCrossEntropy<Double>()(Tensor(zeros: [2, 3]), target: .classes([0, -100]))
        }
    }

    @Test func invalidConfigurationStops() async {
        await #expect(processExitsWith: .failure) {
            let loss = SoftmaxCrossEntropy<Double>(classWeights: Tensor([1, 2]))
            _ = loss(Tensor(zeros: [2, 3]), target: .classes([0, 1]))
        }
        await #expect(processExitsWith: .failure) {
            _ = SoftmaxCrossEntropy<Double>(labelSmoothing: 1.5)
        }
        await #expect(processExitsWith: .failure) {
            let loss = BinaryCrossEntropyWithLogits<Double>(positiveWeight: Tensor([1, 2]))
            _ = loss(Tensor(zeros: [2, 3]), target: Tensor(zeros: [2, 3]))
        }
        await #expect(processExitsWith: .failure) {
            _ = HuberLoss<Double>(delta: 0)
        }
    }
}

// MARK: Helpers

/// The tolerance of a hand-computed value: a few rounding units of the scalar type.
private func tolerance<Scalar: TensorScalar>(_: Scalar.Type) -> Double {
    Scalar.self == Float.self ? 2e-6 : 1e-14
}

private func expectClose<Scalar: TensorScalar>(
    _ actual: Scalar, _ expected: Double, _: Scalar.Type, sourceLocation: SourceLocation = #_sourceLocation
) {
    let error = abs(Double(actual) - expected)
    #expect(
        error <= tolerance(Scalar.self) * max(1, abs(expected)),
        "\(Scalar.self): \(actual), expected \(expected)", sourceLocation: sourceLocation)
}

private func expectClose<Scalar: TensorScalar>(
    _ actual: Tensor<Scalar>, _ expected: [Double], _: Scalar.Type,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    let worst = zip(actual.scalars, expected).map { abs(Double($0) - $1) }.max() ?? 0
    #expect(
        worst <= tolerance(Scalar.self), "\(Scalar.self): \(actual.scalars), expected \(expected)",
        sourceLocation: sourceLocation)
}
