import _LayerwiseKernels

/// The Mish activation, as a layer.
///
/// Forward:  y = x·tanh(softplus(x)),   softplus(x) = log(1 + eˣ)
/// Backward: ∂L/∂x = ∂L/∂y · (t + x·σ(x)·(1 − t²)),   t = tanh(softplus(x))
///
/// (dt/dx = (1 − t²)·softplus′(x) and softplus′ = σ.) No options (PyTorch's `nn.Mish`).
/// softplus is evaluated as max(x, 0) + log1p(e^(−|x|)) and σ in its stable form, so nothing
/// overflows: for x → +∞ the output is x with derivative 1, for x → −∞ both go to 0.
public typealias Mish<Scalar: TensorScalar> = Activation<MishFunction<Scalar>>

extension Activation {
    /// Creates a Mish layer.
    public init<Scalar>() where Function == MishFunction<Scalar> {
        self.init(MishFunction())
    }
}

/// f(x) = x·tanh(softplus(x)); f′(x) = t + x·σ(x)·(1 − t²) with t = tanh(softplus(x)).
public struct MishFunction<Scalar: TensorScalar>: ActivationFunction {
    /// Creates the function.
    public init() {}

    /// `Mish`.
    public var description: String { "Mish" }

    /// x·tanh(softplus(x)).
    public func value(_ x: Scalar) -> Scalar {
        x * Scalar.tanh(softplus(x))
    }

    /// t + x·σ(x)·(1 − t²), t = tanh(softplus(x)).
    public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        let t = Scalar.tanh(softplus(x))
        let sigmoid = SigmoidFunction<Scalar>().value(x)
        return t + x * sigmoid * (1 - t * t)
    }

    /// log(1 + eˣ) = max(x, 0) + log1p(e^(−|x|)), without overflow.
    private func softplus(_ x: Scalar) -> Scalar {
        max(x, 0) + Scalar.log1p(Scalar.exp(-abs(x)))
    }

    /// The whole-buffer loops: a vectorized kernel for `Float`, the loop over `value` and
    /// `derivative` specialized for `Double`.
    private var kernel: ActivationKernel {
        ActivationKernel(function: LWKActivationMish)
    }

    /// yᵢ = f(xᵢ) for the whole buffer, by `kernel`.
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        kernel.forward(input, into: &output, double: MishFunction<Double>())
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ) for the whole buffer, by `kernel`.
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        kernel.backward(gradOutput, input: input, output: output, into: &gradInput, double: MishFunction<Double>())
    }
}
