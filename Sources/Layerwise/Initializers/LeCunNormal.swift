/// LeCun normal initialization, the companion of SELU (self-normalizing networks).
///
/// Draws every element from N(0, σ²) with
///   σ = 1/√fanIn.
/// The normal is NOT truncated (Keras's `lecun_normal` truncates at ±2σ and rescales; this
/// is the plain normal, which is what PyTorch's SELU documentation asks for with
/// `kaiming_normal_(nonlinearity="linear")`, the same distribution).
public struct LeCunNormal: NormalInitializer {
    /// Creates the initializer.
    public init() {}

    /// The standard deviation σ = 1/√fanIn for a weight of the given shape.
    ///
    /// - Precondition: `shape` has at least two dimensions and no zero extent.
    public func standardDeviation(for shape: [Int]) -> Double {
        1 / Double(fans(of: shape).fanIn).squareRoot()
    }
}

extension Initializer where Self == LeCunNormal {
    /// LeCun normal initialization: N(0, 1/fanIn), untruncated.
    public static var lecunNormal: LeCunNormal {
        LeCunNormal()
    }
}
