import _LayerwiseKernels

/// The sigmoid linear unit (swish), as a layer.
///
/// Forward:  y = x·σ(x)
/// Backward: ∂L/∂x = ∂L/∂y · σ(x)·(1 + x·(1 − σ(x)))
///
/// No options (PyTorch's `nn.SiLU`). σ is evaluated in the stable form of `SigmoidFunction`,
/// so for x → −∞ the output and derivative go to 0 and for x → +∞ to x and 1, all finite.
public typealias SiLU<Scalar: TensorScalar> = Activation<SiLUFunction<Scalar>>

extension Activation {
    /// Creates a SiLU layer.
    public init<Scalar>() where Function == SiLUFunction<Scalar> {
        self.init(SiLUFunction())
    }
}

/// f(x) = x·σ(x); f′(x) = σ(x)·(1 + x·(1 − σ(x))).
public struct SiLUFunction<Scalar: TensorScalar>: ActivationFunction {
    /// Creates the function.
    public init() {}

    /// `SiLU`.
    public var description: String { "SiLU" }

    /// x·σ(x).
    public func value(_ x: Scalar) -> Scalar {
        x * SigmoidFunction<Scalar>().value(x)
    }

    /// σ(x)·(1 + x·(1 − σ(x))).
    public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        let sigmoid = SigmoidFunction<Scalar>().value(x)
        return sigmoid * (1 + x * (1 - sigmoid))
    }

    /// The whole-buffer loops: a vectorized kernel for `Float`, the loop over `value` and
    /// `derivative` specialized for `Double`.
    private var kernel: ActivationKernel {
        ActivationKernel(function: LWKActivationSiLU)
    }

    /// yᵢ = f(xᵢ) for the whole buffer, by `kernel`.
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        kernel.forward(input, into: &output, double: SiLUFunction<Double>())
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ) for the whole buffer, by `kernel`.
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        kernel.backward(gradOutput, input: input, output: output, into: &gradInput, double: SiLUFunction<Double>())
    }
}
