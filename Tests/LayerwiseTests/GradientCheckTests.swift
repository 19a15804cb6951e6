import Layerwise
import Testing

// MARK: - The example of Docs/GradientChecking.md (keep the two identical)

/// y = x·γ + β, column by column, for x of shape [N, features].
///
/// Forward:  yₙⱼ = xₙⱼ·γⱼ + βⱼ
/// Backward: ∂L/∂xₙⱼ = ∂L/∂yₙⱼ·γⱼ;  ∂L/∂γⱼ += Σₙ ∂L/∂yₙⱼ·xₙⱼ;  ∂L/∂βⱼ += Σₙ ∂L/∂yₙⱼ
struct ScaleShift<Scalar: TensorScalar>: Layer {
    var scale: Parameter<Scalar>
    var shift: Parameter<Scalar>
    private var lastInput: Tensor<Scalar>?

    init(scale: Tensor<Scalar>, shift: Tensor<Scalar>) {
        self.scale = Parameter(scale)
        self.shift = Parameter(shift)
    }

    var description: String { "ScaleShift(\(scale.value.count))" }
    var parameterNames: [String] { ["scale", "shift"] }

    mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void) {
        visit(&scale)
        visit(&shift)
    }

    mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        lastInput = input
        var output: [Scalar] = []
        for n in 0..<input.shape[0] {
            for j in 0..<input.shape[1] {
                output.append(input[n, j] * scale.value[j] + shift.value[j])
            }
        }
        return Tensor(shape: input.shape, scalars: output)
    }

    mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        guard let input = lastInput else { fatalError("ScaleShift.backward before forward") }
        var gradInput: [Scalar] = []
        var gradScale = Tensor<Scalar>(zeros: scale.value.shape)
        var gradShift = Tensor<Scalar>(zeros: shift.value.shape)
        for n in 0..<input.shape[0] {
            for j in 0..<input.shape[1] {
                gradInput.append(gradOutput[n, j] * scale.value[j])
                gradScale[j] += gradOutput[n, j] * input[n, j]
                gradShift[j] += gradOutput[n, j]
            }
        }
        scale.gradient += gradScale  // add: gradients accumulate
        shift.gradient += gradShift
        return Tensor(shape: input.shape, scalars: gradInput)
    }
}

/// L = ½·Σ (p − t)², ∂L/∂p = p − t.
struct HalfSumOfSquares<Scalar: TensorScalar>: Loss {
    var description: String { "HalfSumOfSquares" }

    func callAsFunction(_ prediction: Tensor<Scalar>, target: Tensor<Scalar>)
        -> (value: Scalar, gradient: Tensor<Scalar>)
    {
        let difference = prediction - target
        return ((difference * difference).sum() / 2, difference)
    }
}

/// y = min(max(x, −1), 1); ∂L/∂x = ∂L/∂y · 𝟙[−1 < x < 1].
struct Clamp<Scalar: TensorScalar>: KinkedLayer {
    private var lastInput: Tensor<Scalar>?

    var description: String { "Clamp" }
    var kinks: [Scalar] { [-1, 1] }

    mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        lastInput = input
        return input.map { min(max($0, -1), 1) }
    }

    mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        guard let input = lastInput else { fatalError("Clamp.backward before forward") }
        let inside = input.map { $0 > -1 && $0 < 1 ? 1 : 0 }
        return gradOutput * inside
    }
}

// MARK: - Test-local layers and losses

/// f(x) = x², f′(x) = 2x: a smooth activation written by a user.
struct SquareFunction<Scalar: TensorScalar>: ActivationFunction {
    var description: String { "Square" }
    func value(_ x: Scalar) -> Scalar { x * x }
    func derivative(input x: Scalar, output y: Scalar) -> Scalar { 2 * x }
}

/// f(x) = |x|, f′(x) = sign(x): an activation with a kink at 0, declared.
struct AbsoluteFunction<Scalar: TensorScalar>: ActivationFunction {
    var description: String { "Absolute" }
    var kinks: [Scalar] { [0] }
    func value(_ x: Scalar) -> Scalar { x.magnitude }
    func derivative(input x: Scalar, output y: Scalar) -> Scalar { x > 0 ? 1 : (x < 0 ? -1 : 0) }
}

/// The mistakes `BuggyScaleShift` makes on purpose.
enum ScaleShiftBug: Sendable {
    /// The increment of ∂L/∂γ at `index` is `factor` times the right one.
    case scaleElementOff(index: Int, factor: Double = 1.01)
    /// ∂L/∂β takes only the last row of the batch instead of the sum over rows.
    case shiftFromLastRowOnly
    /// ∂L/∂β overwrites `gradient` instead of adding to it.
    case shiftOverwrites
    /// ∂L/∂x at [row, column] is 1.01 times the right one.
    case inputElementOff(row: Int, column: Int)
}

/// `ScaleShift` with one deliberate mistake in backward.
struct BuggyScaleShift<Scalar: TensorScalar>: Layer {
    var inner: ScaleShift<Scalar>
    let bug: ScaleShiftBug

    var description: String { "Buggy" + inner.description }
    var parameterNames: [String] { inner.parameterNames }

    mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void) {
        inner.visitParameters(visit)
    }

    mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        inner.forward(input, mode: mode)
    }

    mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        let scaleBefore = inner.scale.gradient
        let shiftBefore = inner.shift.gradient
        var gradInput = inner.backward(gradOutput)
        switch bug {
        case let .scaleElementOff(index, factor):
            let increment = inner.scale.gradient[index] - scaleBefore[index]
            inner.scale.gradient[index] = scaleBefore[index] + increment * Scalar(factor)
        case .shiftFromLastRowOnly:
            let lastRow = gradOutput.shape[0] - 1
            inner.shift.gradient = shiftBefore
            for j in 0..<gradOutput.shape[1] {
                inner.shift.gradient[j] += gradOutput[lastRow, j]
            }
        case .shiftOverwrites:
            inner.shift.gradient = inner.shift.gradient - shiftBefore
        case let .inputElementOff(row, column):
            gradInput[row, column] = gradInput[row, column] * Scalar(1.01)
        }
        return gradInput
    }
}

/// Standardization over the batch (batch normalization without affine parameters):
/// yₙⱼ = (xₙⱼ − μⱼ)/sⱼ with μⱼ = mean over n, sⱼ = √(biased variance + ε).
/// Backward: ∂L/∂xₙⱼ = (gₙⱼ − mean_n gⱼ − yₙⱼ·mean_n(g·y)ⱼ)/sⱼ.
///
/// With g = 1 (the sum of outputs) the correct input gradient is identically zero, so a
/// backward that returns zeros (`returnsZeros`) would pass a sum-based check.
struct Standardize<Scalar: TensorScalar>: Layer {
    let returnsZeros: Bool
    private var cache: (output: [Scalar], deviation: [Scalar], shape: [Int])?

    init(returnsZeros: Bool = false) {
        self.returnsZeros = returnsZeros
    }

    var description: String { returnsZeros ? "Standardize(backward returns 0)" : "Standardize" }

    mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        let (rows, columns) = (input.shape[0], input.shape[1])
        var output = Array(repeating: Scalar(0), count: rows * columns)
        var deviation = Array(repeating: Scalar(0), count: columns)
        for j in 0..<columns {
            var mean = Scalar(0)
            for n in 0..<rows { mean += input[n, j] }
            mean /= Scalar(rows)
            var variance = Scalar(0)
            for n in 0..<rows { variance += (input[n, j] - mean) * (input[n, j] - mean) }
            variance /= Scalar(rows)
            deviation[j] = (variance + Scalar(1e-5)).squareRoot()
            for n in 0..<rows { output[n * columns + j] = (input[n, j] - mean) / deviation[j] }
        }
        cache = (output, deviation, input.shape)
        return Tensor(shape: input.shape, scalars: output)
    }

    mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        guard let (output, deviation, shape) = cache else { fatalError("backward before forward") }
        if returnsZeros { return Tensor(zeros: shape) }
        let (rows, columns) = (shape[0], shape[1])
        var gradInput = Array(repeating: Scalar(0), count: rows * columns)
        for j in 0..<columns {
            var meanGrad = Scalar(0)
            var meanGradOutput = Scalar(0)
            for n in 0..<rows {
                meanGrad += gradOutput[n, j]
                meanGradOutput += gradOutput[n, j] * output[n * columns + j]
            }
            meanGrad /= Scalar(rows)
            meanGradOutput /= Scalar(rows)
            for n in 0..<rows {
                gradInput[n * columns + j] =
                    (gradOutput[n, j] - meanGrad - output[n * columns + j] * meanGradOutput) / deviation[j]
            }
        }
        return Tensor(shape: shape, scalars: gradInput)
    }
}

/// Inverted dropout whose mask comes from a generator stored in the layer (a value).
struct MaskedDropout<Scalar: TensorScalar>: Layer {
    let probability: Double
    var generator: RandomGenerator
    private var mask: Tensor<Scalar>?

    init(probability: Double, generator: RandomGenerator) {
        self.probability = probability
        self.generator = generator
    }

    var description: String { "MaskedDropout(\(probability))" }

    mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        guard mode == .training else {
            mask = Tensor(repeating: 1, shape: input.shape)
            return input
        }
        let keep = Scalar(1 / (1 - probability))
        let drawn = (0..<input.count).map { _ in generator.nextUniform() < probability ? Scalar(0) : keep }
        mask = Tensor(shape: input.shape, scalars: drawn)
        return input * mask!
    }

    mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        gradOutput * mask!
    }
}

/// A generator shared by reference: copies of a layer holding it draw different masks.
final class SharedGenerator: @unchecked Sendable {
    var generator = RandomGenerator(seed: 5)
}

/// Dropout with its generator in a class: not replayable by copying, so not checkable.
struct SharedGeneratorDropout: Layer {
    typealias Scalar = Double
    let shared = SharedGenerator()
    private var mask: Tensor<Double>?

    var description: String { "SharedGeneratorDropout" }

    mutating func forward(_ input: Tensor<Double>, mode: Mode) -> Tensor<Double> {
        let drawn = (0..<input.count).map { _ in shared.generator.nextUniform() < 0.5 ? 0.0 : 2.0 }
        mask = Tensor(shape: input.shape, scalars: drawn)
        return input * mask!
    }

