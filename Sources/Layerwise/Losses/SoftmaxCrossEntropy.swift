/// Cross-entropy of softmax probabilities, fused with the softmax: the loss takes raw logits
/// (PyTorch's `CrossEntropyLoss`, that is `log_softmax` followed by `nll_loss`).
///
/// With logits x of shape `[N, C]`, class weights w (all 1 without `classWeights`),
/// W = Σc wc, and label smoothing ε:
///
///   log pᵢc = xᵢc − mᵢ − log Σₖ exp(xᵢₖ − mᵢ),   mᵢ = maxₖ xᵢₖ   (log-softmax)
///
/// Class indices yᵢ (`.classes`); rows whose yᵢ is `ignoreIndex` are left out of every sum:
///
///   nllᵢ    = −w_yᵢ · log pᵢ,yᵢ
///   smoothᵢ = −Σc wc · log pᵢc
///   loss    = [(1 − ε)·Σᵢ nllᵢ + (ε/C)·Σᵢ smoothᵢ] / D
///   D       = Σᵢ w_yᵢ for `.mean` (the number of rows without weights), 1 for `.sum`
///   ∂loss/∂xᵢc = [(1 − ε)·w_yᵢ·(pᵢc − δc,yᵢ) + (ε/C)·(W·pᵢc − wc)] / D
///              = (pᵢc − qᵢc) / D,   qᵢc = (1 − ε)·δc,yᵢ + ε/C   (without weights)
///   ∂loss/∂xᵢc = 0 for an ignored row.
///
/// Probabilities tᵢc (`.probabilities`, soft targets), smoothed as tᵢc ← (1 − ε)·tᵢc + ε/C:
///
///   loss = −Σᵢ Σc wc·tᵢc·log pᵢc / D,     D = N for `.mean` (not Σ w), 1 for `.sum`
///   ∂loss/∂xᵢc = [(Σₖ wₖ·tᵢₖ)·pᵢc − wc·tᵢc] / D
///
/// Both gradients follow from ∂log pᵢₖ/∂xᵢc = δkc − pᵢc. These are PyTorch's normalizations
/// exactly: the weighted mean divides by the total weight of the non-ignored targets, label
/// smoothing's term is divided by the same D, and soft targets divide by the batch size. With
/// `.mean` and every row ignored, D = 0 and the loss is 0/0 = NaN while the gradient is 0, as in
/// PyTorch.
///
/// Numerical stability: log pᵢc is computed from the log-sum-exp, never as the log of a
/// probability that may have rounded to 0, and exp is only applied to xᵢₖ − mᵢ ≤ 0; the
/// gradient uses pᵢc = exp(xᵢc − mᵢ) / Σₖ exp(xᵢₖ − mᵢ). The loss and the gradient are finite
/// for all finite logits and exact at logits of ±10⁴: for the row (10⁴, −10⁴),
/// log p = (0, −2·10⁴) and p = (1, 0) exactly.
///
/// PyTorch defaults: `weight=None`, `ignore_index=-100`, `reduction="mean"`,
/// `label_smoothing=0.0`. Layerwise's `ignoreIndex` defaults to `nil` (ignore nothing) instead,
/// so that a stray −100 or other negative label stops the program instead of silently
/// vanishing from the loss; pass `ignoreIndex: -100` for PyTorch's behaviour.
public struct SoftmaxCrossEntropy<Scalar: TensorScalar>: Loss, Sendable {
    /// The target: class indices or class probabilities.
    public typealias Target = ClassificationTarget<Scalar>

    /// How the per-row losses are combined: a (weighted) mean or a sum.
    public let reduction: Reduction
    /// The weight w of each class, `[classes]` (PyTorch's `weight`), or `nil` for all 1.
    public let classWeights: Tensor<Scalar>?
    /// The class index whose rows are left out of the loss and get a zero gradient (PyTorch's
    /// `ignore_index`), or `nil` to use every row. Only applies to `.classes` targets.
    public let ignoreIndex: Int?
    /// The label smoothing ε ∈ [0, 1]: the target becomes (1 − ε)·target + ε/C.
    public let labelSmoothing: Scalar

