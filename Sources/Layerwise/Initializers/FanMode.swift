/// Which fan the Kaiming initializers scale by (PyTorch's `mode`).
///
/// `.fanIn` (the default) keeps the variance of the activations in the forward pass;
/// `.fanOut` keeps the variance of the gradients in the backward pass. See `fans(of:)`.
public enum FanMode: Sendable, Hashable {
    /// Scale by the fan-in, `in · Πk` for a weight `[out, in, k…]` (PyTorch's `"fan_in"`).
    case fanIn
    /// Scale by the fan-out, `out · Πk` for a weight `[out, in, k…]` (PyTorch's `"fan_out"`).
    case fanOut

    /// The fan of a weight of the given shape that this mode selects.
    ///
    /// - Precondition: `shape` has at least two dimensions.
    public func fan(of shape: [Int]) -> Int {
        let (fanIn, fanOut) = fans(of: shape)
        return self == .fanIn ? fanIn : fanOut
    }
}
