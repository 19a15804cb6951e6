import Foundation
import Layerwise
import Testing

/// Runs an `optimizer` fixture: trains the fixture's quadratic for `steps` steps and compares
/// the whole trajectory.
///
/// The parameter vector is the `weight` of a `QuadraticBowl` layer; each step is the ordinary
/// training step (zero the gradients, forward, backward, optionally `clipGradientNorm`,
/// `Optimizer.step`). Tolerance: Float relative 1e-4 with absolute 1e-6, Double relative 1e-9
/// (absolute 1e-12), over every element of every step.
func runOptimizerCase<Scalar: TensorScalar>(
    _ parityCase: ParityCase, into comparison: inout ParityComparison, as _: Scalar.Type
) throws {
    let spec = parityCase.object("optimizer")
    guard var optimizer: any Optimizer<Scalar> = makeParityOptimizer(spec) else {
        comparison.fail("no optimizer for spec \(spec)")
        return
    }
    let quadratic = parityCase.object("quadratic")
    let curvature = (quadratic["a"] as! [Any]).map { Scalar(($0 as! NSNumber).doubleValue) }
    let linear = (quadratic["c"] as! [Any]).map { Scalar(($0 as! NSNumber).doubleValue) }
    var bowl = QuadraticBowl(
        weight: decodeTensor(parityCase.json["initial"], as: Scalar.self),
        curvature: Tensor(curvature), linear: Tensor(linear))
    let steps = (parityCase.json["steps"] as! NSNumber).intValue
    let clipNorm = decodeNumber(parityCase.json["clip_grad_norm"])
    let trajectory = parityCase.json["trajectory"] as! [[Any]]
    guard trajectory.count == steps else {
        comparison.fail("trajectory has \(trajectory.count) points for \(steps) steps")
        return
    }

    let tolerance =
        Scalar.self == Float.self
        ? ParityTolerance(relative: 1e-4, absolute: 1e-6)
        : ParityTolerance(relative: 1e-9, absolute: 1e-12)
    var worst: (step: Int, index: Int, actual: Double, expected: Double, excess: Double)?
    for step in 0..<steps {
        bowl.zeroGradients()
        _ = bowl.forward(Tensor(zeros: [1, 1]), mode: .training)
        _ = bowl.backward(Tensor([1]))
        if let clipNorm {
            bowl.clipGradientNorm(maxNorm: Scalar(clipNorm))
        }
        optimizer.step(&bowl)

        let expected = trajectory[step].map { ($0 as! NSNumber).doubleValue }
        let actual = bowl.weight.value.scalars.map { Double($0) }
        guard actual.count == expected.count else {
            comparison.fail("step \(step + 1): \(actual.count) parameters, expected \(expected.count)")
            return
        }
        for index in actual.indices where !tolerance.accepts(actual[index], expected[index]) {
            let excess =
                actual[index].isFinite
                ? abs(actual[index] - expected[index]) / (tolerance.absolute + tolerance.relative * abs(expected[index]))
                : .infinity
            if excess > (worst?.excess ?? 0) {
                worst = (step + 1, index, actual[index], expected[index], excess)
            }
        }
    }
    if let worst {
        comparison.fail(
            "trajectory after step \(worst.step), element \(worst.index): \(worst.actual), expected \(worst.expected) (\(String(format: "%.1f", worst.excess))× the tolerance)"
        )
    }
}

