/// A tensor whose gradient a check compares: its value, the analytic gradient backward
/// produced for it, and, for parameters, how far backward is from adding to `gradient`.
struct CheckedTensor<Scalar: TensorScalar> {
    /// `"input"`, `"prediction"` or the parameter's name.
    var name: String
    /// The value the gradient is taken at.
    var value: Tensor<Scalar>
    /// ∂f/∂value from the hand-written backward.
    var analyticGradient: Tensor<Scalar>
    /// The accumulation error, for parameters; `nil` for inputs.
    var accumulationError: Double?
}
