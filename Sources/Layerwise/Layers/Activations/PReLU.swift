/// The parametric rectified linear unit: a leaky ReLU whose negative slope is learned.
///
/// With slope a (one shared parameter, or one per feature aⱼ over a `[batch, features]` input):
///
/// Forward:  yₙⱼ = xₙⱼ if xₙⱼ > 0, else aⱼ·xₙⱼ
/// Backward: ∂L/∂xₙⱼ = ∂L/∂yₙⱼ · (xₙⱼ > 0 ? 1 : aⱼ)
///           ∂L/∂aⱼ += Σₙ ∂L/∂yₙⱼ · xₙⱼ · 𝟙[¬(xₙⱼ > 0)]   (shared a: the sum runs over every element)
///
/// At x = 0 the input gradient uses the slope a, as PyTorch's kernel does; the slope gradient
/// gets x·∂L/∂y = 0 from such an element either way. A NaN input takes the negative branch, as
/// in PyTorch: the output is NaN, its input gradient a·∂L/∂y, and the slope gradient NaN.
///
/// PyTorch defaults: one shared slope (`num_parameters=1`) initialized to 0.25
/// (`nn.PReLU(num_parameters=1, init=0.25)`); the parameter is named `"weight"`, shape
/// `[parameterCount]`. With one shared slope any input shape is accepted; with one slope per
/// feature the input must be `[batch, parameterCount]`.
public struct PReLU<Scalar: TensorScalar>: Layer {
    /// The negative slopes a, `[parameterCount]` (PyTorch's `weight`).
    public var weight: Parameter<Scalar>

    /// The input of the most recent forward pass.
    private var lastInput: Tensor<Scalar>?
    /// The output and input-gradient buffers, reused by every pass.
    private var output = Tensor<Scalar>(zeros: [0])
    private var gradInput = Tensor<Scalar>(zeros: [0])

    /// The number of slopes: 1 (shared) or the number of features.
    public var slopeCount: Int { weight.value.count }

    /// Creates the layer with every slope equal to `initialSlope`.
    ///
    /// - Parameters:
    ///   - parameterCount: 1 for one slope shared by all elements (PyTorch's default), or the
    ///     number of features for one slope per feature (column) of a `[batch, features]` input.
    ///   - initialSlope: The starting value of every slope; PyTorch's default is 0.25.
    /// - Precondition: `parameterCount > 0`.
    public init(parameterCount: Int = 1, initialSlope: Scalar = 0.25) {
        checkPrecondition(
            parameterCount > 0, "PReLU: parameterCount must be positive, got \(parameterCount)")
        self.weight = Parameter(Tensor(repeating: initialSlope, shape: [parameterCount]))
    }

    /// `PReLU(1 shared slope)` or `PReLU(5 slopes)`.
    public var description: String {
        slopeCount == 1 ? "PReLU(1 shared slope)" : "PReLU(\(slopeCount) slopes)"
    }

    /// `["weight"]`, as in PyTorch.
    public var parameterNames: [String] { ["weight"] }

    /// Visits `weight`.
    public mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void) {
        visit(&weight)
    }

    /// yₙⱼ = xₙⱼ if xₙⱼ > 0, else aⱼ·xₙⱼ.
    ///
    /// - Precondition: with more than one slope, `input` is `[batch, parameterCount]`.
    public mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        specializedPass(input, as: PReLU<Float>.self, PReLU<Double>.self,
            float: { $0.computeForward($1, mode: mode) }, double: { $0.computeForward($1, mode: mode) })
    }

    /// The forward pass, specialized by `forward` for `Float` and `Double`.
    private mutating func computeForward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        if slopeCount > 1 { requireFeatures(input, slopeCount, in: self) }
        output.reuseStorage(shapedLike: input)
        parametricReLU(input.scalars, slopes: weight.value.scalars, into: &output.scalars)
        lastInput = input
        return output
    }

    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        specializedPass(gradOutput, as: PReLU<Float>.self, PReLU<Double>.self,
            float: { $0.computeBackward($1) }, double: { $0.computeBackward($1) })
    }

    /// The backward pass, specialized by `backward`.
    private mutating func computeBackward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        let input = requireForward(
            lastInput, gradOutput: gradOutput, outputShape: { $0.shape }, in: self)
        gradInput.reuseStorage(shapedLike: gradOutput)
        parametricReLUBackward(
            gradOutput.scalars, input: input.scalars, slopes: weight.value.scalars,
            slopeGradient: &weight.gradient.scalars, into: &gradInput.scalars)
        return gradInput
    }
}
