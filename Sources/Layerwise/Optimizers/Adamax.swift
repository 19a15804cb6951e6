import _LayerwiseKernels

/// Adamax: Adam with the infinity norm in place of the root mean square; PyTorch's
/// `torch.optim.Adamax` (Kingma & Ba, 2015, section 7.1).
///
/// With parameters θ, gradient g, learning rate γ, decays β₁ and β₂, weight decay λ and ε,
/// step t (from 1) is
///
///     g ← g + λ·θ                          (if λ ≠ 0)
///     m ← β₁·m + (1 − β₁)·g
///     u ← max(β₂·u, |g| + ε)
///     θ ← θ − γ/(1 − β₁ᵗ) · m/u
///
/// with m and u starting at 0.
///
/// Defaults (PyTorch's): γ = 2e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0.
/// State: `exp_avg` (m), `exp_inf` (u).
public struct Adamax<Scalar: TensorScalar>: Optimizer, Sendable {
    /// The learning rate γ.
    public var learningRate: Double
    /// The decays (β₁, β₂) of the running average of g and of the running maximum of |g|.
    public var betas: (Double, Double)
    /// The term ε added to |g|.
    public var epsilon: Double
    /// The L2 penalty λ added to the gradient as λ·θ.
    public var weightDecay: Double
    /// The per-parameter state and options.
    public var parameterStates = ParameterStates<State>()

    /// Creates the optimizer; every default is PyTorch's.
    ///
    /// - Precondition: γ ≥ 0, ε ≥ 0, λ ≥ 0, 0 ≤ β₁, β₂ < 1.
    public init(
        learningRate: Double = 2e-3, betas: (Double, Double) = (0.9, 0.999), epsilon: Double = 1e-8,
        weightDecay: Double = 0
    ) {
        validateAdamHyperparameters(
            "Adamax", learningRate: learningRate, betas: betas, epsilon: epsilon, weightDecay: weightDecay)
        self.learningRate = learningRate
        self.betas = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// Adamax's per-parameter state.
    public struct State: OptimizerState {
        /// The running average of gradients m.
        public var exponentialAverage: [Scalar]
        /// The exponentially weighted infinity norm u.
        public var exponentialInfinityNorm: [Scalar]

        /// Creates a state.
        public init(exponentialAverage: [Scalar], exponentialInfinityNorm: [Scalar]) {
            self.exponentialAverage = exponentialAverage
            self.exponentialInfinityNorm = exponentialInfinityNorm
        }

        /// `exp_avg`, `exp_inf`.
        public static var buffers: [(name: String, keyPath: WritableKeyPath<State, [Scalar]>)] {
            [("exp_avg", \.exponentialAverage), ("exp_inf", \.exponentialInfinityNorm)]
        }
    }

    /// m = 0, u = 0.
    public func makeState(for value: Tensor<Scalar>) -> State {
        let zeros = Array(repeating: Scalar(0), count: value.count)
        return State(exponentialAverage: zeros, exponentialInfinityNorm: zeros)
    }

    /// m ← β₁·m + (1 − β₁)·g;  u ← max(β₂·u, |g| + ε);  θ ← θ − γ/(1 − β₁ᵗ)·m/u.
    public func update(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        specializedUpdate(&value, gradient, &state, as: Adamax<Float>.self, Adamax<Double>.self,
            float: { $0.apply(&$1, gradient: $2, state: &$3, step: step, learningRate: learningRate, weightDecay: weightDecay) },
            double: { $0.apply(&$1, gradient: $2, state: &$3, step: step, learningRate: learningRate, weightDecay: weightDecay) })
    }

    /// The update of one buffer, specialized for `Float` and `Double` by `update`.
    private func apply(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        let (beta1, beta2) = betas
        let rule = ElementStep(
            stepSize: Scalar(learningRate / (1 - power(beta1, Double(step)))), weightDecay: Scalar(weightDecay),
            beta1: Scalar(beta1), oneMinusBeta1: Scalar(1 - beta1), beta2: Scalar(beta2), epsilon: Scalar(epsilon),
            decays: weightDecay != 0)
        let kernel = OptimizerKernel(
            LWKOptimizerAdamax, weightDecay: rule.weightDecay, flags: weightDecay != 0 ? Int32(LWKOptimizerDecays) : 0,
            rule.stepSize, rule.beta1, rule.oneMinusBeta1, rule.beta2, rule.epsilon)
        state.exponentialAverage.withMutableBaseAddress { m in
            state.exponentialInfinityNorm.withMutableBaseAddress { u in
                ParameterUpdate.forEach(&value, gradient, first: m, second: u, rule: rule, floatKernel: kernel)
            }
        }
    }

    /// One element: g ← ∇ + λθ; m ← β₁·m + (1 − β₁)·g; u ← max(β₂·u, |g| + ε); θ ← θ − s·m/u.
    private struct ElementStep: ElementUpdate {
        let stepSize, weightDecay, beta1, oneMinusBeta1, beta2, epsilon: Scalar
        let decays: Bool

        func callAsFunction(_ theta: inout Scalar, _ gradient: Scalar, _ m: inout Scalar, _ u: inout Scalar, _: inout Scalar) {
            var g = gradient
            if decays { g += weightDecay * theta }
            m = beta1 * m + oneMinusBeta1 * g
            u = max(beta2 * u, abs(g) + epsilon)
            theta += -stepSize * (m / u)
        }
    }
}
