/// Fills every element with one value (PyTorch's `constant_`; `zeros_` and `ones_` are
/// `Constant(0)` and `Constant(1)`).
public struct Constant: Initializer {
    /// The value every element takes.
    public let value: Double

    /// Creates the initializer.
    ///
    /// - Parameter value: The value every element takes (rounded to the tensor's scalar type).
    public init(_ value: Double) {
        self.value = value
    }

    /// Returns a tensor of the given shape, every element equal to `value`. Any rank is
    /// accepted; no random numbers are drawn.
    public func makeTensor<Scalar: TensorScalar>(
        shape: [Int], using generator: inout RandomGenerator
    ) -> Tensor<Scalar> {
        Tensor(repeating: Scalar(value), shape: shape)
    }
}

extension Initializer where Self == Constant {
    /// Fills every element with `value`.
    public static func constant(_ value: Double) -> Constant {
        Constant(value)
    }

    /// Fills every element with 0.
    public static var zeros: Constant { Constant(0) }

    /// Fills every element with 1.
    public static var ones: Constant { Constant(1) }
}