/// The optimizer a fixture's `optimizer` object describes; absent keys keep our defaults, which
/// are PyTorch's (so the fixtures that give only `lr` also check the defaults).
func makeParityOptimizer<Scalar: TensorScalar>(_ spec: [String: Any]) -> (any Optimizer<Scalar>)? {
    let options = ParityOptimizerOptions(spec: spec)
    switch spec["type"] as? String {
    case "SGD":
        return options.applied(
            to: SGD<Scalar>(),
            numbers: ["lr": \.learningRate, "momentum": \.momentum, "dampening": \.dampening,
                      "weight_decay": \.weightDecay],
            flags: ["nesterov": \.nesterov])
    case "Adagrad":
        return options.applied(
            to: Adagrad<Scalar>(),
            numbers: ["lr": \.learningRate, "lr_decay": \.learningRateDecay, "weight_decay": \.weightDecay,
                      "initial_accumulator_value": \.initialAccumulatorValue, "eps": \.epsilon])
    case "RMSprop":
        return options.applied(
            to: RMSprop<Scalar>(),
            numbers: ["lr": \.learningRate, "alpha": \.alpha, "eps": \.epsilon, "weight_decay": \.weightDecay,
                      "momentum": \.momentum],
            flags: ["centered": \.centered])
    case "Adadelta":
        return options.applied(
            to: Adadelta<Scalar>(),
            numbers: ["lr": \.learningRate, "rho": \.rho, "eps": \.epsilon, "weight_decay": \.weightDecay])
    case "Adam":
        return options.applied(
            to: Adam<Scalar>(), numbers: ["lr": \.learningRate, "eps": \.epsilon, "weight_decay": \.weightDecay],
            flags: ["amsgrad": \.amsgrad], betas: \.betas)
    case "AdamW":
        return options.applied(
            to: AdamW<Scalar>(), numbers: ["lr": \.learningRate, "eps": \.epsilon, "weight_decay": \.weightDecay],
            flags: ["amsgrad": \.amsgrad], betas: \.betas)
    case "Adamax":
        return options.applied(
            to: Adamax<Scalar>(), numbers: ["lr": \.learningRate, "eps": \.epsilon, "weight_decay": \.weightDecay],
            betas: \.betas)
    case "NAdam":
        return options.applied(
            to: NAdam<Scalar>(),
            numbers: ["lr": \.learningRate, "eps": \.epsilon, "weight_decay": \.weightDecay,
                      "momentum_decay": \.momentumDecay],
            flags: ["decoupled_weight_decay": \.decoupledWeightDecay], betas: \.betas)
    case "RAdam":
        return options.applied(
            to: RAdam<Scalar>(), numbers: ["lr": \.learningRate, "eps": \.epsilon, "weight_decay": \.weightDecay],
            flags: ["decoupled_weight_decay": \.decoupledWeightDecay], betas: \.betas)
    default:
        return nil
    }
}

/// A fixture's optimizer options by PyTorch name, copied onto an optimizer's properties.
struct ParityOptimizerOptions {
    let spec: [String: Any]

    /// `optimizer` with every option the fixture gives set through its key path.
    func applied<O>(
        to optimizer: O, numbers: [String: WritableKeyPath<O, Double>],
        flags: [String: WritableKeyPath<O, Bool>] = [:], betas: WritableKeyPath<O, (Double, Double)>? = nil
    ) -> O {
        var optimizer = optimizer
        for (key, keyPath) in numbers {
            if let value = decodeNumber(spec[key]) { optimizer[keyPath: keyPath] = value }
        }
        for (key, keyPath) in flags {
            if let value = spec[key] as? Bool { optimizer[keyPath: keyPath] = value }
        }
        if let betas, let pair = spec["betas"] as? [Any], pair.count == 2 {
            optimizer[keyPath: betas] = ((pair[0] as! NSNumber).doubleValue, (pair[1] as! NSNumber).doubleValue)
        }
        return optimizer
    }
}

/// The fixtures' objective as a layer: f(w) = ½·Σ aᵢ·wᵢ² + Σ cᵢ·wᵢ with the trainable vector w
/// named `"weight"`.
///
/// Forward:  y = f(w), a `[1]` tensor (the input is ignored).
/// Backward: ∂L/∂w += (∂L/∂y)·(a ⊙ w + c); ∂L/∂input = 0.
struct QuadraticBowl<Scalar: TensorScalar>: Layer {
    /// The trainable vector w.
    var weight: Parameter<Scalar>
    /// The curvatures a.
    let curvature: Tensor<Scalar>
    /// The linear coefficients c.
    let linear: Tensor<Scalar>
    /// The shape of the last input, for the input gradient.
    private var lastInputShape: [Int]?

    init(weight: Tensor<Scalar>, curvature: Tensor<Scalar>, linear: Tensor<Scalar>) {
        precondition(weight.shape == curvature.shape && weight.shape == linear.shape)
        self.weight = Parameter(weight)
        self.curvature = curvature
        self.linear = linear
    }

    var description: String { "QuadraticBowl(\(weight.value.count))" }

    var parameterNames: [String] { ["weight"] }

    mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void) {
        visit(&weight)
    }

    /// y = ½·Σ aᵢ·wᵢ² + Σ cᵢ·wᵢ.
    mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        lastInputShape = input.shape
        let w = weight.value
        return Tensor([(0.5 * curvature * w * w + linear * w).sum()])
    }

    /// ∂L/∂w += (∂L/∂y)·(a ⊙ w + c).
    mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        guard let lastInputShape else { fatalError("QuadraticBowl.backward called before forward") }
        weight.gradient += (curvature * weight.value + linear) * gradOutput.scalars[0]
        return Tensor(zeros: lastInputShape)
    }
}
