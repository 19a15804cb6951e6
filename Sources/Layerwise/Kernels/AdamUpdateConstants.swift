/// The step-level constants of one Adam update, rounded to the parameters' scalar type.
/// An implementation detail of `_ElementwiseKernels._adamUpdate`.
public struct _AdamUpdateConstants<Scalar>: Sendable where Scalar: Sendable {
    /// γ/(1 − β₁ᵗ).
    var stepSize: Scalar
    /// √(1 − β₂ᵗ).
    var biasCorrection2Root: Scalar
    /// β₁ and 1 − β₁.
    var beta1: Scalar, oneMinusBeta1: Scalar
    /// β₂ and 1 − β₂.
    var beta2: Scalar, oneMinusBeta2: Scalar
    /// ε.
    var epsilon: Scalar
    /// λ, the coupled L2 penalty (0 for none).
    var l2Penalty: Scalar
    /// Whether v̂ = max(v̂, v) replaces v in the denominator (AMSGrad).
    var amsgrad: Bool
}
