/// Layer normalization over the last axis of `[batch, features]` (PyTorch's `LayerNorm`).
///
/// Each row is normalized with its own statistics, so the layer acts the same in training
/// and in inference and keeps no running state. With a row x of D features, learnable γ
/// (`weight`) and β (`bias`), both `[D]`:
///
/// Forward:
///   μ = (1/D)·Σⱼ xⱼ,   σ² = (1/D)·Σⱼ (xⱼ − μ)²  (biased),   σ = √(σ² + ε)
///   x̂ⱼ = (xⱼ − μ)/σ,   yⱼ = γⱼ·x̂ⱼ + βⱼ
/// Backward (per row, ĝⱼ = gⱼ·γⱼ with g = ∂L/∂y, sums over the D features):
///   ∂L/∂xⱼ = (1/(D·σ))·(D·ĝⱼ − Σₖ ĝₖ − x̂ⱼ·Σₖ ĝₖ·x̂ₖ)
///   ∂L/∂γⱼ += Σₙ gₙⱼ·x̂ₙⱼ,   ∂L/∂βⱼ += Σₙ gₙⱼ   (sums over the batch)
///
/// Without `affine` (PyTorch's `elementwise_affine=False`), γ = 1 and β = 0 are fixed and the
/// layer has no parameters. Initial values are PyTorch's: γ = 1, β = 0.
public struct LayerNorm<Scalar: TensorScalar>: Layer {
    /// γ, the per-feature scale, `[featureCount]`; `nil` when the layer is not affine.
    public var weight: Parameter<Scalar>?
    /// β, the per-feature shift, `[featureCount]`; `nil` when the layer is not affine.
    public var bias: Parameter<Scalar>?
    /// The number of features D in the normalized (last) axis.
    public let featureCount: Int
    /// ε, added to the variance before the square root.
    public let epsilon: Scalar

    /// x̂ (`[N, D]`) and 1/σ of each row (`[N]`) from the most recent forward pass.
    private var cache: (normalized: Tensor<Scalar>, inverseStandardDeviation: [Scalar])?

    /// The output and input-gradient buffers, reused by every pass.
    private var output = Tensor<Scalar>(zeros: [0])
    private var gradInput = Tensor<Scalar>(zeros: [0])

    /// Creates a layer-normalization layer with PyTorch's initial values.
    ///
    /// - Parameters:
    ///   - featureCount: D, the number of features per row.
    ///   - epsilon: ε, added to the variance for stability (PyTorch's `eps`, default 1e-5).
    ///   - affine: Whether the layer learns γ and β (default `true`).
    /// - Precondition: `featureCount > 0`, `epsilon ≥ 0`.
    public init(featureCount: Int, epsilon: Scalar = 1e-5, affine: Bool = true) {
        checkPrecondition(featureCount > 0, "LayerNorm: featureCount must be positive, got \(featureCount)")
        checkPrecondition(epsilon >= 0, "LayerNorm: epsilon must not be negative, got \(epsilon)")
        self.featureCount = featureCount
        self.epsilon = epsilon
        if affine {
            weight = Parameter(Tensor(repeating: 1, shape: [featureCount]))
            bias = Parameter(Tensor(zeros: [featureCount]))
        }
    }

    /// Whether the layer learns γ and β.
    public var isAffine: Bool { weight != nil }

    /// The layer for messages: `LayerNorm(5)`, `LayerNorm(5, not affine)`.
    public var description: String {
        "LayerNorm(\(featureCount)\(isAffine ? "" : ", not affine"))"
    }

    /// `["weight", "bias"]` when affine, else none.
    public var parameterNames: [String] {
        isAffine ? ["weight", "bias"] : []
    }

    /// Visits γ then β, when affine.
    public mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void) {
        if weight != nil { visit(&weight!) }
        if bias != nil { visit(&bias!) }
    }

    /// yⱼ = γⱼ·(xⱼ − μ)/√(σ² + ε) + βⱼ with each row's own μ and σ². The mode does not matter.
    ///
    /// - Precondition: `input` is `[N, featureCount]`.
    /// - Complexity: O(N·D).
    public mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        specializedPass(input, as: LayerNorm<Float>.self, LayerNorm<Double>.self,
            float: { $0.computeForward($1, mode: mode) }, double: { $0.computeForward($1, mode: mode) })
    }

    /// The forward pass, specialized by `forward` for `Float` and `Double`.
    private mutating func computeForward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        requireFeatures(input, featureCount, in: self)
        let expected = [featureCount]
        checkPrecondition(
            (weight?.value.shape ?? expected) == expected && (bias?.value.shape ?? expected) == expected,
            "\(self): weight and bias must have shape \(expected), got \(weight?.value.shape ?? []), \(bias?.value.shape ?? [])")
        let rows = input.shape[0]
        let columns = featureCount
        // Take the cache's buffers (uniquely referenced then) to overwrite them in place.
        var cache = self.cache.take() ?? (Tensor(zeros: [0]), [])
        cache.normalized.reuseStorage(shapedLike: input)
        Scalar._resize(&cache.inverseStandardDeviation, to: rows)
        output.reuseStorage(shapedLike: input)
        normalizeRows(
            input.scalars, rows: rows, columns: columns, epsilon: epsilon, scale: weight?.value.scalars,
            shift: bias?.value.scalars, normalized: &cache.normalized.scalars, output: &output.scalars,
            inverseStandardDeviation: &cache.inverseStandardDeviation)
        self.cache = cache
        return output
    }

    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        specializedPass(gradOutput, as: LayerNorm<Float>.self, LayerNorm<Double>.self,
            float: { $0.computeBackward($1) }, double: { $0.computeBackward($1) })
    }

    /// The backward pass, specialized by `backward`.
    private mutating func computeBackward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        let (normalized, inverseStandardDeviation) = requireForward(
            cache, gradOutput: gradOutput, outputShape: { $0.normalized.shape }, in: self)
        let rows = gradOutput.shape[0]
        let columns = featureCount
        // ∂L/∂γⱼ += Σᵢ gᵢⱼ·x̂ᵢⱼ and ∂L/∂βⱼ += Σᵢ gᵢⱼ: the column sums BatchNorm uses.
        if weight != nil && bias != nil {
            addColumnGradientSums(
                gradOutput.scalars, normalized: normalized.scalars, rows: rows, columns: columns,
                sumGradient: &bias!.gradient.scalars, sumGradientTimesNormalized: &weight!.gradient.scalars)
        }
        gradInput.reuseStorage(shapedLike: gradOutput)
        layerNormInputGradient(
            gradOutput.scalars, normalized: normalized.scalars, rows: rows, columns: columns,
            scale: weight?.value.scalars, inverseStandardDeviation: inverseStandardDeviation,
            gradInput: &gradInput.scalars)
        return gradInput
    }
}