    mutating func backward(_ gradOutput: Tensor<Double>) -> Tensor<Double> {
        gradOutput * mask!
    }
}

/// L = ¼·Σ (p − t)², ∂L/∂p = ½·(p − t). `gradientFactor` ≠ 1 makes the gradient wrong.
struct QuarterSumOfSquares<Scalar: TensorScalar>: Loss {
    var gradientFactor: Scalar = 1
    var description: String { "QuarterSumOfSquares" }

    func callAsFunction(_ prediction: Tensor<Scalar>, target: Tensor<Scalar>)
        -> (value: Scalar, gradient: Tensor<Scalar>)
    {
        let difference = prediction - target
        let value = (difference * difference).sum() / 4
        return (value, difference * (gradientFactor / 2))
    }
}

/// L = Σ |p − t|, ∂L/∂p = sign(p − t): kinked wherever p = t. `flippedElement` negates the
/// gradient of one element.
struct SumOfAbsoluteErrors<Scalar: TensorScalar>: Loss {
    var flippedElement: Int?
    var description: String { "SumOfAbsoluteErrors" }

    func callAsFunction(_ prediction: Tensor<Scalar>, target: Tensor<Scalar>)
        -> (value: Scalar, gradient: Tensor<Scalar>)
    {
        let difference = prediction - target
        let value = difference.scalars.reduce(Scalar(0)) { $0 + $1.magnitude }
        var signs = difference.scalars.map { $0 > 0 ? Scalar(1) : ($0 < 0 ? Scalar(-1) : 0) }
        if let flippedElement { signs[flippedElement] = -signs[flippedElement] }
        return (value, Tensor(shape: prediction.shape, scalars: signs))
    }
}

// MARK: - Fixtures

/// ScaleShift with γ and β drawn from N(0, 1).
func makeScaleShift<Scalar: TensorScalar>(features: Int, seed: UInt64) -> ScaleShift<Scalar> {
    var generator = RandomGenerator(seed: seed)
    return ScaleShift(
        scale: Tensor(randomNormal: [features], using: &generator),
        shift: Tensor(randomNormal: [features], using: &generator))
}

/// Sequential(Linear, ReLU, Linear, Residual(Linear, ReLU), Linear): 3 → 5 → 4 → 4 → 2,
/// optionally with a 5-feature layer inserted after the first ReLU (at index 2).
func makeNetwork<Scalar: TensorScalar>(
    seed: UInt64, inserting inserted: (any Layer<Scalar>)? = nil
) -> Sequential<Scalar> {
    var generator = RandomGenerator(seed: seed)
    return Sequential<Scalar> {
        Linear(inputSize: 3, outputSize: 5, generator: &generator)
        ReLU()
        if let inserted { [inserted] }
        Linear(inputSize: 5, outputSize: 4, generator: &generator)
        Residual {
            Linear<Scalar>(inputSize: 4, outputSize: 4, generator: &generator)
            ReLU<Scalar>()
        }
        Linear(inputSize: 4, outputSize: 2, generator: &generator)
    }
}

/// Names of the network's tensors as the report lists them.
let networkTensorNames = [
    "input", "0.weight", "0.bias", "2.weight", "2.bias", "3.body.0.weight", "3.body.0.bias",
    "4.weight", "4.bias", "prediction",
]

func randomTensor<Scalar: TensorScalar>(_ shape: [Int], seed: UInt64) -> Tensor<Scalar> {
    var generator = RandomGenerator(seed: seed)
    return Tensor(randomNormal: shape, using: &generator)
}

/// The layers that must pass, by name (a parameterized test argument).
enum CorrectLayer: String, CaseIterable, Sendable {
    case linear, linearWithoutBias, relu, square, absolute, scaleShift, residual, sequential
    case standardize, dropout

    func check<Scalar: TensorScalar>(
        as _: Scalar.Type, configuration: GradientCheck.Configuration
    ) -> GradientCheckReport {
        var generator = RandomGenerator(seed: 11)
        switch self {
        case .linear:
            let layer = Linear<Scalar>(inputSize: 4, outputSize: 3, generator: &generator)
            return GradientCheck.check(layer: layer, inputShape: [5, 4], configuration: configuration)
        case .linearWithoutBias:
            let layer = Linear<Scalar>(inputSize: 4, outputSize: 3, bias: false, generator: &generator)
            return GradientCheck.check(layer: layer, inputShape: [5, 4], configuration: configuration)
        case .relu:
            return GradientCheck.check(layer: ReLU<Scalar>(), inputShape: [6, 5], configuration: configuration)
        case .square:
            let layer = Activation(SquareFunction<Scalar>())
            return GradientCheck.check(layer: layer, inputShape: [6, 5], configuration: configuration)
        case .absolute:
            let layer = Activation(AbsoluteFunction<Scalar>())
            return GradientCheck.check(layer: layer, inputShape: [6, 5], configuration: configuration)
        case .scaleShift:
            let layer: ScaleShift<Scalar> = makeScaleShift(features: 3, seed: 2)
            return GradientCheck.check(layer: layer, inputShape: [4, 3], configuration: configuration)
        case .residual:
            let layer = Residual {
                Linear<Scalar>(inputSize: 3, outputSize: 3, generator: &generator)
                Activation(SquareFunction<Scalar>())
            }
            return GradientCheck.check(layer: layer, inputShape: [4, 3], configuration: configuration)
        case .sequential:
            let layer = Sequential<Scalar> {
                Linear(inputSize: 3, outputSize: 4, generator: &generator)
                Activation(SquareFunction<Scalar>())
                Linear(inputSize: 4, outputSize: 2, generator: &generator)
            }
            return GradientCheck.check(layer: layer, inputShape: [5, 3], configuration: configuration)
        case .standardize:
            return GradientCheck.check(layer: Standardize<Scalar>(), inputShape: [6, 3], configuration: configuration)
        case .dropout:
            let layer = MaskedDropout<Scalar>(probability: 0.5, generator: RandomGenerator(seed: 9))
            return GradientCheck.check(layer: layer, inputShape: [6, 5], configuration: configuration)
        }
    }
}

