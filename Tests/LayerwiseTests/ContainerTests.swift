import Layerwise
import Testing

@Suite struct ContainerTests {
    /// y = W₂·relu(W₁x + b₁) + b₂ with weights chosen by hand.
    @Test func sequentialComposesForwardAndBackward() {
        let first = Linear<Double>(weight: Tensor(rows: [[1, -1], [2, 0]]), bias: Tensor([0, -1]))
        let second = Linear<Double>(weight: Tensor(rows: [[1, 1]]), bias: Tensor([0.5]))
        var model = Sequential<Double> {
            first
            ReLU()
            second
        }
        // x = (3, 1): W₁x + b₁ = (2, 5); relu keeps both; W₂·(2, 5) + 0.5 = 7.5.
        let output = model.forward(Tensor(rows: [[3, 1]]), mode: .training)
        #expect(output == Tensor(rows: [[7.5]]))
        // dL/dy = 1: dL/dh = W₂ = (1, 1); dL/dx = W₁ᵀ·(1, 1) = (3, −1).
        let gradInput = model.backward(Tensor(rows: [[1]]))
        #expect(gradInput == Tensor(rows: [[3, -1]]))
        let gradients = Dictionary(uniqueKeysWithValues: model.namedParameters.map { ($0.name, $0.parameter.gradient) })
        #expect(gradients["2.weight"] == Tensor(rows: [[2, 5]]))  // dL/dW₂ = h
        #expect(gradients["2.bias"] == Tensor([1]))
        #expect(gradients["0.weight"] == Tensor(rows: [[3, 1], [3, 1]]))  // (1, 1)ᵀ·x
        #expect(gradients["0.bias"] == Tensor([1, 1]))
    }

    @Test func backwardAccumulatesUntilZeroed() {
        var layer = Linear<Double>(weight: Tensor(rows: [[2]]), bias: Tensor([0]))
        for _ in 0..<3 {
            _ = layer.forward(Tensor(rows: [[1.5]]), mode: .training)
            _ = layer.backward(Tensor(rows: [[1]]))
        }
        #expect(layer.weight.gradient == Tensor(rows: [[4.5]]))  // 3 × 1.5
        layer.zeroGradients()
        #expect(layer.weight.gradient == Tensor(rows: [[0]]))
        #expect(layer.bias?.gradient == Tensor([0]))
    }

    /// y = x + (W x): the gradient is (I + Wᵀ)·g.
    @Test func residualAddsTheSkipPath() {
        var block = Residual(Linear<Double>(weight: Tensor(rows: [[1, 2], [3, 4]]), bias: nil))
        let output = block.forward(Tensor(rows: [[1, 1]]), mode: .training)
        #expect(output == Tensor(rows: [[1 + 3, 1 + 7]]))
        let gradInput = block.backward(Tensor(rows: [[1, 0]]))
        #expect(gradInput == Tensor(rows: [[1 + 1, 0 + 2]]))
        #expect(block.parameterNames == ["body.weight"])
    }

    @Test func builderSupportsConditionsAndLoops() {
        var generator = RandomGenerator(seed: 5)
        let deep = true
        let model = Sequential<Float> {
            for _ in 0..<3 {
                Linear(inputSize: 4, outputSize: 4, generator: &generator)
                ReLU()
            }
            if deep {
                Linear(inputSize: 4, outputSize: 2, generator: &generator)
            } else {
                ReLU()
            }
        }
        #expect(model.count == 7)
        #expect(model.parameterNames.last == "6.bias")
    }

    @Test func replacingALayerRenamesParameters() {
        var generator = RandomGenerator(seed: 6)
        var model = Sequential<Float>([ReLU(), ReLU()])
        #expect(model.parameterNames.isEmpty)
        model[1] = Linear<Float>(inputSize: 2, outputSize: 2, generator: &generator)
        #expect(model.parameterNames == ["1.weight", "1.bias"])
    }

    @Test func predictLeavesTheModelUntouched() {
        var generator = RandomGenerator(seed: 8)
        let model = Linear<Double>(inputSize: 3, outputSize: 2, generator: &generator)
        let input = Tensor<Double>(randomNormal: [4, 3], using: &generator)
        var trained = model
        #expect(model.predict(input) == trained.forward(input, mode: .inference))
    }

    /// PyTorch's default Linear init: every weight and bias in (−1/√in, 1/√in).
    @Test func linearDefaultInitializationBounds() {
        var generator = RandomGenerator(seed: 10)
        let layer = Linear<Double>(inputSize: 16, outputSize: 200, generator: &generator)
        let bound = 0.25  // 1/√16
        #expect(layer.weight.value.scalars.allSatisfy { abs($0) <= bound })
        #expect(layer.bias!.value.scalars.allSatisfy { abs($0) <= bound })
        // Uniform(−b, b) has variance b²/3; 3200 samples pin it to a few percent.
        let variance = layer.weight.value.scalars.map { $0 * $0 }.reduce(0, +) / 3200
        #expect(abs(variance - bound * bound / 3) < 0.1 * bound * bound / 3)
    }
}
