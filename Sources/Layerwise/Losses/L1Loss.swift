import _LayerwiseKernels

/// The absolute error between a prediction and a target, averaged or summed (PyTorch's
/// `L1Loss`).
///
/// With prediction x and target y of the same shape, n elements:
///
///   ℓₖ = |xₖ − yₖ|
///   mean: loss = Σₖ ℓₖ / n,   ∂loss/∂xₖ = sign(xₖ − yₖ) / n
///   sum:  loss = Σₖ ℓₖ,       ∂loss/∂xₖ = sign(xₖ − yₖ)
///
/// sign(0) = 0, as in PyTorch: where the prediction equals the target the gradient is 0.
///
/// PyTorch defaults: `reduction="mean"`.
public struct L1Loss<Scalar: TensorScalar>: Loss, Sendable {
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
    public var description: String { "L1Loss(reduction: \(reduction))" }

    /// The absolute error of `prediction` against `target`, and ∂loss/∂prediction.
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
        specializedLoss(prediction, target, &gradient, as: L1Loss<Float>.self, L1Loss<Double>.self,
            float: { $0.evaluate($1, $2, &$3) }, double: { $0.evaluate($1, $2, &$3) })
    }

    /// Σ ℓ(xₖ, yₖ) reduced, and its gradient.
    private func evaluate(_ prediction: Tensor<Scalar>, _ target: Tensor<Scalar>, _ gradient: inout Tensor<Scalar>) -> Scalar {
        reduceElementwiseLoss(
            prediction, target, reduction: reduction, in: self, gradient: &gradient, floatKernel: LWKLossAbsoluteError
        ) { _, x, y in
            let difference = x - y
            let sign: Scalar = difference > 0 ? 1 : (difference < 0 ? -1 : 0)
            return (abs(difference), sign)
        }
    }
}
