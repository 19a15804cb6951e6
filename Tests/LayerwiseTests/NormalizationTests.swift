import Layerwise
import Testing

// MARK: - Helpers

private func expectClose(
    _ actual: [Double], _ expected: [Double], tolerance: Double = 1e-12,
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    for (a, e) in zip(actual, expected) {
        #expect(abs(a - e) <= tolerance, "\(actual) vs \(expected)", sourceLocation: sourceLocation)
    }
}

// MARK: - BatchNorm

@Suite struct BatchNormTests {
    @Test func namesFollowPyTorch() {
        let layer = BatchNorm<Float>(featureCount: 3)
        #expect(layer.parameterNames == ["weight", "bias"])
        #expect(layer.stateNames == ["running_mean", "running_var"])
        #expect(layer.namedParameters.map(\.parameter.value.scalars) == [[1, 1, 1], [0, 0, 0]])
        #expect(layer.namedState.map(\.value.scalars) == [[0, 0, 0], [1, 1, 1]])
        let plain = BatchNorm<Float>(featureCount: 3, affine: false)
        #expect(plain.parameterNames.isEmpty)
        #expect(plain.namedParameters.isEmpty)
        #expect(plain.stateNames == ["running_mean", "running_var"])
    }

    /// x = [[1, 2], [3, 6], [5, 10]]. Feature 0: mean 3, deviations −2, 0, 2, Σ dev² = 8,
    /// biased variance 8/3, unbiased 8/2 = 4. Feature 1: mean 6, deviations −4, 0, 4, Σ = 32,
    /// biased 32/3, unbiased 16. With m = 0.1 from (0, 1):
    /// running_mean = 0.1·(3, 6) = (0.3, 0.6); running_var = 0.9·1 + 0.1·(4, 16) = (1.3, 2.5).
    @Test func runningStatisticsByHand() {
        var layer = BatchNorm<Double>(featureCount: 2)
        let input = Tensor<Double>(rows: [[1, 2], [3, 6], [5, 10]])
        let output = layer.forward(input, mode: .training)
        expectClose(layer.runningMean.scalars, [0.3, 0.6])
        expectClose(layer.runningVariance.scalars, [1.3, 2.5])

        let sigma0 = (8.0 / 3 + 1e-5).squareRoot()
        let sigma1 = (32.0 / 3 + 1e-5).squareRoot()
        expectClose(output.scalars, [-2 / sigma0, -4 / sigma1, 0, 0, 2 / sigma0, 4 / sigma1])

        // A second step: running_mean = 0.9·0.3 + 0.1·3 = 0.57, 0.9·0.6 + 0.1·6 = 1.14;
        // running_var = 0.9·1.3 + 0.1·4 = 1.57, 0.9·2.5 + 0.1·16 = 3.85.
        _ = layer.forward(input, mode: .training)
        expectClose(layer.runningMean.scalars, [0.57, 1.14])
        expectClose(layer.runningVariance.scalars, [1.57, 3.85])
    }

    /// m = 0.5, x = [[0], [4]]: mean 2, unbiased variance (4 + 4)/1 = 8.
    /// running_mean = 0.5·0 + 0.5·2 = 1; running_var = 0.5·1 + 0.5·8 = 4.5.
    @Test func momentumWeighsTheNewBatch() {
        var layer = BatchNorm<Float>(featureCount: 1, momentum: 0.5)
        _ = layer.forward(Tensor(rows: [[0], [4]]), mode: .training)
        #expect(layer.runningMean.scalars == [1])
        #expect(layer.runningVariance.scalars == [4.5])
    }

