/// A layer that can hand out a copy of itself whose `Dropout` layers drop nothing (p = 0), for
/// `overfitOneBatch`, which trains with regularization off.
///
/// A Dropout with p = 0 is the identity in training mode too and draws no random numbers, so
/// the copy trains in training mode — BatchNorm keeps normalizing with batch statistics — while
/// no unit is dropped. `Dropout`, `Sequential` and `Residual` conform; the layers inside any
/// other container are left as they are.
protocol DropoutDisabling {
    /// A copy in which every reachable `Dropout` has p = 0, and the number of them.
    func disablingDropout() -> (layer: Self, disabledCount: Int)
}

/// `layer` with its reachable Dropout layers set to p = 0, and their number.
///
/// - Parameter layer: Any layer; unchanged (0 disabled) if it is no `DropoutDisabling` type.
func disablingDropout<L: Layer>(in layer: L) -> (layer: L, disabledCount: Int) {
    guard let container = layer as? any DropoutDisabling else { return (layer, 0) }
    let (result, count) = container.disablingDropout()
    return (result as! L, count)
}

extension Dropout: DropoutDisabling {
    /// A Dropout with p = 0 (the identity), or this one if p is already 0.
    func disablingDropout() -> (layer: Dropout, disabledCount: Int) {
        guard probability > 0 else { return (self, 0) }
        var unusedGenerator = RandomGenerator(seed: 0)  // p = 0 draws nothing from it.
        return (Dropout(probability: 0, generator: &unusedGenerator), 1)
    }
}

extension Sequential: DropoutDisabling {
    /// The sequence with every layer's Dropout disabled.
    func disablingDropout() -> (layer: Sequential, disabledCount: Int) {
        var result = self
        var total = 0
        for index in layers.indices {
            let (layer, count) = disablingDropout(in: layers[index])
            if count > 0 {
                result[index] = layer
                total += count
            }
        }
        return (result, total)
    }

    /// Opens the existential so that the generic function sees the concrete layer type.
    private func disablingDropout(in layer: any Layer<Scalar>) -> (layer: any Layer<Scalar>, disabledCount: Int) {
        Layerwise.disablingDropout(in: layer)
    }
}

extension Residual: DropoutDisabling {
    /// The skip connection with its body's Dropout disabled.
    func disablingDropout() -> (layer: Residual, disabledCount: Int) {
        var result = self
        let (body, count) = Layerwise.disablingDropout(in: body)
        result.body = body
        return (result, count)
    }
}
