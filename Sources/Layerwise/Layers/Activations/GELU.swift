import _LayerwiseKernels

/// The Gaussian error linear unit, as a layer, exact or with PyTorch's tanh approximation.
///
/// Exact (`.none`, the default), with Φ the standard normal CDF and φ its density:
///
/// Forward:  y = x·Φ(x) = ½·x·(1 + erf(x/√2))
/// Backward: ∂L/∂x = ∂L/∂y · (Φ(x) + x·φ(x)),   φ(x) = e^(−x²/2)/√(2π)
///
/// Tanh approximation (`.tanh`), with u = √(2/π)·(x + 0.044715·x³) and t = tanh(u):
///
/// Forward:  y = ½·x·(1 + t)
/// Backward: ∂L/∂x = ∂L/∂y · (½·(1 + t) + ½·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²))
///
/// This is the exact derivative of the approximation (as PyTorch's backward), not of x·Φ(x).
/// PyTorch default: `approximate='none'`. For |x| large both forms saturate to x or 0 with
/// finite derivatives 1 or 0 (the tanh form drops its vanishing second term once 1 − t² = 0,
/// so that x³ overflowing to ±∞ in Float cannot turn it into ∞·0).
public typealias GELU<Scalar: TensorScalar> = Activation<GELUFunction<Scalar>>

extension Activation {
    /// Creates a GELU layer.
    ///
    /// - Parameter approximation: `.none` for the exact x·Φ(x) (PyTorch's default) or `.tanh`.
    public init<Scalar>(approximation: GELUApproximation = .none)
    where Function == GELUFunction<Scalar> {
        self.init(GELUFunction(approximation: approximation))
    }
}

/// f(x) = x·Φ(x), exact or in PyTorch's tanh approximation, and its exact derivative.
public struct GELUFunction<Scalar: TensorScalar>: ActivationFunction {
    /// Which form of Φ is used.
    public var approximation: GELUApproximation

    /// Creates the function.
    public init(approximation: GELUApproximation = .none) {
        self.approximation = approximation
    }

    /// `GELU` or `GELU(approximation: tanh)`.
    public var description: String {
        approximation == .none ? "GELU" : "GELU(approximation: \(approximation))"
    }

    /// 1/√2.
    private static var inverseSquareRootOfTwo: Scalar { 0.70710678118654752440084436210484903 }
    /// 1/√(2π).
    private static var inverseSquareRootOfTwoPi: Scalar { 0.39894228040143267793994605993438187 }
    /// √(2/π).
    private static var squareRootOfTwoOverPi: Scalar { 0.79788456080286535587989211986876374 }
    /// The cubic coefficient of the tanh approximation.
    private static var cubicCoefficient: Scalar { 0.044715 }

    /// x·Φ(x) = ½·x·(1 + erf(x/√2)), or ½·x·(1 + tanh(√(2/π)·(x + 0.044715·x³))).
    public func value(_ x: Scalar) -> Scalar {
        switch approximation {
        case .none:
            return x * cumulativeNormal(x)
        case .tanh:
            let t = Scalar.tanh(Self.squareRootOfTwoOverPi * (x + Self.cubicCoefficient * x * x * x))
            return x / 2 * (1 + t)
        }
    }

    /// Φ(x) + x·φ(x), or ½·(1 + t) + ½·x·(1 − t²)·√(2/π)·(1 + 3·0.044715·x²).
    public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        switch approximation {
        case .none:
            let density = Self.inverseSquareRootOfTwoPi * Scalar.exp(-x * x / 2)
            return cumulativeNormal(x) + x * density
        case .tanh:
            let t = Scalar.tanh(Self.squareRootOfTwoOverPi * (x + Self.cubicCoefficient * x * x * x))
            let sechSquared = 1 - t * t
            let outer = (1 + t) / 2
            guard sechSquared != 0 else { return outer }
            let innerDerivative = Self.squareRootOfTwoOverPi * (1 + 3 * Self.cubicCoefficient * x * x)
            return outer + x / 2 * sechSquared * innerDerivative
        }
    }

    /// Φ(x) = ½·(1 + erf(x/√2)).
    private func cumulativeNormal(_ x: Scalar) -> Scalar {
        (1 + Scalar.erf(x * Self.inverseSquareRootOfTwo)) / 2
    }

    /// The whole-buffer loops: a vectorized kernel for `Float`, the loop over `value` and
    /// `derivative` specialized for `Double`.
    private var kernel: ActivationKernel {
        ActivationKernel(function: approximation == .none ? LWKActivationGELU : LWKActivationGELUTanh)
    }

    /// yᵢ = f(xᵢ) for the whole buffer, by `kernel`.
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        kernel.forward(input, into: &output, double: GELUFunction<Double>(approximation: approximation))
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ) for the whole buffer, by `kernel`.
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        kernel.backward(gradOutput, input: input, output: output, into: &gradInput, double: GELUFunction<Double>(approximation: approximation))
    }
}
