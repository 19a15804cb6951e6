import Layerwise
import Testing

/// The training diagnostics: initial-loss check, overfitting one batch, output-layer check,
/// activation and gradient statistics, the learning-rate range test.
///
/// Every expected number is worked out by hand in the comments: logits set by hand (zero or
/// one-hot weights), ReLU units dead by construction, histograms counted by hand, and the
/// quadratic f(w) = ½·a·w², on which one SGD step multiplies the loss by (1 − γa)².
@Suite struct DiagnosticsTests {
    // MARK: Initial loss

    /// Linear(4 → 8), Tanh, then a last Linear(8 → 10) whose weights are zero and whose bias is
    /// `lastBias`: the logits of every row are exactly `lastBias`.
    static func classifier(lastBias: [Double], softmaxAtTheEnd: Bool = false) -> Sequential<Double> {
        var generator = RandomGenerator(seed: 3)
        var model = Sequential<Double> {
            Linear<Double>(inputSize: 4, outputSize: 8, generator: &generator)
            Tanh<Double>()
            Linear<Double>(weight: Tensor(zeros: [lastBias.count, 8]), bias: Tensor(lastBias))
        }
        if softmaxAtTheEnd { model.append(Softmax<Double>()) }
        return model
    }

    static func batch(_ rows: Int, features: Int = 4, seed: UInt64 = 5) -> Tensor<Double> {
        var generator = RandomGenerator(seed: seed)
        return Tensor(randomNormal: [rows, features], using: &generator)
    }

    @Test func zeroLogitsGiveExactlyLnC() {
        // All logits 0: p = 1/10 for every class, loss = −ln(1/10) = ln 10.
        let check = InitialLossCheck(
            model: Self.classifier(lastBias: Array(repeating: 0, count: 10)), input: Self.batch(20),
            labels: (0..<20).map { $0 % 10 })
        #expect(check.classCount == 10)
        #expect(abs(check.expectedLoss - Double.log(10)) < 1e-15)
        #expect(abs(check.measuredLoss - Double.log(10)) < 1e-12)
        #expect(check.logitStandardDeviation == 0)
        #expect(!check.outputsAreProbabilities)
        #expect(check.passed)
        #expect(check.warnings.isEmpty)
    }

    @Test func defaultInitializedClassifierPasses() {
        // PyTorch's default initialization keeps the logits small (|W| ≤ 1/√in).
        var generator = RandomGenerator(seed: 11)
        let model = Sequential<Float> {
            Linear<Float>(inputSize: 16, outputSize: 32, generator: &generator)
            ReLU<Float>()
            Linear<Float>(inputSize: 32, outputSize: 10, generator: &generator)
        }
        let input = Tensor<Float>(randomNormal: [50, 16], using: &generator)
        let check = InitialLossCheck(model: model, input: input, labels: (0..<50).map { $0 % 10 })
        #expect(check.passed, "\(check)")
    }

    @Test func softmaxBeforeTheCrossEntropyIsFlagged() {
        // Softmax of zero logits: every output is 1/10; the cross-entropy of those "logits" is
        // ln Σ e^(1/10) − 1/10 = ln(10·e^0.1) − 0.1 = ln 10: the loss alone looks fine.
        let check = InitialLossCheck(
            model: Self.classifier(lastBias: Array(repeating: 0, count: 10), softmaxAtTheEnd: true),
            input: Self.batch(20), labels: (0..<20).map { $0 % 10 })
        #expect(abs(check.measuredLoss - Double.log(10)) < 1e-12)
        #expect(check.outputsAreProbabilities)
        #expect(!check.passed)
        #expect(check.warnings.count == 1)
        #expect(check.warnings.first?.contains("Softmax") == true)
        // The floor it names: ln(C − 1 + e) − 1 = ln(9 + e) − 1 = 1.4612 for C = 10.
        #expect(check.warnings.first?.contains("1.4612") == true)
    }

