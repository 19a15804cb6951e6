/// Kaiming (He) uniform initialization (PyTorch's `kaiming_uniform_`).
///
/// Draws every element from U(−b, b) with
///   b = gain · √(3/fan),
/// where gain is the nonlinearity's (`Nonlinearity.gain`) and fan is the fan-in or the fan-out
/// (`mode`). The variance is gain²/fan. PyTorch's defaults are a = 0, mode `fan_in`,
/// nonlinearity `leaky_relu`, so the default gain is √2: b = √(6/fanIn).
///
/// `Linear`'s default weight initialization is this with `.leakyReLU(negativeSlope: √5)`:
/// gain = √(1/3), b = 1/√fanIn.
public struct KaimingUniform: UniformInitializer {
    /// Which fan the bound divides by.
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

    /// The bound b = gain · √(3/fan) for a weight of the given shape.
    ///
    /// - Precondition: `shape` has at least two dimensions and no zero extent.
    public func bound(for shape: [Int]) -> Double {
        nonlinearity.gain * (3 / Double(mode.fan(of: shape))).squareRoot()
    }
}

extension Initializer where Self == KaimingUniform {
    /// Kaiming uniform initialization: U(−b, b), b = gain · √(3/fan).
    ///
    /// - Parameters:
    ///   - mode: `.fanIn` (default) or `.fanOut`.
    ///   - nonlinearity: The following nonlinearity (default leaky ReLU with slope 0, gain √2).
    public static func kaimingUniform(
        mode: FanMode = .fanIn, nonlinearity: Nonlinearity = .leakyReLU(negativeSlope: 0)
    ) -> KaimingUniform {
        KaimingUniform(mode: mode, nonlinearity: nonlinearity)
    }
}
