/// A layer that is not differentiable where an input element takes one of a few values.
///
/// `GradientCheck` keeps the inputs it generates at least `kinkMargin` away from these values,
/// so that its finite-difference stencil never straddles a kink. Every `Activation` conforms
/// through its function's `kinks` (ReLU's 0, Hardtanh's −1 and 1); conform a layer of your own
/// when it has kinks at fixed input values:
///
/// ```swift
/// extension Clamp: KinkedLayer {   // y = min(max(x, −1), 1)
///     var kinks: [Scalar] { [-1, 1] }
/// }
/// ```
///
/// A `Sequential` or `Residual` whose first layer is kinked has the same kinks: the checker
/// looks through them.
public protocol KinkedLayer<Scalar>: Layer {
    /// The input values at which the layer's function of an input element is not
    /// differentiable.
    var kinks: [Scalar] { get }
}

extension Activation: KinkedLayer {}

extension KinkedLayer {
    /// The kinks as `Double`s, readable through an existential.
    var kinkValues: [Double] { kinks.map { Double($0) } }
}