    @Test func spreadLogitsGiveATooHighLoss() {
        // Logits (0, 5, 0, …, 0) in every row, labels all class 0: loss = ln(e⁵ + 9) − 0 = 5.0639,
        // far above ln 10 = 2.3026. Within a row: mean 0.5, variance (4.5² + 9·0.5²)/10 = 2.25.
        var bias = Array(repeating: 0.0, count: 10)
        bias[1] = 5
        let check = InitialLossCheck(
            model: Self.classifier(lastBias: bias), input: Self.batch(6), labels: Array(repeating: 0, count: 6))
        #expect(abs(check.measuredLoss - Double.log(Double.exp(5) + 9)) < 1e-12)
        #expect(abs(check.logitStandardDeviation - 1.5) < 1e-12)
        #expect(!check.passed)
        #expect(check.warnings.count == 1)
        #expect(check.warnings.first?.contains("above") == true)
    }

    @Test func aLossBelowChanceIsFlagged() {
        // The same logits with labels all class 1: loss = ln(e⁵ + 9) − 5 = 0.0555 < ln 10.
        var bias = Array(repeating: 0.0, count: 10)
        bias[1] = 5
        let check = InitialLossCheck(
            model: Self.classifier(lastBias: bias), input: Self.batch(6), labels: Array(repeating: 1, count: 6))
        #expect(abs(check.measuredLoss - (Double.log(Double.exp(5) + 9) - 5)) < 1e-12)
        #expect(check.warnings.count == 1)
        #expect(check.warnings.first?.contains("below chance") == true)
    }

    @Test func theToleranceIsRelativeToLnC() {
        // Logits (0, s, 0, 0) for C = 4 and labels all class 0: loss = ln(e^s + 3). The default
        // tolerance is 0.1·ln 4 = 0.1386; s = 0.5 gives ln(4.6487) = 1.5366, 0.1503 above ln 4
        // (fails), s = 0.4 gives ln(4.4918) = 1.5023, 0.1160 above (passes).
        let labels = Array(repeating: 0, count: 4)
        let fails = InitialLossCheck(model: Self.classifier(lastBias: [0, 0.5, 0, 0]), input: Self.batch(4), labels: labels)
        let passes = InitialLossCheck(model: Self.classifier(lastBias: [0, 0.4, 0, 0]), input: Self.batch(4), labels: labels)
        #expect(abs(fails.tolerance - 0.1 * Double.log(4)) < 1e-15)
        #expect(!fails.passed)
        #expect(passes.passed)
    }

    // MARK: Overfitting one batch

    static func smallClassifier(dropout: Double, generator: inout RandomGenerator) -> Sequential<Double> {
        Sequential<Double> {
            Linear<Double>(inputSize: 4, outputSize: 16, generator: &generator)
            Tanh<Double>()
            Dropout<Double>(probability: dropout, generator: &generator)
            Linear<Double>(inputSize: 16, outputSize: 3, generator: &generator)
        }
    }

    @Test func aSmallNetworkOverfitsOneBatchAndStaysUntouched() {
        var generator = RandomGenerator(seed: 21)
        let model = Self.smallClassifier(dropout: 0.5, generator: &generator)
        let before = model.namedParameters
        let optimizer = Adam<Double>(learningRate: 0.05)
        let report = model.overfitOneBatch(
            input: Self.batch(12, seed: 22), labels: (0..<12).map { $0 % 3 }, loss: SoftmaxCrossEntropy(),
            optimizer: optimizer, maximumStepCount: 500)
        #expect(report.succeeded, "\(report)")
        #expect(report.finalLoss <= 0.01)
        #expect(report.finalAccuracy == 1)
        #expect(report.losses.count == report.stepCount + 1)
        #expect(report.disabledDropoutCount == 1)
        #expect(report.batchSize == 12)
        // Values: the caller's model and optimizer are not changed.
        #expect(model.namedParameters.map(\.parameter) == before.map(\.parameter))
        #expect(optimizer.parameterStates.count == 0)
    }

    @Test func dropoutIsOffWhileOverfitting() {
        // Linear(2 → 1) with W = (1, 1), b = 0, then Dropout(p = 0.9); input (1, 2), target 0.
        // Without dropout the output is 3 and the MSE 9. With the mask active it would be 0 or
        // 30 (loss 0 or 900). Step budget 0: only the initial loss is measured.
        var generator = RandomGenerator(seed: 0)
        let model = Sequential<Double> {
            Linear<Double>(weight: Tensor(rows: [[1, 1]]), bias: Tensor([0]))
            Dropout<Double>(probability: 0.9, generator: &generator)
        }
        for _ in 0..<5 {  // whatever the mask would have been
            let report = model.overfitOneBatch(
                input: Tensor(rows: [[1, 2]]), target: Tensor(rows: [[0]]), loss: MeanSquaredError(),
                optimizer: SGD(learningRate: 0), maximumStepCount: 0)
            #expect(report.losses == [9])
            #expect(!report.succeeded)
            #expect(report.stepCount == 0)
        }
    }

