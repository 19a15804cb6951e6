/// Per-layer activation and gradient statistics of a `Sequential` on one batch: the lectures'
/// "look at the histograms of every layer".
///
/// On a copy of the model (the caller's model is not changed), the batch x₀ = input runs
/// forward layer by layer, xᵢ₊₁ = fᵢ(xᵢ), and the statistics of every output xᵢ₊₁ are taken
/// (`TensorStatistics`: mean, standard deviation, zeros, dead units, saturation, histogram).
/// With a loss, its gradient ∂L/∂xₙ then flows back, and the statistics of every ∂L/∂xᵢ₊₁ (the
/// gradient arriving at layer i's output) and of every parameter gradient ∂L/∂θ are taken too
/// (the gradients are those of this batch alone: they are zeroed first).
///
/// What to look for (the lecture's 6-layer Tanh experiment, Docs/Diagnostics.md):
/// - collapsing activations: σ shrinks layer after layer towards 0 (weights too small), and so
///   do the parameter gradients, since ∂L/∂W = (∂L/∂y)ᵀ·x is proportional to the input x;
/// - saturation: most Tanh/Sigmoid outputs at ±1 (weights too large), the local derivative
///   1 − y² ≈ 0 and the gradient vanishes on the way back;
/// - dead ReLU units: units that output 0 for every example and never learn again;
/// - healthy: σ of the same order in every layer (Xavier for Tanh, Kaiming for ReLU).
///
/// Only the top-level layers are walked; a nested container counts as one layer. The batch runs
/// in `mode`, `.training` by default, as in a training step (so Dropout's zeros count as
/// zeros and BatchNorm normalizes with batch statistics).
///
/// ```swift
/// let statistics = NetworkStatistics(
///     of: model, input: batch, target: .classes(labels), loss: SoftmaxCrossEntropy<Float>())
/// print(statistics)            // one row per layer
/// ```
public struct NetworkStatistics: Sendable, Equatable, CustomStringConvertible {
    /// One entry per top-level layer, in forward order.
    public let layers: [LayerStatistics]
    /// The loss on the batch, or nil without a loss.
    public let loss: Double?
    /// The mode the batch ran in.
    public let mode: Mode
    /// N, the number of examples in the batch.
    public let batchSize: Int

    /// The statistics of the activations and gradients of every layer of `model` on a batch.
    ///
    /// - Parameters:
    ///   - model: The network; not changed (the batch runs on a copy).
    ///   - input: The batch, `[N, …]`.
    ///   - target: The batch's target, as `loss` takes it.
    ///   - loss: The loss whose gradient flows back.
    ///   - mode: The mode of the forward pass (`.training` by default).
    ///   - binCount: The number of bins of every histogram (20 by default). Activations of a
    ///     saturating layer are binned over its range ([−1, 1] for Tanh), other activations over
    ///     [min, max] of the batch, gradients over [−max |g|, max |g|].
    ///   - saturationMargin: The band next to a bound that counts as saturated, as a fraction
    ///     of the range's width (1 % by default: |y| ≥ 0.98 for Tanh).
    public init<Scalar: TensorScalar, L: Loss>(
        of model: Sequential<Scalar>, input: Tensor<Scalar>, target: L.Target, loss: L,
        mode: Mode = .training, binCount: Int = 20, saturationMargin: Double = 0.01
    ) where L.Scalar == Scalar {
        self.init(
            model, input: input, lossAndGradient: { loss($0, target: target) }, mode: mode,
            binCount: binCount, saturationMargin: saturationMargin)
    }

    /// The statistics of the activations of every layer of `model` on a batch, without
    /// gradients.
    ///
    /// - Parameters:
    ///   - model: The network; not changed.
    ///   - input: The batch, `[N, …]`.
    ///   - mode: The mode of the forward pass (`.training` by default).
    ///   - binCount: The number of bins of every histogram.
    ///   - saturationMargin: The band next to a bound that counts as saturated.
    public init<Scalar: TensorScalar>(
        of model: Sequential<Scalar>, input: Tensor<Scalar>, mode: Mode = .training,
        binCount: Int = 20, saturationMargin: Double = 0.01
    ) {
        self.init(
            model, input: input, lossAndGradient: nil, mode: mode, binCount: binCount,
            saturationMargin: saturationMargin)
    }

