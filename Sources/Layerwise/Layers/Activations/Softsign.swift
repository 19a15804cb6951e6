import _LayerwiseKernels

/// The softsign function, as a layer.
///
/// Forward:  y = x/(1 + |x|)
/// Backward: ∂L/∂x = ∂L/∂y · 1/(1 + |x|)²
///
/// No options (PyTorch's `nn.Softsign`). Nothing overflows for finite x: the output tends to
/// ±1 and the derivative to 0 (as 1/x², slower than tanh's).
public typealias Softsign<Scalar: TensorScalar> = Activation<SoftsignFunction<Scalar>>

extension Activation {
    /// Creates a softsign layer.
    public init<Scalar>() where Function == SoftsignFunction<Scalar> {
        self.init(SoftsignFunction())
    }
}

/// f(x) = x/(1 + |x|); f′(x) = 1/(1 + |x|)².
public struct SoftsignFunction<Scalar: TensorScalar>: ActivationFunction {
    /// Creates the function.
    public init() {}

    /// `Softsign`.
    public var description: String { "Softsign" }

    /// x/(1 + |x|).
    public func value(_ x: Scalar) -> Scalar {
        x / (1 + abs(x))
    }

    /// 1/(1 + |x|)².
    public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        let denominator = 1 + abs(x)
        return 1 / (denominator * denominator)
    }

    /// The whole-buffer loops: a vectorized kernel for `Float`, the loop over `value` and
    /// `derivative` specialized for `Double`.
    private var kernel: ActivationKernel {
        ActivationKernel(function: LWKActivationSoftsign)
    }

    /// yᵢ = f(xᵢ) for the whole buffer, by `kernel`.
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        kernel.forward(input, into: &output, double: SoftsignFunction<Double>())
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ) for the whole buffer, by `kernel`.
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        kernel.backward(gradOutput, input: input, output: output, into: &gradInput, double: SoftsignFunction<Double>())
    }
}