    @Test func weightDecayIsOffWhileOverfitting() {
        // w = 1, x = 1, target 1: the loss (w − 1)² and its gradient are 0. With the weight
        // decay λ = 1 at γ = 0.5, SGD would halve w every step (loss 0.25, 0.5625, …); without
        // it w stays 1. An unreachable threshold makes it take all 3 steps.
        let model = Linear<Double>(weight: Tensor(rows: [[1]]), bias: nil)
        let report = model.overfitOneBatch(
            input: Tensor(rows: [[1]]), target: Tensor(rows: [[1]]), loss: MeanSquaredError(),
            optimizer: SGD(learningRate: 0.5, weightDecay: 1), maximumStepCount: 3, lossThreshold: -1)
        #expect(report.losses == [0, 0, 0, 0])
        #expect(report.stepCount == 3)
        #expect(!report.succeeded)
    }

    @Test func aSoftmaxEndedClassifierCannotOverfit() {
        // Probabilities p fed to the cross-entropy: loss = ln Σc e^(pc) − p_y ≥ ln(C − 1 + e) − 1,
        // reached at p = one-hot(y); for C = 3: ln(2 + e) − 1 = 0.5514 > 0.01.
        var generator = RandomGenerator(seed: 31)
        var model = Self.smallClassifier(dropout: 0, generator: &generator)
        model.append(Softmax<Double>())
        let report = model.overfitOneBatch(
            input: Self.batch(12, seed: 32), labels: (0..<12).map { $0 % 3 }, loss: SoftmaxCrossEntropy(),
            optimizer: Adam<Double>(learningRate: 0.05), maximumStepCount: 300)
        #expect(!report.succeeded)
        #expect(report.stepCount == 300)
        #expect(report.bestLoss >= Double.log(2 + Double.exp(1)) - 1 - 1e-12)
        #expect(report.description.contains("FAILED"))
    }

    // MARK: Output layer

    @Test func reluBeforeNegativeTargetsIsFlagged() {
        var generator = RandomGenerator(seed: 42)
        let model = Sequential<Double> {
            Linear<Double>(inputSize: 3, outputSize: 2, generator: &generator)
            ReLU<Double>()
        }
        let negative = OutputLayerCheck(model: model, loss: MeanSquaredError(), targets: Tensor(rows: [[-1, 2], [0, 3]]))
        #expect(!negative.passed)
        #expect(negative.outputRange?.lowerBound == 0)
        #expect(negative.targetRange == -1...3)
        // Targets in [0, 3]: ReLU reaches 0 itself.
        let nonNegative = OutputLayerCheck(model: model, loss: MeanSquaredError(), targets: Tensor(rows: [[0, 2], [1, 3]]))
        #expect(nonNegative.passed, "\(nonNegative)")
    }

    @Test func sigmoidBeforeTargetsItCannotReachIsFlagged() {
        var generator = RandomGenerator(seed: 43)
        let model = Sequential<Double> {
            Linear<Double>(inputSize: 3, outputSize: 1, generator: &generator)
            Sigmoid<Double>()
            Dropout<Double>(probability: 0.1, generator: &generator)  // skipped: the last layer is the Sigmoid
        }
        // 0 and 1 are only approached by σ, never reached; 2 is far outside.
        for targets in [[0.0, 0.5], [0.5, 1.0], [0.2, 2.0]] {
            let check = OutputLayerCheck(model: model, loss: L1Loss(), targets: Tensor(rows: targets.map { [$0] }))
            #expect(!check.passed, "\(targets)")
            #expect(check.lastLayer == "Sigmoid")
        }
        let inside = OutputLayerCheck(model: model, loss: HuberLoss(), targets: Tensor(rows: [[0.2], [0.8]]))
        #expect(inside.passed)
    }

