/// An initializer that draws every element from U(−b, b), with the bound b set by the shape.
///
/// Conforming types state only `bound(for:)`; `makeTensor(shape:using:)` is shared.
public protocol UniformInitializer: Initializer {
    /// The bound b for a weight of the given shape.
    ///
    /// - Precondition: `shape` has at least two dimensions and no zero extent.
    func bound(for shape: [Int]) -> Double
}

extension UniformInitializer {
    /// Returns a tensor drawn from U(−b, b), b = `bound(for: shape)`.
    ///
    /// - Precondition: `shape` has at least two dimensions. A tensor with no elements is
    ///   returned empty, without draws.
    public func makeTensor<Scalar: TensorScalar>(
        shape: [Int], using generator: inout RandomGenerator
    ) -> Tensor<Scalar> {
        _ = fans(of: shape)
        guard shape.reduce(1, *) > 0 else { return Tensor(zeros: shape) }
        let bound = Scalar(bound(for: shape))
        return Tensor(randomUniform: shape, in: -bound...bound, using: &generator)
    }
}
