import _LayerwiseKernels

/// Stochastic gradient descent with optional momentum, dampening, Nesterov momentum and L2 weight
/// decay: PyTorch's `torch.optim.SGD`.
///
/// With parameters θ, gradient g, learning rate γ, weight decay λ, momentum μ and dampening τ,
/// one step is
///
///     g ← g + λ·θ                                    (if λ ≠ 0)
///     b ← g                      at the first step   (if μ ≠ 0)
///     b ← μ·b + (1 − τ)·g        afterwards
///     g ← g + μ·b  (Nesterov)    or   g ← b
///     θ ← θ − γ·g
///
/// Note that the first momentum step stores the gradient itself, not (1 − τ)·g. The Nesterov
/// form g + μ·b is PyTorch's reformulation of the look-ahead gradient; Docs/Optimizers.md shows
/// how it maps onto the look-ahead form and onto momentum written as an exponential average.
///
/// Defaults (PyTorch's): γ = 1e-3, μ = 0, τ = 0, λ = 0, Nesterov off.
/// State: `momentum_buffer` (b), created at the first step when μ ≠ 0.
public struct SGD<Scalar: TensorScalar>: Optimizer, Sendable {
    /// The learning rate γ.
    public var learningRate: Double
    /// The momentum factor μ (0: plain gradient descent).
    public var momentum: Double
    /// The dampening τ of the momentum.
    public var dampening: Double
    /// The L2 penalty λ added to the gradient as λ·θ.
    public var weightDecay: Double
    /// Whether to use Nesterov momentum.
    public var nesterov: Bool
    /// The per-parameter state and options.
    public var parameterStates = ParameterStates<State>()

    /// Creates the optimizer; every default is PyTorch's.
    ///
    /// - Precondition: γ ≥ 0, μ ≥ 0, λ ≥ 0; Nesterov needs μ > 0 and τ = 0.
    public init(
        learningRate: Double = 1e-3, momentum: Double = 0, dampening: Double = 0,
        weightDecay: Double = 0, nesterov: Bool = false
    ) {
        checkPrecondition(learningRate >= 0, "SGD: invalid learning rate \(learningRate)")
        checkPrecondition(momentum >= 0, "SGD: invalid momentum \(momentum)")
        checkPrecondition(weightDecay >= 0, "SGD: invalid weight decay \(weightDecay)")
        checkPrecondition(
            !nesterov || (momentum > 0 && dampening == 0),
            "SGD: Nesterov momentum requires a momentum > 0 and zero dampening (momentum \(momentum), dampening \(dampening))")
        self.learningRate = learningRate
        self.momentum = momentum
        self.dampening = dampening
        self.weightDecay = weightDecay
        self.nesterov = nesterov
    }

    /// SGD's per-parameter state.
    public struct State: OptimizerState {
        /// The momentum buffer b; empty until the first step with momentum.
        public var momentumBuffer: [Scalar]

        /// Creates a state.
        public init(momentumBuffer: [Scalar] = []) {
            self.momentumBuffer = momentumBuffer
        }

        /// `momentum_buffer`.
        public static var buffers: [(name: String, keyPath: WritableKeyPath<State, [Scalar]>)] {
            [("momentum_buffer", \.momentumBuffer)]
        }
    }

    /// An empty state: the momentum buffer is created by the first update.
    public func makeState(for value: Tensor<Scalar>) -> State {
        State()
    }

    /// θ ← θ − γ·g with g the decayed gradient, or the (Nesterov) momentum in its place.
    public func update(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        specializedUpdate(&value, gradient, &state, as: SGD<Float>.self, SGD<Double>.self,
            float: { $0.apply(&$1, gradient: $2, state: &$3, step: step, learningRate: learningRate, weightDecay: weightDecay) },
            double: { $0.apply(&$1, gradient: $2, state: &$3, step: step, learningRate: learningRate, weightDecay: weightDecay) })
    }

    /// The update of one buffer, specialized for `Float` and `Double` by `update`.
    private func apply(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double
    ) {
        let isFirstMomentumStep = momentum != 0 && state.momentumBuffer.isEmpty
        if isFirstMomentumStep {
            state.momentumBuffer = Array(repeating: 0, count: value.count)
        }
        let rule = ElementStep(
            learningRate: Scalar(learningRate), weightDecay: Scalar(weightDecay), momentum: Scalar(momentum),
            undampened: Scalar(1 - dampening), decays: weightDecay != 0, hasMomentum: momentum != 0,
            isFirstMomentumStep: isFirstMomentumStep, nesterov: nesterov)
        var flags = weightDecay != 0 ? Int32(LWKOptimizerDecays) : 0
        if momentum != 0 { flags |= Int32(LWKOptimizerMomentum) }
        if nesterov { flags |= Int32(LWKOptimizerNesterov) }
        if isFirstMomentumStep { flags |= Int32(LWKOptimizerFirstStep) }
        let kernel = OptimizerKernel(
            LWKOptimizerSGD, weightDecay: rule.weightDecay, flags: flags,
            rule.learningRate, rule.momentum, rule.undampened)
        state.momentumBuffer.withMutableBaseAddress { b in
            ParameterUpdate.forEach(&value, gradient, first: b, rule: rule, floatKernel: kernel)
        }
    }

    /// One element: g ← ∇ + λθ; b ← μ·b + (1 − τ)·g (b ← g at the first step);
    /// g ← g + μ·b (Nesterov) or b; θ ← θ − γ·g.
    private struct ElementStep: ElementUpdate {
        let learningRate, weightDecay, momentum, undampened: Scalar
        let decays, hasMomentum, isFirstMomentumStep, nesterov: Bool

        func callAsFunction(_ theta: inout Scalar, _ gradient: Scalar, _ b: inout Scalar, _: inout Scalar, _: inout Scalar) {
            var g = gradient
            if decays { g += weightDecay * theta }
            if hasMomentum {
                b = isFirstMomentumStep ? g : momentum * b + undampened * g
                g = nesterov ? g + momentum * b : b
            }
            theta -= learningRate * g
        }
    }
}
