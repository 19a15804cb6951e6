/// A trainable tensor and the gradient accumulated for it.
///
/// `gradient` has the shape of `value`. Backward passes *add* to it (PyTorch semantics), so
/// gradients of several backward passes accumulate until `zeroGradients()` clears them. After
/// assigning a `value` of another shape, `zeroGradient()` gives the gradient the new shape.
public struct Parameter<Scalar: TensorScalar>: Sendable, Equatable {
    /// The current value.
    public var value: Tensor<Scalar>
    /// The accumulated gradient of the loss with respect to `value`.
    public var gradient: Tensor<Scalar>

    /// Creates a parameter with the given value and a zero gradient.
    public init(_ value: Tensor<Scalar>) {
        self.value = value
        self.gradient = Tensor(zeros: value.shape)
    }

    /// Sets the gradient to zero, keeping its storage (and giving it the shape of `value` if
    /// the value was replaced by one of another shape).
    public mutating func zeroGradient() {
        if gradient.shape == value.shape {
            gradient.fill(with: 0)
        } else {
            gradient = Tensor(zeros: value.shape)
        }
    }
}
