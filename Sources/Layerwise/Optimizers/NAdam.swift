import _LayerwiseKernels

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
        specializedUpdate(&value, gradient, &state, as: NAdam<Float>.self, NAdam<Double>.self,
            float: { $0.apply(&$1, gradient: $2, state: &$3, step: step, learningRate: learningRate, weightDecay: weightDecay) },
            double: { $0.apply(&$1, gradient: $2, state: &$3, step: step, learningRate: learningRate, weightDecay: weightDecay) })
    }

    /// The update of one buffer, specialized for `Float` and `Double` by `update`.
    private func apply(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        if decoupledWeightDecay && weightDecay != 0 {
            Scalar._scale(&value, by: Scalar(1 - learningRate * weightDecay))
        }
        let l2Penalty = decoupledWeightDecay ? 0 : weightDecay
        let (beta1, beta2) = betas
        let t = Double(step)
        let mu = beta1 * (1 - 0.5 * power(0.96, t * momentumDecay))
        let muNext = beta1 * (1 - 0.5 * power(0.96, (t + 1) * momentumDecay))
        state.muProduct *= mu
        let muProduct = state.muProduct
        let rule = ElementStep(
            gradientStep: Scalar(-learningRate * (1 - mu) / (1 - muProduct)),
            momentumStep: Scalar(-learningRate * muNext / (1 - muProduct * muNext)),
            biasCorrection2: Scalar(1 - power(beta2, t)), weightDecay: Scalar(l2Penalty),
            beta1: Scalar(beta1), oneMinusBeta1: Scalar(1 - beta1), beta2: Scalar(beta2),
            oneMinusBeta2: Scalar(1 - beta2), epsilon: Scalar(epsilon), penalized: l2Penalty != 0)
        let kernel = OptimizerKernel(
            LWKOptimizerNAdam, weightDecay: rule.weightDecay, flags: l2Penalty != 0 ? Int32(LWKOptimizerDecays) : 0,
            rule.gradientStep, rule.momentumStep, rule.biasCorrection2, rule.beta1, rule.oneMinusBeta1, rule.beta2, rule.oneMinusBeta2, rule.epsilon)
        state.exponentialAverage.withMutableBaseAddress { m in
            state.exponentialAverageOfSquares.withMutableBaseAddress { v in
                ParameterUpdate.forEach(&value, gradient, first: m, second: v, rule: rule, floatKernel: kernel)
            }
        }
    }

    /// One element: g ← ∇ + λθ; m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²;
    /// d = √(v/(1 − β₂ᵗ)) + ε; θ ← θ + a·g/d + b·m/d with the step's gradient and momentum steps.
    private struct ElementStep: ElementUpdate {
        let gradientStep, momentumStep, biasCorrection2, weightDecay: Scalar
        let beta1, oneMinusBeta1, beta2, oneMinusBeta2, epsilon: Scalar
        let penalized: Bool

        func callAsFunction(_ theta: inout Scalar, _ gradient: Scalar, _ m: inout Scalar, _ v: inout Scalar, _: inout Scalar) {
            var g = gradient
            if penalized { g += weightDecay * theta }
            m = beta1 * m + oneMinusBeta1 * g
            v = beta2 * v + oneMinusBeta2 * g * g
            let denominator = (v / biasCorrection2).squareRoot() + epsilon
            theta += gradientStep * (g / denominator)
            theta += momentumStep * (m / denominator)
        }
    }
}
