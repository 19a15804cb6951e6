import _LayerwiseKernels

/// The scaled exponential linear unit, as a layer.
///
/// Forward:  y = λ·x if x > 0, else λ·α·(eˣ − 1)
/// Backward: ∂L/∂x = ∂L/∂y · (x > 0 ? λ : λ·α·eˣ)   (at x = 0 the negative branch, λ·α, as in PyTorch)
///
/// The constants are PyTorch's (`nn.SELU`, from Klambauer et al., 2017):
/// α = 1.6732632423543772848170429916717, λ = 1.0507009873554804934193349852946.
/// The negative branch uses `expm1`; for x → −∞ it tends to −λ·α, with derivative → 0.
public typealias SELU<Scalar: TensorScalar> = Activation<SELUFunction<Scalar>>

extension Activation {
    /// Creates a SELU layer (no options: α and λ are fixed).
    public init<Scalar>() where Function == SELUFunction<Scalar> {
        self.init(SELUFunction())
    }
}

/// f(x) = λ·x for x > 0, else λ·α·(eˣ − 1); f′(x) = λ for x > 0, else λ·α·eˣ.
public struct SELUFunction<Scalar: TensorScalar>: ActivationFunction {
    /// α = 1.6732632423543772848170429916717 (PyTorch's constant).
    public static var alpha: Scalar { 1.6732632423543772848170429916717 }

    /// λ = 1.0507009873554804934193349852946 (PyTorch's constant).
    public static var scale: Scalar { 1.0507009873554804934193349852946 }

    /// Creates the function.
    public init() {}

    /// `SELU`.
    public var description: String { "SELU" }

    /// The corner at 0: the one-sided slopes there are λ and λ·α.
    public var kinks: [Scalar] { [0] }

    /// λ·x for x > 0, else λ·α·(eˣ − 1).
    public func value(_ x: Scalar) -> Scalar {
        x > 0 ? Self.scale * x : Self.scale * (Self.alpha * Scalar.expm1(x))
    }

    /// λ·α·eˣ for x ≤ 0, else λ (also for NaN, as PyTorch's backward).
    public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        x <= 0 ? Self.scale * (Self.alpha * Scalar.exp(x)) : Self.scale
    }

    /// The whole-buffer loops: a vectorized kernel for `Float`, the loop over `value` and
    /// `derivative` specialized for `Double`.
    private var kernel: ActivationKernel {
        ActivationKernel(
            function: LWKActivationELU,
            parameters: LWKActivationParameters(alpha: Float(Self.alpha), scale: Float(Self.scale), beta: 1, threshold: 0, minimum: 0, maximum: 0))
    }

    /// yᵢ = f(xᵢ) for the whole buffer, by `kernel`.
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        kernel.forward(input, into: &output, double: SELUFunction<Double>())
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ) for the whole buffer, by `kernel`.
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        kernel.backward(gradOutput, input: input, output: output, into: &gradInput, double: SELUFunction<Double>())
    }
}
