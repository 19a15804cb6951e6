import _LayerwiseKernels

/// The hard hyperbolic tangent (a clamp), as a layer.
///
/// Forward:  y = min(max(x, a), b)                   (a = `minimum`, b = `maximum`)
/// Backward: ∂L/∂x = ∂L/∂y · 𝟙[a < x < b]            (0 at and outside the bounds, as in PyTorch)
///
/// PyTorch defaults: a = −1, b = 1 (`nn.Hardtanh(min_val=-1.0, max_val=1.0)`).
public typealias Hardtanh<Scalar: TensorScalar> = Activation<HardtanhFunction<Scalar>>

extension Activation {
    /// Creates a hardtanh layer.
    ///
    /// - Parameters:
    ///   - minimum: The lower bound a; PyTorch's default is −1.
    ///   - maximum: The upper bound b; PyTorch's default is 1.
    /// - Precondition: `minimum <= maximum`.
    public init<Scalar>(minimum: Scalar = -1, maximum: Scalar = 1)
    where Function == HardtanhFunction<Scalar> {
        self.init(HardtanhFunction(minimum: minimum, maximum: maximum))
    }
}

/// f(x) = min(max(x, a), b); f′(x) = 1 for a < x < b, else 0.
public struct HardtanhFunction<Scalar: TensorScalar>: ActivationFunction {
    /// The lower bound a.
    public let minimum: Scalar
    /// The upper bound b.
    public let maximum: Scalar

    /// Creates the clamp to [minimum, maximum].
    ///
    /// - Precondition: `minimum <= maximum` (as PyTorch requires).
    public init(minimum: Scalar = -1, maximum: Scalar = 1) {
        checkPrecondition(
            minimum <= maximum,
            "Hardtanh(minimum: \(minimum), maximum: \(maximum)): minimum must not exceed maximum")
        self.minimum = minimum
        self.maximum = maximum
    }

    /// `Hardtanh(minimum: a, maximum: b)`.
    public var description: String { "Hardtanh(minimum: \(minimum), maximum: \(maximum))" }

    /// The two corners, a and b.
    public var kinks: [Scalar] { minimum == maximum ? [minimum] : [minimum, maximum] }

    /// min(max(x, a), b).
    public func value(_ x: Scalar) -> Scalar {
        x <= minimum ? minimum : (x >= maximum ? maximum : x)
    }

    /// 0 for x ≤ a or x ≥ b, else 1 (also for NaN, which PyTorch's backward passes through).
    public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        x <= minimum || x >= maximum ? 0 : 1
    }

    /// The whole-buffer loops: a vectorized kernel for `Float`, the loop over `value` and
    /// `derivative` specialized for `Double`.
    private var kernel: ActivationKernel {
        ActivationKernel(
            function: LWKActivationHardtanh,
            parameters: LWKActivationParameters(alpha: 0, scale: 1, beta: 1, threshold: 0, minimum: Float(minimum), maximum: Float(maximum)))
    }

    /// yᵢ = f(xᵢ) for the whole buffer, by `kernel`.
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        kernel.forward(input, into: &output, double: HardtanhFunction<Double>(minimum: Double(minimum), maximum: Double(maximum)))
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ) for the whole buffer, by `kernel`.
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        kernel.backward(gradOutput, input: input, output: output, into: &gradInput, double: HardtanhFunction<Double>(minimum: Double(minimum), maximum: Double(maximum)))
    }
}
