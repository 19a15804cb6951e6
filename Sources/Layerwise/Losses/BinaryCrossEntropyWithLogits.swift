import _LayerwiseKernels

/// Binary cross-entropy of independent sigmoid probabilities, fused with the sigmoid: the loss
/// takes raw logits (PyTorch's `BCEWithLogitsLoss`).
///
/// With logits x, targets y ∈ [0, 1] of the same shape, n elements, σ(x) = 1/(1 + e⁻ˣ),
/// softplus(x) = log(1 + eˣ), and a positive-class weight pₖ (the `positiveWeight` of the
/// element's class, the last axis; 1 without weights):
///
///   ℓₖ     = −[pₖ·yₖ·log σ(xₖ) + (1 − yₖ)·log(1 − σ(xₖ))]
///          = pₖ·yₖ·softplus(−xₖ) + (1 − yₖ)·softplus(xₖ)
///   ∂ℓ/∂xₖ = −pₖ·yₖ·σ(−xₖ) + (1 − yₖ)·σ(xₖ)      (= σ(xₖ) − yₖ when pₖ = 1)
///   mean: loss = Σₖ ℓₖ / n,   ∂loss/∂xₖ = ∂ℓ/∂xₖ / n
///   sum:  loss = Σₖ ℓₖ,       ∂loss/∂xₖ = ∂ℓ/∂xₖ
///
/// Numerical stability: log σ(x) = −softplus(−x) and log(1 − σ(x)) = −softplus(x), and
/// softplus(x) = max(x, 0) + log1p(e^(−|x|)) never exponentiates a positive number, so the loss
/// is finite and exact for logits of any size (softplus(±10⁴) is 10⁴ or 0 exactly). The
/// gradient uses σ(−x) instead of 1 − σ(x), so a tiny gradient is not lost to cancellation.
///
/// PyTorch defaults: `reduction="mean"`, `pos_weight=None`. PyTorch's per-element `weight`
/// argument is not provided.
public struct BinaryCrossEntropyWithLogits<Scalar: TensorScalar>: Loss, Sendable {
    /// The target: a value in [0, 1] (usually 0 or 1) for every logit, with its shape.
    public typealias Target = Tensor<Scalar>

    /// How the per-element losses are combined.
    public let reduction: Reduction
    /// The weight p of positive examples for each class, `[classes]`, broadcast over the last
    /// axis of the logits (PyTorch's `pos_weight`); `nil` weighs every class 1.
    public let positiveWeight: Tensor<Scalar>?

    /// Creates the loss.
    ///
    /// - Parameters:
    ///   - reduction: `.mean` (PyTorch's default) or `.sum`.
    ///   - positiveWeight: The weight of positive examples, one per class (the last axis of the
    ///     logits); p > 1 raises recall, p < 1 raises precision. `nil` (PyTorch's default)
    ///     weighs every class 1.
    /// - Precondition: `positiveWeight`, when given, is one-dimensional.
    public init(reduction: Reduction = .mean, positiveWeight: Tensor<Scalar>? = nil) {
        if let positiveWeight {
            checkPrecondition(
                positiveWeight.rank == 1,
                "BinaryCrossEntropyWithLogits: positiveWeight must be [classes], got shape \(positiveWeight.shape)")
        }
        self.reduction = reduction
        self.positiveWeight = positiveWeight
    }

    /// A short description naming the loss and its options.
    public var description: String {
        let weights = positiveWeight.map { ", positiveWeight: \($0.shape)" } ?? ""
        return "BinaryCrossEntropyWithLogits(reduction: \(reduction)\(weights))"
    }

    /// The binary cross-entropy of `logits` against `target`, and ∂loss/∂logits.
    ///
    /// - Returns: The reduced loss and a gradient with the shape of `logits`.
    /// - Precondition: `logits` and `target` have the same shape; with `positiveWeight`, the
    ///   last axis of `logits` has one extent per weight.
    public func callAsFunction(_ logits: Tensor<Scalar>, target: Tensor<Scalar>)
        -> (value: Scalar, gradient: Tensor<Scalar>)
    {
        valueAndGradient(logits, target: target)
    }

    /// The loss and its gradient, written into `gradient` (its storage reused): specialized
    /// for `Float` (a vectorized kernel) and `Double`.
    public func callAsFunction(
        _ logits: Tensor<Scalar>, target: Tensor<Scalar>, gradientInto gradient: inout Tensor<Scalar>
    ) -> Scalar {
        specializedLoss(logits, target, &gradient, as: BinaryCrossEntropyWithLogits<Float>.self,
            BinaryCrossEntropyWithLogits<Double>.self,
            float: { $0.evaluate($1, $2, &$3) }, double: { $0.evaluate($1, $2, &$3) })
    }

    /// The reduced loss and its gradient.
    private func evaluate(_ logits: Tensor<Scalar>, _ target: Tensor<Scalar>, _ gradient: inout Tensor<Scalar>) -> Scalar {
        let weights = positiveWeight?.scalars
        if let weights {
            checkPrecondition(
                logits.shape.last == weights.count,
                "\(self): logits of shape \(logits.shape) do not end in the \(weights.count) classes of positiveWeight")
        }
        return reduceElementwiseLoss(
            logits, target, reduction: reduction, in: self, gradient: &gradient,
            floatKernel: LWKLossBinaryCrossEntropyWithLogits, positiveWeights: weights
        ) { position, x, y in
            let p = weights.map { $0[position % $0.count] } ?? 1
            let value = p * y * Self.softplus(-x) + (1 - y) * Self.softplus(x)
            let derivative = -p * y * Self.sigmoid(-x) + (1 - y) * Self.sigmoid(x)
            return (value, derivative)
        }
    }

    private static func softplus(_ x: Scalar) -> Scalar {
        max(x, 0) + Scalar.log1p(Scalar.exp(-abs(x)))
    }

    /// σ(x) = 1/(1 + e⁻ˣ), computed as eˣ/(1 + eˣ) for negative x so that no exponential
    /// overflows.
    private static func sigmoid(_ x: Scalar) -> Scalar {
        if x >= 0 {
            return 1 / (1 + Scalar.exp(-x))
        }
        let exponential = Scalar.exp(x)
        return exponential / (1 + exponential)
    }
}

/// PyTorch's name for ``BinaryCrossEntropyWithLogits``.
public typealias BCEWithLogits<Scalar: TensorScalar> = BinaryCrossEntropyWithLogits<Scalar>
