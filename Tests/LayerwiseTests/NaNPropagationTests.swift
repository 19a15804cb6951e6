import Foundation
import Layerwise
import Testing

// NaN propagates as in PyTorch: a NaN input never turns into a plausible finite number. The
// expected gradients at a NaN are PyTorch 2.15's (checked by running its backward on the same
// input), which follow from how each backward masks: `threshold_backward` (ReLU) passes the
// gradient where `¬(y ≤ 0)`, Hardtanh where `¬(x ≤ a ∨ x ≥ b)`, ELU and SELU take their
// positive branch where `¬(x ≤ 0)`, LeakyReLU and PReLU their negative one where `¬(x > 0)`.

extension ElementwiseActivationUnderTest {
    /// f′ at a NaN input as PyTorch's backward computes it; nil where it is NaN.
    var derivativeAtNaN: Double? {
        switch self {
        case .relu, .hardtanh, .elu, .eluAlpha2: 1
        case .selu: 1.0507009873554804934193349852946
        case .leakyReLU: 0.01
        case .gelu, .geluTanh, .silu, .mish, .softplus, .softplusBeta2, .softsign, .sigmoid, .tanh: nil
        }
    }
}

@Suite struct NaNPropagationTests {
    /// A [2, 3] batch with a NaN at row 0, column 1; every other value finite, both signs.
    static func input<Scalar: TensorScalar>(_: Scalar.Type) -> Tensor<Scalar> {
        Tensor(shape: [2, 3], scalars: [-0.5, .nan, 2, 0.25, -3, 1.5])
    }

    static let nanIndex = 1

    /// Forward: NaN exactly where the input is NaN. Backward with ∂L/∂y = 2: PyTorch's value
    /// at the NaN (NaN or 2·f′ of the branch its mask takes), finite elsewhere.
    func checkElementwise<Scalar: TensorScalar>(_ activation: ElementwiseActivationUnderTest, _: Scalar.Type) {
        var layer = activation.make(Scalar.self)
        let output = layer.forward(Self.input(Scalar.self), mode: .training)
        for (index, value) in output.scalars.enumerated() {
            #expect(value.isNaN == (index == Self.nanIndex), "\(activation) \(Scalar.self): y[\(index)] = \(value)")
        }
        let gradInput = layer.backward(Tensor(repeating: 2, shape: [2, 3]))
        for (index, value) in gradInput.scalars.enumerated() where index != Self.nanIndex {
            #expect(value.isFinite, "\(activation) \(Scalar.self): ∂L/∂x[\(index)] = \(value)")
        }
        let atNaN = gradInput.scalars[Self.nanIndex]
        if let derivative = activation.derivativeAtNaN {
            #expect(atNaN == Scalar(2 * derivative), "\(activation) \(Scalar.self): ∂L/∂x at NaN = \(atNaN)")
        } else {
            #expect(atNaN.isNaN, "\(activation) \(Scalar.self): ∂L/∂x at NaN = \(atNaN)")
        }
    }

    @Test(arguments: ElementwiseActivationUnderTest.allCases)
    func elementwiseActivations(activation: ElementwiseActivationUnderTest) {
        checkElementwise(activation, Float.self)
        checkElementwise(activation, Double.self)
    }

    /// PReLU (slope 0.25): the NaN takes the negative branch, as in PyTorch — output NaN, input
    /// gradient 0.25·2, slope gradient NaN (it sums x·∂L/∂y over the non-positive branch).
    @Test func preluPropagatesNaN() {
        var layer = PReLU<Double>()
        let output = layer.forward(Self.input(Double.self), mode: .training)
        #expect(output.scalars.map(\.isNaN) == [false, true, false, false, false, false])
        let gradInput = layer.backward(Tensor(repeating: 2, shape: [2, 3]))
        #expect(gradInput.scalars == [0.5, 0.5, 2, 2, 0.5, 2])
        #expect(layer.weight.gradient.scalars[0].isNaN)
    }

