/// The squared error between a prediction and a target, averaged or summed (PyTorch's
/// `MSELoss`).
///
/// With prediction x and target y of the same shape, n elements:
///
///   ℓₖ = (xₖ − yₖ)²
///   mean: loss = Σₖ ℓₖ / n,   ∂loss/∂xₖ = 2·(xₖ − yₖ) / n
///   sum:  loss = Σₖ ℓₖ,       ∂loss/∂xₖ = 2·(xₖ − yₖ)
///
/// PyTorch defaults: `reduction="mean"`.
public struct MeanSquaredError<Scalar: TensorScalar>: Loss, Sendable {
    /// The target: values with the shape of the prediction.
    public typealias Target = Tensor<Scalar>

    /// How the per-element losses are combined.
    public let reduction: Reduction

    /// Creates the loss.
    ///
    /// - Parameter reduction: `.mean` (PyTorch's default) or `.sum`.
    public init(reduction: Reduction = .mean) {
        self.reduction = reduction
    }

    /// A short description naming the loss and its reduction.
    public var description: String { "MeanSquaredError(reduction: \(reduction))" }

    /// The squared error of `prediction` against `target`, and ∂loss/∂prediction.
    ///
    /// - Returns: The reduced loss and a gradient with the shape of `prediction`.
    /// - Precondition: `prediction` and `target` have the same shape.
    public func callAsFunction(_ prediction: Tensor<Scalar>, target: Tensor<Scalar>)
        -> (value: Scalar, gradient: Tensor<Scalar>)
    {
        reduceElementwiseLoss(prediction, target, reduction: reduction, in: self) { _, x, y in
            let difference = x - y
            return (difference * difference, 2 * difference)
        }
    }
}

/// PyTorch's name for ``MeanSquaredError``.
public typealias MSE<Scalar: TensorScalar> = MeanSquaredError<Scalar>
