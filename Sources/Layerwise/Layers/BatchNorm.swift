/// Batch normalization over the batch axis of `[batch, features]` (PyTorch's `BatchNorm1d`).
///
/// With a batch x of shape `[N, C]`, per feature j, learnable γ (`weight`) and β (`bias`):
///
/// Training forward (batch statistics, biased variance):
///   μⱼ = (1/N)·Σₙ xₙⱼ,   σ²ⱼ = (1/N)·Σₙ (xₙⱼ − μⱼ)²,   σⱼ = √(σ²ⱼ + ε)
///   x̂ₙⱼ = (xₙⱼ − μⱼ)/σⱼ,   yₙⱼ = γⱼ·x̂ₙⱼ + βⱼ
///   running_mean ← (1 − m)·running_mean + m·μ
///   running_var  ← (1 − m)·running_var  + m·σ²·N/(N − 1)   (the UNBIASED variance)
/// Training backward (g = ∂L/∂y, sums over the batch):
///   ∂L/∂xₙⱼ = (γⱼ/(N·σⱼ))·(N·gₙⱼ − Σₙ gₙⱼ − x̂ₙⱼ·Σₙ gₙⱼ·x̂ₙⱼ)
///   ∂L/∂γⱼ += Σₙ gₙⱼ·x̂ₙⱼ,   ∂L/∂βⱼ += Σₙ gₙⱼ
///
/// Inference forward (running statistics, nothing is updated):
///   x̂ₙⱼ = (xₙⱼ − running_meanⱼ)/√(running_varⱼ + ε),   yₙⱼ = γⱼ·x̂ₙⱼ + βⱼ
/// Inference backward (the derivative of that affine function):
///   ∂L/∂xₙⱼ = gₙⱼ·γⱼ/√(running_varⱼ + ε),   ∂L/∂γⱼ += Σₙ gₙⱼ·x̂ₙⱼ,   ∂L/∂βⱼ += Σₙ gₙⱼ
///
/// Without `affine`, γ = 1 and β = 0 are fixed and the layer has no parameters. Names follow
/// PyTorch's `state_dict`: parameters `"weight"` (γ, initially 1) and `"bias"` (β, initially
/// 0); state `"running_mean"` (initially 0) and `"running_var"` (initially 1). PyTorch's
/// `num_batches_tracked` counter is not kept: it only matters for `momentum=None`, which this
/// layer does not offer.
///
/// Training needs at least two rows (the variance of one value is undefined), as in PyTorch.
public struct BatchNorm<Scalar: TensorScalar>: Layer {
    /// γ, the per-feature scale, `[featureCount]`; `nil` when the layer is not affine.
    public var weight: Parameter<Scalar>?
    /// β, the per-feature shift, `[featureCount]`; `nil` when the layer is not affine.
    public var bias: Parameter<Scalar>?
    /// The running mean of each feature (`"running_mean"`), used in inference.
    public var runningMean: Tensor<Scalar>
    /// The running unbiased variance of each feature (`"running_var"`), used in inference.
    public var runningVariance: Tensor<Scalar>
    /// The number of features C.
    public let featureCount: Int
    /// ε, added to the variance before the square root.
    public let epsilon: Scalar
    /// m, the weight of the new batch statistic in the running averages.
    public let momentum: Scalar

    /// What backward needs from the most recent forward pass.
    private struct Cache {
        /// x̂, `[N, C]`.
        var normalized: Tensor<Scalar>
        /// 1/σⱼ (training) or 1/√(running_varⱼ + ε) (inference), `[C]`.
        var inverseStandardDeviation: [Scalar]
        /// The mode the forward pass ran in.
        var mode: Mode
    }

    /// The cache of the most recent forward pass.
    private var cache: Cache?

    /// Creates a batch-normalization layer with PyTorch's initial values.
    ///
    /// - Parameters:
    ///   - featureCount: C, the number of features per row.
    ///   - epsilon: ε, added to the variance for stability (PyTorch's `eps`, default 1e-5).
    ///   - momentum: m, the running-average weight of a new batch (default 0.1).
    ///   - affine: Whether the layer learns γ and β (default `true`).
    /// - Precondition: `featureCount > 0`, `epsilon ≥ 0`, `0 ≤ momentum ≤ 1`.
    public init(featureCount: Int, epsilon: Scalar = 1e-5, momentum: Scalar = 0.1, affine: Bool = true) {
        checkPrecondition(featureCount > 0, "BatchNorm: featureCount must be positive, got \(featureCount)")
        checkPrecondition(epsilon >= 0, "BatchNorm: epsilon must not be negative, got \(epsilon)")
        checkPrecondition(
            momentum >= 0 && momentum <= 1, "BatchNorm: momentum must be in [0, 1], got \(momentum)")
        self.featureCount = featureCount
        self.epsilon = epsilon
        self.momentum = momentum
        if affine {
            weight = Parameter(Tensor(repeating: 1, shape: [featureCount]))
            bias = Parameter(Tensor(zeros: [featureCount]))
        }
        runningMean = Tensor(zeros: [featureCount])
        runningVariance = Tensor(repeating: 1, shape: [featureCount])
    }

    /// Whether the layer learns γ and β.
    public var isAffine: Bool { weight != nil }

    /// The layer for messages: `BatchNorm(5)`, `BatchNorm(5, not affine)`.
    public var description: String {
        "BatchNorm(\(featureCount)\(isAffine ? "" : ", not affine"))"
    }

    /// `["weight", "bias"]` when affine, else none.
    public var parameterNames: [String] {
        isAffine ? ["weight", "bias"] : []
    }

    /// `["running_mean", "running_var"]`.
    public var stateNames: [String] {
        ["running_mean", "running_var"]
    }

