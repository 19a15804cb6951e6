/// A nonlinearity that follows a weight, for choosing an initializer's gain (PyTorch's
/// `torch.nn.init.calculate_gain`).
///
/// The gain g is chosen so that the activations keep their variance from layer to layer:
///
/// | nonlinearity            | gain               |
/// |-------------------------|--------------------|
/// | linear, identity        | 1                  |
/// | sigmoid                 | 1                  |
/// | tanh                    | 5/3                |
/// | relu                    | √2                 |
/// | leakyReLU(a)            | √(2/(1 + a²))      |
/// | selu                    | 3/4                |
///
/// PyTorch's convolution entries (`conv1d`, …, gain 1) are covered by `.linear`.
public enum Nonlinearity: Sendable, Hashable {
    /// No nonlinearity (a linear layer or a convolution): gain 1.
    case linear
    /// The identity: gain 1.
    case identity
    /// The logistic sigmoid: gain 1.
    case sigmoid
    /// The hyperbolic tangent: gain 5/3.
    case tanh
    /// The rectified linear unit: gain √2.
    case relu
    /// The leaky ReLU with the given negative slope a: gain √(2/(1 + a²)). The default slope
    /// 0.01 is `calculate_gain("leaky_relu")`'s; the Kaiming initializers default to a = 0.
    case leakyReLU(negativeSlope: Double = 0.01)
    /// The scaled exponential linear unit: gain 3/4 (PyTorch's choice for SELU networks with
    /// Kaiming initialization; see also `LeCunNormal`).
    case selu

    /// The recommended gain, as `torch.nn.init.calculate_gain` computes it.
    public var gain: Double {
        switch self {
        case .linear, .identity, .sigmoid: 1
        case .tanh: 5.0 / 3
        case .relu: 2.0.squareRoot()
        case .leakyReLU(let negativeSlope): (2 / (1 + negativeSlope * negativeSlope)).squareRoot()
        case .selu: 3.0 / 4
        }
    }
}
