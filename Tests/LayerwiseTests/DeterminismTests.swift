import Layerwise
import Testing

/// Results do not depend on the thread count or on the run: a whole training run (forward,
/// loss, backward, optimizer update) with `Parallelism.threadCount` = 1 and = 2 ends with the
/// same parameters to the bit, and so does a second run with 2 threads.
///
/// The model is large enough that every kind of split happens with 2 threads: the first
/// layer's products exceed the 2¹⁹ multiply-adds from which a product is split, its weight
/// (51 200 elements) exceeds the 16 384 elements from which the Adam update is split, and
/// batch-1 inference splits the first layer's matrix-vector product. Another test running at
/// the same moment can hold the threads, in which case a product runs serially; the
/// assertions hold either way, which is the property under test.
@Suite struct DeterminismTests {
    /// MLP 200-256-64-10 with ReLU; `seed` fixes the initial parameters.
    private static func model(seed: UInt64) -> Sequential<Float> {
        var generator = RandomGenerator(seed: seed)
        return Sequential {
            Linear<Float>(inputSize: 200, outputSize: 256, generator: &generator)
            ReLU<Float>()
            Linear<Float>(inputSize: 256, outputSize: 64, generator: &generator)
            ReLU<Float>()
            Linear<Float>(inputSize: 64, outputSize: 10, generator: &generator)
        }
    }

    /// The bit patterns of every parameter, by name.
    private static func bits(of model: inout Sequential<Float>) -> [String: [UInt32]] {
        Dictionary(uniqueKeysWithValues: model.namedParameters.map {
            ($0.name, $0.parameter.value.scalars.map(\.bitPattern))
        })
    }

    /// Trains a fresh model for `steps` steps on fixed random batches with `threads` threads;
    /// returns the parameters' bits and the losses' bits.
    private static func train(
        threads: Int, steps: Int, optimizer makeOptimizer: () -> any Optimizer<Float>
    ) -> (parameters: [String: [UInt32]], losses: [UInt32]) {
        let original = Parallelism.threadCount
        Parallelism.threadCount = threads
        defer { Parallelism.threadCount = original }
        var model = model(seed: 17)
        var optimizer = makeOptimizer()
        let loss = SoftmaxCrossEntropy<Float>()
        var generator = RandomGenerator(seed: 99)
        var gradient = Tensor<Float>(zeros: [0])
        var losses: [UInt32] = []
        for _ in 0..<steps {
            let input = Tensor<Float>(randomNormal: [96, 200], using: &generator)
            let target = ClassificationTarget<Float>.classes((0..<96).map { _ in Int(generator.next() % 10) })
            model.zeroGradients()
            let logits = model.forward(input, mode: .training)
            losses.append(loss(logits, target: target, gradientInto: &gradient).bitPattern)
            model.backwardWithoutInputGradient(gradient)
            optimizer.step(&model)
        }
        return (bits(of: &model), losses)
    }

    static let optimizers: [(name: String, make: @Sendable () -> any Optimizer<Float>)] = [
        ("Adam", { Adam<Float>(learningRate: 1e-3) }),
        ("Adam, AMSGrad and L2 penalty", { Adam<Float>(learningRate: 1e-3, weightDecay: 1e-2, amsgrad: true) }),
        ("AdamW", { AdamW<Float>(learningRate: 1e-3) }),
        ("SGD with momentum", { SGD<Float>(learningRate: 0.05, momentum: 0.9) }),
        ("SGD, Nesterov, weight decay", { SGD<Float>(learningRate: 0.05, momentum: 0.9, weightDecay: 1e-3, nesterov: true) }),
        ("Adagrad", { Adagrad<Float>() }),
        ("RMSprop", { RMSprop<Float>(learningRate: 1e-3) }),
        ("RMSprop, centered, momentum", { RMSprop<Float>(learningRate: 1e-3, momentum: 0.9, centered: true) }),
        ("Adadelta", { Adadelta<Float>() }),
        ("Adamax", { Adamax<Float>() }),
        ("NAdam", { NAdam<Float>() }),
        ("RAdam", { RAdam<Float>() }),
    ]

    @Test(arguments: optimizers.indices)
    func trainingIsBitwiseIdenticalForOneAndTwoThreads(_ index: Int) {
        let (name, makeOptimizer) = Self.optimizers[index]
        let serial = Self.train(threads: 1, steps: 4, optimizer: makeOptimizer)
        let parallel = Self.train(threads: 2, steps: 4, optimizer: makeOptimizer)
        let again = Self.train(threads: 2, steps: 4, optimizer: makeOptimizer)
        #expect(serial.parameters.count == 6)
        // Training changed every parameter (the comparison below is not of untouched values).
        var initial = Self.model(seed: 17)
        for (name, bits) in Self.bits(of: &initial) { #expect(serial.parameters[name] != bits, "\(name)") }
        #expect(parallel.losses == serial.losses, "\(name): losses, 1 vs 2 threads")
        #expect(parallel.parameters == serial.parameters, "\(name): parameters, 1 vs 2 threads")
        #expect(again.losses == parallel.losses, "\(name): losses, run to run")
        #expect(again.parameters == parallel.parameters, "\(name): parameters, run to run")
    }

    @Test func batchOneInferenceIsBitwiseIdenticalForOneAndTwoThreads() {
        let original = Parallelism.threadCount
        defer { Parallelism.threadCount = original }
        var generator = RandomGenerator(seed: 5)
        let rows = (0..<4).map { _ in Tensor<Float>(randomNormal: [1, 200], using: &generator) }
        var outputs: [[[UInt32]]] = []
        for threads in [1, 2, 2] {
            Parallelism.threadCount = threads
            var model = Self.model(seed: 3)
            outputs.append(rows.map { model.forward($0, mode: .inference).scalars.map(\.bitPattern) })
        }
        #expect(outputs[0].allSatisfy { $0.count == 10 })
        #expect(outputs[1] == outputs[0], "1 vs 2 threads")
        #expect(outputs[2] == outputs[1], "run to run")
    }

    /// The element-wise layers split their buffers across the threads from 16 384 elements
    /// (here 96 × 256 = 24 576): forward and backward give the same bits with 1 and 2 threads.
    @Test(arguments: ["GELU", "Sigmoid", "Mish", "Softmax", "LogSoftmax", "LayerNorm", "BatchNorm"])
    func elementwiseLayersAreBitwiseIdenticalForOneAndTwoThreads(_ name: String) {
        let original = Parallelism.threadCount
        defer { Parallelism.threadCount = original }
        var generator = RandomGenerator(seed: 8)
        let input = Tensor<Float>(randomNormal: [96, 256], using: &generator)
        let gradOutput = Tensor<Float>(randomNormal: [96, 256], using: &generator)
        var results: [[UInt32]] = []
        for threads in [1, 2] {
            Parallelism.threadCount = threads
            var layer: any Layer<Float> = switch name {
            case "GELU": GELU<Float>()
            case "Sigmoid": Sigmoid<Float>()
            case "Mish": Mish<Float>()
            case "Softmax": Softmax<Float>()
            case "LogSoftmax": LogSoftmax<Float>()
            case "LayerNorm": LayerNorm<Float>(featureCount: 256)
            default: BatchNorm<Float>(featureCount: 256)
            }
            let output = layer.forward(input, mode: .training)
            let gradInput = layer.backward(gradOutput)
            results.append((output.scalars + gradInput.scalars).map(\.bitPattern))
        }
        #expect(results[0].count == 2 * 96 * 256)
        #expect(results[1] == results[0], "\(name): 1 vs 2 threads")
    }
}
