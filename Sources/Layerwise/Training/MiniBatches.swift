/// One pass over a data set in mini-batches: a collection of `(features, targets)` pairs.
///
/// Made by `Dataset.batches(size:dropLast:)` (in order) or
/// `Dataset.shuffledBatches(size:dropLast:using:)` (in a random order, once per epoch). Batch b
/// holds the examples `order[b·size ..< min((b + 1)·size, N)]`; every example of the order
/// appears in exactly one batch, except that `dropLast` leaves out a last batch shorter than
/// `size`. A batch's examples are gathered when it is accessed.
///
/// ```swift
/// for (input, labels) in training.shuffledBatches(size: 64, using: &generator) {
///     let logits = model.forward(input, mode: .training)       // input: [≤ 64, F]
///     let (value, gradient) = loss(logits, target: .classes(labels))
///     …
/// }
/// ```
public struct MiniBatches<Scalar: TensorScalar, Target: DatasetTargets>: RandomAccessCollection, Sendable {
    /// The data set the batches are drawn from.
    public let dataset: Dataset<Scalar, Target>
    /// The example indices in the order the batches visit them.
    public let order: [Int]
    /// The number of examples per batch (the last batch may hold fewer).
    public let batchSize: Int
    /// Whether a last batch of fewer than `batchSize` examples is left out.
    public let dropsLast: Bool

    /// Creates the batches of `dataset` in the given order.
    ///
    /// - Parameters:
    ///   - dataset: The examples.
    ///   - order: The example indices in visiting order (a permutation of `0..<N`, or any
    ///     selection of indices).
    ///   - batchSize: The number of examples per batch.
    ///   - dropLast: Whether to leave out a last batch shorter than `batchSize`.
    /// - Precondition: `batchSize > 0` and every index of `order` is in `0..<dataset.count`.
    public init(_ dataset: Dataset<Scalar, Target>, order: [Int], batchSize: Int, dropLast: Bool) {
        checkPrecondition(batchSize > 0, "MiniBatches: the batch size must be positive, got \(batchSize)")
        checkPrecondition(
            order.allSatisfy { $0 >= 0 && $0 < dataset.count },
            "MiniBatches: the order holds an index outside 0..<\(dataset.count)")
        self.dataset = dataset
        self.order = order
        self.batchSize = batchSize
        self.dropsLast = dropLast
    }

    /// 0.
    public var startIndex: Int { 0 }

    /// The number of batches: ⌊n / batchSize⌋ with `dropLast`, ⌈n / batchSize⌉ without, for n
    /// indices in `order`.
    public var endIndex: Int {
        dropsLast ? order.count / batchSize : (order.count + batchSize - 1) / batchSize
    }

    /// The example indices of batch `position`, in order.
    ///
    /// - Precondition: `position` is in `0..<count`.
    public func exampleIndices(ofBatch position: Int) -> ArraySlice<Int> {
        checkPrecondition(
            position >= 0 && position < endIndex, "MiniBatches: batch \(position) of \(endIndex)")
        let start = position * batchSize
        return order[start..<Swift.min(start + batchSize, order.count)]
    }

    /// Batch `position`: the features `[b, …]` and the targets of its b examples.
    ///
    /// - Precondition: `position` is in `0..<count`.
    /// - Complexity: O(b × the size of one example): the examples are gathered on access.
    public subscript(position: Int) -> (features: Tensor<Scalar>, targets: Target) {
        let indices = exampleIndices(ofBatch: position)
        return (dataset.features.gathering(indices), dataset.targets.gathering(indices))
    }
}
