extension Sequential: RandomGeneratorHolding {
    /// Visits the generators of every layer that keeps one, named `"<index>.<name>"`.
    public mutating func visitRandomGenerators(_ visit: (String, inout RandomGenerator) -> Void) {
        for index in 0..<count {
            guard var holder = self[index] as? any RandomGeneratorHolding else { continue }
            holder.visitRandomGenerators { name, generator in visit("\(index).\(name)", &generator) }
            self[index] = holder as! any Layer<Scalar>
        }
    }
}