    /// Training output with γ = 2, β = −1: per feature, the mean is β and the biased variance
    /// is γ²·σ²/(σ² + ε).
    @Test func trainingOutputIsNormalizedPerFeature() {
        var generator = RandomGenerator(seed: 1)
        var layer = BatchNorm<Double>(featureCount: 3)
        layer.weight!.value = Tensor([2, 2, 2])
        layer.bias!.value = Tensor([-1, -1, -1])
        var input = Tensor<Double>(randomNormal: [64, 3], using: &generator)
        for row in 0..<64 { input[row, 2] = 100 + 30 * input[row, 2] }
        let output = layer.forward(input, mode: .training)
        for column in 0..<3 {
            let xs = (0..<64).map { input[$0, column] }
            let ys = (0..<64).map { output[$0, column] }
            let inputMean = xs.reduce(0, +) / 64
            let inputVariance = xs.reduce(0) { $0 + ($1 - inputMean) * ($1 - inputMean) } / 64
            let mean = ys.reduce(0, +) / 64
            let variance = ys.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 64
            #expect(abs(mean - -1) < 1e-12)
            #expect(abs(variance - 4 * inputVariance / (inputVariance + 1e-5)) < 1e-10)
        }
    }

    /// Running statistics (1, −2) and (4, 0.25), γ = (2, 3), β = (0.5, −1), ε = 0:
    /// y₀ = (x₀ − 1)/2·2 + 0.5, y₁ = (x₁ + 2)/0.5·3 − 1.
    @Test func inferenceUsesRunningStatisticsOnly() {
        var layer = BatchNorm<Double>(featureCount: 2, epsilon: 0)
        layer.runningMean = Tensor([1, -2])
        layer.runningVariance = Tensor([4, 0.25])
        layer.weight!.value = Tensor([2, 3])
        layer.bias!.value = Tensor([0.5, -1])
        let input = Tensor<Double>(rows: [[3, -2], [1, 0]])
        let output = layer.forward(input, mode: .inference)
        expectClose(output.scalars, [2.5, -1, 0.5, 11])
        // The running statistics are untouched, and a row alone gives the same output.
        #expect(layer.runningMean.scalars == [1, -2])
        #expect(layer.runningVariance.scalars == [4, 0.25])
        var alone = layer
        expectClose(alone.forward(Tensor(rows: [[1, 0]]), mode: .inference).scalars, [0.5, 11])

        // Backward of the inference function, g = 1 everywhere: ∂L/∂x = γ/√running_var = (1, 6);
        // x̂ = [[1, 0], [0, 4]], so ∂L/∂γ = Σ x̂ = (1, 4); ∂L/∂β = Σ g = (2, 2).
        let gradInput = layer.backward(Tensor(repeating: 1, shape: [2, 2]))
        expectClose(gradInput.scalars, [1, 6, 1, 6])
        expectClose(layer.weight!.gradient.scalars, [1, 4])
        expectClose(layer.bias!.gradient.scalars, [2, 2])
    }

    @Test func inferenceAcceptsABatchOfOne() {
        var layer = BatchNorm<Float>(featureCount: 2)
        let output = layer.forward(Tensor(rows: [[3, 4]]), mode: .inference)
        // (x − 0)/√(1 + 1e-5).
        let scale = 1 / (1 + Float(1e-5)).squareRoot()
        #expect(output.scalars == [3 * scale, 4 * scale])
    }

    /// Batch statistics of features far from zero: offsets 0, 10² and −10⁴ on a spread of
    /// about 2, where x − μ cancels all but the last digits of the large features, with γ and β
    /// drawn from N(0, 1) (so some γ are negative). LayerGradientCheckTests checks BatchNorm at
    /// inputs in [−2, 2] only.
    @Test(arguments: [true, false])
    func trainingGradientsWithLargeOffsets(affine: Bool) {
        var generator = RandomGenerator(seed: 2)
        var layer = BatchNorm<Double>(featureCount: 3, affine: affine)
        if affine {
            layer.weight!.value = Tensor(randomNormal: [3], using: &generator)
            layer.bias!.value = Tensor(randomNormal: [3], using: &generator)
        }
        let offsets: [Double] = [0, 100, -10_000]
        var input = Tensor<Double>(randomNormal: [5, 3], standardDeviation: 2, using: &generator)
        for row in 0..<5 {
            for column in 0..<3 { input[row, column] += offsets[column] }
        }
        let report = GradientCheck.check(layer: layer, input: input, mode: .training)
        #expect(report.passed, "\(report)")
        #expect(report.worstRelativeError <= 1e-6, "\(report)")
    }

