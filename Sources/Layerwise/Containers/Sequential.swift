/// Layers applied one after another.
///
/// Forward:  y = fₙ(… f₂(f₁(x)))
/// Backward: the gradient flows through the layers in reverse order; each layer adds its own
///           parameter gradients.
///
/// Parameter and state names are PyTorch's `state_dict` keys: the layer's index, a dot, and the
/// layer's own name (`"0.weight"`, `"1.running_mean"`, `"3.body.0.bias"`).
///
/// ```swift
/// var generator = RandomGenerator(seed: 0)
/// var model = Sequential<Float> {
///     Linear(inputSize: 64, outputSize: 32, generator: &generator)
///     ReLU()
///     Linear(inputSize: 32, outputSize: 10, generator: &generator)
/// }
/// ```
public struct Sequential<Scalar: TensorScalar>: Layer {
    /// The layers, in the order forward applies them.
    public private(set) var layers: [any Layer<Scalar>]

    public private(set) var parameterNames: [String]
    public private(set) var stateNames: [String]

    /// Creates a sequence from an array of layers.
    public init(_ layers: [any Layer<Scalar>]) {
        self.layers = layers
        (parameterNames, stateNames) = Self.names(of: layers)
    }

    /// Creates a sequence from the layers listed in `content`.
    public init(@LayerBuilder<Scalar> _ content: () -> [any Layer<Scalar>]) {
        self.init(content())
    }

    /// The number of layers.
    public var count: Int { layers.count }

    /// The layer at `index`. Setting it replaces the layer and renames the parameters.
    public subscript(index: Int) -> any Layer<Scalar> {
        get { layers[index] }
        set {
            layers[index] = newValue
            (parameterNames, stateNames) = Self.names(of: layers)
        }
    }

    /// Appends a layer at the end.
    public mutating func append(_ layer: some Layer<Scalar>) {
        layers.append(layer)
        (parameterNames, stateNames) = Self.names(of: layers)
    }

    private static func names(of layers: [any Layer<Scalar>]) -> (parameters: [String], state: [String]) {
        var parameters: [String] = []
        var state: [String] = []
        for (index, layer) in layers.enumerated() {
            parameters += layer.parameterNames.map { "\(index).\($0)" }
            state += layer.stateNames.map { "\(index).\($0)" }
        }
        return (parameters, state)
    }

    /// The layers for messages: `Sequential(Linear(4 → 8), ReLU, …)`.
    public var description: String {
        "Sequential(" + layers.map { $0.description }.joined(separator: ", ") + ")"
    }

    /// Visits every layer's parameters, first layer first.
    public mutating func visitParameters(_ visit: (inout Parameter<Scalar>) -> Void) {
        for index in layers.indices { layers[index].visitParameters(visit) }
    }

    /// Visits every layer's state, first layer first.
    public mutating func visitState(_ visit: (inout Tensor<Scalar>) -> Void) {
        for index in layers.indices { layers[index].visitState(visit) }
    }

    /// y = fₙ(… f₁(x)).
    ///
    /// First every layer releases its cached input, so that each layer's output buffer is
    /// referenced by that layer alone and is overwritten in place (see `releaseForwardCache()`).
    public mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        releaseForwardCache()
        var activation = input
        for index in layers.indices {
            activation = layers[index].forward(activation, mode: mode)
        }
        return activation
    }

    /// Backward through every layer, last to first.
    public mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        var gradient = gradOutput
        for index in layers.indices.reversed() {
            gradient = layers[index].backward(gradient)
        }
        return gradient
    }

    /// Backward through every layer, last to first, without ∂L/∂input of the first layer.
    public mutating func backwardWithoutInputGradient(_ gradOutput: Tensor<Scalar>) {
        guard let first = layers.indices.first else { return }
        var gradient = gradOutput
        for index in layers.indices.dropFirst().reversed() {
            gradient = layers[index].backward(gradient)
        }
        layers[first].backwardWithoutInputGradient(gradient)
    }

    /// Every layer releases its cached input.
    public mutating func releaseForwardCache() {
        for index in layers.indices { layers[index].releaseForwardCache() }
    }
}
