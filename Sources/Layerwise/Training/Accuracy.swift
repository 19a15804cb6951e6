/// Classification accuracy, accumulated over batches: the fraction of examples whose predicted
/// class (the largest logit) is the label.
///
///     accuracy = (number of i with argmaxᶜ logitsᵢᶜ = labelᵢ) / N
///
/// ```swift
/// var accuracy = Accuracy()
/// for (input, labels) in test.batches(size: 256) {
///     accuracy.add(logits: model.predict(input), labels: labels)
/// }
/// print(accuracy.value)    // e.g. 0.975
/// ```
public struct Accuracy: Sendable, Equatable, CustomStringConvertible {
    /// The number of correctly classified examples so far.
    public private(set) var correctCount = 0
    /// The number of examples so far.
    public private(set) var count = 0

    /// An empty accumulator.
    public init() {}

    /// The accuracy of one batch of logits.
    ///
    /// - Parameters:
    ///   - logits: `[N, C]` scores; the predicted class of a row is its largest element
    ///     (`Tensor.argmaxPerRow()`).
    ///   - labels: N class indices.
    /// - Returns: The fraction of rows predicted correctly; NaN for an empty batch.
    public static func of<Scalar: TensorScalar>(logits: Tensor<Scalar>, labels: [Int]) -> Double {
        var accuracy = Accuracy()
        accuracy.add(logits: logits, labels: labels)
        return accuracy.value
    }

    /// correct / count: the fraction of the examples so far that were predicted correctly; NaN
    /// before any example.
    public var value: Double {
        Double(correctCount) / Double(count)
    }

    /// Adds a batch of logits and their labels.
    ///
    /// - Parameters:
    ///   - logits: `[N, C]` scores.
    ///   - labels: N class indices.
    /// - Precondition: `logits` is `[labels.count, C]`.
    public mutating func add<Scalar: TensorScalar>(logits: Tensor<Scalar>, labels: [Int]) {
        checkPrecondition(
            logits.rank == 2 && logits.shape[0] == labels.count,
            "Accuracy: logits of shape \(logits.shape) for \(labels.count) labels")
        add(predictions: logits.argmaxPerRow(), labels: labels)
    }

    /// Adds a batch of predicted classes and their labels.
    ///
    /// - Parameters:
    ///   - predictions: The predicted class of every example.
    ///   - labels: The true class of every example.
    /// - Precondition: both have the same length.
    public mutating func add(predictions: [Int], labels: [Int]) {
        checkPrecondition(
            predictions.count == labels.count,
            "Accuracy: \(predictions.count) predictions for \(labels.count) labels")
        correctCount += zip(predictions, labels).reduce(0) { $0 + ($1.0 == $1.1 ? 1 : 0) }
        count += labels.count
    }

    /// "97.50 % (351 of 360)".
    public var description: String {
        "\(formatPercent(value)) (\(correctCount) of \(count))"
    }
}
