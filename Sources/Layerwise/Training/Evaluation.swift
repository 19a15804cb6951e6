/// The loss (and, for class labels, the accuracy) of a model on a data set, in inference mode.
///
/// ```swift
/// let test = model.evaluate(testData, loss: SoftmaxCrossEntropy<Float>())
/// print(test)                  // "loss 0.0912, accuracy 97.50 % on 360 examples"
/// ```
public struct Evaluation: Sendable, Equatable, CustomStringConvertible {
    /// The mean loss per example (batch losses weighted by batch size, `MeanLoss`).
    public let loss: Double
    /// The fraction of examples classified correctly; nil for data without class labels.
    public let accuracy: Double?
    /// The number of examples.
    public let count: Int

    /// Creates an evaluation (`evaluate` makes them).
    ///
    /// - Parameters: The properties of the same names.
    public init(loss: Double, accuracy: Double?, count: Int) {
        self.loss = loss
        self.accuracy = accuracy
        self.count = count
    }

    /// "loss 0.0912, accuracy 97.50 % on 360 examples".
    public var description: String {
        "loss \(formatFixed(loss, decimals: 4))" + (accuracy.map { ", accuracy \(formatPercent($0))" } ?? "")
            + " on \(count) examples"
    }
}

extension Layer {
    /// The mean loss and the accuracy of this model on classification data, in inference mode.
    ///
    /// - Parameters:
    ///   - data: Features and class labels.
    ///   - loss: A loss on class indices (`SoftmaxCrossEntropy`).
    ///   - batchSize: The number of examples per forward pass (default 256); the result does not
    ///     depend on it beyond rounding.
    /// - Returns: The mean loss per example and the accuracy (`Tensor.argmaxPerRow()`).
    /// - Complexity: One inference forward pass over the data. The model is not changed.
    public func evaluate<L: Loss>(
        _ data: Dataset<Scalar, [Int]>, loss: L, batchSize: Int = 256
    ) -> Evaluation where L.Scalar == Scalar, L.Target == ClassificationTarget<Scalar> {
        var copy = self
        return copy.evaluateInPlace(data, loss: loss, batchSize: batchSize, lossTarget: { .classes($0) }, labels: { $0 })
    }

    /// The mean loss of this model on data with tensor targets, in inference mode.
    ///
    /// - Parameters:
    ///   - data: Features and target tensors.
    ///   - loss: A loss on tensors (`MeanSquaredError`, `BinaryCrossEntropyWithLogits`, …).
    ///   - batchSize: The number of examples per forward pass (default 256).
    /// - Returns: The mean loss per example; `accuracy` is nil.
    /// - Complexity: One inference forward pass over the data. The model is not changed.
    public func evaluate<L: Loss>(
        _ data: Dataset<Scalar, Tensor<Scalar>>, loss: L, batchSize: Int = 256
    ) -> Evaluation where L.Scalar == Scalar, L.Target == Tensor<Scalar> {
        var copy = self
        return copy.evaluateInPlace(data, loss: loss, batchSize: batchSize, lossTarget: { $0 }, labels: nil)
    }

    /// Evaluates on this model itself (inference mode changes only the forward caches).
    mutating func evaluateInPlace<L: Loss, Target>(
        _ data: Dataset<Scalar, Target>, loss: L, batchSize: Int,
        lossTarget: (Target) -> L.Target, labels: ((Target) -> [Int])?
    ) -> Evaluation where L.Scalar == Scalar {
        var meanLoss = MeanLoss()
        var accuracy = Accuracy()
        for (input, targets) in data.batches(size: batchSize) {
            let output = forward(input, mode: .inference)
            meanLoss.add(loss(output, target: lossTarget(targets)).value, count: input.shape[0])
            if let labels {
                accuracy.add(logits: output, labels: labels(targets))
            }
        }
        return Evaluation(loss: meanLoss.value, accuracy: labels == nil ? nil : accuracy.value, count: data.count)
    }
}
