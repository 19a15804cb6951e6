// Whole-buffer reductions and clamps over parameters' gradients (gradient clipping), specialized
// for Float and Double by a type test and written over pointers so that they vectorize.

/// (Σ gᵢ², maxᵢ |gᵢ|) over `buffer`, the sum in eight interleaved partial sums.
func sumOfSquaresAndLargestMagnitude<Scalar: TensorScalar>(_ buffer: [Scalar]) -> (sumOfSquares: Scalar, largest: Scalar) {
    switch Scalar.concrete {
    case .float:
        let (sum, largest) = sumOfSquaresAndLargestMagnitudeLoop(buffer.viewed(as: Float.self))
        return (sum.viewed(as: Scalar.self), largest.viewed(as: Scalar.self))
    case .double:
        let (sum, largest) = sumOfSquaresAndLargestMagnitudeLoop(buffer.viewed(as: Double.self))
        return (sum.viewed(as: Scalar.self), largest.viewed(as: Scalar.self))
    }
}

@inline(__always)
private func sumOfSquaresAndLargestMagnitudeLoop<Scalar: TensorScalar>(_ buffer: [Scalar]) -> (Scalar, Scalar) {
    buffer.withUnsafeBufferPointer { g in
        guard let g = g.baseAddress else { return (0, 0) }
        let sum = sumOfTerms(count: buffer.count) { g[$0] * g[$0] }
        let largest = maximumOfTerms(count: buffer.count) { g[$0].magnitude }
        return (sum, largest)
    }
}

/// Σ (gᵢ/scale)² over `buffer` (the overflow-safe norm's second pass).
func sumOfScaledSquares<Scalar: TensorScalar>(_ buffer: [Scalar], dividedBy scale: Scalar) -> Scalar {
    switch Scalar.concrete {
    case .float:
        return sumOfScaledSquaresLoop(buffer.viewed(as: Float.self), scale.viewed(as: Float.self)).viewed(as: Scalar.self)
    case .double:
        return sumOfScaledSquaresLoop(buffer.viewed(as: Double.self), scale.viewed(as: Double.self)).viewed(as: Scalar.self)
    }
}

@inline(__always)
private func sumOfScaledSquaresLoop<Scalar: TensorScalar>(_ buffer: [Scalar], _ scale: Scalar) -> Scalar {
    buffer.withUnsafeBufferPointer { g in
        guard let g = g.baseAddress else { return 0 }
        return sumOfTerms(count: buffer.count) { (g[$0] / scale) * (g[$0] / scale) }
    }
}

/// gᵢ ← limit where gᵢ > limit, −limit where gᵢ < −limit (NaN stays NaN).
func clampMagnitudes<Scalar: TensorScalar>(_ buffer: inout [Scalar], to limit: Scalar) {
    switch Scalar.concrete {
    case .float:
        buffer.withViewed(as: Float.self) { clampLoop(&$0, limit.viewed(as: Float.self)) }
    case .double:
        buffer.withViewed(as: Double.self) { clampLoop(&$0, limit.viewed(as: Double.self)) }
    }
}

@inline(__always)
private func clampLoop<Scalar: TensorScalar>(_ buffer: inout [Scalar], _ limit: Scalar) {
    buffer.withUnsafeMutableBufferPointer { g in
        for i in g.indices {
            let value = g[i]
            g[i] = value > limit ? limit : (value < -limit ? -limit : value)
        }
    }
}
