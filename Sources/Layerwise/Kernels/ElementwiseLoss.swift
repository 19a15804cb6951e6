import _LayerwiseKernels

/// Evaluates a loss that compares `prediction` and `target` element by element, and reduces it.
///
/// With n elements, per-element losses ℓₖ = ℓ(xₖ, yₖ) and derivatives ℓ′ₖ = ∂ℓ/∂xₖ:
///
///   mean: loss = Σₖ ℓₖ / n,   ∂loss/∂xₖ = ℓ′ₖ / n
///   sum:  loss = Σₖ ℓₖ,       ∂loss/∂xₖ = ℓ′ₖ
///
/// The sum over elements is accumulated in `Double`, divided, and rounded to `Scalar` once.
/// An empty prediction gives a mean of 0/0 = NaN, as in PyTorch.
///
/// For `Float`, the C kernel `floatKernel` computes the same formulas vectorized (Sources/
/// _LayerwiseKernels/LossLoops.h); for `Double`, `element` runs in a loop, specialized when the
/// loss calls this from its specialized evaluation. The gradient goes into `gradient`, whose
/// storage is reused when it is not shared.
///
/// - Parameters:
///   - prediction: The prediction x.
///   - target: The target y.
///   - reduction: How the per-element losses are combined.
///   - loss: The loss, named in the message when the shapes differ.
///   - element: Returns ℓ(xₖ, yₖ) and ∂ℓ/∂xₖ for the element at row-major position k.
///   - gradient: Receives ∂loss/∂prediction.
///   - floatKernel: The C kernel with the same formulas; `delta` (Huber) and `positiveWeights`
///     (binary cross-entropy, one per class of the last axis) are its hyperparameters.
/// - Returns: The reduced loss.
/// - Precondition: `prediction` and `target` have the same shape.
@inline(__always)
func reduceElementwiseLoss<Scalar: TensorScalar>(
    _ prediction: Tensor<Scalar>, _ target: Tensor<Scalar>, reduction: Reduction,
    in loss: some CustomStringConvertible, gradient: inout Tensor<Scalar>,
    floatKernel: LWKLoss, delta: Scalar = 0, positiveWeights: [Scalar]? = nil,
    element: (_ position: Int, _ x: Scalar, _ y: Scalar) -> (value: Scalar, derivative: Scalar)
) -> Scalar {
    checkPrecondition(
        prediction.shape == target.shape,
        "\(loss): prediction shape \(prediction.shape) does not match target shape \(target.shape)")
    let divisor: Scalar = reduction == .mean ? Scalar(prediction.count) : 1
    gradient.reuseStorage(shapedLike: prediction)
    var total = 0.0
    switch Scalar.concrete {
    case .float:
        let x = prediction.scalars.viewed(as: Float.self), y = target.scalars.viewed(as: Float.self)
        let weights = positiveWeights?.viewed(as: Float.self)
        total = gradient.scalars.withViewed(as: Float.self) { g in
            withOptionalPointers(weights, nil) { weights, _ in
                var parameters = LWKLossParameters(
                    delta: Float(delta), positiveWeights: weights, classCount: positiveWeights?.count ?? 0)
                return x.withUnsafeBufferPointer { x in
                    y.withUnsafeBufferPointer { y in
                        g.withUnsafeMutableBufferPointer { g in
                            lwk_elementwise_loss(
                                KernelLevel.current, floatKernel, &parameters, x.count, x.baseAddress, y.baseAddress,
                                1 / Float(divisor.viewed(as: Float.self)), g.baseAddress)
                        }
                    }
                }
            }
        }
    case .double:
        let x = prediction.scalars, y = target.scalars
        gradient.scalars.withUnsafeMutableBufferPointer { g in
            for position in 0..<g.count {
                let (value, derivative) = element(position, x[position], y[position])
                total += Double(value)
                g[position] = derivative / divisor
            }
        }
    }
    return Scalar(total / Double(divisor))
}
