/// A loss function: one call returns the scalar loss and its gradient with respect to the
/// prediction.
///
/// ```swift
/// let loss = SoftmaxCrossEntropy<Float>()
/// let (value, gradient) = loss(logits, target: .classes(labels))
/// _ = model.backward(gradient)
/// ```
///
/// Layerwise provides `SoftmaxCrossEntropy`, `BinaryCrossEntropyWithLogits`,
/// `MeanSquaredError`, `L1Loss` and `HuberLoss`; each states its formula, its gradient and
/// PyTorch's defaults in its doc comment (overview: Docs/Losses.md).
public protocol Loss<Scalar>: CustomStringConvertible {
    /// The scalar type the loss computes in.
    associatedtype Scalar: TensorScalar
    /// What the prediction is compared with: class indices, probabilities or values.
    associatedtype Target

    /// The loss of `prediction` against `target`, and ∂loss/∂prediction.
    ///
    /// - Returns: `value`, the reduced loss, and `gradient`, with the shape of `prediction`.
    /// - Precondition: `target` matches `prediction` in shape (or in batch size, for class
    ///   indices); a mismatch stops with a message naming both shapes.
    func callAsFunction(_ prediction: Tensor<Scalar>, target: Target)
        -> (value: Scalar, gradient: Tensor<Scalar>)

    /// The loss of `prediction` against `target`; ∂loss/∂prediction is written into
    /// `gradient`, whose storage is reused when it is not shared: the allocation-free form for
    /// training loops, which keep one gradient tensor across steps.
    ///
    /// ```swift
    /// var gradient = Tensor<Float>(zeros: [0])
    /// for (input, labels) in batches {
    ///     let logits = model.forward(input, mode: .training)
    ///     let value = loss(logits, target: .classes(labels), gradientInto: &gradient)
    ///     model.backwardWithoutInputGradient(gradient)
    ///     …
    /// }
    /// ```
    ///
    /// The default calls `callAsFunction(_:target:)` and stores its gradient.
    ///
    /// - Returns: The reduced loss; `gradient` gets the shape of `prediction`.
    /// - Precondition: as for `callAsFunction(_:target:)`.
    func callAsFunction(_ prediction: Tensor<Scalar>, target: Target, gradientInto gradient: inout Tensor<Scalar>)
        -> Scalar
}

extension Loss {
    /// Calls `callAsFunction(_:target:)` and stores its gradient in `gradient`.
    public func callAsFunction(
        _ prediction: Tensor<Scalar>, target: Target, gradientInto gradient: inout Tensor<Scalar>
    ) -> Scalar {
        let result = self(prediction, target: target)
        gradient = result.gradient
        return result.value
    }
}

extension Loss {
    /// The tuple form of a loss that computes into a gradient buffer: a fresh buffer, filled by
    /// `callAsFunction(_:target:gradientInto:)`.
    func valueAndGradient(_ prediction: Tensor<Scalar>, target: Target) -> (value: Scalar, gradient: Tensor<Scalar>) {
        var gradient = Tensor<Scalar>(zeros: [0])
        let value = self(prediction, target: target, gradientInto: &gradient)
        return (value, gradient)
    }
}
