import Layerwise

/// The components a user calls, each built here — in another module than the library, as
/// every user's program is — with concrete `Float` types, and timed the way PyTorch's
/// counterparts are timed by compare_pytorch.py (same names, sizes and defaults).
struct Components {
    let runs: Int
    let runSeconds: Double
    var timings: [ComponentTiming] = []
    var generator = RandomGenerator(seed: 2026)

    init(runs: Int, runSeconds: Double) {
        self.runs = runs
        self.runSeconds = runSeconds
    }

    mutating func record(_ group: String, _ name: String, _ size: String, _ body: () -> Void) {
        timings.append(ComponentTiming(group: group, name: name, size: size, seconds: bestTime(runs: runs, runSeconds: runSeconds, body)))
    }

    /// A layer's forward and backward pass in training mode on a `[rows, columns]` input, with
    /// ∂L/∂y = 1.
    mutating func layer(_ name: String, _ make: (Int) -> any Layer<Float>, rows: Int, columns: Int) {
        var layer = make(columns)
        let input = Tensor<Float>(randomNormal: [rows, columns], using: &generator)
        let output = layer.forward(input, mode: .training)
        let gradOutput = Tensor<Float>(repeating: 1, shape: output.shape)
        record("layer", name, "\(rows)×\(columns)") {
            layer.zeroGradients()
            _ = layer.forward(input, mode: .training)
            _ = layer.backward(gradOutput)
        }
    }

    nonisolated(unsafe) static let layerFactories: [(String, (Int) -> any Layer<Float>)] = [
        ("ReLU", { _ in ReLU<Float>() }),
        ("LeakyReLU", { _ in LeakyReLU<Float>() }),
        ("PReLU", { _ in PReLU<Float>() }),
        ("ELU", { _ in ELU<Float>() }),
        ("SELU", { _ in SELU<Float>() }),
        ("GELU", { _ in GELU<Float>() }),
        ("GELU(tanh)", { _ in GELU<Float>(approximation: .tanh) }),
        ("SiLU", { _ in SiLU<Float>() }),
        ("Mish", { _ in Mish<Float>() }),
        ("Softplus", { _ in Softplus<Float>() }),
        ("Softsign", { _ in Softsign<Float>() }),
        ("Hardtanh", { _ in Hardtanh<Float>() }),
        ("Sigmoid", { _ in Sigmoid<Float>() }),
        ("Tanh", { _ in Tanh<Float>() }),
        ("Softmax", { _ in Softmax<Float>() }),
        ("LogSoftmax", { _ in LogSoftmax<Float>() }),
        ("BatchNorm", { BatchNorm<Float>(featureCount: $0) }),
        ("LayerNorm", { LayerNorm<Float>(featureCount: $0) }),
        ("Dropout(0.2)", { _ in
            var generator = RandomGenerator(seed: 7)
            return Dropout<Float>(probability: 0.2, generator: &generator)
        }),
        ("Linear", {
            var generator = RandomGenerator(seed: 7)
            return Linear<Float>(inputSize: $0, outputSize: $0, generator: &generator)
        }),
    ]

    static let layerSizes = [(128, 256), (512, 1024), (127, 259)]

    mutating func layers() {
        for (rows, columns) in Self.layerSizes {
            for (name, make) in Self.layerFactories { layer(name, make, rows: rows, columns: columns) }
        }
    }

    /// A loss's value and gradient on a `[rows, columns]` prediction.
    mutating func losses() {
        let prediction = Tensor<Float>(randomNormal: [512, 1024], using: &generator)
        let target = Tensor<Float>(randomNormal: [512, 1024], using: &generator)
        let probabilities = Tensor<Float>(shape: [512, 1024], scalars: (0..<(512 * 1024)).map { _ in Float(generator.nextUniform()) })
        var gradient = Tensor<Float>(zeros: [0])
        let size = "512×1024"
        record("loss", "MSE", size) { _ = MeanSquaredError<Float>()(prediction, target: target, gradientInto: &gradient) }
        record("loss", "L1", size) { _ = L1Loss<Float>()(prediction, target: target, gradientInto: &gradient) }
        record("loss", "Huber", size) { _ = HuberLoss<Float>()(prediction, target: target, gradientInto: &gradient) }
        record("loss", "BCEWithLogits", size) {
            _ = BinaryCrossEntropyWithLogits<Float>()(prediction, target: probabilities, gradientInto: &gradient)
        }
        let logits = Tensor<Float>(randomNormal: [512, 1000], using: &generator)
        let labels = ClassificationTarget<Float>.classes((0..<512).map { _ in Int(generator.next() % 1000) })
        record("loss", "CrossEntropy", "512×1000") { _ = SoftmaxCrossEntropy<Float>()(logits, target: labels, gradientInto: &gradient) }
    }

