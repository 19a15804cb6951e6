/// A layer that keeps random generators of its own (`Dropout`'s mask generator), or contains
/// such layers (`Sequential`, `Residual`), so that a checkpoint can save and restore them and a
/// resumed run draws the same masks as an uninterrupted one.
///
/// Names follow the parameter names: `Dropout`'s generator is `"generator"`, and inside a
/// `Sequential` the one of layer 2 is `"2.generator"`.
public protocol RandomGeneratorHolding {
    /// Calls `visit` on every random generator the layer keeps, with its name, in a fixed order.
    mutating func visitRandomGenerators(_ visit: (String, inout RandomGenerator) -> Void)
}

/// Visits the random generators of any layer: those of a `RandomGeneratorHolding` layer, none
/// for the others.
func forEachRandomGenerator<Model: Layer>(
    in model: inout Model, _ visit: (String, inout RandomGenerator) -> Void
) {
    guard var holder = model as? any RandomGeneratorHolding else { return }
    holder.visitRandomGenerators(visit)
    model = holder as! Model
}

/// The named random generators of a layer (a copy).
func namedRandomGenerators<Model: Layer>(of model: Model) -> [(name: String, generator: RandomGenerator)] {
    var copy = model
    var result: [(name: String, generator: RandomGenerator)] = []
    forEachRandomGenerator(in: &copy) { name, generator in result.append((name, generator)) }
    return result
}