    /// Inputs of magnitude 1e4 with a spread of 1e-2: finite, normalized output.
    @Test func largeOffsetsStayFinite() {
        var layer = BatchNorm<Float>(featureCount: 1)
        let output = layer.forward(Tensor(rows: [[10_000], [10_000.01], [9_999.99]]), mode: .training)
        #expect(output.scalars.filter { !$0.isFinite }.isEmpty)
        let gradient = layer.backward(Tensor(rows: [[1], [2], [3]]))
        #expect(gradient.scalars.filter { !$0.isFinite }.isEmpty)
    }

    @Test func trainingOnABatchOfOneStops() async {
        await #expect(processExitsWith: .failure) {
            var layer = BatchNorm<Float>(featureCount: 3)
            _ = layer.forward(Tensor(rows: [[1, 2, 3]]), mode: .training)
        }
    }

    @Test func wrongFeatureCountStops() async {
        await #expect(processExitsWith: .failure) {
            var layer = BatchNorm<Float>(featureCount: 3)
            _ = layer.forward(Tensor(rows: [[1, 2], [3, 4]]), mode: .training)
        }
    }

    @Test func backwardBeforeForwardStops() async {
        await #expect(processExitsWith: .failure) {
            var layer = BatchNorm<Float>(featureCount: 2)
            _ = layer.backward(Tensor(rows: [[1, 2], [3, 4]]))
        }
    }

    @Test func gradOutputOfTheWrongShapeStops() async {
        await #expect(processExitsWith: .failure) {
            var layer = BatchNorm<Float>(featureCount: 2)
            _ = layer.forward(Tensor(rows: [[1, 2], [3, 4]]), mode: .training)
            _ = layer.backward(Tensor(rows: [[1, 2], [3, 4], [5, 6]]))
        }
    }
}

// MARK: - LayerNorm

@Suite struct LayerNormTests {
    @Test func namesFollowPyTorch() {
        let layer = LayerNorm<Double>(featureCount: 4)
        #expect(layer.parameterNames == ["weight", "bias"])
        #expect(layer.stateNames.isEmpty)
        #expect(LayerNorm<Double>(featureCount: 4, affine: false).parameterNames.isEmpty)
    }

    /// Row (1, 2, 3, 4): mean 2.5, deviations (−1.5, −0.5, 0.5, 1.5), biased variance
    /// (2.25 + 0.25 + 0.25 + 2.25)/4 = 1.25; with ε = 0, x̂ = deviation/√1.25.
    @Test func normalizesARowByHand() {
        var layer = LayerNorm<Double>(featureCount: 4, epsilon: 0)
        let output = layer.forward(Tensor(rows: [[1, 2, 3, 4]]), mode: .training)
        let sigma = 1.25.squareRoot()
        expectClose(output.scalars, [-1.5 / sigma, -0.5 / sigma, 0.5 / sigma, 1.5 / sigma])
    }

    /// With γ = 1, β = 0 each row has mean 0 and biased variance σ²/(σ² + ε) ≈ 1.
    @Test func rowsHaveMeanZeroAndVarianceOne() {
        var generator = RandomGenerator(seed: 4)
        var layer = LayerNorm<Double>(featureCount: 16)
        var input = Tensor<Double>(randomNormal: [8, 16], using: &generator)
        for row in 0..<8 {
            for column in 0..<16 { input[row, column] = Double(row * 10) + Double(row + 1) * input[row, column] }
        }
        let output = layer.forward(input, mode: .training)
        for row in 0..<8 {
            let xs = (0..<16).map { input[row, $0] }
            let ys = (0..<16).map { output[row, $0] }
            let inputMean = xs.reduce(0, +) / 16
            let inputVariance = xs.reduce(0) { $0 + ($1 - inputMean) * ($1 - inputMean) } / 16
            let mean = ys.reduce(0, +) / 16
            let variance = ys.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / 16
            #expect(abs(mean) < 1e-12)
            #expect(abs(variance - inputVariance / (inputVariance + 1e-5)) < 1e-12)
            #expect(abs(variance - 1) < 1e-4)
        }
    }