    @Test func probabilitiesFedToALossOnLogitsAreFlagged() {
        var generator = RandomGenerator(seed: 44)
        let sigmoid = Sequential<Double> {
            Linear<Double>(inputSize: 3, outputSize: 1, generator: &generator)
            Sigmoid<Double>()
        }
        let binary = OutputLayerCheck(model: sigmoid, loss: BinaryCrossEntropyWithLogits(), targets: Tensor(rows: [[0], [1]]))
        #expect(!binary.passed)
        #expect(binary.warnings.first?.contains("probabilities") == true)

        let softmax = Sequential<Double> {
            Linear<Double>(inputSize: 3, outputSize: 4, generator: &generator)
            Softmax<Double>()
        }
        let crossEntropy = OutputLayerCheck(model: softmax, loss: SoftmaxCrossEntropy<Double>())
        #expect(!crossEntropy.passed)
        #expect(crossEntropy.warnings.first?.contains("probabilities") == true)
    }

    @Test func boundedLogitsAreFlaggedAndLinearOrLogSoftmaxPass() {
        var generator = RandomGenerator(seed: 45)
        let linear = Linear<Double>(inputSize: 3, outputSize: 4, generator: &generator)
        let tanhEnded = Sequential<Double> {
            linear
            Tanh<Double>()
        }
        let logSoftmaxEnded = Sequential<Double> {
            linear
            LogSoftmax<Double>()
        }
        // Nested: the last layer of the last Sequential.
        let nested = Sequential<Double> {
            Sequential<Double> { linear }
        }
        #expect(!OutputLayerCheck(model: tanhEnded, loss: SoftmaxCrossEntropy<Double>()).passed)
        #expect(OutputLayerCheck(model: logSoftmaxEnded, loss: SoftmaxCrossEntropy<Double>()).passed)
        #expect(OutputLayerCheck(model: linear, loss: SoftmaxCrossEntropy<Double>()).passed)
        let nestedCheck = OutputLayerCheck(model: nested, loss: SoftmaxCrossEntropy<Double>())
        #expect(nestedCheck.passed)
        #expect(nestedCheck.lastLayer == linear.description)
        #expect(nestedCheck.outputRange == nil)
    }

    // MARK: Histograms and tensor statistics

    @Test func histogramCountsByHand() {
        // Range [0, 2], 4 bins of width 0.5: [0, 0.5) [0.5, 1) [1, 1.5) [1.5, 2].
        // 0, 0.1 → bin 0; 0.5 → bin 1 (lower edge); 1.2 → bin 2; 2 → bin 3 (the top is included);
        // −0.1 below, 2.5 above, NaN and ∞ not finite.
        let histogram = Histogram([0, 0.1, 0.5, 1.2, 2, -0.1, 2.5, .nan, .infinity], binCount: 4, range: 0...2)
        #expect(histogram.counts == [2, 1, 1, 1])
        #expect(histogram.underflowCount == 1)
        #expect(histogram.overflowCount == 1)
        #expect(histogram.nonFiniteCount == 2)
        #expect(histogram.binWidth == 0.5)
        #expect(histogram.edges(ofBin: 1) == (lower: 0.5, upper: 1.0))
        #expect(histogram.edges(ofBin: 3) == (lower: 1.5, upper: 2.0))
        #expect(histogram.binnedCount == 5)
    }

    @Test func degenerateHistogramRangeIsWidened() {
        // [3, 3] becomes [2.5, 3.5]; with 2 bins of 0.5, 3 is the lower edge of bin 1.
        let histogram = Histogram([3, 3, 3], binCount: 2, range: 3...3)
        #expect(histogram.lowerBound == 2.5 && histogram.upperBound == 3.5)
        #expect(histogram.counts == [0, 3])
    }

    @Test func tensorStatisticsByHand() {
        // Elements 1, 0, 3, 0: mean 1, deviations² 0, 1, 4, 1 → variance 6/4, σ = √1.5.
        // Two examples of two units; unit 1 is 0 in both: dead. Histogram over [0, 3], 3 bins
        // of width 1: 0, 0 → bin 0; 1 → bin 1; 3 → bin 2 (top).
        let statistics = TensorStatistics(Tensor<Double>(rows: [[1, 0], [3, 0]]), binCount: 3)
        #expect(statistics.mean == 1)
        #expect(abs(statistics.standardDeviation - 1.5.squareRoot()) < 1e-15)
        #expect(statistics.minimum == 0 && statistics.maximum == 3)
        #expect(statistics.zeroFraction == 0.5)
        #expect(statistics.unitCount == 2)
        #expect(statistics.deadUnitCount == 1)
        #expect(statistics.deadUnitFraction == 0.5)
        #expect(statistics.saturatedFraction == nil)
        #expect(statistics.histogram.counts == [2, 1, 1])
    }

