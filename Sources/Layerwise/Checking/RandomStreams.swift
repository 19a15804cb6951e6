/// The independent random streams of one gradient check, all derived from its seed.
struct RandomStreams {
    /// Draws generated inputs.
    var input: RandomGenerator
    /// Draws the upstream gradient g.
    var upstream: RandomGenerator
    /// Draws the element sample when `maximumElementsPerTensor` is set.
    var sampling: RandomGenerator

    /// Splits three streams off a generator seeded with `seed`.
    init(seed: UInt64) {
        var root = RandomGenerator(seed: seed)
        input = root.split()
        upstream = root.split()
        sampling = root.split()
    }
}
