import Layerwise

/// The MLP 784-256-128-10 with ReLU, softmax cross-entropy and Adam, on a fixed random batch:
/// the training step PyTorch's reference figures were measured on.
struct MLPBenchmark {
    /// The layer widths, input first.
    static let widths = [784, 256, 128, 10]

    var model: Sequential<Float>
    var optimizer = Adam<Float>(learningRate: 1e-3)
    let loss = SoftmaxCrossEntropy<Float>()
    let input: Tensor<Float>
    let target: ClassificationTarget<Float>
    /// ∂loss/∂logits, overwritten by every step.
    var gradient = Tensor<Float>(zeros: [0])

    init(batchSize: Int) {
        var generator = RandomGenerator(seed: 2026)
        let widths = Self.widths
        model = Sequential {
            Linear<Float>(inputSize: widths[0], outputSize: widths[1], generator: &generator)
            ReLU<Float>()
            Linear<Float>(inputSize: widths[1], outputSize: widths[2], generator: &generator)
            ReLU<Float>()
            Linear<Float>(inputSize: widths[2], outputSize: widths[3], generator: &generator)
        }
        input = Tensor(randomNormal: [batchSize, widths[0]], using: &generator)
        target = .classes((0..<batchSize).map { _ in Int(generator.next() % UInt64(widths[3])) })
    }

    /// Floating-point operations of one training step: 2·m·k·n for each of the forward
    /// product, the weight gradient and the input gradient of each layer but the first.
    var flopsPerStep: Double {
        let batch = Double(input.shape[0])
        let widths = Self.widths.map(Double.init)
        var flops = 0.0
        for layer in 0..<(widths.count - 1) {
            let products = layer == 0 ? 2.0 : 3.0
            flops += products * 2 * batch * widths[layer] * widths[layer + 1]
        }
        return flops
    }

    // The phases of one training step.

    mutating func zeroGradients() {
        model.zeroGradients()
    }

    mutating func forward() -> Tensor<Float> {
        model.forward(input, mode: .training)
    }

    mutating func lossAndGradient(_ logits: Tensor<Float>) -> Float {
        loss(logits, target: target, gradientInto: &gradient)
    }

    mutating func backward() {
        model.backwardWithoutInputGradient(gradient)
    }

    mutating func updateParameters() {
        optimizer.step(&model)
    }

    /// One whole training step; returns the loss.
    @discardableResult
    mutating func trainingStep() -> Float {
        zeroGradients()
        let logits = forward()
        let value = lossAndGradient(logits)
        backward()
        updateParameters()
        return value
    }

    /// Times the training step: the median over `runs` runs of `stepsPerRun` steps, the phases,
    /// and the allocations per step after two warm-up steps.
    mutating func measureTraining(stepsPerRun: Int, runs: Int) -> TrainingMeasurement {
        trainingStep()
        trainingStep()
        let allocationsPerStep = allocations(per: stepsPerRun) {
            for _ in 0..<stepsPerRun { trainingStep() }
        }
        var stepSeconds: [Double] = []
        for _ in 0..<runs {
            let seconds = secondsElapsed {
                for _ in 0..<stepsPerRun { trainingStep() }
            }
            stepSeconds.append(seconds / Double(stepsPerRun))
        }
        // The phases, timed one by one (the clock reads add a little to each).
        var phaseSeconds = [[Double]](repeating: [], count: TrainingMeasurement.phaseNames.count)
        for _ in 0..<runs {
            var totals = [Double](repeating: 0, count: phaseSeconds.count)
            for _ in 0..<stepsPerRun {
                var logits = Tensor<Float>(zeros: [0])
                totals[0] += secondsElapsed { zeroGradients() }
                totals[1] += secondsElapsed { logits = forward() }
                totals[2] += secondsElapsed { _ = lossAndGradient(logits) }
                totals[3] += secondsElapsed { backward() }
                totals[4] += secondsElapsed { updateParameters() }
            }
            for phase in totals.indices { phaseSeconds[phase].append(totals[phase] / Double(stepsPerRun)) }
        }
        let finalLoss = trainingStep()
        return TrainingMeasurement(
            stepSeconds: median(stepSeconds), phaseSeconds: phaseSeconds.map(median),
            allocationsPerStep: allocationsPerStep, batchSize: input.shape[0],
            flopsPerStep: flopsPerStep, finalLoss: finalLoss)
    }

