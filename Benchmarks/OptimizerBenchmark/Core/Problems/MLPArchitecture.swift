import Layerwise

/// A multilayer perceptron: Linear layers with PyTorch's default initialization and one
/// activation between them, ending in class logits.
///
///     input → Linear(in, h₁) → act → Linear(h₁, h₂) → act → … → Linear(hₖ, classes)
public struct MLPArchitecture: Sendable, Equatable {
    /// The activation between the Linear layers.
    public enum Activation: String, Sendable, Equatable {
        /// max(0, x).
        case relu = "ReLU"
        /// tanh x.
        case tanh = "Tanh"
    }

    /// The number of input features.
    public var inputSize: Int
    /// The width of every hidden layer, in order.
    public var hiddenSizes: [Int]
    /// The number of classes (output logits).
    public var classCount: Int
    /// The activation after every hidden Linear layer.
    public var activation: Activation

    /// Creates an architecture.
    ///
    /// - Parameters: The properties of the same names.
    public init(inputSize: Int, hiddenSizes: [Int], classCount: Int, activation: Activation) {
        self.inputSize = inputSize
        self.hiddenSizes = hiddenSizes
        self.classCount = classCount
        self.activation = activation
    }

    /// A freshly initialized model.
    ///
    /// - Parameter generator: The source of the initial weights; the same generator state gives
    ///   the same weights.
    /// - Returns: `Sequential` of Linear and activation layers, parameters named "0.weight",
    ///   "0.bias", "2.weight", … as in PyTorch.
    public func makeModel(using generator: inout RandomGenerator) -> Sequential<Float> {
        var layers: [any Layer<Float>] = []
        var width = inputSize
        for hidden in hiddenSizes {
            layers.append(Linear<Float>(inputSize: width, outputSize: hidden, generator: &generator))
            switch activation {
            case .relu: layers.append(ReLU<Float>())
            case .tanh: layers.append(Tanh<Float>())
            }
            width = hidden
        }
        layers.append(Linear<Float>(inputSize: width, outputSize: classCount, generator: &generator))
        return Sequential(layers)
    }

    /// The number of trainable parameters: Σ (inᵢ + 1)·outᵢ over the Linear layers.
    public var parameterCount: Int {
        let widths = [inputSize] + hiddenSizes + [classCount]
        return zip(widths, widths.dropFirst()).reduce(0) { $0 + ($1.0 + 1) * $1.1 }
    }

    /// "40 → 100 → 100 → 10, ReLU".
    public var summary: String {
        ([inputSize] + hiddenSizes + [classCount]).map(String.init).joined(separator: " → ") + ", " + activation.rawValue
    }
}
