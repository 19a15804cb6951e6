/// A skip connection around a body of layers.
///
/// Forward:  y = x + body(x)
/// Backward: ∂L/∂x = ∂L/∂y + body.backward(∂L/∂y)
///
/// The body must keep the shape of its input. Parameter names are prefixed with `"body."`, as
/// for a PyTorch module that stores its body in an attribute `body` (`"body.0.weight"`).
public struct Residual<Body: Layer>: Layer {
    /// The scalar type of the body.
    public typealias Scalar = Body.Scalar

    /// The layers the skip connection goes around.
    public var body: Body

    /// The input shape of the most recent forward pass.
    private var lastInputShape: [Int]?

    /// Creates a skip connection around `body`.
    public init(_ body: Body) {
        self.body = body
    }

    /// Creates a skip connection around the layers listed in `content`.
    public init<S>(@LayerBuilder<S> _ content: () -> [any Layer<S>]) where Body == Sequential<S> {
        self.init(Sequential(content()))
    }

    /// The block for messages: `Residual(Sequential(…))`.
    public var description: String { "Residual(\(body))" }

    /// The body's parameter names, prefixed `body.`.
    public var parameterNames: [String] { body.parameterNames.map { "body." + $0 } }
    /// The body's state names, prefixed `body.`.
    public var stateNames: [String] { body.stateNames.map { "body." + $0 } }

    /// Visits the body's parameters.
    public mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void) {
        body.visitParameters(visit)
    }

    /// Visits the body's state.
    public mutating func visitState(_ visit: (inout Tensor<Scalar>) -> Void) {
        body.visitState(visit)
    }

    /// y = x + body(x).
    public mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        var output = body.forward(input, mode: mode)
        checkPrecondition(
            output.shape == input.shape,
            "\(self): the body maps shape \(input.shape) to \(output.shape); a skip connection needs equal shapes")
        output += input
        lastInputShape = input.shape
        return output
    }

    /// ∂L/∂x = ∂L/∂y + body.backward(∂L/∂y).
    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        _ = requireForward(lastInputShape, gradOutput: gradOutput, outputShape: { $0 }, in: self)
        var gradInput = body.backward(gradOutput)
        gradInput += gradOutput
        return gradInput
    }

    /// The body's parameter gradients: ∂L/∂x is not needed, so neither is the body's.
    public mutating func backwardWithoutInputGradient(_ gradOutput: Tensor<Scalar>) {
        _ = requireForward(lastInputShape, gradOutput: gradOutput, outputShape: { $0 }, in: self)
        body.backwardWithoutInputGradient(gradOutput)
    }

    /// The body releases its cached inputs.
    public mutating func releaseForwardCache() {
        body.releaseForwardCache()
    }
}