    @Test func nonFiniteElementsAreCountedApart() {
        // Finite elements 2 and 4: mean 3, σ = 1.
        let statistics = TensorStatistics(Tensor<Float>([2, .nan, 4, -.infinity]))
        #expect(statistics.nonFiniteCount == 2)
        #expect(statistics.mean == 3)
        #expect(statistics.standardDeviation == 1)
        #expect(statistics.histogram.nonFiniteCount == 2)
        #expect(statistics.histogram.binnedCount == 2)
    }

    // MARK: Network statistics

    /// Linear(3 → 4) then ReLU, on positive inputs. Unit 0: −(x₀ + x₁ + x₂) − 1 < 0, and unit 2:
    /// −x₀ − 1 < 0, are dead by construction; unit 1: x₀ − x₁ is positive only for some
    /// examples; unit 3: x₀ + x₁ + x₂ > 0 always.
    static var deadUnitNetwork: Sequential<Double> {
        Sequential<Double> {
            Linear<Double>(
                weight: Tensor(rows: [[-1, -1, -1], [1, -1, 0], [-1, 0, 0], [1, 1, 1]]), bias: Tensor([-1, 0, -1, 0]))
            ReLU<Double>()
        }
    }
    /// Pre-activations, row by row (units 0 … 3): (−7, −1, −2, 6), (−7, 2, −4, 6), (−6, 0, −3, 5).
    static let deadUnitInput = Tensor<Double>(rows: [[1, 2, 3], [3, 1, 2], [2, 2, 1]])

    @Test func deadReLUUnitsAreCounted() {
        let statistics = NetworkStatistics(
            of: Self.deadUnitNetwork, input: Self.deadUnitInput, target: Tensor(repeating: 1, shape: [3, 4]),
            loss: MeanSquaredError())
        #expect(statistics.layers.count == 2)
        let linear = statistics.layers[0].activation
        let relu = statistics.layers[1].activation
        // Linear output: one exact zero (unit 1 of row 2), no unit zero for every example.
        #expect(linear.zeroFraction == 1.0 / 12)
        #expect(linear.deadUnitCount == 0)
        // ReLU output: units 0 and 2 zero everywhere, unit 1 in rows 0 and 2: 8 zeros of 12.
        #expect(relu.unitCount == 4)
        #expect(relu.deadUnitCount == 2)
        #expect(relu.deadUnitFraction == 0.5)
        #expect(relu.zeroFraction == 8.0 / 12)
        #expect(relu.saturatedFraction == nil)
        // The gradient reaching the Linear output passes ReLU′ = 0 at inputs ≤ 0: dead units 0
        // and 2 get none for any example; unit 1 gets one only in row 1. Upstream
        // ∂L/∂y = 2(y − 1)/12 is non-zero everywhere (no output equals 1).
        let gradient = try! #require(statistics.layers[0].gradient)
        #expect(gradient.deadUnitCount == 2)
        #expect(gradient.zeroFraction == 8.0 / 12)
        #expect(statistics.layers[1].gradient?.zeroFraction == 0)
    }

    @Test func saturationWithinOnePercentOfTheBounds() {
        // Tanh: saturated when |y| ≥ 0.98, i.e. |x| ≥ atanh(0.98) = 2.298: 10, −10 and 2.5
        // (tanh 2.5 = 0.9866) are; 2 (tanh 2 = 0.9640) and 0 are not: 3 of 5.
        let tanh = NetworkStatistics(of: Sequential<Double> { Tanh<Double>() }, input: Tensor(rows: [[10, -10, 2.5, 2, 0]]))
        #expect(tanh.layers[0].activation.saturatedFraction == 3.0 / 5)
        #expect(tanh.layers[0].activation.histogram.lowerBound == -1)
        #expect(tanh.layers[0].activation.histogram.upperBound == 1)
        #expect(tanh.layers[0].gradient == nil)
        // Sigmoid: saturated when y ≤ 0.01 or y ≥ 0.99: σ(−5) = 0.0067 and σ(5) = 0.9933 are,
        // σ(4) = 0.9820 and σ(0) = 0.5 are not: 2 of 4.
        let sigmoid = NetworkStatistics(of: Sequential<Double> { Sigmoid<Double>() }, input: Tensor(rows: [[-5, 5, 4, 0]]))
        #expect(sigmoid.layers[0].activation.saturatedFraction == 2.0 / 4)
    }

