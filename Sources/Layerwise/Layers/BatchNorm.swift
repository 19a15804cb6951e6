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

    /// Buffers reused by every pass (per-feature statistics and sums, the output and the
    /// input gradient), so that a steady-state step allocates nothing.
    private var workspace = Workspace()

    private struct Workspace {
        var mean: [Scalar] = []
        var sumOfSquares: [Scalar] = []
        var output = Tensor<Scalar>(zeros: [0])
        var gradInput = Tensor<Scalar>(zeros: [0])
        var sumGradient: [Scalar] = []
        var sumGradientTimesNormalized: [Scalar] = []
        var factor: [Scalar] = []
    }

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
        specializedPass(input, as: BatchNorm<Float>.self, BatchNorm<Double>.self,
            float: { $0.computeForward($1, mode: mode) }, double: { $0.computeForward($1, mode: mode) })
    }

    /// The forward pass, specialized by `forward` for `Float` and `Double`.
    private mutating func computeForward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        requireFeatures(input, featureCount, in: self)
        requireFeatureShapes()
        let rows = input.shape[0]
        let columns = featureCount
        // Take the cache's buffers (uniquely referenced then) to overwrite them in place.
        var cache = self.cache.take() ?? Cache(normalized: Tensor(zeros: [0]), inverseStandardDeviation: [], mode: mode)
        cache.mode = mode
        Scalar._resize(&workspace.mean, to: columns)
        Scalar._resize(&cache.inverseStandardDeviation, to: columns)
        switch mode {
        case .training:
            checkPrecondition(
                rows > 1,
                "\(self) in training needs more than one value per feature to compute a variance, got input of shape \(input.shape)")
            Scalar._resize(&workspace.sumOfSquares, to: columns)
            columnMeansAndSquaredDeviations(
                input.scalars, rows: rows, columns: columns, mean: &workspace.mean, sumOfSquares: &workspace.sumOfSquares)
            for column in 0..<columns {
                let biasedVariance = workspace.sumOfSquares[column] / Scalar(rows)
                let unbiasedVariance = workspace.sumOfSquares[column] / Scalar(rows - 1)
                cache.inverseStandardDeviation[column] = 1 / (biasedVariance + epsilon).squareRoot()
                runningMean.scalars[column] =
                    (1 - momentum) * runningMean.scalars[column] + momentum * workspace.mean[column]
                runningVariance.scalars[column] =
                    (1 - momentum) * runningVariance.scalars[column] + momentum * unbiasedVariance
            }
        case .inference:
            for column in 0..<columns {
                workspace.mean[column] = runningMean.scalars[column]
                cache.inverseStandardDeviation[column] = 1 / (runningVariance.scalars[column] + epsilon).squareRoot()
            }
        }
        cache.normalized.reuseStorage(shapedLike: input)
        workspace.output.reuseStorage(shapedLike: input)
        normalizeColumns(
            input.scalars, rows: rows, columns: columns, mean: workspace.mean,
            inverseStandardDeviation: cache.inverseStandardDeviation, scale: weight?.value.scalars,
            shift: bias?.value.scalars, normalized: &cache.normalized.scalars, output: &workspace.output.scalars)
        self.cache = cache
        return workspace.output
    }

    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        specializedPass(gradOutput, as: BatchNorm<Float>.self, BatchNorm<Double>.self,
            float: { $0.computeBackward($1) }, double: { $0.computeBackward($1) })
    }

    /// The backward pass, specialized by `backward`.
    private mutating func computeBackward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        let cache = requireForward(
            cache, gradOutput: gradOutput, outputShape: { $0.normalized.shape }, in: self)
        let rows = gradOutput.shape[0]
        let columns = featureCount
        Scalar._resize(&workspace.sumGradient, to: columns)
        Scalar._resize(&workspace.sumGradientTimesNormalized, to: columns)
        Scalar._fill(&workspace.sumGradient, with: 0)
        Scalar._fill(&workspace.sumGradientTimesNormalized, with: 0)
        addColumnGradientSums(
            gradOutput.scalars, normalized: cache.normalized.scalars, rows: rows, columns: columns,
            sumGradient: &workspace.sumGradient, sumGradientTimesNormalized: &workspace.sumGradientTimesNormalized)
        if weight != nil { Scalar._add(workspace.sumGradientTimesNormalized, to: &weight!.gradient.scalars) }
        if bias != nil { Scalar._add(workspace.sumGradient, to: &bias!.gradient.scalars) }

        Scalar._resize(&workspace.factor, to: columns)
        for column in 0..<columns {
            workspace.factor[column] = scale(column) * cache.inverseStandardDeviation[column]
        }
        workspace.gradInput.reuseStorage(shapedLike: gradOutput)
        batchNormInputGradient(
            gradOutput.scalars, normalized: cache.normalized.scalars, rows: rows, columns: columns,
            factor: workspace.factor, sumGradient: workspace.sumGradient,
            sumGradientTimesNormalized: workspace.sumGradientTimesNormalized, training: cache.mode == .training,
            gradInput: &workspace.gradInput.scalars)
        return workspace.gradInput
    }

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
