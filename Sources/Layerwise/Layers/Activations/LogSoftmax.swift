/// The logarithm of the softmax over the last axis, computed by log-sum-exp.
///
/// For each row x of a `[batch, classes]` input (more generally, each slice along the last
/// axis), with g = ∂L/∂y for that row:
///
/// Forward:  yᵢ = xᵢ − m − log Σₖ e^(xₖ − m),   m = maxₖ xₖ
/// Backward: ∂L/∂xᵢ = gᵢ − softmax(x)ᵢ · Σₖ gₖ,  softmax(x)ᵢ = e^(yᵢ)
///
/// No options; PyTorch's `nn.LogSoftmax(dim=-1)`. With the row maximum subtracted, every
/// exponent is ≤ 0 and the sum is in [1, classes], so its logarithm is finite and accurate:
/// outputs are finite for logits of any magnitude (a class 10⁴ below the maximum gets −10⁴,
/// where log(softmax) would give −∞), and so are gradients. The maximum is subtracted before
/// the logarithm of the sum (not added to it first), so the largest class's output,
/// −log Σₖ e^(xₖ − m), keeps full relative precision even when it is tiny and m is large.
public struct LogSoftmax<Scalar: TensorScalar>: Layer {
    /// The output of the most recent forward pass (softmax is recovered as its exponential).
    private var lastOutput: Tensor<Scalar>?
    /// The output and input-gradient buffers, reused by every pass.
    private var output = Tensor<Scalar>(zeros: [0])
    private var gradInput = Tensor<Scalar>(zeros: [0])

    /// Creates the layer.
    public init() {}

    /// `LogSoftmax`.
    public var description: String { "LogSoftmax" }

    /// yᵢ = xᵢ − m − log Σₖ e^(xₖ − m) for each row, m the row maximum.
    ///
    /// - Precondition: `input` has rank ≥ 1 and a non-empty last axis.
    /// - Complexity: O(`input.count`).
    public mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        specializedPass(input, as: LogSoftmax<Float>.self, LogSoftmax<Double>.self,
            float: { $0.computeForward($1, mode: mode) }, double: { $0.computeForward($1, mode: mode) })
    }

    /// The forward pass, specialized by `forward` for `Float` and `Double`.
    private mutating func computeForward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        let width = lastAxisExtent(of: input, in: self)
        lastOutput = nil  // so that the output buffer is not shared while it is overwritten
        output.reuseStorage(shapedLike: input)
        softmaxRows(input.scalars, width: width, into: &output.scalars, logarithm: true)
        lastOutput = output
        return output
    }

    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        specializedPass(gradOutput, as: LogSoftmax<Float>.self, LogSoftmax<Double>.self,
            float: { $0.computeBackward($1) }, double: { $0.computeBackward($1) })
    }

    /// The backward pass, specialized by `backward`.
    private mutating func computeBackward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        let output = requireForward(
            lastOutput, gradOutput: gradOutput, outputShape: { $0.shape }, in: self)
        gradInput.reuseStorage(shapedLike: gradOutput)
        softmaxBackwardRows(
            gradOutput.scalars, output: output.scalars, width: output.shape[output.rank - 1],
            into: &gradInput.scalars, logarithm: true)
        return gradInput
    }
}
