/// An initializer that draws every element from N(0, σ²), with σ set by the shape.
///
/// Conforming types state only `standardDeviation(for:)`; `makeTensor(shape:using:)` is shared.
/// The normal is not truncated.
public protocol NormalInitializer: Initializer {
    /// The standard deviation σ for a weight of the given shape.
    ///
    /// - Precondition: `shape` has at least two dimensions and no zero extent.
    func standardDeviation(for shape: [Int]) -> Double
}

extension NormalInitializer {
    /// Returns a tensor drawn from N(0, σ²), σ = `standardDeviation(for: shape)`.
    ///
    /// - Precondition: `shape` has at least two dimensions. A tensor with no elements is
    ///   returned empty, without draws.
    public func makeTensor<Scalar: TensorScalar>(
        shape: [Int], using generator: inout RandomGenerator
    ) -> Tensor<Scalar> {
        _ = fans(of: shape)
        guard shape.reduce(1, *) > 0 else { return Tensor(zeros: shape) }
        return Tensor(
            randomNormal: shape, standardDeviation: Scalar(standardDeviation(for: shape)), using: &generator)
    }
}