    /// Softmax and LogSoftmax: the row holding the NaN is NaN throughout (its normalizer is
    /// NaN), the other row is untouched; so is the backward pass.
    @Test(arguments: ["Softmax", "LogSoftmax"])
    func softmaxRowsTurnNaN(name: String) {
        var layer: any Layer<Double> = name == "Softmax" ? Softmax<Double>() : LogSoftmax<Double>()
        let output = layer.forward(Self.input(Double.self), mode: .training)
        #expect(output.scalars.map(\.isNaN) == [true, true, true, false, false, false], "\(output.scalars)")
        let gradInput = layer.backward(Tensor(shape: [2, 3], scalars: [1, 0, -1, 0.5, 2, 0]))
        #expect(gradInput.scalars.map(\.isNaN) == [true, true, true, false, false, false], "\(gradInput.scalars)")
    }

    /// Dropout in training multiplies by the mask, so a dropped NaN stays NaN (0 · NaN = NaN),
    /// as PyTorch's `input * mask`; in inference it is the identity.
    @Test func dropoutKeepsNaN() {
        var generator = RandomGenerator(seed: 3)
        var layer = Dropout<Double>(probability: 0.5, generator: &generator)
        let input = Tensor<Double>(shape: [1, 64], scalars: Array(repeating: .nan, count: 64))
        #expect(layer.forward(input, mode: .training).scalars.allSatisfy { $0.isNaN })
        #expect(layer.forward(input, mode: .inference).scalars.allSatisfy { $0.isNaN })
    }

    /// A NaN feature reaches the logits of a whole MLP (Linear, ReLU, BatchNorm), in training
    /// and in inference, instead of being clipped into plausible numbers; and the loss is NaN.
    @Test func mlpPredictionOfNaNInputIsNaN() {
        var generator = RandomGenerator(seed: 11)
        var model = Sequential<Float> {
            Linear(inputSize: 3, outputSize: 8, generator: &generator)
            ReLU()
            Linear(inputSize: 8, outputSize: 4, generator: &generator)
            ReLU()
            Linear(inputSize: 4, outputSize: 2, generator: &generator)
        }
        let logits = model.predict(Self.input(Float.self))
        #expect(logits.scalars[0].isNaN && logits.scalars[1].isNaN, "\(logits.scalars)")
        #expect(logits.scalars[2].isFinite && logits.scalars[3].isFinite, "\(logits.scalars)")
        let (value, _) = SoftmaxCrossEntropy<Float>()(model.forward(Self.input(Float.self), mode: .training), target: .classes([0, 1]))
        #expect(value.isNaN)
    }

    /// The element-wise losses and cross-entropy: a NaN prediction makes the loss NaN, and its
    /// gradient NaN at that element — except L1's, whose gradient sign(x − y)/N is 0 there in
    /// PyTorch (its `sign` is (0 < d) − (d < 0)).
    @Test(arguments: ["mse", "l1", "huber", "bce", "cross-entropy"])
    func lossesOfNaNAreNaN(name: String) {
        let prediction = Self.input(Double.self)
        let target = Tensor<Double>(shape: [2, 3], scalars: [0, 1, 0, 1, 0, 1])
        let (value, gradient): (Double, Tensor<Double>) = switch name {
        case "mse": MeanSquaredError<Double>()(prediction, target: target)
        case "l1": L1Loss<Double>()(prediction, target: target)
        case "huber": HuberLoss<Double>()(prediction, target: target)
        case "bce": BinaryCrossEntropyWithLogits<Double>()(prediction, target: target)
        default: SoftmaxCrossEntropy<Double>()(prediction, target: .classes([2, 0]))
        }
        #expect(value.isNaN, "\(name): \(value)")
        if name == "l1" {
            #expect(gradient.scalars[Self.nanIndex] == 0, "\(name): \(gradient.scalars)")
        } else {
            #expect(gradient.scalars[Self.nanIndex].isNaN, "\(name): \(gradient.scalars)")
        }
    }
}
