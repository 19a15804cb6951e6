import _LayerwiseKernels

/// RAdam: Adam with the variance of its adaptive learning rate rectified; PyTorch's
/// `torch.optim.RAdam` (Liu et al., 2020).
///
/// With parameters θ, gradient g, learning rate γ, decays β₁ and β₂, weight decay λ and ε,
/// step t (from 1) is
///
///     g ← g + λ·θ                (if λ ≠ 0; with decoupled decay instead θ ← θ·(1 − γ·λ))
///     m ← β₁·m + (1 − β₁)·g,     m̂ = m/(1 − β₁ᵗ)
///     v ← β₂·v + (1 − β₂)·g²
///     ρ∞ = 2/(1 − β₂) − 1,       ρₜ = ρ∞ − 2t·β₂ᵗ/(1 − β₂ᵗ)
///     if ρₜ > 5:
///         r = √((ρₜ − 4)(ρₜ − 2)·ρ∞ / ((ρ∞ − 4)(ρ∞ − 2)·ρₜ))
///         θ ← θ − γ·m̂ · √(1 − β₂ᵗ)/(√v + ε) · r
///     else:
///         θ ← θ − γ·m̂                (momentum SGD while the variance is intractable)
///
/// with m and v starting at 0. ρₜ is slightly below t for β₂ near 1 (ρ₅ ≈ 4.996, ρ₆ ≈ 5.994 with
/// β₂ = 0.999), so the first five steps take the second branch; the constants are computed in `Double`, as PyTorch computes them, so the switch
/// happens at the same step in Float and Double.
///
/// Defaults (PyTorch's): γ = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0, coupled decay.
/// State: `exp_avg` (m), `exp_avg_sq` (v).
public struct RAdam<Scalar: TensorScalar>: Optimizer, Sendable {
    /// The learning rate γ.
    public var learningRate: Double
    /// The decays (β₁, β₂) of the running averages of g and g².
    public var betas: (Double, Double)
    /// The term ε added to the denominator.
    public var epsilon: Double
    /// The weight decay λ: an L2 penalty, or decoupled if `decoupledWeightDecay`.
    public var weightDecay: Double
    /// Whether weight decay shrinks θ directly (as AdamW does) instead of adding λ·θ to g.
    public var decoupledWeightDecay: Bool
    /// The per-parameter state and options.
    public var parameterStates = ParameterStates<State>()

    /// Creates the optimizer; every default is PyTorch's.
    ///
    /// - Precondition: γ ≥ 0, ε ≥ 0, λ ≥ 0, 0 ≤ β₁, β₂ < 1.
    public init(
        learningRate: Double = 1e-3, betas: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8,
        weightDecay: Double = 0, decoupledWeightDecay: Bool = false
    ) {
        validateAdamHyperparameters(
            "RAdam", learningRate: learningRate, betas: betas, epsilon: epsilon, weightDecay: weightDecay)
        self.learningRate = learningRate
        self.betas = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.decoupledWeightDecay = decoupledWeightDecay
    }

    /// RAdam's per-parameter state.
    public struct State: OptimizerState {
        /// The running average of gradients m.
        public var exponentialAverage: [Scalar]
        /// The running average of squared gradients v.
        public var exponentialAverageOfSquares: [Scalar]

        /// Creates a state.
        public init(exponentialAverage: [Scalar], exponentialAverageOfSquares: [Scalar]) {
            self.exponentialAverage = exponentialAverage
            self.exponentialAverageOfSquares = exponentialAverageOfSquares
        }

        /// `exp_avg`, `exp_avg_sq`.
        public static var buffers: [(name: String, keyPath: WritableKeyPath<State, [Scalar]>)] {
            [("exp_avg", \.exponentialAverage), ("exp_avg_sq", \.exponentialAverageOfSquares)]
        }
    }

    /// m = 0, v = 0.
    public func makeState(for value: Tensor<Scalar>) -> State {
        let zeros = Array(repeating: Scalar(0), count: value.count)
        return State(exponentialAverage: zeros, exponentialAverageOfSquares: zeros)
    }

    /// θ ← θ − γ·m̂·√(1 − β₂ᵗ)/(√v + ε)·r when ρₜ > 5, else θ ← θ − γ·m̂.
    public func update(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        specializedUpdate(&value, gradient, &state, as: RAdam<Float>.self, RAdam<Double>.self,
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
        let biasCorrection1 = 1 - power(beta1, t)
        let biasCorrection2 = 1 - power(beta2, t)
        let rhoInfinity = 2 / (1 - beta2) - 1
        let rho = rhoInfinity - 2 * t * power(beta2, t) / biasCorrection2
        let isRectified = rho > 5
        let rectification =
            isRectified
            ? Scalar(((rho - 4) * (rho - 2) * rhoInfinity / ((rhoInfinity - 4) * (rhoInfinity - 2) * rho)).squareRoot())
            : 1
        let rule = ElementStep(
            learningRate: Scalar(learningRate), biasCorrection1: Scalar(biasCorrection1),
            biasCorrection2Root: Scalar(biasCorrection2.squareRoot()), rectification: rectification,
            weightDecay: Scalar(l2Penalty), beta1: Scalar(beta1), oneMinusBeta1: Scalar(1 - beta1),
            beta2: Scalar(beta2), oneMinusBeta2: Scalar(1 - beta2), epsilon: Scalar(epsilon),
            penalized: l2Penalty != 0, isRectified: isRectified)
        var flags = l2Penalty != 0 ? Int32(LWKOptimizerDecays) : 0
        if isRectified { flags |= Int32(LWKOptimizerRectified) }
        let kernel = OptimizerKernel(
            LWKOptimizerRAdam, weightDecay: rule.weightDecay, flags: flags,
            rule.learningRate, rule.biasCorrection1, rule.biasCorrection2Root, rule.rectification, rule.beta1, rule.oneMinusBeta1, rule.beta2, rule.oneMinusBeta2, rule.epsilon)
        state.exponentialAverage.withMutableBaseAddress { m in
            state.exponentialAverageOfSquares.withMutableBaseAddress { v in
                ParameterUpdate.forEach(&value, gradient, first: m, second: v, rule: rule, floatKernel: kernel)
            }
        }
    }

    /// One element: g ← ∇ + λθ; m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²; m̂ = m/(1 − β₁ᵗ);
    /// rectified: θ ← θ − m̂·γ·(√(1 − β₂ᵗ)/(√v + ε))·r, else θ ← θ − m̂·γ.
    private struct ElementStep: ElementUpdate {
        let learningRate, biasCorrection1, biasCorrection2Root, rectification, weightDecay: Scalar
        let beta1, oneMinusBeta1, beta2, oneMinusBeta2, epsilon: Scalar
        let penalized, isRectified: Bool

        func callAsFunction(_ theta: inout Scalar, _ gradient: Scalar, _ m: inout Scalar, _ v: inout Scalar, _: inout Scalar) {
            var g = gradient
            if penalized { g += weightDecay * theta }
            m = beta1 * m + oneMinusBeta1 * g
            v = beta2 * v + oneMinusBeta2 * g * g
            let correctedAverage = m / biasCorrection1
            if isRectified {
                let adaptiveRate = biasCorrection2Root / (v.squareRoot() + epsilon)
                theta -= correctedAverage * learningRate * adaptiveRate * rectification
            } else {
                theta -= correctedAverage * learningRate
            }
        }
    }
}
