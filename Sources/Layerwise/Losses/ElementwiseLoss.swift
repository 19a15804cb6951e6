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
/// - Parameters:
///   - prediction: The prediction x.
///   - target: The target y.
///   - reduction: How the per-element losses are combined.
///   - loss: The loss, named in the message when the shapes differ.
///   - element: Returns ℓ(xₖ, yₖ) and ∂ℓ/∂xₖ for the element at row-major position k.
/// - Returns: The reduced loss and ∂loss/∂prediction.
/// - Precondition: `prediction` and `target` have the same shape.
func reduceElementwiseLoss<Scalar: TensorScalar>(
    _ prediction: Tensor<Scalar>, _ target: Tensor<Scalar>, reduction: Reduction,
    in loss: some CustomStringConvertible,
    element: (_ position: Int, _ x: Scalar, _ y: Scalar) -> (value: Scalar, derivative: Scalar)
) -> (value: Scalar, gradient: Tensor<Scalar>) {
    checkPrecondition(
        prediction.shape == target.shape,
        "\(loss): prediction shape \(prediction.shape) does not match target shape \(target.shape)")
    let divisor: Scalar = reduction == .mean ? Scalar(prediction.count) : 1
    var total = 0.0
    var gradient = Tensor<Scalar>(zeros: prediction.shape)
    for position in prediction.scalars.indices {
        let (value, derivative) = element(position, prediction.scalars[position], target.scalars[position])
        total += Double(value)
        gradient.scalars[position] = derivative / divisor
    }
    return (Scalar(total / Double(divisor)), gradient)
}
