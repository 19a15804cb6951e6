/// The first sanity check before training a classifier: is the loss of the freshly initialized
/// network what chance predicts?
///
/// A network that does not yet know anything should give every one of the C classes about the
/// same probability, 1/C, so its softmax cross-entropy is
///
///     expected = −ln(1/C) = ln C            (2.303 for C = 10)
///
/// More precisely, for logits z of a row that are small and unrelated to the label, a
/// second-order expansion of ln Σc e^(zc) − z_y gives
///
///     E[loss] ≈ ln C + ½·σ²,      σ² = the variance of the logits within a row,
///
/// so the check reports σ (`logitStandardDeviation`), averaged over the rows. The check warns
/// when |measured − ln C| > tolerance, with tolerance = 10 % of ln C by default (σ ≈ 0.68 for
/// C = 10), and names the likely causes: logits too large (the last layer's initial weights
/// are too large, the inputs are not normalized), a loss below chance (the model is not fresh,
/// the labels leak into the inputs).
///
/// It also looks at the outputs themselves. If every row is non-negative and sums to 1, the
/// network outputs probabilities: a Softmax before `SoftmaxCrossEntropy`, which applies its own.
/// The loss alone cannot show this at initialization — with p ≈ 1/C per class the loss is
/// ln Σc e^(pc) − p_y ≈ ln C — but such a network can never fit: since 0 ≤ p ≤ 1, the loss
/// stays above ln(C − 1 + e) − 1 (1.461 for C = 10) however well it is trained.
///
/// ```swift
/// let check = InitialLossCheck(model: model, input: batch, labels: labels)
/// print(check)        // "Initial loss 2.3147, expected ln 10 = 2.3026 …: OK"
/// ```
public struct InitialLossCheck: Sendable, Equatable, CustomStringConvertible {
    /// The loss of the model on the batch.
    public let measuredLoss: Double
    /// ln C, the loss of uniform predictions.
    public let expectedLoss: Double
    /// C, the number of classes (the width of the model's output).
    public let classCount: Int
    /// The largest |measured − expected| that passes, in nats.
    public let tolerance: Double
    /// The standard deviation of the outputs within a row, averaged over the rows of the batch.
    public let logitStandardDeviation: Double
    /// Whether every row of the output is non-negative and sums to 1 (within 10⁻³): the
    /// model outputs probabilities, not logits.
    public let outputsAreProbabilities: Bool
    /// Problems found, each naming its likely causes; empty when the check passes.
    public let warnings: [String]

    /// Runs the check on one batch.
    ///
    /// - Parameters:
    ///   - model: A classifier that outputs `[N, C]` logits; not changed (the batch runs on a
    ///     copy).
    ///   - input: A batch of inputs, ideally with every class about equally frequent.
    ///   - labels: The batch's class indices.
    ///   - loss: The cross-entropy to measure (`SoftmaxCrossEntropy()` by default; label
    ///     smoothing and class weights keep the expected value ln C).
    ///   - relativeTolerance: The tolerance as a fraction of ln C (0.1 by default).
    ///   - mode: The mode of the forward pass: `.training` (default), as in the first training
    ///     step, or `.inference`.
    /// - Precondition: the model's output is `[labels.count, C]` with C ≥ 2.
    public init<Model: Layer>(
        model: Model, input: Tensor<Model.Scalar>, labels: [Int],
        loss: SoftmaxCrossEntropy<Model.Scalar> = SoftmaxCrossEntropy(), relativeTolerance: Double = 0.1,
        mode: Mode = .training
    ) {
        var copy = model
        let output = copy.forward(input, mode: mode)
        checkPrecondition(
            output.rank == 2 && output.shape[0] == labels.count && output.shape[1] >= 2,
            "InitialLossCheck: \(model) gives outputs of shape \(output.shape) for \(labels.count) labels; expected [\(labels.count), C ≥ 2]")
        let classCount = output.shape[1]
        let rows = output.shape[0]
        let measured = Double(loss(output, target: .classes(labels)).value)
        let expected = Double.log(Double(classCount))

        var spread = 0.0
        var isProbabilities = true
        for row in 0..<rows {
            let values = output.scalars[(row * classCount)..<((row + 1) * classCount)].map { Double($0) }
            let mean = values.reduce(0, +) / Double(classCount)
            spread += (values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(classCount)).squareRoot()
            if values.contains(where: { !($0 >= 0 && $0 <= 1) }) || (values.reduce(0, +) - 1).magnitude > 1e-3 {
                isProbabilities = false
            }
        }
        let sigma = spread / Double(rows)
        let tolerance = relativeTolerance * expected

        var warnings: [String] = []
        let lossText = "the initial loss \(formatFixed(measured, decimals: 4))"
        let expectedText = "ln \(classCount) = \(formatFixed(expected, decimals: 4))"
        if isProbabilities {
            let floor = Double.log(Double(classCount) - 1 + Double.exp(1)) - 1
            warnings.append(
                "the outputs are probabilities (every row is non-negative and sums to 1): a Softmax before "
                    + "SoftmaxCrossEntropy, which applies its own. Remove it and output logits; as it is, the loss "
                    + "cannot go below ln(C − 1 + e) − 1 = \(formatFixed(floor, decimals: 4)) however long you train.")
        }
        if !measured.isFinite {
            warnings.append(
                "\(lossText) is not finite: the forward pass overflows (inputs not normalized, weights far too large) "
                    + "or the model produces NaN.")
        } else if measured - expected > tolerance {
            warnings.append(
                "\(lossText) is above \(expectedText) by more than \(formatFixed(tolerance, decimals: 4)): the logits "
                    + "are too spread at initialization (σ = \(formatFixed(sigma, decimals: 3)) within a row; "
                    + "E[loss] ≈ ln C + σ²/2). Likely causes: the last layer's initial weights are too large (scale "
                    + "them down, e.g. by 0.01, or zero its bias), the inputs are not normalized, the activation "
                    + "scale grows through the layers (check NetworkStatistics).")
        } else if expected - measured > tolerance {
            warnings.append(
                "\(lossText) is below chance, \(expectedText), by more than \(formatFixed(tolerance, decimals: 4)): "
                    + "the model already predicts the labels. Likely causes: it is not freshly initialized, the "
                    + "labels leak into the inputs, or the batch is dominated by one class that the biases favour.")
        }

        self.measuredLoss = measured
        self.expectedLoss = expected
        self.classCount = classCount
        self.tolerance = tolerance
        self.logitStandardDeviation = sigma
        self.outputsAreProbabilities = isProbabilities
        self.warnings = warnings
    }

    /// Whether the check found nothing to warn about.
    public var passed: Bool { warnings.isEmpty }

    /// "Initial loss 2.3147, expected ln 10 = 2.3026 (tolerance 0.2303; logit std 0.151): OK",
    /// followed by one line per warning.
    public var description: String {
        var text =
            "Initial loss \(formatFixed(measuredLoss, decimals: 4)), expected ln \(classCount) = "
            + "\(formatFixed(expectedLoss, decimals: 4)) (tolerance \(formatFixed(tolerance, decimals: 4)); "
            + "logit std \(formatFixed(logitStandardDeviation, decimals: 3))): \(passed ? "OK" : "WARNING")"
        for warning in warnings { text += "\n  warning: " + warning }
        return text
    }
}
