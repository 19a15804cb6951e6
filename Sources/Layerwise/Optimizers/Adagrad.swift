import _LayerwiseKernels

/// Adagrad: a per-element learning rate that shrinks with the sum of squared gradients;
/// PyTorch's `torch.optim.Adagrad`.
///
/// With parameters θ, gradient g, learning rate γ, learning-rate decay η, weight decay λ and
/// ε, step t (from 1) is
///
///     g ← g + λ·θ                       (if λ ≠ 0)
///     γₜ = γ / (1 + (t − 1)·η)
///     s ← s + g²
///     θ ← θ − γₜ · g / (√s + ε)
///
/// with s starting at the initial accumulator value s₀.
///
/// Defaults (PyTorch's): γ = 1e-2, η = 0, λ = 0, s₀ = 0, ε = 1e-10.
/// State: `sum` (s).
public struct Adagrad<Scalar: TensorScalar>: Optimizer, Sendable {
    /// The learning rate γ.
    public var learningRate: Double
    /// The learning-rate decay η.
    public var learningRateDecay: Double
    /// The L2 penalty λ added to the gradient as λ·θ.
    public var weightDecay: Double
    /// The value s₀ the sum of squares starts from.
    public var initialAccumulatorValue: Double
    /// The term ε added to the denominator.
    public var epsilon: Double
    /// The per-parameter state and options.
    public var parameterStates = ParameterStates<State>()

    /// Creates the optimizer; every default is PyTorch's.
    ///
    /// - Precondition: every argument is ≥ 0.
    public init(
        learningRate: Double = 1e-2, learningRateDecay: Double = 0, weightDecay: Double = 0,
        initialAccumulatorValue: Double = 0, epsilon: Double = 1e-10
    ) {
        checkPrecondition(learningRate >= 0, "Adagrad: invalid learning rate \(learningRate)")
        checkPrecondition(learningRateDecay >= 0, "Adagrad: invalid learning-rate decay \(learningRateDecay)")
        checkPrecondition(weightDecay >= 0, "Adagrad: invalid weight decay \(weightDecay)")
        checkPrecondition(
            initialAccumulatorValue >= 0, "Adagrad: invalid initial accumulator value \(initialAccumulatorValue)")
        checkPrecondition(epsilon >= 0, "Adagrad: invalid epsilon \(epsilon)")
        self.learningRate = learningRate
        self.learningRateDecay = learningRateDecay
        self.weightDecay = weightDecay
        self.initialAccumulatorValue = initialAccumulatorValue
        self.epsilon = epsilon
    }

    /// Adagrad's per-parameter state.
    public struct State: OptimizerState {
        /// The running sum of squared gradients s.
        public var sum: [Scalar]

        /// Creates a state.
        public init(sum: [Scalar]) {
            self.sum = sum
        }

        /// `sum`.
        public static var buffers: [(name: String, keyPath: WritableKeyPath<State, [Scalar]>)] {
            [("sum", \.sum)]
        }
    }

    /// s = s₀ everywhere.
    public func makeState(for value: Tensor<Scalar>) -> State {
        State(sum: Array(repeating: Scalar(initialAccumulatorValue), count: value.count))
    }

    /// s ← s + g²;  θ ← θ − γₜ·g/(√s + ε).
    public func update(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        specializedUpdate(&value, gradient, &state, as: Adagrad<Float>.self, Adagrad<Double>.self,
            float: { $0.apply(&$1, gradient: $2, state: &$3, step: step, learningRate: learningRate, weightDecay: weightDecay) },
            double: { $0.apply(&$1, gradient: $2, state: &$3, step: step, learningRate: learningRate, weightDecay: weightDecay) })
    }

    /// The update of one buffer, specialized for `Float` and `Double` by `update`.
    private func apply(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        let rule = ElementStep(
            decayedRate: Scalar(learningRate / (1 + Double(step - 1) * learningRateDecay)),
            weightDecay: Scalar(weightDecay), epsilon: Scalar(epsilon), decays: weightDecay != 0)
        let kernel = OptimizerKernel(
            LWKOptimizerAdagrad, weightDecay: rule.weightDecay,
            flags: weightDecay != 0 ? Int32(LWKOptimizerDecays) : 0,
            rule.decayedRate, rule.epsilon)
        state.sum.withMutableBaseAddress { sum in
            ParameterUpdate.forEach(&value, gradient, first: sum, rule: rule, floatKernel: kernel)
        }
    }

    /// One element: g ← ∇ + λθ; s ← s + g²; θ ← θ − γ̃·g/(√s + ε).
    private struct ElementStep: ElementUpdate {
        let decayedRate, weightDecay, epsilon: Scalar
        let decays: Bool

        func callAsFunction(_ theta: inout Scalar, _ gradient: Scalar, _ sum: inout Scalar, _: inout Scalar, _: inout Scalar) {
            var g = gradient
            if decays { g += weightDecay * theta }
            sum += g * g
            let std = sum.squareRoot() + epsilon
            theta += -decayedRate * (g / std)
        }
    }
}
