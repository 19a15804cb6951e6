/// Checks that the model's last layer can produce what the loss compares it with.
///
/// The last layer is found by descending into the last layer of nested `Sequential`s and
/// skipping trailing `Dropout`s; its output range comes from `OutputRange.of(_:)` (Linear and
/// any layer not listed there count as unbounded). The criteria:
///
/// - A loss that takes logits (`SoftmaxCrossEntropy`, `BinaryCrossEntropyWithLogits`) wants an
///   unbounded last layer. A Softmax or Sigmoid there feeds probabilities to a loss that applies
///   its own softmax or sigmoid; any other bounded activation (ReLU: logits ≥ 0, Tanh: logits in
///   (−1, 1)) limits how confident the model can become. (LogSoftmax is harmless before
///   `SoftmaxCrossEntropy`: log-softmax of log-probabilities changes nothing.)
/// - A regression loss (`MeanSquaredError`, `L1Loss`, `HuberLoss`, any other loss on tensors)
///   compares the output with the targets directly, so every target t must be in the last
///   layer's range R: the check warns for each bound of R that targets reach or cross — ReLU or
///   Softplus before negative targets, Sigmoid before targets outside (0, 1) (including 0 and 1
///   themselves, which a Sigmoid only approaches).
///
/// ```swift
/// let check = OutputLayerCheck(model: model, loss: MeanSquaredError<Float>(), targets: y)
/// if !check.passed { print(check) }
/// ```
public struct OutputLayerCheck: Sendable, Equatable, CustomStringConvertible {
    /// The description of the last layer found.
    public let lastLayer: String
    /// Its output range, or nil if unbounded (or unknown).
    public let outputRange: OutputRange?
    /// The smallest and largest target, for a check with tensor targets.
    public let targetRange: ClosedRange<Double>?
    /// Problems found, each with its cause; empty when the check passes.
    public let warnings: [String]

    /// Checks a classifier trained with a loss on class indices (`SoftmaxCrossEntropy`).
    ///
    /// - Parameters:
    ///   - model: The model; not run, only inspected.
    ///   - loss: The loss; it takes logits.
    public init<Model: Layer, L: Loss>(model: Model, loss: L)
    where L.Scalar == Model.Scalar, L.Target == ClassificationTarget<Model.Scalar> {
        self.init(
            model: model, loss: loss.description, expectsLogits: true,
            acceptsLogProbabilities: loss is SoftmaxCrossEntropy<Model.Scalar>, targets: nil as Tensor<Model.Scalar>?)
    }

    /// Checks a model trained with a loss on tensors: a regression loss, or
    /// `BinaryCrossEntropyWithLogits` (which takes logits).
    ///
    /// - Parameters:
    ///   - model: The model; not run, only inspected.
    ///   - loss: The loss.
    ///   - targets: The training targets (all of them, or a representative sample), whose range
    ///     the last layer must cover for a regression loss.
    public init<Model: Layer, L: Loss>(model: Model, loss: L, targets: Tensor<Model.Scalar>)
    where L.Scalar == Model.Scalar, L.Target == Tensor<Model.Scalar> {
        self.init(
            model: model, loss: loss.description, expectsLogits: loss is BinaryCrossEntropyWithLogits<Model.Scalar>,
            acceptsLogProbabilities: false, targets: targets)
    }

    /// The check proper.
    ///
    /// - Parameters:
    ///   - model: The model.
    ///   - loss: The loss's description, for the messages.
    ///   - expectsLogits: Whether the loss takes logits.
    ///   - acceptsLogProbabilities: Whether a LogSoftmax before the loss is harmless.
    ///   - targets: The targets of a loss on tensors.
    private init<Scalar: TensorScalar>(
        model: some Layer<Scalar>, loss: String, expectsLogits: Bool, acceptsLogProbabilities: Bool,
        targets: Tensor<Scalar>?
    ) {
        let last = Self.lastLayer(of: model)
        let range = OutputRange.of(last)
        let finiteTargets = targets?.scalars.map { Double($0) }.filter(\.isFinite) ?? []
        let targetRange = finiteTargets.min().map { $0...finiteTargets.max()! }

        var warnings: [String] = []
        if let range, expectsLogits, !(acceptsLogProbabilities && last is LogSoftmax<Scalar>) {
            if last is Softmax<Scalar> || last is Sigmoid<Scalar> {
                warnings.append(
                    "the last layer, \(range.layer), outputs probabilities, but \(loss) expects logits and applies "
                        + "its own \(last is Softmax<Scalar> ? "softmax" : "sigmoid"): remove the \(range.layer) "
                        + "(apply it only when you want probabilities, at prediction time).")
            } else {
                warnings.append(
                    "the last layer's outputs are limited to \(range), but \(loss) expects unbounded logits: the "
                        + "model cannot become fully confident; end the model with a Linear layer.")
            }
        }
        if let range, !expectsLogits, let targetRange {
            let below = !range.contains(targetRange.lowerBound)
            let above = !range.contains(targetRange.upperBound)
            if below || above {
                var reached: [String] = []
                if below { reached.append("down to \(formatTarget(targetRange.lowerBound))") }
                if above { reached.append("up to \(formatTarget(targetRange.upperBound))") }
                warnings.append(
                    "the targets reach \(reached.joined(separator: " and ")), outside the range of the last layer, "
                        + "\(range): \(loss) compares them with its outputs directly, so they can never be fitted. "
                        + "End the model with a Linear layer (for unbounded targets), or rescale the targets into "
                        + "the range.")
            }
        }
        self.lastLayer = last.description
        self.outputRange = range
        self.targetRange = targetRange
        self.warnings = warnings
    }

    /// The layer that produces the model's output: the last layer of nested `Sequential`s,
    /// trailing Dropout layers skipped.
    static func lastLayer<Scalar: TensorScalar>(of model: any Layer<Scalar>) -> any Layer<Scalar> {
        guard let sequential = model as? Sequential<Scalar>,
            let last = sequential.layers.last(where: { !($0 is Dropout<Scalar>) })
        else { return model }
        return lastLayer(of: last)
    }

    /// Whether the check found nothing to warn about.
    public var passed: Bool { warnings.isEmpty }

    /// "Output layer Sigmoid: (0, 1) …: OK", followed by one line per warning.
    public var description: String {
        var text = "Output layer \(outputRange.map(\.description) ?? lastLayer + " (unbounded)")"
        if let targetRange {
            text += ", targets in [\(formatTarget(targetRange.lowerBound)), \(formatTarget(targetRange.upperBound))]"
        }
        text += ": \(passed ? "OK" : "WARNING")"
        for warning in warnings { text += "\n  warning: " + warning }
        return text
    }
}

/// A target value for messages, with four decimals.
private func formatTarget(_ value: Double) -> String {
    formatFixed(value, decimals: 4)
}