    /// Creates the loss.
    ///
    /// - Parameters:
    ///   - reduction: `.mean` (PyTorch's default; weighted by `classWeights` when given) or
    ///     `.sum`.
    ///   - classWeights: One weight per class, `[classes]`, to rescale each class's loss;
    ///     `nil` (the default) weighs every class 1.
    ///   - ignoreIndex: A class index whose rows contribute neither loss nor gradient; `nil`
    ///     (the default) ignores nothing. PyTorch's default is −100: pass it explicitly to use
    ///     −100 as a padding label.
    ///   - labelSmoothing: ε in [0, 1]; 0 (the default) is no smoothing.
    /// - Precondition: `classWeights` is one-dimensional and `labelSmoothing` is in [0, 1].
    public init(
        reduction: Reduction = .mean, classWeights: Tensor<Scalar>? = nil, ignoreIndex: Int? = nil,
        labelSmoothing: Scalar = 0
    ) {
        if let classWeights {
            checkPrecondition(
                classWeights.rank == 1,
                "SoftmaxCrossEntropy: classWeights must be [classes], got shape \(classWeights.shape)")
        }
        checkPrecondition(
            labelSmoothing >= 0 && labelSmoothing <= 1,
            "SoftmaxCrossEntropy: labelSmoothing must be in [0, 1], got \(labelSmoothing)")
        self.reduction = reduction
        self.classWeights = classWeights
        self.ignoreIndex = ignoreIndex
        self.labelSmoothing = labelSmoothing
    }

    /// A short description naming the loss and the options that differ from the defaults.
    public var description: String {
        var options = ["reduction: \(reduction)"]
        if let classWeights { options.append("classWeights: \(classWeights.shape)") }
        if let ignoreIndex { options.append("ignoreIndex: \(ignoreIndex)") }
        if labelSmoothing != 0 { options.append("labelSmoothing: \(labelSmoothing)") }
        return "SoftmaxCrossEntropy(\(options.joined(separator: ", ")))"
    }

    /// The cross-entropy of `softmax(logits)` against `target`, and ∂loss/∂logits.
    ///
    /// - Parameters:
    ///   - logits: Unnormalized scores, `[batch, classes]`.
    ///   - target: One class index per row, or probabilities with the shape of `logits`.
    /// - Returns: The reduced loss and a gradient with the shape of `logits`.
    /// - Precondition: `logits` is `[batch, classes]`; `classWeights` has `classes` elements;
    ///   class indices are one per row, each in `0..<classes` or equal to `ignoreIndex`;
    ///   probabilities have the shape of `logits`.
    /// - Complexity: O(batch · classes).
    public func callAsFunction(_ logits: Tensor<Scalar>, target: ClassificationTarget<Scalar>)
        -> (value: Scalar, gradient: Tensor<Scalar>)
    {
        var gradient = Tensor<Scalar>(zeros: [0])
        let value = self(logits, target: target, gradientInto: &gradient)
        return (value, gradient)
    }

