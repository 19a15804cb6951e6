import Layerwise
import Testing

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// The allocation-free training step: layers reuse their buffers, losses write into a kept
/// gradient, backward can skip ∂L/∂input. Values come from sums written out by hand; what is
/// checked is that reuse never changes a result, including results the caller still holds.
@Suite struct BufferReuseTests {
    /// y = x·Wᵀ + b with W = [[1, 2], [3, 4]], b = (0.5, −0.5).
    private static func layer() -> Linear<Double> {
        Linear(weight: Tensor(rows: [[1, 2], [3, 4]]), bias: Tensor([0.5, -0.5]))
    }

    @Test func backwardWithoutInputGradientAddsTheSameParameterGradients() {
        var layer = Self.layer()
        _ = layer.forward(Tensor(rows: [[1, 2], [3, -1]]), mode: .training)
        layer.backwardWithoutInputGradient(Tensor(rows: [[1, 0], [0, 2]]))
        // ∂W = gᵀ·x = [[1·1 + 0·3, 1·2 + 0·(−1)], [0·1 + 2·3, 0·2 + 2·(−1)]]; ∂b = Σₙ gₙ.
        #expect(layer.weight.gradient == Tensor(rows: [[1, 2], [6, -2]]))
        #expect(layer.bias?.gradient == Tensor([1, 2]))
        // The full backward adds the same again and returns g·W.
        let gradInput = layer.backward(Tensor(rows: [[1, 0], [0, 2]]))
        #expect(gradInput == Tensor(rows: [[1, 2], [6, 8]]))
        #expect(layer.weight.gradient == Tensor(rows: [[2, 4], [12, -4]]))
        #expect(layer.bias?.gradient == Tensor([2, 4]))
    }

    /// Linear(I, b₁ = (0, −5)) → ReLU → Linear(W₂ = [[2, 3]], b₂ = 1) at x = (1, 2):
    /// h = (1, −3), relu(h) = (1, 0), y = 3. With ∂L/∂y = 1: ∂W₂ = (1, 0), ∂b₂ = 1,
    /// ∂L/∂relu = (2, 3), masked (2, 0), ∂W₁ = (2, 0)ᵀ·x = [[2, 4], [0, 0]], ∂b₁ = (2, 0).
    @Test func sequentialWithoutInputGradientReachesEveryParameter() {
        var model = Sequential<Double> {
            Linear<Double>(weight: Tensor(rows: [[1, 0], [0, 1]]), bias: Tensor([0, -5]))
            ReLU<Double>()
            Linear<Double>(weight: Tensor(rows: [[2, 3]]), bias: Tensor([1]))
        }
        let output = model.forward(Tensor(rows: [[1, 2]]), mode: .training)
        #expect(output == Tensor(rows: [[3]]))
        model.backwardWithoutInputGradient(Tensor(rows: [[1]]))
        let gradients = Dictionary(uniqueKeysWithValues: model.namedParameters.map { ($0.name, $0.parameter.gradient) })
        #expect(gradients["2.weight"] == Tensor(rows: [[1, 0]]))
        #expect(gradients["2.bias"] == Tensor([1]))
        #expect(gradients["0.weight"] == Tensor(rows: [[2, 4], [0, 0]]))
        #expect(gradients["0.bias"] == Tensor([2, 0]))
    }

    @Test func residualWithoutInputGradientReachesTheBody() {
        var block = Residual(Linear<Double>(weight: Tensor(rows: [[1, 2], [3, 4]]), bias: nil))
        _ = block.forward(Tensor(rows: [[1, -1]]), mode: .training)
        block.backwardWithoutInputGradient(Tensor(rows: [[1, 2]]))
        #expect(block.body.weight.gradient == Tensor(rows: [[1, -1], [2, -2]]))  // gᵀ·x
    }

    @Test func outputsTheCallerHoldsAreNotOverwritten() {
        var layer = Self.layer()
        let first = layer.forward(Tensor(rows: [[1, 0]]), mode: .training)
        let second = layer.forward(Tensor(rows: [[0, 1]]), mode: .training)
        #expect(first == Tensor(rows: [[1.5, 2.5]]))  // column 0 of W, plus b
        #expect(second == Tensor(rows: [[2.5, 3.5]]))  // column 1 of W, plus b

        var model = Sequential<Double> {
            Self.layer()
            ReLU<Double>()
        }
        let kept = model.forward(Tensor(rows: [[-1, 0]]), mode: .training)  // (−0.5, −3.5) → 0
        let gradientKept = model.backward(Tensor(rows: [[1, 1]]))
        _ = model.forward(Tensor(rows: [[1, 1]]), mode: .training)  // (3.5, 6.5)
        let gradientLater = model.backward(Tensor(rows: [[1, 1]]))
        #expect(kept == Tensor(rows: [[0, 0]]))
        #expect(gradientKept == Tensor(rows: [[0, 0]]))
        #expect(gradientLater == Tensor(rows: [[4, 6]]))  // (1, 1)·W
    }

