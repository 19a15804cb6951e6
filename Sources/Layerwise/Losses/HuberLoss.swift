import _LayerwiseKernels

/// The Huber loss: quadratic for small errors, linear for large ones (PyTorch's `HuberLoss`).
///
/// With prediction x, target y of the same shape, n elements, dₖ = xₖ − yₖ and threshold δ > 0:
///
///   ℓₖ = ½·dₖ²                 if |dₖ| < δ
///        δ·(|dₖ| − ½·δ)        otherwise
///   ∂ℓ/∂xₖ = dₖ                if |dₖ| ≤ δ
///            δ·sign(dₖ)        otherwise
///   mean: loss = Σₖ ℓₖ / n,   ∂loss/∂xₖ = ∂ℓ/∂xₖ / n
///   sum:  loss = Σₖ ℓₖ,       ∂loss/∂xₖ = ∂ℓ/∂xₖ
///
/// Both pieces and their derivatives agree at |d| = δ, so the loss is continuously
/// differentiable. With δ = 1 it equals PyTorch's `SmoothL1Loss` with β = 1.
///
/// PyTorch defaults: `reduction="mean"`, `delta=1.0`.
public struct HuberLoss<Scalar: TensorScalar>: Loss, Sendable {
    /// The target: values with the shape of the prediction.
    public typealias Target = Tensor<Scalar>

    /// How the per-element losses are combined.
    public let reduction: Reduction
    /// The threshold δ where the loss turns from quadratic to linear.
    public let delta: Scalar

    /// Creates the loss.
    ///
    /// - Parameters:
    ///   - reduction: `.mean` (PyTorch's default) or `.sum`.
    ///   - delta: The threshold δ between the quadratic and the linear piece (PyTorch's
    ///     default 1).
    /// - Precondition: `delta` is positive and finite.
    public init(reduction: Reduction = .mean, delta: Scalar = 1) {
        checkPrecondition(
            delta > 0 && delta.isFinite, "HuberLoss: delta must be positive and finite, got \(delta)")
        self.reduction = reduction
        self.delta = delta
    }

    /// A short description naming the loss, its reduction and δ.
    public var description: String { "HuberLoss(reduction: \(reduction), delta: \(delta))" }

    /// The Huber loss of `prediction` against `target`, and ∂loss/∂prediction.
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
        specializedLoss(prediction, target, &gradient, as: HuberLoss<Float>.self, HuberLoss<Double>.self,
            float: { $0.evaluate($1, $2, &$3) }, double: { $0.evaluate($1, $2, &$3) })
    }

    /// Σ ℓ(xₖ, yₖ) reduced, and its gradient.
    private func evaluate(_ prediction: Tensor<Scalar>, _ target: Tensor<Scalar>, _ gradient: inout Tensor<Scalar>) -> Scalar {
        reduceElementwiseLoss(
            prediction, target, reduction: reduction, in: self, gradient: &gradient, floatKernel: LWKLossHuber, delta: delta
        ) { _, x, y in
            let difference = x - y
            let size = abs(difference)
            let value = size < delta ? difference * difference / 2 : delta * (size - delta / 2)
            let derivative = difference > delta ? delta : (difference < -delta ? -delta : difference)
            return (value, derivative)
        }
    }
}
