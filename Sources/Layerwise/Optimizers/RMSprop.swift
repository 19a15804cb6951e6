/// RMSprop: the gradient divided by a running root mean square of recent gradients, optionally
/// centered and with momentum; PyTorch's `torch.optim.RMSprop`.
///
/// With parameters θ, gradient g, learning rate γ, smoothing constant α, weight decay λ,
/// momentum μ and ε, one step is
///
///     g ← g + λ·θ                           (if λ ≠ 0)
///     v ← α·v + (1 − α)·g²
///     ḡ ← α·ḡ + (1 − α)·g                   (centered)
///     d = √(v − ḡ²) + ε   (centered)   or   d = √v + ε
///     b ← μ·b + g/d,   θ ← θ − γ·b          (if μ > 0)
///     θ ← θ − γ·g/d                         (otherwise)
///
/// with v, ḡ and b starting at 0.
///
/// Defaults (PyTorch's): γ = 1e-2, α = 0.99, ε = 1e-8, λ = 0, μ = 0, not centered.
/// State: `square_avg` (v), `momentum_buffer` (b, if μ > 0), `grad_avg` (ḡ, if centered).
public struct RMSprop<Scalar: TensorScalar>: Optimizer, Sendable {
    /// The learning rate γ.
    public var learningRate: Double
    /// The smoothing constant α of the running averages.
    public var alpha: Double
    /// The term ε added to the denominator.
    public var epsilon: Double
    /// The L2 penalty λ added to the gradient as λ·θ.
    public var weightDecay: Double
    /// The momentum factor μ.
    public var momentum: Double
    /// Whether to normalize by the estimated variance v − ḡ² instead of v.
    public var centered: Bool
    /// The per-parameter state and options.
    public var parameterStates = ParameterStates<State>()

    /// Creates the optimizer; every default is PyTorch's.
    ///
    /// - Precondition: γ, α, ε, λ, μ ≥ 0.
    public init(
        learningRate: Double = 1e-2, alpha: Double = 0.99, epsilon: Double = 1e-8,
        weightDecay: Double = 0, momentum: Double = 0, centered: Bool = false
    ) {
        checkPrecondition(learningRate >= 0, "RMSprop: invalid learning rate \(learningRate)")
        checkPrecondition(alpha >= 0, "RMSprop: invalid alpha \(alpha)")
        checkPrecondition(epsilon >= 0, "RMSprop: invalid epsilon \(epsilon)")
        checkPrecondition(weightDecay >= 0, "RMSprop: invalid weight decay \(weightDecay)")
        checkPrecondition(momentum >= 0, "RMSprop: invalid momentum \(momentum)")
        self.learningRate = learningRate
        self.alpha = alpha
        self.epsilon = epsilon
        self.weightDecay = weightDecay
        self.momentum = momentum
        self.centered = centered
    }

    /// RMSprop's per-parameter state.
    public struct State: OptimizerState {
        /// The running average of squared gradients v.
        public var squareAverage: [Scalar]
        /// The momentum buffer b; empty without momentum.
        public var momentumBuffer: [Scalar]
        /// The running average of gradients ḡ; empty unless centered.
        public var gradientAverage: [Scalar]

        /// Creates a state.
        public init(squareAverage: [Scalar], momentumBuffer: [Scalar] = [], gradientAverage: [Scalar] = []) {
            self.squareAverage = squareAverage
            self.momentumBuffer = momentumBuffer
            self.gradientAverage = gradientAverage
        }

        /// `square_avg`, `momentum_buffer`, `grad_avg`.
        public static var buffers: [(name: String, keyPath: WritableKeyPath<State, [Scalar]>)] {
            [("square_avg", \.squareAverage), ("momentum_buffer", \.momentumBuffer), ("grad_avg", \.gradientAverage)]
        }
    }

    /// v = 0, and b = 0 and ḡ = 0 when the configuration uses them.
    public func makeState(for value: Tensor<Scalar>) -> State {
        let zeros = Array(repeating: Scalar(0), count: value.count)
        return State(
            squareAverage: zeros, momentumBuffer: momentum > 0 ? zeros : [],
            gradientAverage: centered ? zeros : [])
    }

    /// v ← α·v + (1 − α)·g²;  θ ← θ − γ·g/(√v + ε), centered and with momentum as configured.
    public func update(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        // A configuration changed after the state was made gets its buffers now, at zero.
        if momentum > 0 && state.momentumBuffer.isEmpty {
            state.momentumBuffer = Array(repeating: 0, count: value.count)
        }
        if centered && state.gradientAverage.isEmpty {
            state.gradientAverage = Array(repeating: 0, count: value.count)
        }
        let lr = Scalar(learningRate)
        let lambda = Scalar(weightDecay)
        let a = Scalar(alpha)
        let oneMinusAlpha = Scalar(1 - alpha)
        let eps = Scalar(epsilon)
        let mu = Scalar(momentum)
        for i in value.indices {
            var g = gradient[i]
            if weightDecay != 0 { g += lambda * value[i] }
            state.squareAverage[i] = a * state.squareAverage[i] + oneMinusAlpha * g * g
            var denominator: Scalar
            if centered {
                let average = a * state.gradientAverage[i] + oneMinusAlpha * g
                state.gradientAverage[i] = average
                denominator = (state.squareAverage[i] - average * average).squareRoot()
            } else {
                denominator = state.squareAverage[i].squareRoot()
            }
            denominator += eps
            if momentum > 0 {
                state.momentumBuffer[i] = mu * state.momentumBuffer[i] + g / denominator
                value[i] -= lr * state.momentumBuffer[i]
            } else {
                value[i] += -lr * (g / denominator)
            }
        }
    }
}
