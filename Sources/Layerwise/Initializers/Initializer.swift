/// A rule that fills a new weight tensor.
///
/// Fans follow PyTorch's `_calculate_fan_in_and_fan_out`: for a shape `[out, in, k…]`,
/// fan-in is `in · Πk` and fan-out is `out · Πk` (a `Linear` weight `[out, in]` has
/// fan-in `in`). Concrete initializers: `XavierUniform`, `XavierNormal`, `KaimingUniform`,
/// `KaimingNormal`, `LeCunNormal`, `Orthogonal`, `Constant`.
public protocol Initializer: Sendable {
    /// Returns a tensor of the given shape filled by this rule.
    func makeTensor<Scalar: TensorScalar>(
        shape: [Int], using generator: inout RandomGenerator
    ) -> Tensor<Scalar>
}

/// The fan-in and fan-out of a weight of the given shape, as PyTorch computes them.
///
/// - Precondition: `shape` has at least two dimensions.
public func fans(of shape: [Int]) -> (fanIn: Int, fanOut: Int) {
    checkPrecondition(
        shape.count >= 2,
        "fans(of:): fan-in and fan-out need a tensor of at least 2 dimensions, got shape \(shape)")
    let receptiveField = shape.dropFirst(2).reduce(1, *)
    return (shape[1] * receptiveField, shape[0] * receptiveField)
}
