/// NAdam: Adam with Nesterov momentum and a momentum schedule; PyTorch's `torch.optim.NAdam`
/// (Dozat, 2016).
///
/// With parameters θ, gradient g, learning rate γ, decays β₁ and β₂, weight decay λ, momentum
/// decay ψ and ε, step t (from 1) is
///
///     g ← g + λ·θ                (if λ ≠ 0; with decoupled decay instead θ ← θ·(1 − γ·λ))
///     μₜ = β₁·(1 − ½·0.96^(t·ψ)),   μₜ₊₁ = β₁·(1 − ½·0.96^((t+1)·ψ))
///     Π ← Π·μₜ                    (Π = μ₁·μ₂·…·μₜ, PyTorch's `mu_product`)
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     d = √(v/(1 − β₂ᵗ)) + ε
///     θ ← θ − γ·(1 − μₜ)/(1 − Π) · g/d − γ·μₜ₊₁/(1 − Π·μₜ₊₁) · m/d
///
/// with m and v starting at 0 and Π at 1. Π is kept per parameter (in `Double`), as PyTorch
/// keeps it, so a restored checkpoint continues the schedule exactly.
///
/// Defaults (PyTorch's): γ = 2e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0, ψ = 4e-3, coupled decay.
/// State: `mu_product` (Π), `exp_avg` (m), `exp_avg_sq` (v).
public struct NAdam<Scalar: TensorScalar>: Optimizer, Sendable {
    /// The learning rate γ.
    public var learningRate: Double
    /// The decays (β₁, β₂) of the running averages of g and g².
    public var betas: (Double, Double)
    /// The term ε added to the denominator.
    public var epsilon: Double
    /// The weight decay λ: an L2 penalty, or decoupled if `decoupledWeightDecay`.
    public var weightDecay: Double
    /// The momentum decay ψ of the momentum schedule μₜ.
    public var momentumDecay: Double
    /// Whether weight decay shrinks θ directly (as AdamW does) instead of adding λ·θ to g.
    public var decoupledWeightDecay: Bool
    /// The per-parameter state and options.
    public var parameterStates = ParameterStates<State>()

    /// Creates the optimizer; every default is PyTorch's.
    ///
    /// - Precondition: γ ≥ 0, ε ≥ 0, λ ≥ 0, ψ ≥ 0, 0 ≤ β₁, β₂ < 1.
    public init(
        learningRate: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8,
        weightDecay: Double = 0, momentumDecay: Double = 4e-3, decoupledWeightDecay: Bool = false
    ) {
        validateAdamHyperparameters(
            "NAdam", learningRate: learningRate, betas: betas, epsilon: epsilon, weightDecay: weightDecay)
        checkPrecondition(momentumDecay >= 0, "NAdam: invalid momentum decay \(momentumDecay)")
        self.learningRate = learningRate
        self.betas = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentumDecay = momentumDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// NAdam's per-parameter state.
    public struct State: OptimizerState {
        /// The product Π of the momentum schedule so far.
        public var muProduct: Double
        /// The running average of gradients m.
        public var exponentialAverage: [Scalar]
        /// The running average of squared gradients v.
        public var exponentialAverageOfSquares: [Scalar]

        /// Creates a state.
        public init(muProduct: Double, exponentialAverage: [Scalar], exponentialAverageOfSquares: [Scalar]) {
            self.muProduct = muProduct
            self.exponentialAverage = exponentialAverage
            self.exponentialAverageOfSquares = exponentialAverageOfSquares
        }

        /// `exp_avg`, `exp_avg_sq`.
        public static var buffers: [(name: String, keyPath: WritableKeyPath<State, [Scalar]>)] {
            [("exp_avg", \.exponentialAverage), ("exp_avg_sq", \.exponentialAverageOfSquares)]
        }

        /// `mu_product`.
        public static var scalars: [(name: String, keyPath: WritableKeyPath<State, Double>)] {
            [("mu_product", \.muProduct)]
        }
    }

    /// Π = 1, m = 0, v = 0.
    public func makeState(for value: Tensor<Scalar>) -> State {
        let zeros = Array(repeating: Scalar(0), count: value.count)
        return State(muProduct: 1, exponentialAverage: zeros, exponentialAverageOfSquares: zeros)
    }

    /// θ ← θ − γ·(1 − μₜ)/(1 − Π)·g/d − γ·μₜ₊₁/(1 − Π·μₜ₊₁)·m/d.
    public func update(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        if decoupledWeightDecay && weightDecay != 0 {
            let shrink = Scalar(1 - learningRate * weightDecay)
            for i in value.indices { value[i] *= shrink }
        }
        let l2Penalty = decoupledWeightDecay ? 0 : weightDecay
        let (beta1, beta2) = betas
        let t = Double(step)
        let biasCorrection2 = Scalar(1 - power(beta2, t))
        let mu = beta1 * (1 - 0.5 * power(0.96, t * momentumDecay))
        let muNext = beta1 * (1 - 0.5 * power(0.96, (t + 1) * momentumDecay))
        state.muProduct *= mu
        let muProduct = state.muProduct
        let gradientStep = Scalar(-learningRate * (1 - mu) / (1 - muProduct))
        let momentumStep = Scalar(-learningRate * muNext / (1 - muProduct * muNext))
        let lambda = Scalar(l2Penalty)
        let b1 = Scalar(beta1)
        let oneMinusB1 = Scalar(1 - beta1)
        let b2 = Scalar(beta2)
        let oneMinusB2 = Scalar(1 - beta2)
        let eps = Scalar(epsilon)
        for i in value.indices {
            var g = gradient[i]
            if l2Penalty != 0 { g += lambda * value[i] }
            let m = b1 * state.exponentialAverage[i] + oneMinusB1 * g
            let v = b2 * state.exponentialAverageOfSquares[i] + oneMinusB2 * g * g
            state.exponentialAverage[i] = m
            state.exponentialAverageOfSquares[i] = v
            let denominator = (v / biasCorrection2).squareRoot() + eps
            value[i] += gradientStep * (g / denominator)
            value[i] += momentumStep * (m / denominator)
        }
    }
}
