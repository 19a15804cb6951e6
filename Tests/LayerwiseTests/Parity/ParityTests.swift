import Foundation
import Layerwise
import Testing

/// PyTorch parity: every fixture in `Fixtures/parity/` in Float and in Double.
///
/// Run alone with `swift test --filter Parity`. Cases of kinds not covered yet are cancelled
/// (reported as skipped), never passed.
@Suite struct ParityTests {
    static let cases = ParityCase.all()

    @Test func fixturesArePresent() {
        #expect(Self.cases.count >= 50, "found \(Self.cases.count) parity fixtures")
    }

    @Test(arguments: cases) func double(_ parityCase: ParityCase) throws {
        try run(parityCase, as: Double.self)
    }

    @Test(arguments: cases) func float(_ parityCase: ParityCase) throws {
        try run(parityCase, as: Float.self)
    }

    private func run<Scalar: TensorScalar>(_ parityCase: ParityCase, as _: Scalar.Type) throws {
        var comparison = ParityComparison(Scalar.self)
        switch parityCase.kind {
        case "layer":
            runLayerCase(parityCase, into: &comparison, as: Scalar.self)
        case "loss":
            runLossCase(parityCase, into: &comparison, as: Scalar.self)
        case "optimizer":
            try runOptimizerCase(parityCase, into: &comparison, as: Scalar.self)
        case "schedule":
            try runScheduleCase(parityCase, into: &comparison, as: Scalar.self)
        case "network":
            try runNetworkCase(parityCase, into: &comparison, as: Scalar.self)
        default:
            try Test.cancel(Comment(rawValue: "\(parityCase.name): kind \"\(parityCase.kind)\" is not covered yet"))
        }
        #expect(comparison.mismatches.isEmpty, Comment(rawValue: "\(parityCase.name) (\(Scalar.self)):\n" + comparison.mismatches.joined(separator: "\n")))
    }

    /// Loads `params` and `state_before`, runs forward in the case's mode and backward with
    /// `grad_output`, and compares output, input gradient, parameter gradients and state.
    private func runLayerCase<Scalar: TensorScalar>(
        _ parityCase: ParityCase, into comparison: inout ParityComparison, as _: Scalar.Type
    ) {
        let spec = parityCase.object("layer")
        guard var layer: any Layer<Scalar> = makeParityLayer(spec) else {
            comparison.fail("no layer for spec \(spec)")
            return
        }
        let parameters = parityCase.object("params").mapValues { decodeTensor($0, as: Scalar.self) }
        let stateBefore = parityCase.object("state_before").mapValues { decodeTensor($0, as: Scalar.self) }
        loadParameters(parameters, state: stateBefore, into: &layer, comparison: &comparison)

        let mode: Mode = parityCase.json["mode"] as? String == "eval" ? .inference : .training
        let input: Tensor<Scalar> = decodeTensor(parityCase.json["input"])
        let output = layer.forward(input, mode: mode)
        comparison.compare("output", output, decodeTensor(parityCase.json["output"]))
        let gradInput = layer.backward(decodeTensor(parityCase.json["grad_output"]))
        comparison.compare("grad_input", gradInput, decodeTensor(parityCase.json["grad_input"]))

        let expectedGradients = parityCase.object("grad_params")
        for (name, parameter) in layer.namedParameters {
            guard let expected = expectedGradients[name] else {
                comparison.fail("no expected gradient for parameter \(name)")
                continue
            }
            comparison.compare("grad_params.\(name)", parameter.gradient, decodeTensor(expected))
        }
        for (name, value) in parityCase.object("state_after") {
            guard let actual = layer.namedState.first(where: { $0.name == name }) else {
                comparison.fail("layer has no state \(name)")
                continue
            }
            comparison.compare("state_after.\(name)", actual.value, decodeTensor(value))
        }
    }
}

/// Sets every named parameter and state tensor of `layer`; names the layer lacks or leaves
/// unset are mismatches.
func loadParameters<Scalar: TensorScalar>(
    _ parameters: [String: Tensor<Scalar>], state: [String: Tensor<Scalar>],
    into layer: inout any Layer<Scalar>, comparison: inout ParityComparison
) {
    var unset = Set(parameters.keys)
    layer.visitNamedParameters { name, parameter in
        guard let value = parameters[name] else { return }
        parameter.value = value
        unset.remove(name)
    }
    var unsetState = Set(state.keys)
    layer.visitNamedState { name, tensor in
        guard let value = state[name] else { return }
        tensor = value
        unsetState.remove(name)
    }
    for name in unset.union(unsetState).sorted() {
        comparison.fail("the layer has no parameter or state named \(name)")
    }
    if Set(layer.parameterNames) != Set(parameters.keys) {
        comparison.fail("parameters \(layer.parameterNames), fixture has \(parameters.keys.sorted())")
    }
}
