import _LayerwiseKernels

// Row-wise softmax and log-softmax over the last axis, one pass per row after its maximum:
// for Float the exponentials and the normalizer come from the vectorized C kernel, for Double
// from a loop over `Scalar.exp` (specialized by the callers). Rows are split across the pool's
// threads; each row's result does not depend on the split.

/// The maximum of a row (NaN only when its first element is NaN; a NaN elsewhere reaches the
/// outputs through its own exponential).
@inline(__always)
func rowMaximum<Scalar: TensorScalar>(_ x: UnsafePointer<Scalar>, count: Int) -> Scalar {
    switch Scalar.concrete {
    case .float:
        return lwk_maximum(KernelLevel.current, count, UnsafeRawPointer(x).assumingMemoryBound(to: Float.self))
            .viewed(as: Scalar.self)
    case .double:
        var maximum = x[0]
        for c in 1..<max(count, 1) where x[c] > maximum { maximum = x[c] }
        return maximum
    }
}

/// yᵢ = e^(xᵢ − shift); returns Σ yᵢ.
@inline(__always)
func shiftedExponentials<Scalar: TensorScalar>(
    _ x: UnsafePointer<Scalar>, count: Int, shift: Scalar, into y: UnsafeMutablePointer<Scalar>
) -> Scalar {
    switch Scalar.concrete {
    case .float:
        return lwk_exp_shifted_sum(
            KernelLevel.current, count, UnsafeRawPointer(x).assumingMemoryBound(to: Float.self),
            shift.viewed(as: Float.self), UnsafeMutableRawPointer(y).assumingMemoryBound(to: Float.self)
        ).viewed(as: Scalar.self)
    case .double:
        var total: Scalar = 0
        for c in 0..<count {
            y[c] = Scalar.exp(x[c] - shift)
            total += y[c]
        }
        return total
    }
}

/// Softmax (or, with `logarithm`, log-softmax) of each row of `width` elements of `input`.
@inline(__always)
func softmaxRows<Scalar: TensorScalar>(_ input: [Scalar], width: Int, into output: inout [Scalar], logarithm: Bool) {
    requireEqualCounts(input.count, output.count, "softmax")
    guard width > 0 else { return }
    let rows = input.count / width
    input.withUnsafeBufferPointer { x in
        output.withUnsafeMutableBufferPointer { y in
            guard let x = x.baseAddress, let y = y.baseAddress else { return }
            ElementwisePartition.forEachRange(count: rows, minimumPerPart: max(1, ElementwisePartition.minimumElementsPerPart / width)) { rowRange in
                for row in rowRange {
                    let xRow = x + row &* width, yRow = y + row &* width
                    let maximum = rowMaximum(xRow, count: width)
                    let total = shiftedExponentials(xRow, count: width, shift: maximum, into: yRow)
                    if logarithm {
                        let logTotal = Scalar.log(total)
                        for c in 0..<width { yRow[c] = (xRow[c] - maximum) - logTotal }
                    } else {
                        let inverse = 1 / total
                        for c in 0..<width { yRow[c] *= inverse }
                    }
                }
            }
        }
    }
}

/// The input gradient of each row: softmax ∂L/∂xⱼ = yⱼ·(gⱼ − Σₖ gₖyₖ); log-softmax
/// ∂L/∂xⱼ = gⱼ − e^{yⱼ}·Σₖ gₖ.
@inline(__always)
func softmaxBackwardRows<Scalar: TensorScalar>(
    _ gradOutput: [Scalar], output: [Scalar], width: Int, into gradInput: inout [Scalar], logarithm: Bool
) {
    requireEqualCounts(gradOutput.count, output.count, "softmax backward")
    requireEqualCounts(gradOutput.count, gradInput.count, "softmax backward")
    guard width > 0 else { return }
    let rows = output.count / width
    gradOutput.withUnsafeBufferPointer { g in
        output.withUnsafeBufferPointer { y in
            gradInput.withUnsafeMutableBufferPointer { dx in
                guard let g = g.baseAddress, let y = y.baseAddress, let dx = dx.baseAddress else { return }
                ElementwisePartition.forEachRange(count: rows, minimumPerPart: max(1, ElementwisePartition.minimumElementsPerPart / width)) { rowRange in
                    for row in rowRange {
                        let offset = row &* width
                        let gRow = g + offset, yRow = y + offset, dxRow = dx + offset
                        if logarithm {
                            let gradSum = sumOfTerms(count: width) { gRow[$0] }
                            // e^{y} into dx, then dx = g − e^{y}·Σg.
                            _ = shiftedExponentials(yRow, count: width, shift: 0, into: dxRow)
                            for c in 0..<width { dxRow[c] = gRow[c] - dxRow[c] * gradSum }
                        } else {
                            let weightedSum = sumOfTerms(count: width) { gRow[$0] * yRow[$0] }
                            for c in 0..<width { dxRow[c] = yRow[c] * (gRow[c] - weightedSum) }
                        }
                    }
                }
            }
        }
    }
}
