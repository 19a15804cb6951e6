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
    input.withUnsafeBufferPointer { x in
        slopes.withUnsafeBufferPointer { a in
            output.withUnsafeMutableBufferPointer { y in
                guard width > 0 else { return }
                if width == 1 {
                    let slope = a[0]
                    for i in x.indices { y[i] = x[i] > 0 ? x[i] : slope * x[i] }
                } else {
                    for row in stride(from: 0, to: x.count, by: width) {
                        for j in 0..<width { y[row + j] = x[row + j] > 0 ? x[row + j] : a[j] * x[row + j] }
                    }
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
    gradOutput.withUnsafeBufferPointer { g in
        input.withUnsafeBufferPointer { x in
            slopes.withUnsafeBufferPointer { a in
                slopeGradient.withUnsafeMutableBufferPointer { da in
                    gradInput.withUnsafeMutableBufferPointer { dx in
                        guard width > 0 else { return }
                        if width == 1 {
                            let slope = a[0]
                            var sum: Scalar = 0
                            for i in x.indices {
                                let negative = !(x[i] > 0)
                                dx[i] = negative ? slope * g[i] : g[i]
                                if negative { sum += g[i] * x[i] }
                            }
                            da[0] += sum
                        } else {
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
}
