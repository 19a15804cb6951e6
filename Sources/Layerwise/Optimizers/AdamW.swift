/// AdamW: Adam with decoupled weight decay; PyTorch's `torch.optim.AdamW` (Loshchilov & Hutter,
/// 2019).
///
/// With parameters θ, gradient g, learning rate γ, decays β₁ and β₂, weight decay λ and ε,
/// step t (from 1) is
///
///     θ ← θ·(1 − γ·λ)                              (decay applied to θ, not added to g)
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     v̂ ← max(v̂, v)                                (AMSGrad; v̂ replaces v below)
///     θ ← θ − γ/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// with m, v and v̂ starting at 0. The decay uses the parameter's own learning rate (its
/// multiplier included), as PyTorch's does with a parameter group's `lr`.
///
/// Defaults (PyTorch's): γ = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 1e-2, AMSGrad off.
/// State: as Adam's, `exp_avg` (m), `exp_avg_sq` (v), `max_exp_avg_sq` (v̂, with AMSGrad).
public struct AdamW<Scalar: TensorScalar>: Optimizer, Sendable {
    /// The per-parameter state, the same as Adam's.
    public typealias State = Adam<Scalar>.State

    /// The learning rate γ.
    public var learningRate: Double
    /// The decays (β₁, β₂) of the running averages of g and g².
    public var betas: (Double, Double)
    /// The term ε added to the denominator.
    public var epsilon: Double
    /// The decoupled weight decay λ: θ shrinks by the factor 1 − γ·λ each step.
    public var weightDecay: Double
    /// Whether to use the running maximum of v (AMSGrad).
    public var amsgrad: Bool
    /// The per-parameter state and options.
    public var parameterStates = ParameterStates<State>()

    /// Creates the optimizer; every default is PyTorch's.
    ///
    /// - Precondition: γ ≥ 0, ε ≥ 0, λ ≥ 0, 0 ≤ β₁, β₂ < 1.
    public init(
        learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8,
        weightDecay: Double = 1e-2, amsgrad: Bool = false
    ) {
        validateAdamHyperparameters(
            "AdamW", learningRate: learningRate, betas: betas, epsilon: epsilon, weightDecay: weightDecay)
        self.learningRate = learningRate
        self.betas = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
    }

    /// m = 0, v = 0, and v̂ = 0 with AMSGrad.
    public func makeState(for value: Tensor<Scalar>) -> State {
        Adam<Scalar>.makeAdamState(count: value.count, amsgrad: amsgrad)
    }

    /// θ ← θ·(1 − γ·λ), then Adam's update without an L2 term.
    public func update(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        if weightDecay != 0 {
            Scalar._scale(&value, by: Scalar(1 - learningRate * weightDecay))
        }
        Adam<Scalar>.adamStep(
            &value, gradient: gradient, state: &state, step: step, learningRate: learningRate,
            betas: betas, epsilon: epsilon, l2Penalty: 0, amsgrad: amsgrad)
    }
}
