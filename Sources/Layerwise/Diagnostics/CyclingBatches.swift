/// An endless stream of mini-batches: shuffled epochs of a data set, one after another, each
/// without its short last batch. The learning-rate range test draws its steps from it.
struct CyclingBatches<Scalar: TensorScalar, Target: DatasetTargets> {
    /// The data set.
    let dataset: Dataset<Scalar, Target>
    /// The examples per batch.
    let batchSize: Int
    /// The current epoch's batches, and the position of the next one.
    private var epoch: MiniBatches<Scalar, Target>?
    private var position = 0

    /// A stream over `dataset`.
    ///
    /// - Precondition: the data set holds at least `batchSize > 0` examples.
    init(_ dataset: Dataset<Scalar, Target>, batchSize: Int) {
        checkPrecondition(
            batchSize > 0 && dataset.count >= batchSize,
            "a batch of \(batchSize) from \(dataset.count) examples")
        self.dataset = dataset
        self.batchSize = batchSize
    }

    /// The next batch; a new shuffled epoch (drawn from `generator`) when the current one is
    /// used up.
    mutating func next(using generator: inout RandomGenerator) -> (features: Tensor<Scalar>, targets: Target) {
        if epoch == nil || position == epoch!.count {
            epoch = dataset.shuffledBatches(size: batchSize, dropLast: true, using: &generator)
            position = 0
        }
        defer { position += 1 }
        return epoch![position]
    }
}