    /// Visits γ then β, when affine.
    public mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void) {
        if weight != nil { visit(&weight!) }
        if bias != nil { visit(&bias!) }
    }

    /// Visits the running mean then the running variance.
    public mutating func visitState(_ visit: (inout Tensor<Scalar>) -> Void) {
        visit(&runningMean)
        visit(&runningVariance)
    }

    /// Training: normalizes with the batch statistics and updates the running statistics.
    /// Inference: normalizes with the running statistics.
    ///
    /// - Precondition: `input` is `[N, featureCount]`; in training N > 1.
    /// - Complexity: O(N·C).
    public mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        requireFeatures(input, featureCount, in: self)
        requireFeatureShapes()
        let rows = input.shape[0]
        let columns = featureCount
        let x = input.scalars

        var mean = [Scalar](repeating: 0, count: columns)
        var inverseStandardDeviation = [Scalar](repeating: 0, count: columns)
        switch mode {
        case .training:
            checkPrecondition(
                rows > 1,
                "\(self) in training needs more than one value per feature to compute a variance, got input of shape \(input.shape)")
            var variance = [Scalar](repeating: 0, count: columns)
            for row in 0..<rows {
                for column in 0..<columns { mean[column] += x[row * columns + column] }
            }
            for column in 0..<columns { mean[column] /= Scalar(rows) }
            for row in 0..<rows {
                for column in 0..<columns {
                    let deviation = x[row * columns + column] - mean[column]
                    variance[column] += deviation * deviation
                }
            }
            for column in 0..<columns {
                let biasedVariance = variance[column] / Scalar(rows)
                let unbiasedVariance = variance[column] / Scalar(rows - 1)
                inverseStandardDeviation[column] = 1 / (biasedVariance + epsilon).squareRoot()
                runningMean.scalars[column] =
                    (1 - momentum) * runningMean.scalars[column] + momentum * mean[column]
                runningVariance.scalars[column] =
                    (1 - momentum) * runningVariance.scalars[column] + momentum * unbiasedVariance
            }
        case .inference:
            for column in 0..<columns {
                mean[column] = runningMean.scalars[column]
                inverseStandardDeviation[column] = 1 / (runningVariance.scalars[column] + epsilon).squareRoot()
            }
        }

        var normalized = input
        var output = input
        for row in 0..<rows {
            for column in 0..<columns {
                let index = row * columns + column
                let xHat = (x[index] - mean[column]) * inverseStandardDeviation[column]
                normalized.scalars[index] = xHat
                output.scalars[index] = scale(column) * xHat + shift(column)
            }
        }
        cache = Cache(normalized: normalized, inverseStandardDeviation: inverseStandardDeviation, mode: mode)
        return output
    }

    /// Training: ∂L/∂x = (γ/(N·σ))·(N·g − Σg − x̂·Σ(g·x̂)); inference: ∂L/∂x = g·γ/√(running_var + ε).
    /// In both modes ∂L/∂γ += Σ g·x̂ and ∂L/∂β += Σ g.
    ///
    /// - Precondition: a forward pass came first and `gradOutput` has its output's shape.
    /// - Complexity: O(N·C).
    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        let cache = requireForward(
            cache, gradOutput: gradOutput, outputShape: { $0.normalized.shape }, in: self)
        let rows = gradOutput.shape[0]
        let columns = featureCount
        let g = gradOutput.scalars
        let xHat = cache.normalized.scalars

        var sumGrad = [Scalar](repeating: 0, count: columns)
        var sumGradTimesNormalized = [Scalar](repeating: 0, count: columns)
        for row in 0..<rows {
            for column in 0..<columns {
                let index = row * columns + column
                sumGrad[column] += g[index]
                sumGradTimesNormalized[column] += g[index] * xHat[index]
            }
        }
        if weight != nil {
            for column in 0..<columns { weight!.gradient.scalars[column] += sumGradTimesNormalized[column] }
        }
        if bias != nil {
            for column in 0..<columns { bias!.gradient.scalars[column] += sumGrad[column] }
        }

        var gradInput = gradOutput
        let count = Scalar(rows)
        for row in 0..<rows {
            for column in 0..<columns {
                let index = row * columns + column
                let factor = scale(column) * cache.inverseStandardDeviation[column]
                switch cache.mode {
                case .training:
                    gradInput.scalars[index] =
                        factor / count
                        * (count * g[index] - sumGrad[column] - xHat[index] * sumGradTimesNormalized[column])
                case .inference:
                    gradInput.scalars[index] = factor * g[index]
                }
            }
        }
        return gradInput
    }

    /// Stops with a clear message when γ, β or the running statistics (which can be replaced
    /// from outside, for example when loading a checkpoint) are not `[featureCount]`.
    private func requireFeatureShapes() {
        let expected = [featureCount]
        checkPrecondition(
            runningMean.shape == expected && runningVariance.shape == expected,
            "\(self): running statistics must have shape \(expected), got running_mean \(runningMean.shape), running_var \(runningVariance.shape)")
        checkPrecondition(
            (weight?.value.shape ?? expected) == expected && (bias?.value.shape ?? expected) == expected,
            "\(self): weight and bias must have shape \(expected), got \(weight?.value.shape ?? []), \(bias?.value.shape ?? [])")
    }

    /// γⱼ, or 1 when the layer is not affine.
    private func scale(_ column: Int) -> Scalar {
        weight?.value.scalars[column] ?? 1
    }

    /// βⱼ, or 0 when the layer is not affine.
    private func shift(_ column: Int) -> Scalar {
        bias?.value.scalars[column] ?? 0
    }
}
