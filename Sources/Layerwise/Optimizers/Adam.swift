/// Adam: bias-corrected running averages of the gradient and of its square; PyTorch's
/// `torch.optim.Adam` (Kingma & Ba, 2015), with the AMSGrad variant.
///
/// With parameters θ, gradient g, learning rate γ, decays β₁ and β₂, weight decay λ and ε,
/// step t (from 1) is
///
///     g ← g + λ·θ                                  (if λ ≠ 0: L2 penalty, coupled)
///     m ← β₁·m + (1 − β₁)·g
///     v ← β₂·v + (1 − β₂)·g²
///     v̂ ← max(v̂, v)                                (AMSGrad; v̂ replaces v below)
///     θ ← θ − γ/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
///
/// with m, v and v̂ starting at 0. At t = 1, m/(1 − β₁) = g and v/(1 − β₂) = g², so the first
/// step is −γ·g/(|g| + ε): γ times the sign of the gradient, up to ε.
///
/// Defaults (PyTorch's): γ = 1e-3, β = (0.9, 0.999), ε = 1e-8, λ = 0, AMSGrad off.
/// State: `exp_avg` (m), `exp_avg_sq` (v), `max_exp_avg_sq` (v̂, with AMSGrad).
/// `AdamW` is the same rule with decoupled weight decay.
public struct Adam<Scalar: TensorScalar>: Optimizer, Sendable {
    /// The learning rate γ.
    public var learningRate: Double
    /// The decays (β₁, β₂) of the running averages of g and g².
    public var betas: (Double, Double)
    /// The term ε added to the denominator.
    public var epsilon: Double
    /// The L2 penalty λ added to the gradient as λ·θ.
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
        weightDecay: Double = 0, amsgrad: Bool = false
    ) {
        validateAdamHyperparameters(
            "Adam", learningRate: learningRate, betas: betas, epsilon: epsilon, weightDecay: weightDecay)
        self.learningRate = learningRate
        self.betas = betas
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.amsgrad = amsgrad
    }

    /// The per-parameter state of Adam and AdamW.
    public struct State: OptimizerState {
        /// The running average of gradients m.
        public var exponentialAverage: [Scalar]
        /// The running average of squared gradients v.
        public var exponentialAverageOfSquares: [Scalar]
        /// The running maximum v̂ of v; empty without AMSGrad.
        public var maximumExponentialAverageOfSquares: [Scalar]

        /// Creates a state.
        public init(
            exponentialAverage: [Scalar], exponentialAverageOfSquares: [Scalar],
            maximumExponentialAverageOfSquares: [Scalar] = []
        ) {
            self.exponentialAverage = exponentialAverage
            self.exponentialAverageOfSquares = exponentialAverageOfSquares
            self.maximumExponentialAverageOfSquares = maximumExponentialAverageOfSquares
        }

        /// `exp_avg`, `exp_avg_sq`, `max_exp_avg_sq`.
        public static var buffers: [(name: String, keyPath: WritableKeyPath<State, [Scalar]>)] {
            [
                ("exp_avg", \.exponentialAverage), ("exp_avg_sq", \.exponentialAverageOfSquares),
                ("max_exp_avg_sq", \.maximumExponentialAverageOfSquares),
            ]
        }
    }

    /// m = 0, v = 0, and v̂ = 0 with AMSGrad.
    public func makeState(for value: Tensor<Scalar>) -> State {
        Self.makeAdamState(count: value.count, amsgrad: amsgrad)
    }

    /// θ ← θ − γ/(1 − β₁ᵗ) · m/(√v/√(1 − β₂ᵗ) + ε) after updating m and v with g + λ·θ.
    public func update(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        Self.adamStep(
            &value, gradient: gradient, state: &state, step: step, learningRate: learningRate,
            betas: betas, epsilon: epsilon, l2Penalty: weightDecay, amsgrad: amsgrad)
    }

    /// A zero state for a parameter of `count` elements.
    static func makeAdamState(count: Int, amsgrad: Bool) -> State {
        let zeros = Array(repeating: Scalar(0), count: count)
        return State(
            exponentialAverage: zeros, exponentialAverageOfSquares: zeros,
            maximumExponentialAverageOfSquares: amsgrad ? zeros : [])
    }

    /// The Adam update shared with AdamW (which passes `l2Penalty: 0` after its decoupled decay).
    static func adamStep(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State, step: Int,
        learningRate: Double, betas: (Double, Double), epsilon: Double, l2Penalty: Double, amsgrad: Bool
    ) {
        if amsgrad && state.maximumExponentialAverageOfSquares.isEmpty {
            state.maximumExponentialAverageOfSquares = Array(repeating: 0, count: value.count)
        }
        let (beta1, beta2) = betas
        let biasCorrection1 = 1 - power(beta1, Double(step))
        let biasCorrection2 = 1 - power(beta2, Double(step))
        let constants = _AdamUpdateConstants(
            stepSize: Scalar(learningRate / biasCorrection1),
            biasCorrection2Root: Scalar(biasCorrection2.squareRoot()),
            beta1: Scalar(beta1), oneMinusBeta1: Scalar(1 - beta1),
            beta2: Scalar(beta2), oneMinusBeta2: Scalar(1 - beta2),
            epsilon: Scalar(epsilon), l2Penalty: Scalar(l2Penalty), amsgrad: amsgrad)
        // One pass over the buffer: for each i, g = ∇ᵢ + λ·θᵢ, m and v (and v̂), then θᵢ.
        Scalar._adamUpdate(
            &value, gradient: gradient, exponentialAverage: &state.exponentialAverage,
            exponentialAverageOfSquares: &state.exponentialAverageOfSquares,
            maximumExponentialAverageOfSquares: &state.maximumExponentialAverageOfSquares,
            constants: constants)
    }
}

/// Stops with a message naming `optimizer` unless the Adam-family hyperparameters are valid.
func validateAdamHyperparameters(
    _ optimizer: String, learningRate: Double, betas: (Double, Double), epsilon: Double, weightDecay: Double
) {
    checkPrecondition(learningRate >= 0, "\(optimizer): invalid learning rate \(learningRate)")
    checkPrecondition(epsilon >= 0, "\(optimizer): invalid epsilon \(epsilon)")
    checkPrecondition(betas.0 >= 0 && betas.0 < 1, "\(optimizer): invalid beta1 \(betas.0)")
    checkPrecondition(betas.1 >= 0 && betas.1 < 1, "\(optimizer): invalid beta2 \(betas.1)")
    checkPrecondition(weightDecay >= 0, "\(optimizer): invalid weight decay \(weightDecay)")
}
