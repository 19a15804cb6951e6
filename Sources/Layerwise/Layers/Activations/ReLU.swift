/// The rectified linear unit, as a layer.
///
/// Forward:  y = max(0, x)
/// Backward: ∂L/∂x = ∂L/∂y · 𝟙[x > 0]   (the derivative at 0 is taken as 0, as in PyTorch)
///
/// NaN propagates as in PyTorch: a NaN input gives a NaN output, and the gradient at a NaN
/// passes through unchanged (PyTorch masks with `y ≤ 0`, which is false for NaN).
public typealias ReLU<Scalar: TensorScalar> = Activation<ReLUFunction<Scalar>>

extension Activation {
    /// Creates a ReLU layer.
    public init<Scalar>() where Function == ReLUFunction<Scalar> {
        self.init(ReLUFunction())
    }
}

/// f(x) = max(0, x); f′(x) = 1 for x > 0, else 0.
public struct ReLUFunction<Scalar: TensorScalar>: ActivationFunction {
    /// Creates the function.
    public init() {}

    /// `ReLU`.
    public var description: String { "ReLU" }

    /// ReLU is not differentiable at 0.
    public var kinks: [Scalar] { [0] }

    /// max(0, x); NaN for NaN.
    public func value(_ x: Scalar) -> Scalar {
        x <= 0 ? 0 : x
    }

    /// 0 for x ≤ 0 (PyTorch takes 0 at x = 0), else 1 (also for NaN, as PyTorch).
    public func derivative(input x: Scalar, output y: Scalar) -> Scalar {
        x <= 0 ? 0 : 1
    }

    /// yᵢ = max(0, xᵢ), by a whole-buffer kernel.
    public func values(of input: [Scalar], into output: inout [Scalar]) {
        Scalar._relu(input, into: &output)
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · 𝟙[¬(yᵢ ≤ 0)] (a mask multiply; yᵢ ≤ 0 exactly when xᵢ ≤ 0), by a
    /// whole-buffer kernel.
    public func inputGradient(
        from gradOutput: [Scalar], input: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
    ) {
        Scalar._reluBackward(gradOutput, output: output, into: &gradInput)
    }
}
