import Layerwise

/// The random streams of one seed: one for the initial weights, one for the order of the
/// mini-batches.
///
/// Both come from `RandomGenerator(seed:)` by `split()`, so they depend on the seed alone and
/// not on the optimizer: within a seed every optimizer starts from the same weights and sees
/// the batches in the same order.
public struct SeedStreams: Sendable, Equatable {
    /// The seed.
    public let seed: UInt64
    /// The generator that initializes the model.
    public let initialization: RandomGenerator
    /// The generator that shuffles the training data every epoch.
    public let shuffling: RandomGenerator

    /// The streams of `seed`.
    ///
    /// - Parameter seed: Any seed; tuning uses 0, final runs 1, 2, ….
    public init(seed: UInt64) {
        var root = RandomGenerator(seed: seed)
        self.seed = seed
        initialization = root.split()
        shuffling = root.split()
    }
}
