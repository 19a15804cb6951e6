/// A layer that applies an `ActivationFunction` to every element.
///
/// Forward:  yᵢ = f(xᵢ)
/// Backward: ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ)
///
/// Any input shape is accepted. The concrete activations (`ReLU`, `Tanh`, `GELU`, …) are
/// type aliases of this layer over their function.
public struct Activation<Function: ActivationFunction>: Layer {
    /// The scalar type of the function.
    public typealias Scalar = Function.Scalar

    /// The scalar function and its derivative.
    public var function: Function

    /// The input of the most recent forward pass.
    @usableFromInline var lastInput: Tensor<Scalar>?
    /// The output buffer, overwritten by each forward pass; backward reads it too.
    @usableFromInline var output: Tensor<Scalar>
    /// The ∂L/∂x buffer, overwritten by each backward pass.
    @usableFromInline var gradInput: Tensor<Scalar>

    /// `function.values(of:into:)` and `function.inputGradient(…)`, captured where the layer is
    /// created. The initializer is inlined into the creating module, so for a function type
    /// defined there (a user's activation) these closures are compiled specialized for it, with
    /// `value` and `derivative` inlined into the protocol's default loops — also when the
    /// layer is later reached through `any Layer`. For the library's own functions they call
    /// the functions' whole-buffer kernels.
    @usableFromInline let forwardLoop: @Sendable (Function, [Scalar], inout [Scalar]) -> Void
    @usableFromInline let backwardLoop: @Sendable (Function, [Scalar], [Scalar], [Scalar], inout [Scalar]) -> Void

    /// Creates the layer around `function`.
    @inlinable
    public init(_ function: Function) {
        self.function = function
        lastInput = nil
        output = Tensor(zeros: [0])
        gradInput = Tensor(zeros: [0])
        forwardLoop = { function, input, output in function.values(of: input, into: &output) }
        backwardLoop = { function, gradOutput, input, output, gradInput in
            function.inputGradient(from: gradOutput, input: input, output: output, into: &gradInput)
        }
    }

    /// The function's name, for messages: `ReLU`, `LeakyReLU(negativeSlope: 0.01)`.
    public var description: String { function.description }

    /// Points where the function is not differentiable.
    public var kinks: [Scalar] { function.kinks }

    /// yᵢ = f(xᵢ).
    public mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        output.reuseStorage(shapedLike: input)
        forwardLoop(function, input.scalars, &output.scalars)
        lastInput = input
        return output
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ).
    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        let input = requireForward(lastInput, gradOutput: gradOutput, outputShape: { $0.shape }, in: self)
        gradInput.reuseStorage(shapedLike: gradOutput)
        backwardLoop(function, gradOutput.scalars, input.scalars, output.scalars, &gradInput.scalars)
        return gradInput
    }

    /// Forgets the cached input.
    public mutating func releaseForwardCache() {
        lastInput = nil
    }
}
