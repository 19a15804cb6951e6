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
        var output = input
        for start in stride(from: 0, to: input.count, by: width) {
            let row = start..<(start + width)
            let maximum = input.scalars[row].max()!
            var total: Scalar = 0
            for index in row {
                total += Scalar.exp(input.scalars[index] - maximum)
            }
            let logTotal = Scalar.log(total)
            for index in row {
                output.scalars[index] = (input.scalars[index] - maximum) - logTotal
            }
        }
        lastOutput = output
        return output
    }

    /// ∂L/∂xᵢ = gᵢ − e^(yᵢ)·Σₖ gₖ for each row.
    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        specializedPass(gradOutput, as: LogSoftmax<Float>.self, LogSoftmax<Double>.self,
            float: { $0.computeBackward($1) }, double: { $0.computeBackward($1) })
    }

    /// The backward pass, specialized by `backward`.
    private mutating func computeBackward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        let output = requireForward(
            lastOutput, gradOutput: gradOutput, outputShape: { $0.shape }, in: self)
        let width = output.shape[output.rank - 1]
        var gradInput = gradOutput
        for start in stride(from: 0, to: output.count, by: width) {
            let row = start..<(start + width)
            var gradSum: Scalar = 0
            for index in row {
                gradSum += gradOutput.scalars[index]
            }
            for index in row {
                gradInput.scalars[index] -= Scalar.exp(output.scalars[index]) * gradSum
            }
        }
        return gradInput
    }
}
