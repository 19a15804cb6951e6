/// What a classifier's logits are compared with: one class index per row, or one probability
/// distribution per row (soft targets).
///
/// ```swift
/// let loss = SoftmaxCrossEntropy<Float>()
/// let hard = loss(logits, target: .classes([2, 0, 1]))
/// let soft = loss(logits, target: .probabilities(mixedLabels))  // same shape as logits
/// ```
public enum ClassificationTarget<Scalar: TensorScalar>: Sendable, Equatable {
    /// The class index of every row of the logits, each in `0..<classes` (or the loss's
    /// `ignoreIndex`). PyTorch's integer target.
    case classes([Int])
    /// A probability distribution over the classes for every row, with the shape of the logits
    /// (`[batch, classes]`). PyTorch's floating-point ("class probabilities") target.
    case probabilities(Tensor<Scalar>)
}
