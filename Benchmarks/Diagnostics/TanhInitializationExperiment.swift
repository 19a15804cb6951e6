import Layerwise

/// The lecture's experiment: a deep Tanh network initialized three ways, and what its
/// activations and gradients look like on one batch before any training.
///
/// The network: six hidden layers Linear(→ 100) + Tanh on the standardized digits (64 inputs
/// of mean 0 and variance 1), then Linear(100 → 10) and the softmax cross-entropy. Biases are
/// zero; the weights are drawn from
/// - N(0, 0.01²): every layer multiplies the scale by about 0.01·√100 = 0.1, so the
///   activations collapse towards 0 layer after layer — and so do the weight gradients,
///   ∂L/∂W = (∂L/∂y)ᵀ·x, which are proportional to the layer's input;
/// - N(0, 1): pre-activations of standard deviation ≈ √fan-in (8 to 10), so nearly every Tanh
///   output sits at ±1, where its derivative 1 − y² vanishes;
/// - Xavier normal, N(0, 2/(fan-in + fan-out)): variance kept about constant from layer to
///   layer, activations spread over (−1, 1).
struct TanhInitializationExperiment {
    /// One way of drawing the weights.
    struct Initialization: Sendable {
        /// The label in the report and figures.
        let name: String
        /// The standard deviation of the weights of a layer of the given fans.
        let standardDeviation: @Sendable (_ fanIn: Int, _ fanOut: Int) -> Double
    }

    static let initializations = [
        Initialization(name: "N(0, 0.01²)") { _, _ in 0.01 },
        Initialization(name: "N(0, 1)") { _, _ in 1 },
        Initialization(name: "Xavier") { fanIn, fanOut in (2 / Double(fanIn + fanOut)).squareRoot() },
    ]

    /// The number of hidden Linear + Tanh layers.
    static let depth = 6
    /// Their width.
    static let width = 100

    /// The statistics of each initialization, in the order of `initializations`.
    let results: [(initialization: Initialization, statistics: NetworkStatistics)]

    /// Builds the three networks from one seed and runs one batch of `batchSize` digits through
    /// each.
    init(data: Dataset<Float, [Int]>, batchSize: Int, seed: UInt64) {
        var generator = RandomGenerator(seed: seed)
        let batch = data.shuffledBatches(size: batchSize, using: &generator)[0]
        results = Self.initializations.map { initialization in
            var weights = RandomGenerator(seed: seed &+ 1)  // the same draws, scaled differently
            let model = Self.network(inputSize: data.features.shape[1], initialization: initialization, generator: &weights)
            let statistics = NetworkStatistics(
                of: model, input: batch.features, target: .classes(batch.targets), loss: SoftmaxCrossEntropy<Float>(),
                binCount: 40)
            return (initialization, statistics)
        }
    }

    /// Linear + Tanh `depth` times, then Linear(width → 10).
    static func network(inputSize: Int, initialization: Initialization, generator: inout RandomGenerator) -> Sequential<Float> {
        var layers: [any Layer<Float>] = []
        var fanIn = inputSize
        for _ in 0..<depth {
            layers.append(linear(fanIn, width, initialization, &generator))
            layers.append(Tanh<Float>())
            fanIn = width
        }
        layers.append(linear(fanIn, 10, initialization, &generator))
        return Sequential(layers)
    }

    private static func linear(
        _ fanIn: Int, _ fanOut: Int, _ initialization: Initialization, _ generator: inout RandomGenerator
    ) -> Linear<Float> {
        let deviation = Float(initialization.standardDeviation(fanIn, fanOut))
        return Linear(
            weight: Tensor(randomNormal: [fanOut, fanIn], standardDeviation: deviation, using: &generator),
            bias: Tensor(zeros: [fanOut]))
    }

    /// The statistics of the Tanh layers only (every second layer), for the figures.
    static func tanhLayers(of statistics: NetworkStatistics) -> [LayerStatistics] {
        statistics.layers.filter { $0.layer == "Tanh" }
    }

    /// The statistics of the Linear layers that feed a Tanh: their output is the Tanh's input z,
    /// and the gradient arriving there, ∂L/∂z = ∂L/∂y·(1 − y²), is what reaches the weights
    /// (∂L/∂W = (∂L/∂z)ᵀ·x).
    static func tanhInputLayers(of statistics: NetworkStatistics) -> [LayerStatistics] {
        statistics.layers.dropLast().filter { statistics.layers[$0.index + 1].layer == "Tanh" }
    }

    /// The reports, one per initialization.
    var report: String {
        results.map { "Weights \($0.initialization.name):\n\($0.statistics)" }.joined(separator: "\n\n")
    }
}
