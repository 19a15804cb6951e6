import _LayerwiseKernels

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
        specializedUpdate(&value, gradient, &state, as: RMSprop<Float>.self, RMSprop<Double>.self,
            float: { $0.apply(&$1, gradient: $2, state: &$3, step: step, learningRate: learningRate, weightDecay: weightDecay) },
            double: { $0.apply(&$1, gradient: $2, state: &$3, step: step, learningRate: learningRate, weightDecay: weightDecay) })
    }

    /// The update of one buffer, specialized for `Float` and `Double` by `update`.
    private func apply(
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
        let rule = ElementStep(
            learningRate: Scalar(learningRate), weightDecay: Scalar(weightDecay), alpha: Scalar(alpha),
            oneMinusAlpha: Scalar(1 - alpha), epsilon: Scalar(epsilon), momentum: Scalar(momentum),
            decays: weightDecay != 0, hasMomentum: momentum > 0, centered: centered)
        var flags = weightDecay != 0 ? Int32(LWKOptimizerDecays) : 0
        if momentum > 0 { flags |= Int32(LWKOptimizerMomentum) }
        if centered { flags |= Int32(LWKOptimizerCentered) }
        let kernel = OptimizerKernel(
            LWKOptimizerRMSprop, weightDecay: rule.weightDecay, flags: flags,
            rule.learningRate, rule.alpha, rule.oneMinusAlpha, rule.epsilon, rule.momentum)
        state.squareAverage.withMutableBaseAddress { v in
            state.momentumBuffer.withMutableBaseAddress { b in
                state.gradientAverage.withMutableBaseAddress { average in
                    ParameterUpdate.forEach(&value, gradient, first: v, second: b, third: average, rule: rule, floatKernel: kernel)
                }
            }
        }
    }

    /// One element: g ← ∇ + λθ; v ← α·v + (1 − α)·g²; with `centered` ḡ ← α·ḡ + (1 − α)·g and
    /// d = √(v − ḡ²) + ε, else d = √v + ε; with momentum b ← μ·b + g/d and θ ← θ − γ·b, else
    /// θ ← θ − γ·g/d. The state slots are v, b and ḡ (scratch where the option is off).
    private struct ElementStep: ElementUpdate {
        let learningRate, weightDecay, alpha, oneMinusAlpha, epsilon, momentum: Scalar
        let decays, hasMomentum, centered: Bool

        func callAsFunction(
            _ theta: inout Scalar, _ gradient: Scalar, _ v: inout Scalar, _ buffer: inout Scalar, _ average: inout Scalar
        ) {
            var g = gradient
            if decays { g += weightDecay * theta }
            v = alpha * v + oneMinusAlpha * g * g
            var denominator: Scalar
            if centered {
                average = alpha * average + oneMinusAlpha * g
                denominator = (v - average * average).squareRoot()
            } else {
                denominator = v.squareRoot()
            }
            denominator += epsilon
            if hasMomentum {
                buffer = momentum * buffer + g / denominator
                theta -= learningRate * buffer
            } else {
                theta += -learningRate * (g / denominator)
            }
        }
    }
}
