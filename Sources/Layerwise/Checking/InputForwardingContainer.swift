/// A container whose input goes straight into one inner layer (and, for `Residual`, also
/// around it), so that it has that layer's input kinks.
protocol InputForwardingContainer<Scalar>: Layer {
    /// The layer that sees the container's input first, if any.
    var inputLayer: (any Layer<Scalar>)? { get }
}

extension Sequential: InputForwardingContainer {
    var inputLayer: (any Layer<Scalar>)? { layers.first }
}

extension Residual: InputForwardingContainer {
    var inputLayer: (any Layer<Scalar>)? { body }
}

/// The input values at which `layer` has kinks: a `KinkedLayer`'s `kinks`, looking through
/// `Sequential` and `Residual` to the layer that receives the input.
func inputKinks<L: Layer>(of layer: L) -> [Double] {
    if let kinked = layer as? any KinkedLayer {
        return kinked.kinkValues
    }
    if let container = layer as? any InputForwardingContainer<L.Scalar>,
        let inner = container.inputLayer
    {
        return inputKinks(of: inner)
    }
    return []
}