// MARK: - Tests

@Suite struct GradientCheckTests {
    // MARK: Correct code passes

    @Test(arguments: CorrectLayer.allCases)
    func correctLayerPassesInDouble(_ layer: CorrectLayer) {
        let report = layer.check(as: Double.self, configuration: .double)
        #expect(report.passed, "\(report)")
        #expect(report.worstRelativeError <= 1e-6, "\(report)")
        #expect(report.skipped == 0, "\(report)")
        #expect(report.tensors.allSatisfy { $0.checked == $0.shape.reduce(1, *) }, "\(report)")
    }

    @Test(arguments: CorrectLayer.allCases)
    func correctLayerPassesInFloat(_ layer: CorrectLayer) {
        let report = layer.check(as: Float.self, configuration: .float)
        #expect(report.passed, "\(report)")
        #expect(report.worstRelativeError <= 5e-3, "\(report)")
        #expect(report.scalarType == "Float")
    }

    @Test func documentationExample() {
        var generator = RandomGenerator(seed: 3)
        let layer = ScaleShift<Double>(
            scale: Tensor(randomNormal: [3], using: &generator),
            shift: Tensor(randomNormal: [3], using: &generator))
        let report = GradientCheck.check(layer: layer, inputShape: [4, 3])
        print(report)
        #expect(report.passed, "\(report)")
        #expect(report.tensors.map(\.name) == ["input", "scale", "shift"])
        #expect(report.tensors.map(\.shape) == [[4, 3], [3], [3]])
        #expect(report.checked == 12 + 3 + 3)
    }