    @Test func modeDoesNotMatter() {
        var generator = RandomGenerator(seed: 5)
        var layer = LayerNorm<Float>(featureCount: 5)
        layer.weight!.value = Tensor(randomNormal: [5], using: &generator)
        let input = Tensor<Float>(randomNormal: [3, 5], using: &generator)
        #expect(layer.forward(input, mode: .training) == layer.forward(input, mode: .inference))
    }

    @Test func wrongFeatureCountStops() async {
        await #expect(processExitsWith: .failure) {
            var layer = LayerNorm<Double>(featureCount: 4)
            _ = layer.forward(Tensor(rows: [[1, 2, 3]]), mode: .training)
        }
    }

    @Test func backwardBeforeForwardStops() async {
        await #expect(processExitsWith: .failure) {
            var layer = LayerNorm<Double>(featureCount: 2)
            _ = layer.backward(Tensor(rows: [[1, 2]]))
        }
    }
}

// MARK: - Dropout

@Suite struct DropoutTests {
    /// An input with no zero element: 1 + |x|.
    private func positiveInput(_ shape: [Int], seed: UInt64) -> Tensor<Double> {
        var generator = RandomGenerator(seed: seed)
        return Tensor<Double>(randomNormal: shape, using: &generator).map { 1 + abs($0) }
    }

    @Test func zeroProbabilityIsTheIdentityInTraining() {
        var generator = RandomGenerator(seed: 1)
        var layer = Dropout<Double>(probability: 0, generator: &generator)
        let before = layer.generator
        let input = positiveInput([4, 6], seed: 2)
        #expect(layer.forward(input, mode: .training) == input)
        let gradOutput = positiveInput([4, 6], seed: 3)
        #expect(layer.backward(gradOutput) == gradOutput)
        #expect(layer.generator == before, "p = 0 draws no random numbers")
    }

    @Test func probabilityOneGivesZerosAndAFiniteZeroGradient() {
        var generator = RandomGenerator(seed: 4)
        var layer = Dropout<Float>(probability: 1, generator: &generator)
        let input = Tensor<Float>(positiveInput([3, 5], seed: 5))
        let output = layer.forward(input, mode: .training)
        #expect(output.scalars == [Float](repeating: 0, count: 15))
        let gradInput = layer.backward(Tensor(repeating: 2, shape: [3, 5]))
        #expect(gradInput.scalars == [Float](repeating: 0, count: 15))
    }

    @Test func inferenceIsTheIdentity() {
        var generator = RandomGenerator(seed: 6)
        var layer = Dropout<Double>(probability: 0.5, generator: &generator)
        let before = layer.generator
        let input = positiveInput([5, 7], seed: 7)
        #expect(layer.forward(input, mode: .inference) == input)
        let gradOutput = positiveInput([5, 7], seed: 8)
        #expect(layer.backward(gradOutput) == gradOutput)
        #expect(layer.generator == before)
    }

    /// p = 0.25: kept elements become x/0.75 and their gradient g/0.75; dropped elements have
    /// output 0 and gradient 0 exactly.
    @Test func backwardUsesTheForwardMask() {
        var generator = RandomGenerator(seed: 9)
        var layer = Dropout<Double>(probability: 0.25, generator: &generator)
        let input = positiveInput([20, 10], seed: 10)
        let output = layer.forward(input, mode: .training)
        let gradOutput = positiveInput([20, 10], seed: 11)
        let gradInput = layer.backward(gradOutput)
        var dropped = 0
        for index in input.scalars.indices {
            if output.scalars[index] == 0 {
                dropped += 1
                #expect(gradInput.scalars[index] == 0)
            } else {
                #expect(abs(output.scalars[index] - input.scalars[index] / 0.75) < 1e-15)
                #expect(abs(gradInput.scalars[index] - gradOutput.scalars[index] / 0.75) < 1e-15)
            }
        }
        #expect(dropped > 0 && dropped < 200)
    }

