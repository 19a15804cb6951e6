import Foundation
import Layerwise
import Testing

/// Checks the fixtures themselves against facts that hold for any correct implementation.
///
/// For BatchNorm and LayerNorm the bias enters as `y = … + β`, so the gradient of
/// `sum(output * grad_output)` with respect to β is `Σₙ grad_output[n, :]` exactly. This is the
/// invariant that exposed the accumulated gradients of an earlier version of the shared eval
/// fixtures (see `Fixtures/parity/ERRATA.md`).
@Suite struct FixtureInvariantTests {
    static let normalizationCases = ParityCase.all().filter {
        let type = $0.object("layer")["type"] as? String
        return $0.kind == "layer" && (type == "BatchNorm" || type == "LayerNorm")
            && $0.object("grad_params")["bias"] != nil
    }

    @Test func normalizationFixturesExist() {
        #expect(Self.normalizationCases.count >= 5)
    }

    @Test(arguments: normalizationCases) func biasGradientIsTheColumnSumOfGradOutput(_ parityCase: ParityCase) {
        let gradOutput: Tensor<Double> = decodeTensor(parityCase.json["grad_output"])
        let biasGradient: Tensor<Double> = decodeTensor(parityCase.object("grad_params")["bias"])
        let (rows, columns) = (gradOutput.shape[0], gradOutput.shape[1])
        for column in 0..<columns {
            let columnSum = (0..<rows).reduce(0.0) { $0 + gradOutput[$1, column] }
            #expect(abs(biasGradient[column] - columnSum) <= 1e-12 * max(1, abs(columnSum)))
        }
    }
}
