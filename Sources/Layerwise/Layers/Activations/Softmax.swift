/// The softmax over the last axis: each row becomes a probability distribution.
///
/// For each row x of a `[batch, classes]` input (more generally, each slice along the last
/// axis), with g = ∂L/∂y for that row:
///
/// Forward:  yᵢ = e^(xᵢ − m) / Σₖ e^(xₖ − m),   m = maxₖ xₖ
/// Backward: ∂L/∂xᵢ = yᵢ·(gᵢ − Σₖ gₖ·yₖ)         (that is, y ⊙ (g − ⟨g, y⟩))
///
/// No options; PyTorch's `nn.Softmax(dim=-1)`. Subtracting the row maximum m (which leaves
/// the result unchanged) keeps every exponent ≤ 0, so nothing overflows for logits of any
/// size; the largest term is exactly 1, so the denominator is in [1, classes].
/// For log-probabilities use `LogSoftmax`, which stays accurate where yᵢ underflows to 0.
public struct Softmax<Scalar: TensorScalar>: Layer {
    /// The output of the most recent forward pass.
    private var lastOutput: Tensor<Scalar>?
    /// The output and input-gradient buffers, reused by every pass.
    private var output = Tensor<Scalar>(zeros: [0])
    private var gradInput = Tensor<Scalar>(zeros: [0])

    /// Creates the layer.
    public init() {}

    /// `Softmax`.
    public var description: String { "Softmax" }

    /// yᵢ = e^(xᵢ − m) / Σₖ e^(xₖ − m) for each row, m the row maximum.
    ///
    /// - Precondition: `input` has rank ≥ 1 and a non-empty last axis.
    /// - Complexity: O(`input.count`).
    public mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        specializedPass(input, as: Softmax<Float>.self, Softmax<Double>.self,
            float: { $0.computeForward($1, mode: mode) }, double: { $0.computeForward($1, mode: mode) })
    }

    /// The forward pass, specialized by `forward` for `Float` and `Double`.
    private mutating func computeForward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        let width = lastAxisExtent(of: input, in: self)
        lastOutput = nil  // so that the output buffer is not shared while it is overwritten
        output.reuseStorage(shapedLike: input)
        softmaxRows(input.scalars, width: width, into: &output.scalars, logarithm: false)
        lastOutput = output
        return output
    }

    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        specializedPass(gradOutput, as: Softmax<Float>.self, Softmax<Double>.self,
            float: { $0.computeBackward($1) }, double: { $0.computeBackward($1) })
    }

    /// The backward pass, specialized by `backward`.
    private mutating func computeBackward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        let output = requireForward(
            lastOutput, gradOutput: gradOutput, outputShape: { $0.shape }, in: self)
        gradInput.reuseStorage(shapedLike: gradOutput)
        softmaxBackwardRows(
            gradOutput.scalars, output: output.scalars, width: output.shape[output.rank - 1],
            into: &gradInput.scalars, logarithm: false)
        return gradInput
    }
}
