import _LayerwiseKernels

/// The logistic sigmoid, as a layer.
///
/// Forward:  y = σ(x) = 1/(1 + e⁻ˣ)
/// Backward: ∂L/∂x = ∂L/∂y · y·(1 − y)
///
/// No options (PyTorch's `nn.Sigmoid`). Stable for both signs: 1/(1 + e⁻ˣ) for x ≥ 0 and
/// eˣ/(1 + eˣ) for x < 0, so the exponential never overflows; outputs stay in [0, 1] and the
/// derivative, computed from the output as PyTorch does, in [0, ¼].
public typealias Sigmoid<Scalar: TensorScalar> = Activation<SigmoidFunction<Scalar>>

extension Activation {
    /// Creates a sigmoid layer.
    public init<Scalar>() where Function == SigmoidFunction<Scalar> {
        self.init(SigmoidFunction())
    }
}

/// f(x) = σ(x) = 1/(1 + e⁻ˣ); f′(x) = σ(x)·(1 − σ(x)).
public struct SigmoidFunction<Scalar: TensorScalar>: ActivationFunction {
    /// Creates the function.
    public init() {}

    /// `Sigmoid`.
    public var description: String { "Sigmoid" }

    /// σ(x), as 1/(1 + e⁻ˣ) for x ≥ 0 and eˣ/(1 + eˣ) for x < 0.
    public func value(_ x: Scalar) -> Scalar {
        if x >= 0 {
            return 1 / (1 + Scalar.exp(-x))
        }
        let exponential = Scalar.exp(x)
        return exponential / (1 + exponential)
    }

    /// y·(1 − y) with y = σ(x).
    public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        y * (1 - y)
    }

    /// The whole-buffer loops: a vectorized kernel for `Float`, the loop over `value` and
    /// `derivative` specialized for `Double`.
    private var kernel: ActivationKernel {
        ActivationKernel(function: LWKActivationSigmoid)
    }

    /// yᵢ = f(xᵢ) for the whole buffer, by `kernel`.
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        kernel.forward(input, into: &output, double: SigmoidFunction<Double>())
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ) for the whole buffer, by `kernel`.
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        kernel.backward(gradOutput, input: input, output: output, into: &gradInput, double: SigmoidFunction<Double>())
    }
}
