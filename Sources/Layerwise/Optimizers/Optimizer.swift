/// An update rule for parameters, written once per parameter buffer and applied to a whole model
/// by `step(_:)`.
///
/// A conforming type states its hyperparameters, the `State` it keeps per parameter, how that
/// state starts (`makeState(for:)`) and the update of one parameter buffer
/// (`update(_:gradient:state:step:learningRate:weightDecay:)`): the parameter's elements, its
/// gradient, its state and its step count. `step(_:)` walks the model's parameters in the order
/// of `parameterNames`, keeps each parameter's state under its name in `parameterStates`, checks
/// the shape, and calls `update` with the learning rate and weight decay that apply to that
/// parameter. Gradients are not cleared: call `zeroGradients()` before the next backward pass.
///
/// Hyperparameters are `Double`, like PyTorch's Python floats; step-level constants (bias
/// corrections) are computed in `Double` and rounded to `Scalar` once per buffer. Changing
/// `learningRate` (or any other hyperparameter) between steps keeps the state.
///
/// ```swift
/// var optimizer = AdamW<Float>(learningRate: 1e-3)
/// optimizer.excludeFromWeightDecay = { $0.hasSuffix("bias") }
/// for (input, labels) in batches {
///     model.zeroGradients()
///     let logits = model.forward(input, mode: .training)
///     let (_, gradient) = loss(logits, target: .classes(labels))
///     _ = model.backward(gradient)
///     model.clipGradientNorm(maxNorm: 1)  // optional
///     optimizer.step(&model)
/// }
/// ```
///
/// ## Adding an optimizer
///
/// One file is enough. This is Lion (Chen et al., 2023): c ← β₁·m + (1 − β₁)·g,
/// θ ← θ − γ·(sign(c) + λ·θ), m ← β₂·m + (1 − β₂)·g. (The same code is compiled and checked by
/// hand in Tests/LayerwiseTests/OptimizerTests.swift.)
///
/// ```swift
/// import Layerwise
///
/// struct Lion<Scalar: TensorScalar>: Optimizer {
///     var learningRate = 1e-4
///     var beta1 = 0.9
///     var beta2 = 0.99
///     var weightDecay = 0.0
///     var parameterStates = ParameterStates<State>()
///
///     struct State: OptimizerState {
///         var momentum: [Scalar]
///         static var buffers: [(name: String, keyPath: WritableKeyPath<State, [Scalar]>)] {
///             [("exp_avg", \.momentum)]
///         }
///     }
///
///     func makeState(for value: Tensor<Scalar>) -> State {
///         State(momentum: Array(repeating: 0, count: value.count))
///     }
///
///     func update(
///         _ value: inout [Scalar], gradient: [Scalar], state: inout State,
///         step: Int, learningRate: Double, weightDecay: Double
///     ) {
///         let lr = Scalar(learningRate), lambda = Scalar(weightDecay)
///         let b1 = Scalar(beta1), b2 = Scalar(beta2)
///         for i in value.indices {
///             let c = b1 * state.momentum[i] + (1 - b1) * gradient[i]
///             let sign: Scalar = c > 0 ? 1 : (c < 0 ? -1 : 0)
///             value[i] -= lr * (sign + lambda * value[i])
///             state.momentum[i] = b2 * state.momentum[i] + (1 - b2) * gradient[i]
///         }
///     }
/// }
/// ```
public protocol Optimizer<Scalar> {
    /// The scalar type of the parameters.
    associatedtype Scalar: TensorScalar
    /// What the optimizer keeps per parameter, apart from the step count.
    associatedtype State: OptimizerState<Scalar>

    /// The learning rate γ. May be changed between steps (by a schedule); the state is kept.
    var learningRate: Double { get set }

    /// The weight decay λ passed to `update` for parameters that are not excluded (0 by default).
    var weightDecay: Double { get }

    /// The per-parameter state and options. Declare it as
    /// `var parameterStates = ParameterStates<State>()`; `step(_:)` maintains it.
    var parameterStates: ParameterStates<State> { get set }

    /// The state of a parameter before its first update.
    ///
    /// - Parameter value: The parameter's current value.
    func makeState(for value: Tensor<Scalar>) -> State

    /// Updates one parameter buffer in place.
    ///
    /// - Parameters:
    ///   - value: The parameter's elements (row-major).
    ///   - gradient: ∂L/∂value, element for element.
    ///   - state: The parameter's state, as `makeState(for:)` made it or the last update left it.
    ///   - step: The number of this update for this parameter: 1 at the first call.
    ///   - learningRate: The learning rate for this parameter (`learningRate` times the
    ///     parameter's multiplier).
    ///   - weightDecay: The weight decay for this parameter: `weightDecay`, or 0 if the
    ///     parameter is excluded from weight decay.
    func update(
        _ value: inout [Scalar], gradient: [Scalar], state: inout State,
        step: Int, learningRate: Double, weightDecay: Double)
}

extension Optimizer {
    /// No weight decay.
    public var weightDecay: Double { 0 }

    /// Applies one update to every parameter of `model` using the gradients it holds.
    ///
    /// The state of a parameter seen for the first time is made by `makeState(for:)`.
    ///
    /// - Parameter model: The model whose parameters are updated in place.
    /// - Precondition: every parameter has the shape its state was created for; a model that
    ///   changed shape stops the program with a message naming the parameter and both shapes.
    /// - Complexity: O(number of parameter elements); after the first step, no allocation
    ///   besides what the update rule does and what the model's `parameterNames` allocates.
    public mutating func step(_ model: inout some Layer<Scalar>) {
        // Move the table out, so that the update rule (a method of `self`) and the state it
        // mutates are separate values and the table's buffers stay uniquely referenced (updated
        // in place). Plain get and set: an empty table allocates nothing, and neither does this
        // (an inout access through the protocol requirement could allocate a coroutine frame).
        var table = parameterStates
        parameterStates = ParameterStates()
        table.apply(self, to: &model)
        parameterStates = table
    }

    /// Parameters whose name satisfies this predicate get no weight decay, e.g.
    /// `{ $0.hasSuffix("bias") }`. Evaluated once per parameter name.
    public var excludeFromWeightDecay: @Sendable (String) -> Bool {
        get { parameterStates.excludeFromWeightDecay }
        set { parameterStates.excludeFromWeightDecay = newValue }
    }

    /// The factor by which the learning rate is multiplied for each parameter name, e.g.
    /// `{ $0.hasPrefix("0.") ? 0.1 : 1 }`. Evaluated once per parameter name.
    public var learningRateMultiplier: @Sendable (String) -> Double {
        get { parameterStates.learningRateMultiplier }
        set { parameterStates.learningRateMultiplier = newValue }
    }

    /// Forgets every parameter's state (moments, step counts), keeping the options.
    public mutating func resetState() {
        parameterStates.removeAll()
    }
}