    /// The allocations per step when batches of `batchSize` and of `otherBatchSize` rows (the
    /// first rows of the input) alternate, as with a short last batch in every epoch: buffers
    /// keep their capacity and their shapes are updated in place.
    mutating func allocationsWithAlternatingBatchSizes(otherBatchSize: Int, steps: Int) -> Double {
        let full = (input, target)
        let features = input.shape[1]
        let rows = min(otherBatchSize, input.shape[0])
        guard case .classes(let labels) = target else { return .nan }
        let short = (
            Tensor(shape: [rows, features], scalars: Array(input.scalars[0..<(rows * features)])),
            ClassificationTarget<Float>.classes(Array(labels[0..<rows]))
        )
        var gradient = Tensor<Float>(zeros: [0])
        func step(_ batch: (Tensor<Float>, ClassificationTarget<Float>)) {
            model.zeroGradients()
            let logits = model.forward(batch.0, mode: .training)
            _ = loss(logits, target: batch.1, gradientInto: &gradient)
            model.backwardWithoutInputGradient(gradient)
            optimizer.step(&model)
        }
        step(full)
        step(short)
        return allocations(per: 2 * steps) {
            for _ in 0..<steps {
                step(full)
                step(short)
            }
        }
    }

    /// Times batch-1 inference (a forward pass in inference mode on a copy of the trained model
    /// that is kept across calls): the median over `runs` runs of `callsPerRun` calls, and the
    /// allocations per call after two warm-up calls.
    func measureInference(callsPerRun: Int, runs: Int) -> InferenceMeasurement {
        var inferenceModel = model
        let row = Tensor(shape: [1, input.shape[1]], scalars: Array(input.scalars[0..<input.shape[1]]))
        var checksum: Float = 0
        func infer() {
            let output = inferenceModel.forward(row, mode: .inference)
            checksum += output[0, 0]
        }
        infer()
        infer()
        let allocationsPerCall = allocations(per: callsPerRun) {
            for _ in 0..<callsPerRun { infer() }
        }
        var callSeconds: [Double] = []
        for _ in 0..<runs {
            let seconds = secondsElapsed {
                for _ in 0..<callsPerRun { infer() }
            }
            callSeconds.append(seconds / Double(callsPerRun))
        }
        // `predict` runs a copy of the model, whose buffers are allocated afresh on every call.
        let predictCalls = 10
        let allocationsPerPredict = allocations(per: predictCalls) {
            for _ in 0..<predictCalls { checksum += model.predict(row)[0, 0] }
        }
        return InferenceMeasurement(
            callSeconds: median(callSeconds), allocationsPerCall: allocationsPerCall,
            allocationsPerPredict: allocationsPerPredict, checksum: checksum)
    }
}

/// What `MLPBenchmark.measureTraining` found.
struct TrainingMeasurement {
    static let phaseNames = ["zero_gradients", "forward", "loss", "backward", "optimizer"]

    /// The median time of one step.
    var stepSeconds: Double
    /// The median time of each phase, in the order of `phaseNames`.
    var phaseSeconds: [Double]
    var allocationsPerStep: Double
    var batchSize: Int
    var flopsPerStep: Double
    var finalLoss: Float

    var samplesPerSecond: Double { Double(batchSize) / stepSeconds }
}

/// What `MLPBenchmark.measureInference` found.
struct InferenceMeasurement {
    /// The median time of one batch-1 forward pass.
    var callSeconds: Double
    var allocationsPerCall: Double
    /// Heap allocations of one `predict(_:)` (which copies the model).
    var allocationsPerPredict: Double
    /// A sum of outputs, printed so that the work cannot be optimized away.
    var checksum: Float
}
