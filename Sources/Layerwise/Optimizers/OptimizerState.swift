/// What an optimizer remembers about one parameter between steps, apart from the step count:
/// moments, accumulators, momentum buffers.
///
/// Buffers are plain arrays with one element per element of the parameter (row-major, like
/// `Tensor.scalars`), so an update rule reads like its formula: `state.exponentialAverage[i]`.
/// Each buffer and scalar is listed under PyTorch's `state_dict` key, which is how the state is
/// inspected and how checkpoints save and restore it.
///
/// A buffer that a configuration does not use (Adam's `max_exp_avg_sq` without AMSGrad, SGD's
/// `momentum_buffer` before the first step or without momentum) is empty.
///
/// ```swift
/// struct State: OptimizerState {
///     var velocity: [Float]
///     static var buffers: [(name: String, keyPath: WritableKeyPath<State, [Float]>)] {
///         [("velocity", \.velocity)]
///     }
/// }
/// ```
public protocol OptimizerState<Scalar>: Sendable {
    /// The scalar type of the parameters and buffers.
    associatedtype Scalar: TensorScalar

    /// The per-element buffers, each under its PyTorch state key (`"exp_avg"`), in a fixed order.
    static var buffers: [(name: String, keyPath: WritableKeyPath<Self, [Scalar]>)] { get }

    /// The per-parameter scalars, each under its PyTorch state key (NAdam's `"mu_product"`).
    /// Empty unless the optimizer keeps one. They are `Double`, like the step-level constants
    /// they feed.
    static var scalars: [(name: String, keyPath: WritableKeyPath<Self, Double>)] { get }
}

extension OptimizerState {
    /// No per-parameter scalars.
    public static var scalars: [(name: String, keyPath: WritableKeyPath<Self, Double>)] { [] }
}