    @Test func aCopyReplaysTheSameMask() {
        var generator = RandomGenerator(seed: 12)
        var layer = Dropout<Double>(probability: 0.5, generator: &generator)
        var copy = layer
        let input = positiveInput([10, 10], seed: 13)
        #expect(layer.forward(input, mode: .training) == copy.forward(input, mode: .training))
        // The next pass draws a new mask.
        let first = copy.forward(input, mode: .training)
        let second = copy.forward(input, mode: .training)
        #expect(first != second)
    }

    /// The gradient check evaluates every perturbed input on a fresh copy of the layer, so it
    /// sees one fixed mask only because a copy replays it. The input has no zero element, so
    /// the zeros of a copy's output are exactly the elements that mask drops: the check covers
    /// both dropped and kept elements.
    @Test func gradientMatchesFiniteDifferencesThroughTheReplayedMask() {
        var generator = RandomGenerator(seed: 14)
        let layer = Dropout<Double>(probability: 0.4, generator: &generator)
        let input = positiveInput([3, 4], seed: 15)
        var copy = layer
        let dropped = copy.forward(input, mode: .training).scalars.filter { $0 == 0 }.count
        #expect(dropped > 0 && dropped < 12, "\(dropped) of 12 dropped")
        let report = GradientCheck.check(layer: layer, input: input, mode: .training)
        #expect(report.passed, "\(report)")
        #expect(report.worstRelativeError <= 1e-6, "\(report)")
    }

    /// Over 100 000 elements the kept fraction is within 0.01 of 1 − p = 0.7 (the standard
    /// error is √(0.7·0.3/100 000) ≈ 0.0014).
    @Test func keptFractionIsOneMinusP() {
        var generator = RandomGenerator(seed: 17)
        var layer = Dropout<Float>(probability: 0.3, generator: &generator)
        let output = layer.forward(Tensor(repeating: 1, shape: [100, 1000]), mode: .training)
        let kept = output.scalars.filter { $0 != 0 }.count
        #expect(abs(Double(kept) / 100_000 - 0.7) < 0.01)
        #expect(output.scalars.filter { $0 != 0 && $0 != 1 / Float(0.7) }.isEmpty)
    }

    @Test func twoSeedsGiveDifferentMasks() {
        var first = RandomGenerator(seed: 18)
        var second = RandomGenerator(seed: 19)
        var a = Dropout<Double>(probability: 0.5, generator: &first)
        var b = Dropout<Double>(probability: 0.5, generator: &second)
        let input = Tensor<Double>(repeating: 1, shape: [8, 8])
        #expect(a.forward(input, mode: .training) != b.forward(input, mode: .training))
    }

    @Test func theLayerSplitsTheGeneratorItIsGiven() {
        var generator = RandomGenerator(seed: 20)
        let before = generator
        _ = Dropout<Double>(probability: 0.5, generator: &generator)
        #expect(generator != before)
    }

    @Test(arguments: [-0.1, 1.5])
    func probabilityOutsideTheUnitIntervalStops(probability: Double) async {
        await #expect(processExitsWith: .failure, "p = \(probability)") { [probability] in
            var generator = RandomGenerator(seed: 0)
            _ = Dropout<Float>(probability: probability, generator: &generator)
        }
    }

    @Test func backwardBeforeForwardStops() async {
        await #expect(processExitsWith: .failure) {
            var generator = RandomGenerator(seed: 0)
            var layer = Dropout<Float>(probability: 0.5, generator: &generator)
            _ = layer.backward(Tensor(rows: [[1, 2]]))
        }
    }
}
