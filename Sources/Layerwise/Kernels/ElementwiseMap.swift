/// y[i] = transform(x[i]) over pointers, for the default loops of `ActivationFunction`:
/// inlinable, so that the loop is compiled in the module that defines the function (and
/// vectorizes there when `transform` allows).
/// - Precondition: equal counts.
@inlinable @inline(__always)
func mapElements<Scalar>(_ input: [Scalar], into output: inout [Scalar], _ transform: (Scalar) -> Scalar) {
    checkPrecondition(input.count == output.count, "activation buffers of \(input.count) and \(output.count) elements")
    input.withUnsafeBufferPointer { x in
        output.withUnsafeMutableBufferPointer { y in
            for i in 0..<y.count { y[i] = transform(x[i]) }
        }
    }
}

/// dx[i] = dy[i] · slope(x[i], y[i]) over pointers, for `ActivationFunction`'s default backward.
/// - Precondition: equal counts.
@inlinable @inline(__always)
func mapGradients<Scalar: FloatingPoint>(
    _ gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar],
    _ slope: (Scalar, Scalar) -> Scalar
) {
    checkPrecondition(
        gradOutput.count == input.count && input.count == output.count && output.count == gradInput.count,
        "activation backward buffers of different sizes")
    gradOutput.withUnsafeBufferPointer { dy in
        input.withUnsafeBufferPointer { x in
            output.withUnsafeBufferPointer { y in
                gradInput.withUnsafeMutableBufferPointer { dx in
                    for i in 0..<dx.count { dx[i] = dy[i] * slope(x[i], y[i]) }
                }
            }
        }
    }
}