    /// The forward walk, and the backward walk when `lossAndGradient` is given.
    private init<Scalar: TensorScalar>(
        _ model: Sequential<Scalar>, input: Tensor<Scalar>,
        lossAndGradient: ((Tensor<Scalar>) -> (value: Scalar, gradient: Tensor<Scalar>))?,
        mode: Mode, binCount: Int, saturationMargin: Double
    ) {
        checkPrecondition(input.rank >= 1 && input.shape[0] > 0, "NetworkStatistics: the batch \(input.shape) is empty")
        var layers = model.layers
        let ranges = layers.map { OutputRange.of($0) }
        var activations: [TensorStatistics] = []
        var output = input
        for index in layers.indices {
            layers[index].zeroGradients()
            output = layers[index].forward(output, mode: mode)
            let range = ranges[index]
            activations.append(
                TensorStatistics(
                    output, binCount: binCount,
                    histogramRange: range.flatMap { $0.saturates ? $0.lowerBound...$0.upperBound : nil },
                    saturationRange: range, saturationMargin: saturationMargin))
        }

        var gradients: [TensorStatistics?] = Array(repeating: nil, count: layers.count)
        var parameters: [[LayerStatistics.Parameter]] = Array(repeating: [], count: layers.count)
        var lossValue: Double?
        if let lossAndGradient {
            let (value, lossGradient) = lossAndGradient(output)
            lossValue = Double(value)
            var gradient = lossGradient
            for index in layers.indices.reversed() {
                let magnitude = gradient.scalars.reduce(0.0) { max($0, Double($1.magnitude)) }
                gradients[index] = TensorStatistics(
                    gradient, binCount: binCount,
                    histogramRange: magnitude.isFinite ? -magnitude...magnitude : nil)
                gradient = layers[index].backward(gradient)
                parameters[index] = layers[index].namedParameters.map { name, parameter in
                    LayerStatistics.Parameter(
                        name: "\(index).\(name)",
                        valueStandardDeviation: TensorStatistics(parameter.value, binCount: 1).standardDeviation,
                        gradientStandardDeviation: TensorStatistics(parameter.gradient, binCount: 1).standardDeviation)
                }
            }
        }

        self.layers = layers.indices.map { index in
            LayerStatistics(
                index: index, layer: layers[index].description, outputRange: ranges[index],
                activation: activations[index], gradient: gradients[index], parameters: parameters[index])
        }
        self.loss = lossValue
        self.mode = mode
        self.batchSize = input.shape[0]
    }

    /// The text report: one row per layer (activation mean, standard deviation, zeros, dead
    /// units, saturation; gradient mean, standard deviation and zeros), then one row per
    /// parameter (σ of the value and of the gradient, and their ratio, "–" for a parameter whose
    /// elements are all equal, such as a zero-initialized bias).
    public var description: String {
        let number = { (x: Double) in NumberFormatting.scientific(x) }
        let percent = { (x: Double) in formatPercent(x, decimals: 1) }
        var header = "Activation and gradient statistics: batch of \(batchSize), \(mode == .training ? "training" : "inference") mode"
        if let loss { header += ", loss \(formatFixed(loss, decimals: 4))" }
        var rows = [["#", "layer", "mean", "std", "zeros", "dead units", "saturated", "grad mean", "grad std", "grad zeros"]]
        for layer in layers {
            let a = layer.activation
            rows.append([
                "\(layer.index)", layer.layer, number(a.mean), number(a.standardDeviation), percent(a.zeroFraction),
                "\(a.deadUnitCount)/\(a.unitCount)", a.saturatedFraction.map(percent) ?? "–",
                layer.gradient.map { number($0.mean) } ?? "–", layer.gradient.map { number($0.standardDeviation) } ?? "–",
                layer.gradient.map { percent($0.zeroFraction) } ?? "–",
            ])
            if a.nonFiniteCount > 0 { rows[rows.count - 1].append("(\(a.nonFiniteCount) non-finite)") }
        }
        var text = header + "\n" + NumberFormatting.table(rows)
        let parameterRows = layers.flatMap(\.parameters).map { parameter in
            [parameter.name, number(parameter.valueStandardDeviation), number(parameter.gradientStandardDeviation),
             parameter.gradientToValueRatio.isFinite ? number(parameter.gradientToValueRatio) : "–"]
        }
        if !parameterRows.isEmpty {
            text += "\n\n" + NumberFormatting.table([["parameter", "value std", "grad std", "grad/value"]] + parameterRows)
        }
        return text
    }
}
