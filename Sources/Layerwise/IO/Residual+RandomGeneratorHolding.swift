extension Residual: RandomGeneratorHolding {
    /// Visits the body's generators, named `"body.<name>"`.
    public mutating func visitRandomGenerators(_ visit: (String, inout RandomGenerator) -> Void) {
        forEachRandomGenerator(in: &body) { name, generator in visit("body." + name, &generator) }
    }
}
