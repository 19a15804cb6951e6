/// Xavier (Glorot) uniform initialization (PyTorch's `xavier_uniform_`).
///
/// Draws every element from U(−b, b) with
///   b = gain · √(6/(fanIn + fanOut)),
/// so that the variance is gain² · 2/(fanIn + fanOut). PyTorch's default gain is 1; pass
/// `Nonlinearity.tanh.gain` and the like for layers followed by a nonlinearity.
public struct XavierUniform: UniformInitializer {
    /// The factor applied to the bound.
    public let gain: Double

    /// Creates the initializer.
    ///
    /// - Parameter gain: The scaling factor (default 1).
    /// - Precondition: `gain` is finite and not negative.
    public init(gain: Double = 1) {
        checkPrecondition(gain.isFinite && gain >= 0, "XavierUniform: gain must be finite and not negative, got \(gain)")
        self.gain = gain
    }

    /// The bound b = gain · √(6/(fanIn + fanOut)) for a weight of the given shape.
    ///
    /// - Precondition: `shape` has at least two dimensions and no zero extent.
    public func bound(for shape: [Int]) -> Double {
        let (fanIn, fanOut) = fans(of: shape)
        return gain * (6 / Double(fanIn + fanOut)).squareRoot()
    }
}

extension Initializer where Self == XavierUniform {
    /// Xavier uniform initialization: U(−b, b), b = gain · √(6/(fanIn + fanOut)).
    ///
    /// - Parameter gain: The scaling factor (default 1).
    public static func xavierUniform(gain: Double = 1) -> XavierUniform {
        XavierUniform(gain: gain)
    }
}
