/// A trainable tensor and the gradient accumulated for it.
///
/// `gradient` always has the shape of `value`. Backward passes *add* to it (PyTorch semantics),
/// so gradients of several backward passes accumulate until `zeroGradients()` clears them.
public struct Parameter<Scalar: TensorScalar>: Sendable, Equatable {
    /// The current value.
    public var value: Tensor<Scalar> {
        didSet {
            if gradient.shape != value.shape { gradient = Tensor(zeros: value.shape) }
        }
    }
    /// The accumulated gradient of the loss with respect to `value`.
    public var gradient: Tensor<Scalar>

    /// Creates a parameter with the given value and a zero gradient.
    public init(_ value: Tensor<Scalar>) {
        self.value = value
        self.gradient = Tensor(zeros: value.shape)
    }

    /// Sets the gradient to zero, keeping its storage.
    public mutating func zeroGradient() {
        gradient.fill(with: 0)
    }
}
