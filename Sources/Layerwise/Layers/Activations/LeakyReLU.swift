import _LayerwiseKernels

/// The leaky rectified linear unit, as a layer.
///
/// Forward:  y = x if x > 0, else s·x            (s = `negativeSlope`)
/// Backward: ∂L/∂x = ∂L/∂y · (x > 0 ? 1 : s)     (at x = 0 the slope is s, as in PyTorch)
///
/// PyTorch default: `negativeSlope` = 0.01 (`nn.LeakyReLU(negative_slope=0.01)`).
public typealias LeakyReLU<Scalar: TensorScalar> = Activation<LeakyReLUFunction<Scalar>>

extension Activation {
    /// Creates a leaky ReLU layer.
    ///
    /// - Parameter negativeSlope: The slope s for x ≤ 0; PyTorch's default is 0.01.
    public init<Scalar>(negativeSlope: Scalar = 0.01) where Function == LeakyReLUFunction<Scalar> {
        self.init(LeakyReLUFunction(negativeSlope: negativeSlope))
    }
}

/// f(x) = x for x > 0, else s·x; f′(x) = 1 for x > 0, else s.
public struct LeakyReLUFunction<Scalar: TensorScalar>: ActivationFunction {
    /// The slope s of the negative part.
    public var negativeSlope: Scalar

    /// Creates the function with slope `negativeSlope` for x ≤ 0.
    public init(negativeSlope: Scalar = 0.01) {
        self.negativeSlope = negativeSlope
    }

    /// `LeakyReLU(negativeSlope: s)`.
    public var description: String { "LeakyReLU(negativeSlope: \(negativeSlope))" }

    /// The corner at 0 (none when s = 1, where the function is the identity).
    public var kinks: [Scalar] { negativeSlope == 1 ? [] : [0] }

    /// x for x > 0, else s·x.
    public func value(_ x: Scalar) -> Scalar {
        x > 0 ? x : negativeSlope * x
    }

    /// 1 for x > 0, else s.
    public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        x > 0 ? 1 : negativeSlope
    }

    /// The whole-buffer loops: a vectorized kernel for `Float`, the loop over `value` and
    /// `derivative` specialized for `Double`.
    private var kernel: ActivationKernel {
        ActivationKernel(
            function: LWKActivationLeakyReLU,
            parameters: LWKActivationParameters(alpha: Float(negativeSlope), scale: 1, beta: 1, threshold: 0, minimum: 0, maximum: 0))
    }

    /// yᵢ = f(xᵢ) for the whole buffer, by `kernel`.
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        kernel.forward(input, into: &output, double: LeakyReLUFunction<Double>(negativeSlope: Double(negativeSlope)))
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ) for the whole buffer, by `kernel`.
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        kernel.backward(gradOutput, input: input, output: output, into: &gradInput, double: LeakyReLUFunction<Double>(negativeSlope: Double(negativeSlope)))
    }
}
