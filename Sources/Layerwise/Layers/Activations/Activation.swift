/// A layer that applies an `ActivationFunction` to every element.
///
/// Forward:  yᵢ = f(xᵢ)
/// Backward: ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ)
///
/// Any input shape is accepted. The concrete activations (`ReLU`, `Tanh`, `GELU`, …) are
/// type aliases of this layer over their function.
public struct Activation<Function: ActivationFunction>: Layer {
    public typealias Scalar = Function.Scalar

    /// The scalar function and its derivative.
    public var function: Function

    /// The input and output of the most recent forward pass.
    private var cache: (input: Tensor<Scalar>, output: Tensor<Scalar>)?

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
        let output = input.map(function.value)
        cache = (input, output)
        return output
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ · f′(xᵢ).
    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        let (input, output) = requireForward(
            cache, gradOutput: gradOutput, outputShape: { $0.output.shape }, in: self)
        var gradInput = gradOutput
        for index in gradInput.scalars.indices {
            gradInput.scalars[index] *= function.derivative(
                input: input.scalars[index], output: output.scalars[index])
        }
        return gradInput
    }
}
