import _LayerwiseKernels

/// The exponential linear unit, as a layer.
///
/// Forward:  y = x if x > 0, else α·(eˣ − 1)
/// Backward: ∂L/∂x = ∂L/∂y · (x > 0 ? 1 : α·eˣ)   (at x = 0 the negative branch, α, as in PyTorch)
///
/// PyTorch default: α = 1 (`nn.ELU(alpha=1.0)`). The negative branch is computed with
/// `expm1`, accurate near 0; for x → −∞ it tends to −α and its derivative to 0, both finite.
public typealias ELU<Scalar: TensorScalar> = Activation<ELUFunction<Scalar>>

extension Activation {
    /// Creates an ELU layer.
    ///
    /// - Parameter alpha: The saturation value −α for x → −∞; PyTorch's default is 1.
    public init<Scalar>(alpha: Scalar = 1) where Function == ELUFunction<Scalar> {
        self.init(ELUFunction(alpha: alpha))
    }
}

/// f(x) = x for x > 0, else α·(eˣ − 1); f′(x) = 1 for x > 0, else α·eˣ.
public struct ELUFunction<Scalar: TensorScalar>: ActivationFunction {
    /// The scale α of the negative part.
    public var alpha: Scalar

    /// Creates the function with negative-part scale `alpha`.
    public init(alpha: Scalar = 1) {
        self.alpha = alpha
    }

    /// `ELU(alpha: α)`.
    public var description: String { "ELU(alpha: \(alpha))" }

    /// The corner at 0 unless α = 1: the one-sided slopes there are 1 and α.
    public var kinks: [Scalar] { alpha == 1 ? [] : [0] }

    /// x for x > 0, else α·(eˣ − 1).
    public func value(_ x: Scalar) -> Scalar {
        x > 0 ? x : alpha * Scalar.expm1(x)
    }

    /// α·eˣ for x ≤ 0, else 1 (also for NaN, as PyTorch's backward).
    public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        x <= 0 ? alpha * Scalar.exp(x) : 1
    }

    /// The whole-buffer loops: a vectorized kernel for `Float`, the loop over `value` and
    /// `derivative` specialized for `Double`.
    private var kernel: ActivationKernel {
        ActivationKernel(
            function: LWKActivationELU,
            parameters: LWKActivationParameters(alpha: Float(alpha), scale: 1, beta: 1, threshold: 0, minimum: 0, maximum: 0))
    }

    /// yᵢ = f(xᵢ) for the whole buffer, by `kernel`.
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        kernel.forward(input, into: &output, double: ELUFunction<Double>(alpha: Double(alpha)))
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ) for the whole buffer, by `kernel`.
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        kernel.backward(gradOutput, input: input, output: output, into: &gradInput, double: ELUFunction<Double>(alpha: Double(alpha)))
    }
}