    @Test func gradientStatisticsByHand() {
        // y = 2·x for x = (1, 2): y = (2, 4). MSE against 0: L = (4 + 16)/2 = 10,
        // ∂L/∂y = 2·y/2 = (2, 4): mean 3, σ = 1. ∂L/∂w = Σ (∂L/∂y)·x = 2 + 8 = 10.
        let model = Sequential<Double> { Linear<Double>(weight: Tensor(rows: [[2]]), bias: nil) }
        let statistics = NetworkStatistics(
            of: model, input: Tensor(rows: [[1], [2]]), target: Tensor(zeros: [2, 1]), loss: MeanSquaredError())
        #expect(statistics.loss == 10)
        #expect(statistics.layers[0].activation.mean == 3)
        #expect(statistics.layers[0].activation.standardDeviation == 1)
        #expect(statistics.layers[0].gradient?.mean == 3)
        #expect(statistics.layers[0].gradient?.standardDeviation == 1)
        #expect(statistics.layers[0].gradient?.histogram.lowerBound == -4)
        #expect(statistics.layers[0].parameters.map(\.name) == ["0.weight"])
        // One element: σ = 0 for the value and the gradient.
        #expect(statistics.layers[0].parameters.first?.gradientStandardDeviation == 0)
        // The caller's model is untouched: no gradient accumulated in it.
        #expect(model.namedParameters.first?.parameter.gradient == Tensor(zeros: [1, 1]))
        #expect(statistics.description.contains("Linear"))
    }

    // MARK: Learning-rate range test

    @Test func learningRatesGrowExponentially() {
        // γₖ = 10⁻² · 100^(k/2): 0.01, 0.1, 1.
        let test = LearningRateRangeTest(minimumLearningRate: 1e-2, maximumLearningRate: 1, stepCount: 3)
        #expect(abs(test.learningRate(atStep: 0) - 0.01) < 1e-17)
        #expect(abs(test.learningRate(atStep: 1) - 0.1) < 1e-16)
        #expect(abs(test.learningRate(atStep: 2) - 1) < 1e-15)
    }

    @Test func smoothingIsBiasCorrected() {
        // A model without parameters (ReLU) and MSE: losses (2 − 1)² = 1 and (3 − 1)² = 4.
        // β = 0.5: s₀ = 0.5, ŝ₀ = 0.5/(1 − 0.5) = 1; s₁ = 0.25 + 2 = 2.25, ŝ₁ = 2.25/(1 − 0.25) = 3.
        var model = Sequential<Double> { ReLU<Double>() }
        var optimizer = SGD<Double>()
        let inputs = [2.0, 3.0]
        let result = LearningRateRangeTest(minimumLearningRate: 1e-3, maximumLearningRate: 1, stepCount: 2, smoothing: 0.5)
            .run(model: &model, optimizer: &optimizer, loss: MeanSquaredError()) { step in
                (Tensor(rows: [[inputs[step]]]), Tensor(rows: [[1]]))
            }
        #expect(result.points.map(\.loss) == [1, 4])
        #expect(result.points.map(\.smoothedLoss) == [1, 3])
        #expect(!result.diverged)
    }

