/// Inverted dropout: in training, zeroes each element with probability p and scales the
/// survivors by 1/(1 − p), so the expected output equals the input (PyTorch's `Dropout`).
///
/// Training forward, with an independent mask mᵢ ~ Bernoulli(1 − p) drawn for every element:
///   yᵢ = xᵢ·mᵢ/(1 − p)
/// Training backward (the same mask as the forward pass):
///   ∂L/∂xᵢ = ∂L/∂yᵢ · mᵢ/(1 − p)
/// Inference forward and backward: the identity, y = x and ∂L/∂x = ∂L/∂y.
///
/// Edge cases: p = 0 is the identity in training too and draws no random numbers; p = 1 gives
/// an all-zero output and an all-zero gradient (never 0/0).
///
/// The mask comes from the layer's own `generator` (split off the generator passed to `init`),
/// so training runs are seeded and reproducible. Each element takes one uniform draw u ∈ [0, 1)
/// and is kept when u ≥ p. Because the layer is a value that includes its generator, a copy of
/// the layer made before a forward pass draws exactly the same mask as the original: gradient
/// checks rely on this to differentiate a fixed mask by finite differences.
///
/// Any input shape is accepted.
public struct Dropout<Scalar: TensorScalar>: Layer {
    /// p, the probability that an element is dropped (set to zero) in training.
    public let probability: Double
    /// The source of the masks; advanced by every training forward pass with 0 < p < 1.
    public var generator: RandomGenerator

    /// What backward multiplies by: mᵢ/(1 − p) for each element, or nothing for the identity.
    private enum Cache {
        case identity(shape: [Int])
        case mask(Tensor<Scalar>)

        var shape: [Int] {
            switch self {
            case .identity(let shape): shape
            case .mask(let mask): mask.shape
            }
        }
    }

    /// The cache of the most recent forward pass.
    private var cache: Cache?
    /// The output and input-gradient buffers, reused by every pass.
    private var output = Tensor<Scalar>(zeros: [0])
    private var gradInput = Tensor<Scalar>(zeros: [0])

    /// Creates a dropout layer.
    ///
    /// - Parameters:
    ///   - probability: p, the probability of dropping each element in training (PyTorch's `p`,
    ///     whose default is 0.5).
    ///   - generator: The layer takes `generator.split()` as its own mask generator.
    /// - Precondition: 0 ≤ p ≤ 1.
    public init(probability: Double = 0.5, generator: inout RandomGenerator) {
        checkPrecondition(
            probability >= 0 && probability <= 1,
            "Dropout: the drop probability must be in [0, 1], got \(probability)")
        self.probability = probability
        self.generator = generator.split()
    }

    /// The layer for messages: `Dropout(p: 0.5)`.
    public var description: String {
        "Dropout(p: \(probability))"
    }

    /// Training: yᵢ = xᵢ·mᵢ/(1 − p) with a fresh mask; inference: y = x.
    ///
    /// - Complexity: O(n) for n elements, with n uniform draws in training when 0 < p < 1.
    public mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        specializedPass(input, as: Dropout<Float>.self, Dropout<Double>.self,
            float: { $0.computeForward($1, mode: mode) }, double: { $0.computeForward($1, mode: mode) })
    }

    /// The forward pass, specialized by `forward` for `Float` and `Double`.
    private mutating func computeForward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        guard mode == .training, probability > 0 else {
            cache = .identity(shape: input.shape)
            return input
        }
        // Take the previous mask's buffer (uniquely referenced then) to overwrite it in place.
        var mask = Tensor<Scalar>(zeros: [0])
        if case .mask(let previous) = cache.take() { mask = previous }
        mask.reuseStorage(shapedLike: input)
        if probability < 1 {
            drawDropoutMask(&mask.scalars, probability: probability, keptScale: 1 / Scalar(1 - probability), generator: &generator)
        } else {
            Scalar._fill(&mask.scalars, with: 0)
        }
        output.reuseStorage(shapedLike: input)
        multiplyElements(input.scalars, mask.scalars, into: &output.scalars)
        cache = .mask(mask)
        return output
    }

    /// ∂L/∂xᵢ = ∂L/∂yᵢ·mᵢ/(1 − p) with the forward pass's mask; the identity after inference.
    ///
    /// - Precondition: a forward pass came first and `gradOutput` has its output's shape.
    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        specializedPass(gradOutput, as: Dropout<Float>.self, Dropout<Double>.self,
            float: { $0.computeBackward($1) }, double: { $0.computeBackward($1) })
    }

    /// The backward pass, specialized by `backward`.
    private mutating func computeBackward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        let cache = requireForward(cache, gradOutput: gradOutput, outputShape: { $0.shape }, in: self)
        switch cache {
        case .identity: return gradOutput
        case .mask(let mask):
            gradInput.reuseStorage(shapedLike: gradOutput)
            multiplyElements(gradOutput.scalars, mask.scalars, into: &gradInput.scalars)
            return gradInput
        }
    }
}
