import _LayerwiseKernels

/// The softplus function, a smooth ReLU, as a layer, with PyTorch's linear cut-off.
///
/// Forward:  y = x                   if β·x > T
///           y = (1/β)·log(1 + e^(β·x))  otherwise
/// Backward: ∂L/∂x = ∂L/∂y · (β·x > T ? 1 : σ(β·x))
///
/// PyTorch defaults: β = 1, T = 20 (`nn.Softplus(beta=1.0, threshold=20.0)`).
///
/// Numerical notes. Below the cut-off, log(1 + eᶻ) (z = β·x) is evaluated as
/// max(z, 0) + log1p(e^(−|z|)), which never overflows, even with a large T in Float, and is
/// exact to rounding for very negative z; σ is the stable `SigmoidFunction`.
/// The cut-off x = T/β is a genuine non-differentiable point, listed in `kinks`: the function
/// jumps there by −log1p(e^(−T))/β (−2.1·10⁻⁹ for the defaults) and its derivative from σ(T)
/// to 1. Finite differences across it are therefore meaningless, as they are in PyTorch.
public typealias Softplus<Scalar: TensorScalar> = Activation<SoftplusFunction<Scalar>>

extension Activation {
    /// Creates a softplus layer.
    ///
    /// - Parameters:
    ///   - beta: The sharpness β; PyTorch's default is 1.
    ///   - threshold: The cut-off T: where β·x > T the layer is the identity; default 20.
    /// - Precondition: β is finite and not 0.
    public init<Scalar>(beta: Scalar = 1, threshold: Scalar = 20)
    where Function == SoftplusFunction<Scalar> {
        self.init(SoftplusFunction(beta: beta, threshold: threshold))
    }
}

/// f(x) = x if β·x > T, else (1/β)·log(1 + e^(β·x)); f′(x) = 1 if β·x > T, else σ(β·x).
public struct SoftplusFunction<Scalar: TensorScalar>: ActivationFunction {
    /// The sharpness β.
    public let beta: Scalar
    /// The cut-off T on β·x above which the function is the identity.
    public let threshold: Scalar

    /// Creates the function.
    ///
    /// - Precondition: β is finite and not 0.
    public init(beta: Scalar = 1, threshold: Scalar = 20) {
        checkPrecondition(
            beta.isFinite && beta != 0,
            "Softplus(beta: \(beta), threshold: \(threshold)): beta must be finite and non-zero")
        self.beta = beta
        self.threshold = threshold
    }

    /// `Softplus(beta: β, threshold: T)`.
    public var description: String { "Softplus(beta: \(beta), threshold: \(threshold))" }

    /// The cut-off point x = T/β, where PyTorch's definition switches to the identity.
    public var kinks: [Scalar] { [threshold / beta] }

    /// x if β·x > T, else (max(β·x, 0) + log1p(e^(−|β·x|)))/β.
    public func value(_ x: Scalar) -> Scalar {
        let z = beta * x
        if z > threshold { return x }
        return (max(z, 0) + Scalar.log1p(Scalar.exp(-abs(z)))) / beta
    }

    /// 1 if β·x > T, else σ(β·x).
    public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        let z = beta * x
        return z > threshold ? 1 : SigmoidFunction<Scalar>().value(z)
    }

    /// The whole-buffer loops: a vectorized kernel for `Float`, the loop over `value` and
    /// `derivative` specialized for `Double`.
    private var kernel: ActivationKernel {
        ActivationKernel(
            function: LWKActivationSoftplus,
            parameters: LWKActivationParameters(alpha: 0, scale: 1, beta: Float(beta), threshold: Float(threshold), minimum: 0, maximum: 0))
    }

    /// yᵢ = f(xᵢ) for the whole buffer, by `kernel`.
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        kernel.forward(input, into: &output, double: SoftplusFunction<Double>(beta: Double(beta), threshold: Double(threshold)))
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ) for the whole buffer, by `kernel`.
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        kernel.backward(gradOutput, input: input, output: output, into: &gradInput, double: SoftplusFunction<Double>(beta: Double(beta), threshold: Double(threshold)))
    }
}