    /// f(w) = ½·a·w² with a = 8, as the MSE of the prediction w·x for x = 2 against 0:
    /// (2w)² = 4w² = ½·8·w². Its gradient is a·w, so one SGD step gives w ← (1 − γa)·w and
    /// multiplies the loss by (1 − γa)²: the loss falls fastest at γ = 1/a = 0.125 (to zero in
    /// one step) and grows for γ > 2/a = 0.25.
    @Test func rangeTestFindsTheBestRateOfAQuadratic() {
        let a = 8.0
        var model = Linear<Double>(weight: Tensor(rows: [[1]]), bias: nil)
        var optimizer = SGD<Double>()
        // A deterministic problem: no smoothing (β = 0), so ŝₖ = ℓₖ.
        let test = LearningRateRangeTest(minimumLearningRate: 1e-4, maximumLearningRate: 10, stepCount: 100, smoothing: 0)
        let result = test.run(model: &model, optimizer: &optimizer, loss: MeanSquaredError()) { _ in
            (Tensor(rows: [[2]]), Tensor(rows: [[0]]))
        }
        // Grid ratio r = (10 / 10⁻⁴)^(1/99) = 10^(5/99) = 1.1233.
        let r = Double.exp(5 * Double.log(10) / 99)
        let steepest = try! #require(result.steepestDescentLearningRate)
        // The best rate 1/a within a factor of 3, and in fact within one grid step.
        #expect(steepest >= 1 / (3 * a) && steepest <= 3 / a, "steepest \(steepest)")
        #expect(steepest >= 1 / (a * r) && steepest <= r / a, "steepest \(steepest)")
        // The loss falls while γ < 2/a: the smallest loss is measured at the first γ ≥ 2/a.
        #expect(result.learningRateAtMinimum >= 2 / a && result.learningRateAtMinimum < 2 * r / a)
        #expect(result.minimumOverTenLearningRate == result.learningRateAtMinimum / 10)
        // Beyond 2/a the loss grows by (γa − 1)² per step until it exceeds 4× its minimum.
        #expect(result.diverged)
        #expect(result.points.count < 100)
        #expect(result.points.last!.learningRate > 2 / a)
        #expect(result.suggestedLearningRate == steepest)
    }

    @Test func rangeTestRestoresModelAndOptimizerExactly() {
        var generator = RandomGenerator(seed: 51)
        var model = Sequential<Float> {
            Linear<Float>(inputSize: 4, outputSize: 8, generator: &generator)
            BatchNorm<Float>(featureCount: 8)
            ReLU<Float>()
            Dropout<Float>(probability: 0.2, generator: &generator)
            Linear<Float>(inputSize: 8, outputSize: 3, generator: &generator)
        }
        let input = Tensor<Float>(randomNormal: [16, 4], using: &generator)
        let labels = (0..<16).map { $0 % 3 }
        let data = Dataset(features: input, labels: labels)
        var optimizer = Adam<Float>(learningRate: 1e-3)
        optimizer.excludeFromWeightDecay = { $0.hasSuffix("bias") }
        // Two ordinary steps first, so that the optimizer has moments and step counts, the
        // BatchNorm running statistics have moved and the gradients are not zero.
        for _ in 0..<2 {
            model.zeroGradients()
            let (_, gradient) = SoftmaxCrossEntropy<Float>()(model.forward(input, mode: .training), target: .classes(labels))
            _ = model.backward(gradient)
            optimizer.step(&model)
        }
        let modelBefore = model
        let optimizerBefore = optimizer

        var shuffling = RandomGenerator(seed: 52)
        let result = LearningRateRangeTest(minimumLearningRate: 1e-5, maximumLearningRate: 100, stepCount: 30).run(
            model: &model, optimizer: &optimizer, training: data, batchSize: 8, loss: SoftmaxCrossEntropy<Float>(),
            shuffling: &shuffling)
        #expect(result.points.count >= 2)

        // Bit for bit: parameter values and gradients, running statistics.
        let bits = { (tensor: Tensor<Float>) in tensor.scalars.map(\.bitPattern) }
        #expect(model.parameterNames == modelBefore.parameterNames)
        for (after, before) in zip(model.namedParameters, modelBefore.namedParameters) {
            #expect(bits(after.parameter.value) == bits(before.parameter.value), "\(after.name)")
            #expect(bits(after.parameter.gradient) == bits(before.parameter.gradient), "\(after.name)")
        }
        for (after, before) in zip(model.namedState, modelBefore.namedState) {
            #expect(bits(after.value) == bits(before.value), "\(after.name)")
        }
        // The optimizer: learning rate, per-parameter step counts and buffers.
        #expect(optimizer.learningRate == 1e-3)
        #expect(optimizer.parameterStates.entries.map(\.name) == optimizerBefore.parameterStates.entries.map(\.name))
        for entry in optimizerBefore.parameterStates.entries {
            #expect(optimizer.parameterStates[entry.name]?.step == entry.step)
            let after = optimizer.parameterStates.tensors(ofParameter: entry.name)
            let before = optimizerBefore.parameterStates.tensors(ofParameter: entry.name)
            #expect(after.map(\.name) == before.map(\.name))
            #expect(after.map { bits($0.value) } == before.map { bits($0.value) }, "\(entry.name)")
        }
        // And everything else (the dropout generator, the options): the next training step of
        // the restored pair equals the next step of the saved copies.
        var (modelCopy, optimizerCopy) = (modelBefore, optimizerBefore)
        model.zeroGradients()
        modelCopy.zeroGradients()
        let (_, gradient) = SoftmaxCrossEntropy<Float>()(model.forward(input, mode: .training), target: .classes(labels))
        let (_, gradientCopy) = SoftmaxCrossEntropy<Float>()(modelCopy.forward(input, mode: .training), target: .classes(labels))
        _ = model.backward(gradient)
        _ = modelCopy.backward(gradientCopy)
        optimizer.step(&model)
        optimizerCopy.step(&modelCopy)
        #expect(model.namedParameters.map { bits($0.parameter.value) } == modelCopy.namedParameters.map { bits($0.parameter.value) })
    }

