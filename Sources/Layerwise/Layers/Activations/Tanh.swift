import _LayerwiseKernels

/// The hyperbolic tangent, as a layer.
///
/// Forward:  y = tanh(x)
/// Backward: ∂L/∂x = ∂L/∂y · (1 − y²)
///
/// No options (PyTorch's `nn.Tanh`). The platform `tanh` saturates to ±1 without overflow,
/// so the derivative, computed from the output as PyTorch does, is 0 (not NaN) for |x| ≳ 20.
public typealias Tanh<Scalar: TensorScalar> = Activation<TanhFunction<Scalar>>

extension Activation {
    /// Creates a tanh layer.
    public init<Scalar>() where Function == TanhFunction<Scalar> {
        self.init(TanhFunction())
    }
}

/// f(x) = tanh(x); f′(x) = 1 − tanh²(x).
public struct TanhFunction<Scalar: TensorScalar>: ActivationFunction {
    /// Creates the function.
    public init() {}

    /// `Tanh`.
    public var description: String { "Tanh" }

    /// tanh(x).
    public func value(_ x: Scalar) -> Scalar {
        Scalar.tanh(x)
    }

    /// 1 − y² with y = tanh(x).
    public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        1 - y * y
    }

    /// The whole-buffer loops: a vectorized kernel for `Float`, the loop over `value` and
    /// `derivative` specialized for `Double`.
    private var kernel: ActivationKernel {
        ActivationKernel(function: LWKActivationTanh)
    }

    /// yᵢ = f(xᵢ) for the whole buffer, by `kernel`.
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        kernel.forward(input, into: &output, double: TanhFunction<Double>())
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ) for the whole buffer, by `kernel`.
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        kernel.backward(gradOutput, input: input, output: output, into: &gradInput, double: TanhFunction<Double>())
    }
}
