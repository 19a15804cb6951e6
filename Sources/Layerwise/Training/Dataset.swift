/// A data set in memory: a features tensor whose first axis runs over the examples, and one
/// target per example.
///
/// The targets are class labels (`Dataset<Float, [Int]>`, for classification) or a tensor
/// (`Dataset<Float, Tensor<Float>>`, for regression or soft targets). A data set is a value:
/// subsets, splits and mini-batches gather copies of the examples they hold.
///
/// ```swift
/// var generator = RandomGenerator(seed: 7)
/// let data = Dataset(features: pixels, labels: digits)            // [1797, 64], [Int]
/// let (training, test) = data.stratifiedSplit(validationFraction: 0.2, using: &generator)
/// for (input, labels) in training.shuffledBatches(size: 64, dropLast: true, using: &generator) {
///     // one optimizer step
/// }
/// ```
public struct Dataset<Scalar: TensorScalar, Target: DatasetTargets>: Sendable {
    /// The inputs, `[N, …]` (usually `[N, F]`): example i is `features[i, …]`.
    public let features: Tensor<Scalar>
    /// The targets: example i's target is entry i.
    public let targets: Target

    /// Creates a data set from features and targets with one entry per example.
    ///
    /// - Parameters:
    ///   - features: The inputs, `[N, …]`.
    ///   - targets: N targets.
    /// - Precondition: `features` has rank ≥ 1 and as many examples as `targets`.
    public init(features: Tensor<Scalar>, targets: Target) {
        checkPrecondition(
            features.rank >= 1 && features.shape[0] == targets.exampleCount,
            "Dataset: features of shape \(features.shape) and \(targets.exampleCount) targets do not have the same number of examples")
        self.features = features
        self.targets = targets
    }

    /// The number of examples N.
    public var count: Int { features.shape[0] }

    /// The examples at `indices`, in that order.
    ///
    /// - Parameter indices: Example indices in `0..<count`.
    /// - Returns: A data set of `indices.count` examples.
    public func subset(_ indices: some Sequence<Int>) -> Dataset {
        let indices = ArraySlice(indices)
        return Dataset(features: features.gathering(indices), targets: targets.gathering(indices))
    }

    /// The examples in order, in mini-batches of `size` (the last one shorter unless dropped).
    ///
    /// Use it for evaluation; training wants `shuffledBatches(size:dropLast:using:)`.
    ///
    /// - Parameters:
    ///   - size: The number of examples per batch.
    ///   - dropLast: Whether to leave out a last batch of fewer than `size` examples.
    /// - Precondition: `size > 0`.
    public func batches(size: Int, dropLast: Bool = false) -> MiniBatches<Scalar, Target> {
        MiniBatches(self, order: Array(0..<count), batchSize: size, dropLast: dropLast)
    }

    /// The examples in a fresh random order, in mini-batches of `size`: one epoch.
    ///
    /// The order is a uniform random permutation drawn from `generator` (Fisher–Yates), which
    /// is advanced, so calling this once per epoch with the same generator gives a new order
    /// every epoch, and a generator with the same seed gives the same sequence of orders.
    ///
    /// - Parameters:
    ///   - size: The number of examples per batch.
    ///   - dropLast: Whether to leave out a last batch of fewer than `size` examples (a
    ///     network with `BatchNorm` cannot train on a batch of one).
    ///   - generator: The source of the order; advanced by about N − 1 draws.
    /// - Precondition: `size > 0`.
    /// - Complexity: O(N) for the order; each batch gathers its examples when it is accessed.
    public func shuffledBatches(
        size: Int, dropLast: Bool = false, using generator: inout RandomGenerator
    ) -> MiniBatches<Scalar, Target> {
        MiniBatches(self, order: generator.permutation(count), batchSize: size, dropLast: dropLast)
    }
}

extension Dataset where Target == [Int] {
    /// Creates a classification data set: features and one class index per example.
    ///
    /// - Parameters:
    ///   - features: The inputs, `[N, …]`.
    ///   - labels: N class indices.
    /// - Precondition: `features` has N examples.
    public init(features: Tensor<Scalar>, labels: [Int]) {
        self.init(features: features, targets: labels)
    }

    /// The class index of every example (the same as `targets`).
    public var labels: [Int] { targets }
}
