/// A fully connected layer.
///
/// With input x of shape `[N, in]`, weight W of shape `[out, in]` (PyTorch's layout) and bias b
/// of shape `[out]`:
///
/// Forward:  y = x·Wᵀ + b,            yₙₒ = Σᵢ xₙᵢ·Wₒᵢ + bₒ
/// Backward: ∂L/∂x = (∂L/∂y)·W,       `[N, out]·[out, in]`
///           ∂L/∂W += (∂L/∂y)ᵀ·x,     `[out, N]·[N, in]`
///           ∂L/∂b += Σₙ (∂L/∂y)ₙ
///
/// The default initialization is PyTorch's: W and b uniform in (−1/√in, 1/√in) (for W this is
/// Kaiming-uniform with a = √5).
public struct Linear<Scalar: TensorScalar>: Layer {
    /// The weight W, `[outputSize, inputSize]`.
    public var weight: Parameter<Scalar>
    /// The bias b, `[outputSize]`, or `nil` for a layer without bias.
    public var bias: Parameter<Scalar>?

    /// The input of the most recent forward pass.
    private var lastInput: Tensor<Scalar>?
    /// The output buffer, `[batch, outputSize]`, overwritten by each forward pass.
    private var output = Tensor<Scalar>(zeros: [0])
    /// The ∂L/∂x buffer, `[batch, inputSize]`, overwritten by each backward pass.
    private var gradInput = Tensor<Scalar>(zeros: [0])

    /// The number of input features.
    public var inputSize: Int { weight.value.shape[1] }
    /// The number of output features.
    public var outputSize: Int { weight.value.shape[0] }

    /// Creates a layer with PyTorch's default initialization, or with the given initializers.
    ///
    /// - Parameters:
    ///   - inputSize: Features per input row.
    ///   - outputSize: Features per output row.
    ///   - bias: Whether the layer adds a learnable bias.
    ///   - weightInitializer: Fills W (`[outputSize, inputSize]`); `nil` for PyTorch's default.
    ///   - biasInitializer: Fills b (`[outputSize]`); `nil` for PyTorch's default.
    ///   - generator: The source of randomness for the initial values.
    public init(
        inputSize: Int, outputSize: Int, bias: Bool = true,
        weightInitializer: (any Initializer)? = nil, biasInitializer: (any Initializer)? = nil,
        generator: inout RandomGenerator
    ) {
        checkPrecondition(
            inputSize > 0 && outputSize > 0,
            "Linear: sizes must be positive, got inputSize \(inputSize), outputSize \(outputSize)")
        let bound = 1 / Scalar(inputSize).squareRoot()
        let weightShape = [outputSize, inputSize]
        let weightValue: Tensor<Scalar> =
            weightInitializer?.makeTensor(shape: weightShape, using: &generator)
            ?? Tensor(randomUniform: weightShape, in: -bound...bound, using: &generator)
        var biasValue: Tensor<Scalar>?
        if bias {
            biasValue =
                biasInitializer?.makeTensor(shape: [outputSize], using: &generator)
                ?? Tensor(randomUniform: [outputSize], in: -bound...bound, using: &generator)
        }
        self.init(weight: weightValue, bias: biasValue)
    }

    /// Creates a layer with the given weight (`[out, in]`) and optional bias (`[out]`).
    public init(weight: Tensor<Scalar>, bias: Tensor<Scalar>?) {
        checkPrecondition(weight.rank == 2, "Linear: weight must be [out, in], got \(weight.shape)")
        if let bias {
            checkPrecondition(
                bias.shape == [weight.shape[0]],
                "Linear: bias shape \(bias.shape) does not match weight shape \(weight.shape)")
        }
        self.weight = Parameter(weight)
        self.bias = bias.map { Parameter($0) }
    }

    /// The layer for messages: `Linear(784 → 256)`, `Linear(5 → 2, no bias)`.
    public var description: String {
        "Linear(\(inputSize) → \(outputSize)\(bias == nil ? ", no bias" : ""))"
    }

    /// `["weight", "bias"]`, or `["weight"]` without bias (PyTorch's names).
    public var parameterNames: [String] {
        bias == nil ? ["weight"] : ["weight", "bias"]
    }

    /// Visits W, then b if present.
    public mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void) {
        visit(&weight)
        if bias != nil { visit(&bias!) }
    }

    /// y = x·Wᵀ + b, computed as y ← b (every row), then y += x·Wᵀ.
    public mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        requireFeatures(input, inputSize, in: self)
        output.reuseStorage(rows: input.shape[0], columns: outputSize)
        if let bias {
            Scalar._broadcastRow(bias.value.scalars, into: &output.scalars)
        }
        Tensor.matmul(input, weight.value, transposeB: true, into: &output, accumulate: bias != nil)
        lastInput = input
        return output
    }

    /// ∂L/∂x = (∂L/∂y)·W;  ∂L/∂W += (∂L/∂y)ᵀ·x;  ∂L/∂b += Σₙ (∂L/∂y)ₙ.
    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        backwardWithoutInputGradient(gradOutput)
        gradInput.reuseStorage(rows: gradOutput.shape[0], columns: inputSize)
        Tensor.matmul(gradOutput, weight.value, into: &gradInput, accumulate: false)
        return gradInput
    }

    /// ∂L/∂W += (∂L/∂y)ᵀ·x;  ∂L/∂b += Σₙ (∂L/∂y)ₙ.
    public mutating func backwardWithoutInputGradient(_ gradOutput: Tensor<Scalar>) {
        let input = requireForward(lastInput, gradOutput: gradOutput, outputShape: { _ in output.shape }, in: self)
        Tensor.matmul(gradOutput, transposeA: true, input, into: &weight.gradient, accumulate: true)
        if bias != nil {
            Scalar._addColumnSums(of: gradOutput.scalars, into: &bias!.gradient.scalars)
        }
    }

    /// Forgets the cached input.
    public mutating func releaseForwardCache() {
        lastInput = nil
    }
}
