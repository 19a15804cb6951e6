// Dropout's mask and PReLU's piecewise-linear passes over whole buffers, written over pointers
// and specialized by the layers' `specializedPass`.

/// mᵢ = scale where uᵢ ≥ p, else 0, with uᵢ the generator's next uniform number (one draw per
/// element, in order: the same masks as a loop over `nextUniform()`).
@inline(__always)
func drawDropoutMask<Scalar: TensorScalar>(
    _ mask: inout [Scalar], probability: Double, keptScale: Scalar, generator: inout RandomGenerator
) {
    var local = generator
    mask.withUnsafeMutableBufferPointer { m in
        for i in m.indices { m[i] = local.nextUniform() >= probability ? keptScale : 0 }
    }
    generator = local
}

/// PReLU forward: yᵢ = xᵢ if xᵢ > 0, else a·xᵢ with a = slopes[i mod slopes.count].
@inline(__always)
func parametricReLU<Scalar: TensorScalar>(_ input: [Scalar], slopes: [Scalar], into output: inout [Scalar]) {
    requireEqualCounts(input.count, output.count, "PReLU")
    let width = slopes.count
    if width == 1 {
        // One shared slope: LeakyReLU's kernel with that slope.
        LeakyReLUFunction<Scalar>(negativeSlope: slopes[0]).values(of: input, into: &output)
        return
    }
    input.withUnsafeBufferPointer { x in
        slopes.withUnsafeBufferPointer { a in
            output.withUnsafeMutableBufferPointer { y in
                guard width > 0 else { return }
                for row in stride(from: 0, to: x.count, by: width) {
                    for j in 0..<width { y[row + j] = x[row + j] > 0 ? x[row + j] : a[j] * x[row + j] }
                }
            }
        }
    }
}

/// PReLU backward: ∂L/∂xᵢ = gᵢ if xᵢ > 0, else a·gᵢ; ∂L/∂aⱼ += Σ xᵢ·gᵢ over the elements of
/// slope j that are not positive (NaN included, as PyTorch), summed in order.
@inline(__always)
func parametricReLUBackward<Scalar: TensorScalar>(
    _ gradOutput: [Scalar], input: [Scalar], slopes: [Scalar], slopeGradient: inout [Scalar], into gradInput: inout [Scalar]
) {
    requireEqualCounts(gradOutput.count, input.count, "PReLU backward")
    requireEqualCounts(gradOutput.count, gradInput.count, "PReLU backward")
    let width = slopes.count
    if width == 1 {
        // One shared slope: LeakyReLU's input gradient, and the slope's gradient as one
        // vectorized sum.
        LeakyReLUFunction<Scalar>(negativeSlope: slopes[0]).inputGradient(
            from: gradOutput, input: input, output: input, into: &gradInput)
        let sum = gradOutput.withUnsafeBufferPointer { g in
            input.withUnsafeBufferPointer { x in
                sumOfTerms(count: x.count) { x[$0] > 0 ? 0 : g[$0] * x[$0] }
            }
        }
        slopeGradient[0] += sum
        return
    }
    gradOutput.withUnsafeBufferPointer { g in
        input.withUnsafeBufferPointer { x in
            slopes.withUnsafeBufferPointer { a in
                slopeGradient.withUnsafeMutableBufferPointer { da in
                    gradInput.withUnsafeMutableBufferPointer { dx in
                        guard width > 0 else { return }
                        for row in stride(from: 0, to: x.count, by: width) {
                            for j in 0..<width {
                                let negative = !(x[row + j] > 0)
                                dx[row + j] = negative ? a[j] * g[row + j] : g[row + j]
                                if negative { da[j] += g[row + j] * x[row + j] }
                            }
                        }
                    }
                }
            }
        }
    }
}
