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
        var output = input
        for start in stride(from: 0, to: input.count, by: width) {
            let row = start..<(start + width)
            let maximum = input.scalars[row].max()!
            var total: Scalar = 0
            for index in row {
                output.scalars[index] = Scalar.exp(input.scalars[index] - maximum)
                total += output.scalars[index]
            }
            for index in row {
                output.scalars[index] /= total
            }
        }
        lastOutput = output
        return output
    }

    /// ∂L/∂xᵢ = yᵢ·(gᵢ − Σₖ gₖ·yₖ) for each row.
    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        specializedPass(gradOutput, as: Softmax<Float>.self, Softmax<Double>.self,
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
            var weightedSum: Scalar = 0
            for index in row {
                weightedSum += gradOutput.scalars[index] * output.scalars[index]
            }
            for index in row {
                gradInput.scalars[index] = output.scalars[index] * (gradOutput.scalars[index] - weightedSum)
            }
        }
        return gradInput
    }
}
