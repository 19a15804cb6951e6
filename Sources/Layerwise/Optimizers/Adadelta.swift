import _LayerwiseKernels

/// Adadelta: steps scaled by the ratio of running RMS values of past updates and of gradients;
/// PyTorch's `torch.optim.Adadelta` (Zeiler, 2012).
///
/// With parameters θ, gradient g, learning rate γ, decay ρ, weight decay λ and ε, one step is
///
///     g ← g + λ·θ                          (if λ ≠ 0)
///     v ← ρ·v + (1 − ρ)·g²
///     Δ = √(u + ε) / √(v + ε) · g
///     u ← ρ·u + (1 − ρ)·Δ²
///     θ ← θ − γ·Δ
///
/// with v and u starting at 0. ε sits inside both square roots (it is what makes the very first
/// step non-zero: Δ₁ = √ε/√((1 − ρ)g² + ε)·g); Docs/Optimizers.md compares other placements.
///
/// Defaults (PyTorch's): γ = 1.0, ρ = 0.9, ε = 1e-6, λ = 0.
/// State: `square_avg` (v), `acc_delta` (u).
public struct Adadelta<Scalar: TensorScalar>: Optimizer, Sendable {
    /// The learning rate γ, a factor on Δ.
    public var learningRate: Double
    /// The decay ρ of both running averages.
    public var rho: Double
    /// The term ε inside the square roots.
    public var epsilon: Double
    /// The L2 penalty λ added to the gradient as λ·θ.
    public var weightDecay: Double
    /// The per-parameter state and options.
    public var parameterStates = ParameterStates<State>()

    /// Creates the optimizer; every default is PyTorch's.
    ///
    /// - Precondition: γ ≥ 0, 0 ≤ ρ ≤ 1, ε ≥ 0, λ ≥ 0.
    public init(learningRate: Double = 1.0, rho: Double = 0.9, epsilon: Double = 1e-6, weightDecay: Double = 0) {
        checkPrecondition(learningRate >= 0, "Adadelta: invalid learning rate \(learningRate)")
        checkPrecondition(rho >= 0 && rho <= 1, "Adadelta: invalid rho \(rho)")
        checkPrecondition(epsilon >= 0, "Adadelta: invalid epsilon \(epsilon)")
        checkPrecondition(weightDecay >= 0, "Adadelta: invalid weight decay \(weightDecay)")
        self.learningRate = learningRate
        self.rho = rho
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    /// Adadelta's per-parameter state.
    public struct State: OptimizerState {
        /// The running average of squared gradients v.
        public var squareAverage: [Scalar]
        /// The running average of squared updates u.
        public var accumulatedDelta: [Scalar]

        /// Creates a state.
        public init(squareAverage: [Scalar], accumulatedDelta: [Scalar]) {
            self.squareAverage = squareAverage
            self.accumulatedDelta = accumulatedDelta
        }

        /// `square_avg`, `acc_delta`.
        public static var buffers: [(name: String, keyPath: WritableKeyPath<State, [Scalar]>)] {
            [("square_avg", \.squareAverage), ("acc_delta", \.accumulatedDelta)]
        }
    }

    /// v = 0, u = 0.
    public func makeState(for value: Tensor<Scalar>) -> State {
        let zeros = Array(repeating: Scalar(0), count: value.count)
        return State(squareAverage: zeros, accumulatedDelta: zeros)
    }

    /// v ← ρ·v + (1 − ρ)·g²;  Δ = √(u + ε)/√(v + ε)·g;  u ← ρ·u + (1 − ρ)·Δ²;  θ ← θ − γ·Δ.
    public func update(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        specializedUpdate(&value, gradient, &state, as: Adadelta<Float>.self, Adadelta<Double>.self,
            float: { $0.apply(&$1, gradient: $2, state: &$3, step: step, learningRate: learningRate, weightDecay: weightDecay) },
            double: { $0.apply(&$1, gradient: $2, state: &$3, step: step, learningRate: learningRate, weightDecay: weightDecay) })
    }

    /// The update of one buffer, specialized for `Float` and `Double` by `update`.
    private func apply(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        let rule = ElementStep(
            learningRate: Scalar(learningRate), weightDecay: Scalar(weightDecay), rho: Scalar(rho),
            oneMinusRho: Scalar(1 - rho), epsilon: Scalar(epsilon), decays: weightDecay != 0)
        let kernel = OptimizerKernel(
            LWKOptimizerAdadelta, weightDecay: rule.weightDecay, flags: weightDecay != 0 ? Int32(LWKOptimizerDecays) : 0,
            rule.learningRate, rule.rho, rule.oneMinusRho, rule.epsilon)
        state.squareAverage.withMutableBaseAddress { v in
            state.accumulatedDelta.withMutableBaseAddress { u in
                ParameterUpdate.forEach(&value, gradient, first: v, second: u, rule: rule, floatKernel: kernel)
            }
        }
    }

    /// One element: g ← ∇ + λθ; v ← ρ·v + (1 − ρ)·g²; Δ = √(u + ε)/√(v + ε)·g;
    /// u ← ρ·u + (1 − ρ)·Δ²; θ ← θ − γ·Δ.
    private struct ElementStep: ElementUpdate {
        let learningRate, weightDecay, rho, oneMinusRho, epsilon: Scalar
        let decays: Bool

        func callAsFunction(_ theta: inout Scalar, _ gradient: Scalar, _ v: inout Scalar, _ u: inout Scalar, _: inout Scalar) {
            var g = gradient
            if decays { g += weightDecay * theta }
            v = rho * v + oneMinusRho * g * g
            let std = (v + epsilon).squareRoot()
            let delta = (u + epsilon).squareRoot() / std * g
            u = rho * u + oneMinusRho * delta * delta
            theta += -learningRate * delta
        }
    }
}
