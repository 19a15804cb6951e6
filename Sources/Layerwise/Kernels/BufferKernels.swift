// Whole-buffer copies, products and scans behind the type test of ScalarDispatch.swift (no
// public requirement): each dispatches once on `Scalar.concrete` to a concrete loop.

/// `buffer[i] = source[i]`, into the buffer's own storage. - Precondition: equal counts.
func copyElements<Scalar: TensorScalar>(_ source: [Scalar], into buffer: inout [Scalar]) {
    switch Scalar.concrete {
    case .float: buffer.withViewed(as: Float.self) { copyKernel(source.viewed(as: Float.self), into: &$0) }
    case .double: buffer.withViewed(as: Double.self) { copyKernel(source.viewed(as: Double.self), into: &$0) }
    }
}

/// `product[i] = first[i] · second[i]` in one pass. - Precondition: equal counts.
func multiplyElements<Scalar: TensorScalar>(_ first: [Scalar], _ second: [Scalar], into product: inout [Scalar]) {
    switch Scalar.concrete {
    case .float:
        product.withViewed(as: Float.self) {
            multiplyKernel(first.viewed(as: Float.self), second.viewed(as: Float.self), into: &$0)
        }
    case .double:
        product.withViewed(as: Double.self) {
            multiplyKernel(first.viewed(as: Double.self), second.viewed(as: Double.self), into: &$0)
        }
    }
}

@inline(__always)
private func multiplyKernel<Scalar: TensorScalar>(_ first: [Scalar], _ second: [Scalar], into product: inout [Scalar]) {
    requireEqualCounts(first.count, second.count, "multiply")
    requireEqualCounts(first.count, product.count, "multiply")
    first.withUnsafeBufferPointer { a in
        second.withUnsafeBufferPointer { b in
            product.withUnsafeMutableBufferPointer { c in
                for i in 0..<c.count { c[i] = a[i] * b[i] }
            }
        }
    }
}

/// The first position whose element is NaN or infinite, or nil when every element is finite:
/// the divergence guard's scan of gradients, parameters, running statistics and outputs.
func firstNonFiniteElement<Scalar: TensorScalar>(in buffer: [Scalar]) -> Int? {
    switch Scalar.concrete {
    case .float: firstNonFiniteIndex(in: buffer.viewed(as: Float.self))
    case .double: firstNonFiniteIndex(in: buffer.viewed(as: Double.self))
    }
}
