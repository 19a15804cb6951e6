/// Element-wise arithmetic on tensors of the same shape, and scaling by a scalar.
extension Tensor {
    /// The element-wise sum. - Precondition: equal shapes.
    public static func + (lhs: Tensor, rhs: Tensor) -> Tensor {
        var result = lhs
        result += rhs
        return result
    }

    /// The element-wise difference. - Precondition: equal shapes.
    public static func - (lhs: Tensor, rhs: Tensor) -> Tensor {
        var result = lhs
        result -= rhs
        return result
    }

    /// The element-wise (Hadamard) product. - Precondition: equal shapes.
    public static func * (lhs: Tensor, rhs: Tensor) -> Tensor {
        var result = lhs
        result *= rhs
        return result
    }

    /// Every element multiplied by `scale`.
    public static func * (lhs: Tensor, scale: Scalar) -> Tensor {
        var result = lhs
        result *= scale
        return result
    }

    /// Every element multiplied by `scale`.
    public static func * (scale: Scalar, rhs: Tensor) -> Tensor {
        rhs * scale
    }

    /// The element-wise negation.
    public static prefix func - (tensor: Tensor) -> Tensor {
        tensor * -1
    }

    /// Adds `rhs` element-wise. - Precondition: equal shapes.
    public static func += (lhs: inout Tensor, rhs: Tensor) {
        requireSameShape(lhs, rhs, "+")
        Scalar._add(rhs.scalars, to: &lhs.scalars)
    }

    /// Subtracts `rhs` element-wise. - Precondition: equal shapes.
    public static func -= (lhs: inout Tensor, rhs: Tensor) {
        requireSameShape(lhs, rhs, "-")
        Scalar._subtract(rhs.scalars, from: &lhs.scalars)
    }

    /// Multiplies by `rhs` element-wise. - Precondition: equal shapes.
    public static func *= (lhs: inout Tensor, rhs: Tensor) {
        requireSameShape(lhs, rhs, "*")
        Scalar._multiply(&lhs.scalars, by: rhs.scalars)
    }

    /// Multiplies every element by `scale`.
    public static func *= (lhs: inout Tensor, scale: Scalar) {
        Scalar._scale(&lhs.scalars, by: scale)
    }

    private static func requireSameShape(_ lhs: Tensor, _ rhs: Tensor, _ operation: String) {
        checkPrecondition(
            lhs.shape == rhs.shape,
            "Tensor \(operation): shapes \(lhs.shape) and \(rhs.shape) differ")
    }
}
