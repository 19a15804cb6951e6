/// Kaiming (He) normal initialization (PyTorch's `kaiming_normal_`).
///
/// Draws every element from N(0, σ²) with
///   σ = gain/√fan,
/// where gain is the nonlinearity's (`Nonlinearity.gain`) and fan is the fan-in or the fan-out
/// (`mode`). PyTorch's defaults are a = 0, mode `fan_in`, nonlinearity `leaky_relu`, so the
/// default is σ = √(2/fanIn). The normal is not truncated.
public struct KaimingNormal: NormalInitializer {
    /// Which fan the standard deviation divides by.
    public let mode: FanMode
    /// The nonlinearity that follows the layer, which sets the gain.
    public let nonlinearity: Nonlinearity

    /// Creates the initializer with PyTorch's defaults unless told otherwise.
    ///
    /// - Parameters:
    ///   - mode: `.fanIn` (default) or `.fanOut`.
    ///   - nonlinearity: The following nonlinearity (default leaky ReLU with slope 0, gain √2).
    public init(mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyReLU(negativeSlope: 0)) {
        self.mode = mode
        self.nonlinearity = nonlinearity
    }

    /// The standard deviation σ = gain/√fan for a weight of the given shape.
    ///
    /// - Precondition: `shape` has at least two dimensions and no zero extent.
    public func standardDeviation(for shape: [Int]) -> Double {
        nonlinearity.gain / Double(mode.fan(of: shape)).squareRoot()
    }
}

extension Initializer where Self == KaimingNormal {
    /// Kaiming normal initialization: N(0, σ²), σ = gain/√fan.
    ///
    /// - Parameters:
    ///   - mode: `.fanIn` (default) or `.fanOut`.
    ///   - nonlinearity: The following nonlinearity (default leaky ReLU with slope 0, gain √2).
    public static func kaimingNormal(
        mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyReLU(negativeSlope: 0)
    ) -> KaimingNormal {
        KaimingNormal(mode: mode, nonlinearity: nonlinearity)
    }
}
