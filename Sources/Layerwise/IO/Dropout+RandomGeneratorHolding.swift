extension Dropout: RandomGeneratorHolding {
    /// Visits the mask generator, named `"generator"`.
    public mutating func visitRandomGenerators(_ visit: (String, inout RandomGenerator) -> Void) {
        visit("generator", &generator)
    }
}
