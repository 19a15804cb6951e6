import Foundation
import Layerwise
import Testing

/// Runs a `network` fixture: builds the `Sequential` of `layers`, loads `params`, trains
/// `steps` steps of the fixture's optimizer on its one batch with its loss, and compares the
/// loss before every step, the final parameters, the final running statistics and the
/// trained network's output in inference mode.
///
/// Each step is the ordinary training step: zero the gradients, forward in training mode, the
/// loss and its gradient, backward, `Optimizer.step`. Tolerance: Float relative 1e-4 with
/// absolute 1e-6, Double relative 1e-9 (absolute 1e-12), over the whole trajectory.
///
/// One exception in Float, forced by the fixture, not by Layerwise: the bias b of a `Linear`
/// followed by a `BatchNorm` in training has the exact gradient 0 (BatchNorm subtracts the
/// batch mean, which contains b: Σₙ ∂L/∂hₙ = −(Σₙ x̂ₙ)·Σₙ gₙx̂ₙ/(Nσ)·γ = 0). What a backward
/// pass computes for it is rounding noise, about 10⁻¹⁷ in float64 and 10⁻⁹ in float32, and
/// Adam divides it by √v + ε with ε = 10⁻⁸: PyTorch's float64 run moves b by 10⁻¹¹, but any
/// float32 run moves it by up to lr per step, 2·10⁻² after ten steps (a float32 NumPy
/// re-implementation of this network drifts exactly like that), and the running mean and the
/// eval output follow b. So in Float the runner checks that such a gradient is noise
/// (|g| ≤ 10⁻⁶) and sets it to its exact value 0 before the step, as float64 effectively does;
/// everything else, including b itself, is then compared at the Float tolerance. The Double
/// run changes nothing.
func runNetworkCase<Scalar: TensorScalar>(
    _ parityCase: ParityCase, into comparison: inout ParityComparison, as _: Scalar.Type
) throws {
    let layerSpecs = parityCase.json["layers"] as? [[String: Any]] ?? []
    var layers: [any Layer<Scalar>] = []
    for spec in layerSpecs {
        guard let layer: any Layer<Scalar> = makeParityLayer(spec) else {
            comparison.fail("no layer for spec \(spec)")
            return
        }
        layers.append(layer)
    }
    var model: any Layer<Scalar> = Sequential(layers)
    let parameters = parityCase.object("params").mapValues { decodeTensor($0, as: Scalar.self) }
    loadParameters(parameters, state: [:], into: &model, comparison: &comparison)
    if let names = parityCase.json["parameter_names"] as? [String], names != model.parameterNames {
        comparison.fail("parameter order \(model.parameterNames), PyTorch's \(names)")
    }

    let optimizerSpec = parityCase.object("optimizer")
    guard var optimizer: any Optimizer<Scalar> = makeParityOptimizer(optimizerSpec) else {
        comparison.fail("no optimizer for spec \(optimizerSpec)")
        return
    }
    let lossSpec = parityCase.object("loss")
    guard lossSpec["type"] as? String == "SoftmaxCrossEntropy" else {
        comparison.fail("no loss for spec \(lossSpec)")
        return
    }
    let loss = SoftmaxCrossEntropy<Scalar>(reduction: lossSpec["reduction"] as? String == "sum" ? .sum : .mean)

    let input: Tensor<Scalar> = decodeTensor(parityCase.json["input"])
    let labels = decodeTensor(parityCase.json["target"], as: Double.self).scalars.map { Int($0) }
    let steps = (parityCase.json["steps"] as! NSNumber).intValue
    let expectedLosses = (parityCase.json["losses"] as? [Any])?.compactMap(decodeNumber) ?? []
    guard expectedLosses.count == steps else {
        comparison.fail("\(expectedLosses.count) losses for \(steps) steps")
        return
    }

    let nullBiases: Set<String> =
        Scalar.self == Float.self
        ? Set(
            layerSpecs.indices.dropLast().filter {
                layerSpecs[$0]["type"] as? String == "Linear" && layerSpecs[$0 + 1]["type"] as? String == "BatchNorm"
            }.map { "\($0).bias" })
        : []

    // The optimizer contract's tolerance (absolute 1e-6 in Float), for every compared value.
    var trajectory = ParityComparison(Scalar.self, absoluteInFloat: 1e-6)
    var losses: [Scalar] = []
    for _ in 0..<steps {
        model.zeroGradients()
        let logits = model.forward(input, mode: .training)
        let (value, gradient) = loss(logits, target: .classes(labels))
        losses.append(value)
        _ = model.backward(gradient)
        if !nullBiases.isEmpty {
            model.visitNamedParameters { name, parameter in
                guard nullBiases.contains(name) else { return }
                let noise = parameter.gradient.scalars.map { Double($0.magnitude) }.max() ?? 0
                if noise > 1e-6 {
                    comparison.fail("the gradient of \(name) before BatchNorm should be 0 up to rounding, got \(noise)")
                }
                parameter.zeroGradient()
            }
        }
        optimizer.step(&model)
    }
    trajectory.compare(
        "losses", Tensor(shape: [losses.count], scalars: losses),
        Tensor(shape: [steps], scalars: expectedLosses.map { Scalar($0) }))

    let finalParameters = parityCase.object("final_params")
    for (name, parameter) in model.namedParameters {
        guard let expected = finalParameters[name] else {
            trajectory.fail("no expected final value for parameter \(name)")
            continue
        }
        trajectory.compare("final_params.\(name)", parameter.value, decodeTensor(expected))
    }
    let finalState = parityCase.object("final_state")
    let actualState = Dictionary(uniqueKeysWithValues: model.namedState.map { ($0.name, $0.value) })
    if Set(finalState.keys) != Set(actualState.keys) {
        trajectory.fail("state \(actualState.keys.sorted()), fixture has \(finalState.keys.sorted())")
    }
    for (name, expected) in finalState {
        guard let actual = actualState[name] else { continue }
        trajectory.compare("final_state.\(name)", actual, decodeTensor(expected))
    }
    trajectory.compare("eval_output", model.predict(input), decodeTensor(parityCase.json["eval_output"]))
    for mismatch in trajectory.mismatches { comparison.fail(mismatch) }
}

extension ParityComparison {
    /// The parity tolerance of `Scalar`, with the absolute floor in Float set to
    /// `absoluteInFloat` (the trajectory contract of optimizer and network cases is 1e-6).
    init<Scalar: TensorScalar>(_: Scalar.Type, absoluteInFloat: Double) {
        tolerance =
            Scalar.self == Float.self
            ? ParityTolerance(relative: 1e-4, absolute: absoluteInFloat)
            : ParityTolerance(relative: 1e-9, absolute: 1e-12)
    }
}