    @Test func rangeTestStopsWhenTheLossIsNotFinite() {
        // From step 2 on the batch's target is NaN: the loss is NaN and the test stops there.
        var model = Linear<Double>(weight: Tensor(rows: [[1]]), bias: nil)
        var optimizer = SGD<Double>()
        let result = LearningRateRangeTest(stepCount: 10, smoothing: 0)
            .run(model: &model, optimizer: &optimizer, loss: MeanSquaredError()) { step in
                (Tensor(rows: [[1]]), Tensor(rows: [[step < 2 ? 0 : .nan]]))
            }
        #expect(result.diverged)
        #expect(result.points.count == 3)
    }

    // MARK: The documented recipe

    /// The example of Docs/Diagnostics.md on the digits: the checks pass on a correct MLP, and
    /// the range test leaves the model and the optimizer as they were.
    @Test func documentedRecipeRuns() throws {
        let digits = try loadDigits()
        // BEGIN DIAGNOSTICS EXAMPLE
        var generator = RandomGenerator(seed: 1)
        var model = Sequential<Float> {
            Linear<Float>(inputSize: 64, outputSize: 128, generator: &generator)
            ReLU<Float>()
            Linear<Float>(inputSize: 128, outputSize: 10, generator: &generator)
        }
        let loss = SoftmaxCrossEntropy<Float>()
        let batch = digits.shuffledBatches(size: 200, using: &generator)[0]

        // 1. The initial loss should be ln 10 = 2.303; the last layer should output logits.
        let initialLoss = InitialLossCheck(model: model, input: batch.features, labels: batch.targets)
        let outputLayer = OutputLayerCheck(model: model, loss: loss)
        print(initialLoss, outputLayer, separator: "\n")

        // 2. Learn 32 examples by heart, with dropout and weight decay off.
        let small = digits.shuffledBatches(size: 32, using: &generator)[0]
        let overfit = model.overfitOneBatch(
            input: small.features, labels: small.targets, loss: loss,
            optimizer: Adam<Float>(learningRate: 1e-3), maximumStepCount: 1000)
        print(overfit)

        // 3. Find a learning rate; the model and the optimizer are restored afterwards.
        var optimizer = SGD<Float>(learningRate: 0.01, momentum: 0.9)
        let rangeTest = LearningRateRangeTest(minimumLearningRate: 1e-5, maximumLearningRate: 10)
        let curve = rangeTest.run(
            model: &model, optimizer: &optimizer, training: digits, batchSize: 64, loss: loss,
            shuffling: &generator)
        print(curve)
        optimizer.learningRate = curve.suggestedLearningRate

        // 4. The activations and gradients of every layer on one batch.
        print(NetworkStatistics(of: model, input: batch.features, target: .classes(batch.targets), loss: loss))
        // END DIAGNOSTICS EXAMPLE

        #expect(initialLoss.passed)
        #expect(outputLayer.passed)
        #expect(overfit.succeeded)
        #expect(optimizer.parameterStates.count == 0)
        #expect(curve.suggestedLearningRate > 1e-5 && curve.suggestedLearningRate < 10)
        let shown = try DocumentedCode.block(in: "Docs/Diagnostics.md", after: "<!-- DIAGNOSTICS-EXAMPLE")
        #expect(shown == (try DocumentedCode.tested("DIAGNOSTICS EXAMPLE", in: #filePath)))
    }
}