    /// The MLP 784-256-128-10 with ReLU: 235 146 parameters.
    static func mlp(seed: UInt64) -> Sequential<Float> {
        var generator = RandomGenerator(seed: seed)
        return Sequential {
            Linear<Float>(inputSize: 784, outputSize: 256, generator: &generator)
            ReLU<Float>()
            Linear<Float>(inputSize: 256, outputSize: 128, generator: &generator)
            ReLU<Float>()
            Linear<Float>(inputSize: 128, outputSize: 10, generator: &generator)
        }
    }

    /// One optimizer step on the MLP's parameters with fixed random gradients.
    mutating func optimizer(_ name: String, _ rule: some Optimizer<Float>) {
        var model = Self.mlp(seed: 3)
        var gradientGenerator = RandomGenerator(seed: 4)
        model.visitParameters { parameter in
            parameter.gradient = Tensor(randomNormal: parameter.value.shape, using: &gradientGenerator)
        }
        var rule = rule
        rule.step(&model)
        record("optimizer", name, "235146") { rule.step(&model) }
    }

    mutating func optimizers() {
        optimizer("SGD", SGD<Float>(learningRate: 1e-3))
        optimizer("SGD(momentum)", SGD<Float>(learningRate: 1e-3, momentum: 0.9))
        optimizer("SGD(nesterov, weight decay)", SGD<Float>(learningRate: 1e-3, momentum: 0.9, weightDecay: 1e-4, nesterov: true))
        optimizer("Adagrad", Adagrad<Float>())
        optimizer("RMSprop", RMSprop<Float>())
        optimizer("RMSprop(centered, momentum)", RMSprop<Float>(momentum: 0.9, centered: true))
        optimizer("Adadelta", Adadelta<Float>())
        optimizer("Adam", Adam<Float>())
        optimizer("Adam(amsgrad)", Adam<Float>(amsgrad: true))
        optimizer("AdamW", AdamW<Float>())
        optimizer("Adamax", Adamax<Float>())
        optimizer("NAdam", NAdam<Float>())
        optimizer("RAdam", RAdam<Float>())
        var model = Self.mlp(seed: 3)
        var gradientGenerator = RandomGenerator(seed: 4)
        model.visitParameters { parameter in
            parameter.gradient = Tensor(randomNormal: parameter.value.shape, using: &gradientGenerator)
        }
        record("optimizer", "clip_grad_norm", "235146") { _ = model.clipGradientNorm(maxNorm: 1e9) }
    }

    /// Whole training steps, batch 128: zero the gradients, forward, loss, backward, update.
    mutating func trainingSteps() {
        var generator = RandomGenerator(seed: 11)
        let input = Tensor<Float>(randomNormal: [128, 784], using: &generator)
        let labels = ClassificationTarget<Float>.classes((0..<128).map { _ in Int(generator.next() % 10) })
        func measure(_ name: String, _ model: Sequential<Float>, _ rule: some Optimizer<Float>) {
            var model = model
            var rule = rule
            var gradient = Tensor<Float>(zeros: [0])
            let loss = SoftmaxCrossEntropy<Float>()
            record("step", name, "batch 128") {
                model.zeroGradients()
                let logits = model.forward(input, mode: .training)
                _ = loss(logits, target: labels, gradientInto: &gradient)
                model.backwardWithoutInputGradient(gradient)
                rule.step(&model)
            }
        }
        measure("MLP ReLU, Adam", Self.mlp(seed: 5), Adam<Float>())
        var layers = RandomGenerator(seed: 6)
        measure("MLP BatchNorm GELU Dropout, SGD Nesterov", Sequential<Float> {
            Linear<Float>(inputSize: 784, outputSize: 256, generator: &layers)
            BatchNorm<Float>(featureCount: 256)
            GELU<Float>()
            Dropout<Float>(probability: 0.2, generator: &layers)
            Linear<Float>(inputSize: 256, outputSize: 128, generator: &layers)
            BatchNorm<Float>(featureCount: 128)
            GELU<Float>()
            Dropout<Float>(probability: 0.2, generator: &layers)
            Linear<Float>(inputSize: 128, outputSize: 10, generator: &layers)
        }, SGD<Float>(learningRate: 1e-2, momentum: 0.9, nesterov: true))
        measure("MLP LayerNorm SiLU, AdamW", Sequential<Float> {
            Linear<Float>(inputSize: 784, outputSize: 256, generator: &layers)
            LayerNorm<Float>(featureCount: 256)
            SiLU<Float>()
            Linear<Float>(inputSize: 256, outputSize: 128, generator: &layers)
            LayerNorm<Float>(featureCount: 128)
            SiLU<Float>()
            Linear<Float>(inputSize: 128, outputSize: 10, generator: &layers)
        }, AdamW<Float>())
    }
}