    @Test func buffersFollowTheBatchSize() {
        var model = Sequential<Double> {
            Self.layer()
            ReLU<Double>()
        }
        let two = model.forward(Tensor(rows: [[1, 0], [0, 1]]), mode: .inference)
        #expect(two == Tensor(rows: [[1.5, 2.5], [2.5, 3.5]]))
        let one = model.forward(Tensor(rows: [[-1, 0]]), mode: .inference)
        #expect(one == Tensor(rows: [[0, 0]]))
        let three = model.forward(Tensor(rows: [[1, 1], [0, 0], [-1, 0]]), mode: .inference)
        #expect(three == Tensor(rows: [[3.5, 6.5], [0.5, 0], [0, 0]]))
        #expect(model.backward(Tensor(rows: [[1, 1], [1, 1], [1, 1]])) == Tensor(rows: [[4, 6], [1, 2], [0, 0]]))
    }

    /// Row 1: logits (0, 0), class 0: p = (½, ½), loss ln 2. Row 2: logits (ln 3, 0), class 1:
    /// p = (¾, ¼), loss ln 4. Mean: 1.5·ln 2; gradient (p − onehot)/2.
    @Test func lossWritesItsGradientIntoTheGivenTensor() {
        let loss = SoftmaxCrossEntropy<Double>()
        let logits = Tensor(rows: [[0, 0], [log(3.0), 0]])
        let expectedGradient = Tensor(rows: [[-0.25, 0.25], [0.375, -0.375]])
        var gradient = Tensor<Double>(zeros: [7])
        let value = loss(logits, target: .classes([0, 1]), gradientInto: &gradient)
        #expect(abs(value - 1.5 * log(2.0)) < 1e-15)
        #expect(gradient.shape == [2, 2])
        #expect(zip(gradient.scalars, expectedGradient.scalars).allSatisfy { abs($0 - $1) < 1e-15 })

        let single = loss(Tensor(rows: [[0, 0]]), target: .classes([1]), gradientInto: &gradient)
        #expect(abs(single - log(2.0)) < 1e-15)
        #expect(gradient == Tensor(rows: [[0.5, -0.5]]))

        let (tupleValue, tupleGradient) = loss(logits, target: .classes([0, 1]))
        #expect(abs(tupleValue - 1.5 * log(2.0)) < 1e-15)
        #expect(zip(tupleGradient.scalars, expectedGradient.scalars).allSatisfy { abs($0 - $1) < 1e-15 })
    }

    /// A loss without its own `gradientInto:` form gets the protocol's default.
    @Test func defaultGradientIntoStoresTheGradient() {
        let loss = MeanSquaredError<Double>()
        var gradient = Tensor<Double>(zeros: [0])
        // ½·((3 − 1)² + (0 − 0)²) = 2; gradient 2·(x − t)/2 = (2, 0).
        let value = loss(Tensor(rows: [[3, 0]]), target: Tensor(rows: [[1, 0]]), gradientInto: &gradient)
        #expect(value == 2)
        #expect(gradient == Tensor(rows: [[2, 0]]))
    }

    /// Adam's first step is −γ·g/(|g| + ε) for every element; 7 elements run through the
    /// vector loop and its scalar tail, with and without AMSGrad.
    @Test(arguments: [false, true])
    func adamFirstStepOnEveryElement(amsgrad: Bool) {
        let gradient: [Float] = [1, -2, 0.5, -0.25, 4, -8, 3]
        var layer = Linear<Float>(weight: Tensor(shape: [7, 1], scalars: Array(repeating: 1, count: 7)), bias: nil)
        layer.weight.gradient = Tensor(shape: [7, 1], scalars: gradient)
        var optimizer = Adam<Float>(learningRate: 0.1, amsgrad: amsgrad)
        optimizer.step(&layer)
        for (updated, g) in zip(layer.weight.value.scalars, gradient) {
            let expected = 1 - 0.1 * g / (abs(g) + 1e-8)
            #expect(abs(updated - expected) <= 3e-7, "g = \(g): \(updated) vs \(expected)")
        }
    }
}
