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
    private var lastInput: Tensor<Scalar>?
    /// The output buffer, overwritten by each forward pass; backward reads it too.
    private var output = Tensor<Scalar>(zeros: [0])
    /// The ∂L/∂x buffer, overwritten by each backward pass.
    private var gradInput = Tensor<Scalar>(zeros: [0])

    /// Creates the layer around `function`.
    public init(_ function: Function) {
        self.function = function
    }

    /// The function's name, for messages: `ReLU`, `LeakyReLU(negativeSlope: 0.01)`.
    public var description: String { function.description }

    /// Points where the function is not differentiable.
    public var kinks: [Scalar] { function.kinks }

    /// yᵢ = f(xᵢ).
    public mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        output.reuseStorage(shapedLike: input)
        function.values(of: input.scalars, into: &output.scalars)
        lastInput = input
        return output
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ).
    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        let input = requireForward(lastInput, gradOutput: gradOutput, outputShape: { $0.shape }, in: self)
        gradInput.reuseStorage(shapedLike: gradOutput)
        function.inputGradient(
            from: gradOutput.scalars, input: input.scalars, output: output.scalars, into: &gradInput.scalars)
        return gradInput
    }

    /// Forgets the cached input.
    public mutating func releaseForwardCache() {
        lastInput = nil
    }
}
