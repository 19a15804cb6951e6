/// Xavier (Glorot) normal initialization (PyTorch's `xavier_normal_`).
///
/// Draws every element from N(0, σ²) with
///   σ = gain · √(2/(fanIn + fanOut)).
/// PyTorch's default gain is 1.
public struct XavierNormal: NormalInitializer {
    /// The factor applied to the standard deviation.
    public let gain: Double

    /// Creates the initializer.
    ///
    /// - Parameter gain: The scaling factor (default 1).
    /// - Precondition: `gain` is finite and not negative.
    public init(gain: Double = 1) {
        checkPrecondition(gain.isFinite && gain >= 0, "XavierNormal: gain must be finite and not negative, got \(gain)")
        self.gain = gain
    }

    /// The standard deviation σ = gain · √(2/(fanIn + fanOut)) for a weight of the given shape.
    ///
    /// - Precondition: `shape` has at least two dimensions and no zero extent.
    public func standardDeviation(for shape: [Int]) -> Double {
        let (fanIn, fanOut) = fans(of: shape)
        return gain * (2 / Double(fanIn + fanOut)).squareRoot()
    }
}

extension Initializer where Self == XavierNormal {
    /// Xavier normal initialization: N(0, σ²), σ = gain · √(2/(fanIn + fanOut)).
    ///
    /// - Parameter gain: The scaling factor (default 1).
    public static func xavierNormal(gain: Double = 1) -> XavierNormal {
        XavierNormal(gain: gain)
    }
}
