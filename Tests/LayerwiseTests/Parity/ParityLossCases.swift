import Foundation
import Layerwise

/// Runs a `loss` fixture: builds the loss from the case's `loss` object, evaluates it on
/// `input` and `target`, and compares the value (`output`) and the gradient (`grad_input`).
func runLossCase<Scalar: TensorScalar>(
    _ parityCase: ParityCase, into comparison: inout ParityComparison, as _: Scalar.Type
) {
    comparison.fail("loss \(parityCase.object("loss")["type"] ?? "?") is not implemented")
}
