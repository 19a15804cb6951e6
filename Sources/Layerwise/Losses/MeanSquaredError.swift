import _LayerwiseKernels

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
        valueAndGradient(prediction, target: target)
    }

    /// The loss and its gradient, written into `gradient` (its storage reused): specialized
    /// for `Float` (a vectorized kernel) and `Double`.
    public func callAsFunction(
        _ prediction: Tensor<Scalar>, target: Tensor<Scalar>, gradientInto gradient: inout Tensor<Scalar>
    ) -> Scalar {
        specializedLoss(prediction, target, &gradient, as: MeanSquaredError<Float>.self, MeanSquaredError<Double>.self,
            float: { $0.evaluate($1, $2, &$3) }, double: { $0.evaluate($1, $2, &$3) })
    }

    /// Σ ℓ(xₖ, yₖ) reduced, and its gradient.
    private func evaluate(_ prediction: Tensor<Scalar>, _ target: Tensor<Scalar>, _ gradient: inout Tensor<Scalar>) -> Scalar {
        reduceElementwiseLoss(
            prediction, target, reduction: reduction, in: self, gradient: &gradient, floatKernel: LWKLossSquaredError
        ) { _, x, y in
            let difference = x - y
            return (difference * difference, 2 * difference)
        }
    }
}

/// PyTorch's name for ``MeanSquaredError``.
public typealias MSE<Scalar: TensorScalar> = MeanSquaredError<Scalar>
