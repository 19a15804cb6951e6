import Foundation
import Layerwise
import Testing

/// Runs a `schedule` fixture: compares the learning rate of every step.
func runScheduleCase<Scalar: TensorScalar>(
    _ parityCase: ParityCase, into comparison: inout ParityComparison, as _: Scalar.Type
) throws {
    try Test.cancel(Comment(rawValue: "\(parityCase.name): schedules are not implemented yet"))
}