    @Test func documentationNetworkExample() {
        var generator = RandomGenerator(seed: 4)
        let model = Sequential<Double> {
            Linear(inputSize: 3, outputSize: 4, generator: &generator)
            ReLU()
            ScaleShift(scale: Tensor(randomNormal: [4], using: &generator), shift: Tensor(zeros: [4]))
            Linear(inputSize: 4, outputSize: 2, generator: &generator)
        }
        let target = Tensor<Double>(randomNormal: [5, 2], using: &generator)
        for mode in [Mode.training, .inference] {
            let report = GradientCheck.check(
                model: model, loss: HalfSumOfSquares(), inputShape: [5, 3], target: target, mode: mode)
            #expect(report.passed, "\(report)")
            #expect(
                report.tensors.map(\.name)
                    == ["input", "0.weight", "0.bias", "2.scale", "2.shift", "3.weight", "3.bias", "prediction"])
        }
    }

    @Test func userDeclaredKinksAreAvoided() {
        let configuration = GradientCheck.Configuration(for: Double.self, kinkMargin: 0.2)
        let input = GradientCheck.makeInput(shape: [10, 10], for: Clamp<Double>(), configuration: configuration)
        #expect(input.scalars.allSatisfy { ($0.magnitude - 1).magnitude >= 0.2 })
        #expect(input.scalars.contains { $0.magnitude > 1 } && input.scalars.contains { $0.magnitude < 1 })
        let report = GradientCheck.check(layer: Clamp<Double>(), inputShape: [10, 10], configuration: configuration)
        #expect(report.passed, "\(report)")
        #expect(report.skipped == 0)
    }

    @Test func reportListsInputThenParametersInOrder() {
        var generator = RandomGenerator(seed: 4)
        let layer = Linear<Double>(inputSize: 2, outputSize: 3, generator: &generator)
        let report = GradientCheck.check(layer: layer, inputShape: [4, 2])
        #expect(report.tensors.map(\.name) == ["input", "weight", "bias"])
        #expect(report.tensors.map(\.checked) == [8, 6, 3])
        #expect(report.tensors.map(\.accumulates) == [true, true, true])
        #expect(report["input"]?.accumulationError == nil)
        #expect(report["weight"]?.accumulationError != nil)
        #expect(report.mode == .training)
    }

    // MARK: Wrong backward fails, naming tensor and index

    @Test(arguments: [0, 1, 2])
    func wrongScaleElementIsFoundAtItsIndex(_ index: Int) {
        let layer = BuggyScaleShift<Double>(
            inner: makeScaleShift(features: 3, seed: 2), bug: .scaleElementOff(index: index))
        let report = GradientCheck.check(layer: layer, inputShape: [4, 3])
        #expect(!report.passed)
        #expect(report.failures.map(\.name) == ["scale"], "\(report)")
        let scale = report["scale"]!
        #expect(scale.worstIndex == [index])
        // a = 1.01·n, so |a − n| / max(|a|, |n|) = 0.01/1.01.
        #expect((scale.worstRelativeError - 0.01 / 1.01).magnitude < 1e-8, "\(report)")
        #expect((scale.analyticAtWorst - 1.01 * scale.numericAtWorst).magnitude < 1e-8 * scale.analyticAtWorst.magnitude)
        #expect(report["input"]!.worstRelativeError <= 1e-6)
        #expect(report["shift"]!.worstRelativeError <= 1e-6)
    }

    @Test func wrongInputGradientElementIsFoundAtItsIndex() {
        let layer = BuggyScaleShift<Double>(
            inner: makeScaleShift(features: 3, seed: 2), bug: .inputElementOff(row: 2, column: 1))
        let report = GradientCheck.check(layer: layer, inputShape: [4, 3])
        #expect(report.failures.map(\.name) == ["input"], "\(report)")
        #expect(report["input"]!.worstIndex == [2, 1])
        #expect((report["input"]!.worstRelativeError - 0.01 / 1.01).magnitude < 1e-8)
    }

    @Test func gradientMissingTheSumOverTheBatchFails() {
        let layer = BuggyScaleShift<Double>(inner: makeScaleShift(features: 3, seed: 2), bug: .shiftFromLastRowOnly)
        let report = GradientCheck.check(layer: layer, inputShape: [4, 3])
        #expect(!report.passed)
        #expect(report.failures.map(\.name) == ["shift"], "\(report)")
        #expect(report["shift"]!.worstRelativeError > 1e-2)
    }

    @Test func gradientThatOverwritesInsteadOfAddingFails() {
        let layer = BuggyScaleShift<Double>(inner: makeScaleShift(features: 3, seed: 2), bug: .shiftOverwrites)
        let report = GradientCheck.check(layer: layer, inputShape: [4, 3])
        #expect(!report.passed)
        let shift = report["shift"]!
        #expect(!shift.accumulates, "\(report)")
        // The first backward starts from zero, so the values themselves are right...
        #expect(shift.worstRelativeError <= 1e-6)
        // ...but the second one leaves the gradient at g instead of 2g: increment 0 instead of g.
        #expect((shift.accumulationError! - 1).magnitude < 1e-12)
        #expect(report.failures.map(\.name) == ["shift"])
        #expect(report.description.contains("NO (error"))
    }

    @Test func batchStandardizationReturningZeroGradientFails() {
        // With g = 1 this backward would be right: Σₙ yₙⱼ = 0 for every input.
        let report = GradientCheck.check(layer: Standardize<Double>(returnsZeros: true), inputShape: [6, 3])
        #expect(!report.passed)
        #expect(report.failures.map(\.name) == ["input"])
        #expect(report["input"]!.worstRelativeError == 1, "the analytic gradient is 0, the numeric one is not")
    }

    @Test func wrongLayerInsideANetworkIsNamed() {
        var generator = RandomGenerator(seed: 21)
        let model = Sequential<Double> {
            Linear(inputSize: 3, outputSize: 4, generator: &generator)
            ReLU()
            BuggyScaleShift(inner: makeScaleShift(features: 4, seed: 8), bug: .scaleElementOff(index: 3))
            Linear(inputSize: 4, outputSize: 2, generator: &generator)
        }
        let target: Tensor<Double> = randomTensor([5, 2], seed: 22)
        let report = GradientCheck.check(
            model: model, loss: QuarterSumOfSquares(), inputShape: [5, 3], target: target)
        #expect(report.failures.map(\.name) == ["2.scale"], "\(report)")
        #expect(report["2.scale"]!.worstIndex == [3])
    }

    @Test func floatCheckCatchesAFivePercentError() {
        let layer = BuggyScaleShift<Float>(
            inner: makeScaleShift(features: 3, seed: 2), bug: .scaleElementOff(index: 1, factor: 1.05))
        let report = GradientCheck.check(layer: layer, inputShape: [4, 3])
        #expect(report.failures.map(\.name) == ["scale"], "\(report)")
        #expect(report["scale"]!.worstIndex == [1])
        // |a − n| / max(|a|, |n|) = 0.05/1.05, up to Float rounding.
        #expect((report["scale"]!.worstRelativeError - 0.05 / 1.05).magnitude < 1e-3, "\(report)")
    }

    // MARK: Losses

    @Test func lossCheckPasses() {
        let prediction: Tensor<Double> = randomTensor([4, 3], seed: 31)
        let target: Tensor<Double> = randomTensor([4, 3], seed: 32)
        let report = GradientCheck.check(loss: QuarterSumOfSquares(), prediction: prediction, target: target)
        #expect(report.passed, "\(report)")
        #expect(report.tensors.map(\.name) == ["prediction"])
        #expect(report["prediction"]!.checked == 12)
        #expect(report.worstRelativeError <= 1e-6)
        #expect(report.mode == nil)
    }

    @Test func lossWithWrongGradientFails() {
        let prediction: Tensor<Double> = randomTensor([4, 3], seed: 31)
        let target: Tensor<Double> = randomTensor([4, 3], seed: 32)
        let report = GradientCheck.check(
            loss: QuarterSumOfSquares(gradientFactor: 2), prediction: prediction, target: target)
        #expect(!report.passed)
        // a = 2n: |a − n| / max(|a|, |n|) = 1/2 for every element.
        #expect((report["prediction"]!.worstRelativeError - 0.5).magnitude < 1e-9)
    }

    @Test func lossCheckInFloat() {
        let prediction: Tensor<Float> = randomTensor([4, 3], seed: 31)
        let target: Tensor<Float> = randomTensor([4, 3], seed: 32)
        let report = GradientCheck.check(loss: QuarterSumOfSquares(), prediction: prediction, target: target)
        #expect(report.passed, "\(report)")
        let wrong = GradientCheck.check(
            loss: QuarterSumOfSquares(gradientFactor: 1.01), prediction: prediction, target: target)
        #expect(!wrong.passed)
    }

    // MARK: Model followed by a loss

    @Test func networkWithLossPassesInDouble() {
        let model: Sequential<Double> = makeNetwork(seed: 41)
        let target: Tensor<Double> = randomTensor([6, 2], seed: 42)
        let report = GradientCheck.check(
            model: model, loss: QuarterSumOfSquares(), inputShape: [6, 3], target: target)
        #expect(report.passed, "\(report)")
        #expect(report.worstRelativeError <= 1e-6)
        #expect(report.tensors.map(\.name) == networkTensorNames)
        #expect(report.tensors.allSatisfy { $0.accumulates })
        let examined = report.checked + report.skipped
        #expect(examined == 18 + model.parameterCount + 12)
        #expect(report.skipped * 100 <= examined, "at most 1 % skipped at the default step")
    }

    @Test func networkWithLossPassesInFloat() {
        let model: Sequential<Float> = makeNetwork(seed: 41)
        let target: Tensor<Float> = randomTensor([6, 2], seed: 42)
        let report = GradientCheck.check(
            model: model, loss: QuarterSumOfSquares(), inputShape: [6, 3], target: target)
        #expect(report.passed, "\(report)")
        #expect(report.scalarType == "Float")
    }

    @Test func networkInInferenceMode() {
        let model: Sequential<Double> = makeNetwork(seed: 43)
        let target: Tensor<Double> = randomTensor([6, 2], seed: 44)
        let report = GradientCheck.check(
            model: model, loss: QuarterSumOfSquares(), inputShape: [6, 3], target: target, mode: .inference)
        #expect(report.passed, "\(report)")
        #expect(report.mode == .inference)
    }

    // MARK: Kinks

    @Test func generatedInputsKeepAwayFromKinks() {
        var configuration = GradientCheck.Configuration(for: Double.self, kinkMargin: 0.25)
        configuration.inputRange = -1...1
        let layers: [any Layer<Double>] = [
            ReLU<Double>(),
            Sequential<Double> { ReLU() },
            Residual { ReLU<Double>() },
            Activation(AbsoluteFunction<Double>()),
        ]
        for layer in layers {
            let input = GradientCheck.makeInput(shape: [20, 10], for: layer, configuration: configuration)
            #expect(input.scalars.allSatisfy { $0.magnitude >= 0.25 && $0.magnitude <= 1 }, "\(layer)")
        }
        // A layer without kinks gets plain uniform inputs: some fall near 0.
        var generator = RandomGenerator(seed: 1)
        let linear = Linear<Double>(inputSize: 10, outputSize: 2, generator: &generator)
        let input = GradientCheck.makeInput(shape: [20, 10], for: linear, configuration: configuration)
        #expect(input.scalars.contains { $0.magnitude < 0.25 })
    }

    @Test func generatedInputsAreReproducible() {
        let first = GradientCheck.makeInput(shape: [3, 4], for: ReLU<Double>())
        let second = GradientCheck.makeInput(shape: [3, 4], for: ReLU<Double>())
        let other = GradientCheck.makeInput(
            shape: [3, 4], for: ReLU<Double>(), configuration: .init(for: Double.self, seed: 1))
        #expect(first == second)
        #expect(first != other)
    }

    @Test func elementsOnAKinkAreSkippedNotFailed() {
        // ReLU at 0 (derivative taken as 0) and at h/3 (the stencil straddles the kink).
        let h = GradientCheck.Configuration.double.step
        var values = (0..<40).map { Double($0 % 2 == 0 ? 1 : -1) * (0.5 + Double($0) / 40) }
        values[7] = 0
        values[23] = h / 3
        let input = Tensor(shape: [4, 10], scalars: values)
        var configuration = GradientCheck.Configuration.double
        configuration.maximumSkippedFraction = 0.1
        let report = GradientCheck.check(layer: ReLU<Double>(), input: input, configuration: configuration)
        #expect(report.passed, "\(report)")
        #expect(report["input"]!.skipped == 2)
        #expect(report["input"]!.checked == 38)

        configuration.skipsNonSmoothElements = false
        let unskipped = GradientCheck.check(layer: ReLU<Double>(), input: input, configuration: configuration)
        #expect(!unskipped.passed, "without skipping, the two kinked elements fail")
        #expect(unskipped["input"]!.skipped == 0)
    }

    @Test func tooManySkippedElementsFailTheCheck() {
        // Every element within h of the kink: nothing can be verified.
        let h = GradientCheck.Configuration.double.step
        let input = Tensor<Double>(shape: [2, 3], scalars: [0.5, -0.5, 0.25, -0.25, 0.75, -0.75].map { $0 * h })
        let report = GradientCheck.check(layer: ReLU<Double>(), input: input)
        #expect(report["input"]!.skipped == 6)
        #expect(!report.passed)
        #expect(report.problems.count == 1)
        #expect(report.checked == 0, "nothing is compared when f is not reproducible")
    }

    @Test func kinkInsideALossIsSkipped() {
        let h = GradientCheck.Configuration.double.step
        let target: Tensor<Double> = randomTensor([4, 5], seed: 51)
        var prediction: Tensor<Double> = randomTensor([4, 5], seed: 52)
        prediction[1, 2] = target[1, 2] + h / 3
        var configuration = GradientCheck.Configuration.double
        configuration.maximumSkippedFraction = 0.1
        let report = GradientCheck.check(
            loss: SumOfAbsoluteErrors(), prediction: prediction, target: target, configuration: configuration)
        #expect(report.passed, "\(report)")
        #expect(report["prediction"]!.skipped == 1)

        // A wrong gradient at a smooth element is still caught, at its index.
        let wrong = GradientCheck.check(
            loss: SumOfAbsoluteErrors(flippedElement: 13), prediction: prediction, target: target,
            configuration: configuration)
        #expect(!wrong.passed)
        #expect(wrong["prediction"]!.worstIndex == [2, 3])
        // a = −n: |a − n| / max(|a|, |n|) = 2.
        #expect((wrong["prediction"]!.worstRelativeError - 2).magnitude < 1e-6)
        #expect(wrong["prediction"]!.skipped == 1)
    }

    @Test func kinksHitInsideANetworkAreSkippedAndWrongBackwardIsStillCaught() {
        // A large step (2⁻⁶ ≈ 0.016) makes the stencil reach across ReLU kinks inside the
        // network. The network is piecewise linear in each input and parameter and the loss is
        // quadratic, so away from kinks the 4-point stencil is exact at any step.
        let configuration = GradientCheck.Configuration(for: Double.self, step: 0x1p-6, kinkMargin: 0.05)
        let target: Tensor<Double> = randomTensor([8, 2], seed: 62)

        let model: Sequential<Double> = makeNetwork(seed: 61)
        let report = GradientCheck.check(
            model: model, loss: QuarterSumOfSquares(), inputShape: [8, 3], target: target,
            configuration: configuration)
        #expect(report.passed, "\(report)")
        #expect(report.worstRelativeError <= 1e-6)
        #expect(report.skipped > 0, "the step is large enough to hit kinks")
        #expect(report.skipped * 10 <= report.checked + report.skipped, "at most 10 % skipped")

        var unskipping = configuration
        unskipping.skipsNonSmoothElements = false
        let unskipped = GradientCheck.check(
            model: model, loss: QuarterSumOfSquares(), inputShape: [8, 3], target: target,
            configuration: unskipping)
        #expect(!unskipped.passed, "the skipped elements do straddle kinks")

        // The same network with an identity ScaleShift after the first ReLU whose backward is
        // 1 % off in one element of γ.
        let broken: Sequential<Double> = makeNetwork(
            seed: 61,
            inserting: BuggyScaleShift(
                inner: ScaleShift(scale: Tensor(repeating: 1, shape: [5]), shift: Tensor(zeros: [5])),
                bug: .scaleElementOff(index: 0)))
        let brokenReport = GradientCheck.check(
            model: broken, loss: QuarterSumOfSquares(), inputShape: [8, 3], target: target,
            configuration: configuration)
        #expect(brokenReport.failures.map(\.name) == ["2.scale"], "\(brokenReport)")
        #expect(brokenReport["2.scale"]!.worstIndex == [0])
        #expect(brokenReport["2.scale"]!.skipped == 0)
    }

    // MARK: Dropout masks and reproducibility

    @Test func dropoutReplaysItsMaskInEveryEvaluation() {
        let layer = MaskedDropout<Double>(probability: 0.5, generator: RandomGenerator(seed: 9))
        let input = GradientCheck.makeInput(shape: [6, 5], for: layer)
        let report = GradientCheck.check(layer: layer, input: input)
        #expect(report.passed, "\(report)")
        // The mask is really random: some inputs are dropped (zero gradient), some kept (2).
        var copy = layer
        let output = copy.forward(input, mode: .training)
        #expect(output.scalars.contains(0))
        #expect(zip(output.scalars, input.scalars).contains { $0 == 2 * $1 })
    }

    @Test func forwardThatACopyDoesNotReproduceIsReported() {
        let report = GradientCheck.check(layer: SharedGeneratorDropout(), inputShape: [4, 4])
        #expect(!report.passed)
        #expect(report.problems.contains { $0.contains("not reproducible") }, "\(report)")
        #expect(report.problems.count == 1)
        #expect(report.checked == 0, "nothing is compared when f is not reproducible")
    }

    // MARK: Configuration

    @Test func floorIsRaisedWhenRoundingLimitsTheResolution() {
        // L = ¼·Σ (10 − 0)² over 100 elements = 2500, ∂L/∂p = 5 everywhere. In Float with
        // h = 2⁻⁷ the resolution is 1.5/h · 4u · |L| with u = 2⁻²⁴, and the floor is that over
        // the tolerance 5e-3.
        let prediction = Tensor<Float>(repeating: 10, shape: [10, 10])
        let target = Tensor<Float>(zeros: [10, 10])
        let report = GradientCheck.check(loss: QuarterSumOfSquares(), prediction: prediction, target: target)
        let expectedFloor = 1.5 * 128 * 4 * 0x1p-24 * 2500 / 5e-3
        #expect((report["prediction"]!.floor - expectedFloor).magnitude < 1e-9 * expectedFloor)
        #expect(report.passed, "\(report)")
        #expect(report.description.contains("floor"))

        // The same loss in Double: 1.5/2⁻¹⁰ · 4·2⁻⁵³ · 2500 / 1e-6.
        let doubleReport = GradientCheck.check(
            loss: QuarterSumOfSquares(), prediction: Tensor<Double>(prediction), target: Tensor<Double>(target))
        let expectedDoubleFloor = 1.5 * 1024 * 4 * 0x1p-53 * 2500 / 1e-6
        #expect((doubleReport["prediction"]!.floor - expectedDoubleFloor).magnitude < 1e-9 * expectedDoubleFloor)
        #expect(doubleReport.passed)
    }

    @Test func floorStaysAtTheConfiguredValueForSmallFunctions() {
        let report = GradientCheck.check(layer: makeScaleShift(features: 3, seed: 2) as ScaleShift<Double>, inputShape: [4, 3])
        #expect(report.tensors.allSatisfy { $0.floor == 1e-5 })
        #expect(!report.description.contains("floor  "))
    }


    @Test func defaultsDependOnTheScalarType() {
        let double = GradientCheck.Configuration.double
        let float = GradientCheck.Configuration.float
        #expect(double.tolerance == 1e-6)
        #expect(double.step == 0x1p-10)
        #expect(float.tolerance == 5e-3)
        #expect(float.step == 0x1p-7)
        #expect(double.kinkMargin > 2 * double.step)
        #expect(float.kinkMargin > 2 * float.step)
    }

    @Test func sampledElementsPerTensor() {
        var generator = RandomGenerator(seed: 71)
        let layer = Linear<Double>(inputSize: 6, outputSize: 5, generator: &generator)
        var configuration = GradientCheck.Configuration.double
        configuration.maximumElementsPerTensor = 4
        let report = GradientCheck.check(layer: layer, inputShape: [3, 6], configuration: configuration)
        #expect(report.passed, "\(report)")
        #expect(report.tensors.map(\.checked) == [4, 4, 4])
    }

    @Test func inputGradientCanBeLeftOut() {
        var generator = RandomGenerator(seed: 72)
        let layer = Linear<Double>(inputSize: 2, outputSize: 2, generator: &generator)
        var configuration = GradientCheck.Configuration.double
        configuration.checksInputGradient = false
        let report = GradientCheck.check(layer: layer, inputShape: [3, 2], configuration: configuration)
        #expect(report.tensors.map(\.name) == ["weight", "bias"])
        #expect(report.passed)
        // The bug is in the input gradient, which is not checked.
        let buggy = BuggyScaleShift<Double>(
            inner: makeScaleShift(features: 2, seed: 2), bug: .inputElementOff(row: 0, column: 0))
        #expect(GradientCheck.check(layer: buggy, inputShape: [3, 2], configuration: configuration).passed)
    }

    @Test func descriptionIsATableWithTheVerdict() {
        let layer = BuggyScaleShift<Double>(inner: makeScaleShift(features: 3, seed: 2), bug: .scaleElementOff(index: 2))
        let text = GradientCheck.check(layer: layer, inputShape: [4, 3]).description
        let lines = text.split(separator: "\n").map(String.init)
        #expect(lines[0].hasSuffix("FAILED"))
        #expect(lines[0].contains("BuggyScaleShift(3)"))
        #expect(lines.contains { $0.hasPrefix("FAIL") && $0.contains("scale") && $0.contains("[2]") && $0.contains("9.90e-03") }, "\(text)")
        #expect(lines.contains { $0.hasPrefix("ok") && $0.contains("shift") })
        let passing = GradientCheck.check(layer: makeScaleShift(features: 3, seed: 2) as ScaleShift<Double>, inputShape: [4, 3])
        #expect(passing.description.split(separator: "\n")[0].hasSuffix("PASSED"))
    }

    @Test func invalidConfigurationStops() async {
        await #expect(processExitsWith: .failure) {
            let configuration = GradientCheck.Configuration(for: Double.self, step: 0.01, kinkMargin: 0.015)
            _ = GradientCheck.check(layer: ReLU<Double>(), inputShape: [2, 2], configuration: configuration)
        }
    }
}