    /// The cross-entropy of `softmax(logits)` against `target`; ∂loss/∂logits is written into
    /// `gradient`, reusing its storage. With class indices this is one pass over each row of
    /// logits (maximum, exponentials, loss and gradient) and allocates nothing.
    ///
    /// - Parameters:
    ///   - logits: Unnormalized scores, `[batch, classes]`.
    ///   - target: One class index per row, or probabilities with the shape of `logits`.
    ///   - gradient: Receives ∂loss/∂logits, with the shape of `logits`.
    /// - Returns: The reduced loss.
    /// - Precondition: as for `callAsFunction(_:target:)`.
    /// - Complexity: O(batch · classes).
    public func callAsFunction(
        _ logits: Tensor<Scalar>, target: ClassificationTarget<Scalar>, gradientInto gradient: inout Tensor<Scalar>
    ) -> Scalar {
        checkPrecondition(
            logits.rank == 2, "\(self) expects logits of shape [batch, classes], got \(logits.shape)")
        let classCount = logits.shape[1]
        if let classWeights {
            checkPrecondition(
                classWeights.count == classCount,
                "\(self): classWeights of shape \(classWeights.shape) for logits of shape \(logits.shape)")
        }
        switch target {
        case .classes(let labels):
            checkPrecondition(
                labels.count == logits.shape[0],
                "\(self): \(labels.count) class indices for logits of shape \(logits.shape)")
            for (row, label) in labels.enumerated() where label != ignoreIndex {
                checkPrecondition(
                    label >= 0 && label < classCount,
                    "\(self): class index \(label) of row \(row) is outside 0..<\(classCount) "
                        + "(logits of shape \(logits.shape))")
            }
            gradient.reuseStorage(shapedLike: logits)
            return Scalar._softmaxCrossEntropy(
                logits: logits.scalars, classCount: classCount, labels: labels,
                classWeights: classWeights?.scalars ?? [], ignoreIndex: ignoreIndex ?? Int.min,
                labelSmoothing: labelSmoothing, meanReduction: reduction == .mean, gradient: &gradient.scalars)
        case .probabilities(let probabilities):
            checkPrecondition(
                probabilities.shape == logits.shape,
                "\(self): target probabilities of shape \(probabilities.shape) for logits of shape \(logits.shape)")
            let weights = classWeights?.scalars ?? Array(repeating: 1, count: classCount)
            let result = probabilityLoss(Self.logSoftmaxRows(logits), targets: probabilities, weights: weights)
            gradient = result.gradient
            return result.value
        }
    }

    /// The loss and gradient for probability targets, from the log-probabilities `[N, C]`.
    private func probabilityLoss(
        _ logProbabilities: Tensor<Scalar>, targets: Tensor<Scalar>, weights: [Scalar]
    ) -> (value: Scalar, gradient: Tensor<Scalar>) {
        let (rows, classCount) = (logProbabilities.shape[0], logProbabilities.shape[1])
        let epsilon = labelSmoothing
        let smoothingPerClass = epsilon / Scalar(classCount)
        let denominator: Scalar = reduction == .mean ? Scalar(rows) : 1

        var loss = 0.0  // Σᵢ Σc −wc·tᵢc·log pᵢc
        var gradient = Tensor<Scalar>(zeros: logProbabilities.shape)
        for row in 0..<rows {
            let positions = (row * classCount)..<((row + 1) * classCount)
            // tᵢc after smoothing; weightedTarget = wc·tᵢc.
            let weightedTarget = positions.map { position in
                weights[position - positions.lowerBound]
                    * ((1 - epsilon) * targets.scalars[position] + smoothingPerClass)
            }
            let rowTargetWeight = weightedTarget.reduce(0, +)  // Σₖ wₖ·tᵢₖ
            for (column, position) in positions.enumerated() {
                let logP = logProbabilities.scalars[position]
                loss -= Double(weightedTarget[column] * logP)
                gradient.scalars[position] =
                    (rowTargetWeight * Scalar.exp(logP) - weightedTarget[column]) / denominator
            }
        }
        return (Scalar(loss / Double(denominator)), gradient)
    }

    /// log-softmax over each row: xᵢc − mᵢ − log Σₖ exp(xᵢₖ − mᵢ) with mᵢ = maxₖ xᵢₖ.
    private static func logSoftmaxRows(_ logits: Tensor<Scalar>) -> Tensor<Scalar> {
        let (rows, classCount) = (logits.shape[0], logits.shape[1])
        var result = logits
        for row in 0..<rows {
            let positions = (row * classCount)..<((row + 1) * classCount)
            let maximum = logits.scalars[positions].max() ?? 0
            let sumOfExponentials = logits.scalars[positions].reduce(0) { $0 + Scalar.exp($1 - maximum) }
            let logSum = Scalar.log(sumOfExponentials)
            for position in positions {
                result.scalars[position] = (logits.scalars[position] - maximum) - logSum
            }
        }
        return result
    }
}
