import Foundation
import Layerwise
import Testing

/// Training 10 steps, saving, loading into fresh objects and training 10 more gives bitwise the
/// weights (and optimizer state) of 20 steps straight, for every optimizer, in Float and Double.
@Suite struct CheckpointResumeTests {
    enum OptimizerChoice: String, CaseIterable, Sendable {
        case sgd, adam, amsgrad, adamW, nadam, radam, adamax, adagrad, adadelta, rmsprop
    }

    /// The data: 40 examples of 4 features in 3 classes; 5 batches of 8 per epoch.
    static func data<Scalar: TensorScalar>(_ type: Scalar.Type) -> Dataset<Scalar, [Int]> {
        var generator = RandomGenerator(seed: 77)
        let features = Tensor<Scalar>(randomNormal: [40, 4], using: &generator)
        return Dataset(features: features, labels: (0..<40).map { $0 % 3 })
    }

    /// Everything a training run consists of.
    struct Run<Scalar: TensorScalar, Rule: Optimizer> where Rule.Scalar == Scalar {
        var model: Sequential<Scalar>
        var optimizer: Rule
        var schedule: CosineAnnealingWarmRestarts
        var shuffling: RandomGenerator

        /// Trains whole epochs of 5 steps; the schedule sets the learning rate of every step.
        mutating func train(epochs: Int, data: Dataset<Scalar, [Int]>) {
            let loss = SoftmaxCrossEntropy<Scalar>()
            for _ in 0..<epochs {
                for (input, labels) in data.shuffledBatches(size: 8, dropLast: true, using: &shuffling) {
                    optimizer.learningRate = schedule.learningRate
                    model.zeroGradients()
                    let output = model.forward(input, mode: .training)
                    let (_, gradient) = loss(output, target: .classes(labels))
                    _ = model.backward(gradient)
                    optimizer.step(&model)
                    schedule.step()
                }
            }
        }

        func checkpoint() -> SafetensorsFile {
            var file = SafetensorsFile(weightsOf: model)
            file.addState(of: optimizer)
            file.setValue(schedule, forKey: "schedule")
            file.setValue(shuffling, forKey: "shuffling")
            return file
        }

        /// Restores from a checkpoint in the documented order: values first, then model and
        /// optimizer together.
        mutating func restore(from file: SafetensorsFile) throws {
            let schedule = try file.value(CosineAnnealingWarmRestarts.self, forKey: "schedule")
            let shuffling = try file.value(RandomGenerator.self, forKey: "shuffling")
            try file.restore(model: &model, optimizer: &optimizer)
            self.schedule = schedule
            self.shuffling = shuffling
        }
    }

    static func freshRun<Scalar: TensorScalar, Rule: Optimizer>(
        _ makeOptimizer: () -> Rule, seed: UInt64
    ) -> Run<Scalar, Rule> where Rule.Scalar == Scalar {
        let optimizer = makeOptimizer()
        return Run(
            model: CheckpointTests.network(Scalar.self, seed: seed), optimizer: optimizer,
            schedule: CosineAnnealingWarmRestarts(
                baseLearningRate: optimizer.learningRate, firstCycleLength: 3, cycleLengthMultiplier: 2),
            shuffling: RandomGenerator(seed: seed &+ 1000))
    }

    func resume<Scalar: TensorScalar, Rule: Optimizer>(
        _ makeOptimizer: () -> Rule
    ) throws where Rule.Scalar == Scalar {
        let data = Self.data(Scalar.self)
        var straight: Run<Scalar, Rule> = Self.freshRun(makeOptimizer, seed: 1)
        straight.train(epochs: 4, data: data)

        var first: Run<Scalar, Rule> = Self.freshRun(makeOptimizer, seed: 1)
        first.train(epochs: 2, data: data)
        #expect(weightBits(first.model) != weightBits(straight.model))
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        let url = folder.appendingPathComponent("run.safetensors")
        try first.checkpoint().write(to: url)

        // Fresh objects: other weights, an optimizer without state, a new schedule and generator.
        var resumed: Run<Scalar, Rule> = Self.freshRun(makeOptimizer, seed: 2)
        try resumed.restore(from: SafetensorsFile(contentsOf: url))
        #expect(weightBits(resumed.model) == weightBits(first.model))
        resumed.train(epochs: 2, data: data)

        #expect(weightBits(resumed.model) == weightBits(straight.model))
        #expect(optimizerBits(resumed.optimizer) == optimizerBits(straight.optimizer))
        #expect(resumed.optimizer.learningRate.bitPattern == straight.optimizer.learningRate.bitPattern)
        #expect(resumed.shuffling == straight.shuffling)
        #expect(resumed.schedule.stepCount == 20)
        #expect((resumed.model[3] as! Dropout<Scalar>).generator == (straight.model[3] as! Dropout<Scalar>).generator)

        // The control: without the optimizer state the same continuation ends elsewhere, so the
        // comparison above can fail.
        var weightsOnly: Run<Scalar, Rule> = Self.freshRun(makeOptimizer, seed: 2)
        try weightsOnly.restore(from: SafetensorsFile(weightsOf: first.model).merging(values: first.checkpoint()))
        weightsOnly.train(epochs: 2, data: data)
        #expect(weightBits(weightsOnly.model) != weightBits(straight.model))
    }

    func resume<Scalar: TensorScalar>(_ choice: OptimizerChoice, _ type: Scalar.Type) throws {
        switch choice {
        case .sgd: try resume { SGD<Scalar>(learningRate: 0.05, momentum: 0.9, weightDecay: 1e-3, nesterov: true) }
        case .adam: try resume { Adam<Scalar>(learningRate: 0.01) }
        case .amsgrad: try resume { Adam<Scalar>(learningRate: 0.01, weightDecay: 1e-3, amsgrad: true) }
        case .adamW: try resume { AdamW<Scalar>(learningRate: 0.01) }
        case .nadam: try resume { NAdam<Scalar>(learningRate: 0.01) }
        case .radam: try resume { RAdam<Scalar>(learningRate: 0.01) }
        case .adamax: try resume { Adamax<Scalar>(learningRate: 0.01) }
        case .adagrad: try resume { Adagrad<Scalar>(learningRate: 0.05, learningRateDecay: 0.01) }
        case .adadelta: try resume { Adadelta<Scalar>(learningRate: 1) }
        case .rmsprop: try resume { RMSprop<Scalar>(learningRate: 0.01, momentum: 0.5, centered: true) }
        }
    }

    @Test(arguments: OptimizerChoice.allCases, [false, true])
    func tenPlusTenEqualsTwenty(optimizer: OptimizerChoice, double: Bool) throws {
        if double { try resume(optimizer, Double.self) } else { try resume(optimizer, Float.self) }
    }

    /// Each refusal of a training checkpoint names the tensor and leaves both the model and
    /// the optimizer exactly as they were.
    @Test func refusalsLeaveModelAndOptimizerUnchanged() throws {
        let data = Self.data(Float.self)
        var saved: Run<Float, NAdam<Float>> = Self.freshRun({ NAdam<Float>(learningRate: 0.01) }, seed: 1)
        saved.train(epochs: 1, data: data)
        let good = saved.checkpoint()
        var target: Run<Float, NAdam<Float>> = Self.freshRun({ NAdam<Float>(learningRate: 0.02) }, seed: 2)
        target.train(epochs: 1, data: data)

        var cases: [(SafetensorsFile, String, String)] = []
        var noStep = good
        noStep["optimizer.state.0.weight.step"] = SafetensorsTensor(Tensor<Float>(shape: [], scalars: [5]))
        cases.append((noStep, "optimizer.state.0.weight.step", "must be one non-negative I64"))
        var negativeStep = good
        negativeStep["optimizer.state.0.bias.step"] = SafetensorsTensor(int64: [-1], shape: [])
        cases.append((negativeStep, "optimizer.state.0.bias.step", "must be one non-negative I64"))
        var missingBuffer = good
        missingBuffer["optimizer.state.4.weight.exp_avg_sq"] = nil
        cases.append((missingBuffer, "optimizer.state.4.weight.exp_avg_sq", "missing: NAdam keeps this buffer"))
        var wrongShape = good
        wrongShape["optimizer.state.4.bias.exp_avg"] = SafetensorsTensor(Tensor<Float>(zeros: [4]))
        cases.append((wrongShape, "optimizer.state.4.bias.exp_avg", "shape [4] in the file, parameter \"4.bias\" has shape [3]"))
        var missingScalar = good
        missingScalar["optimizer.state.1.weight.mu_product"] = nil
        cases.append((missingScalar, "optimizer.state.1.weight.mu_product", "missing: NAdam keeps this number"))
        var unknownParameter = good
        unknownParameter["optimizer.state.9.weight.step"] = SafetensorsTensor(int64: [1], shape: [])
        cases.append((unknownParameter, "optimizer.state.9.weight.step", "matches no parameter of the model"))
        var unknownBuffer = good
        unknownBuffer["optimizer.state.0.weight.momentum_buffer"] = SafetensorsTensor(Tensor<Float>(zeros: [6, 4]))
        cases.append((unknownBuffer, "optimizer.state.0.weight.momentum_buffer", "no buffer of NAdam"))
        var badRate = good
        badRate.metadata["layerwise.optimizer.learning_rate"] = "fast"
        cases.append((badRate, "__metadata__", "\"fast\" is not a non-negative number"))
        var otherOptimizer = good
        otherOptimizer.metadata["layerwise.optimizer.type"] = "Adam"
        cases.append((otherOptimizer, "__metadata__", "saved by Adam, not NAdam"))
        var badWeights = good
        badWeights["4.bias"] = SafetensorsTensor(Tensor<Float>(zeros: [2]))
        cases.append((badWeights, "4.bias", "shape [2] in the file, [3] in the model"))

        for (file, tensor, words) in cases {
            var model = target.model
            var optimizer = target.optimizer
            let error = try #require(dataFileError { try file.restore(model: &model, optimizer: &optimizer) }, "\(tensor)")
            #expect(error.location == .tensor(tensor), "\(error)")
            #expect(error.reason.contains(words), "\(error)")
            #expect(weightBits(model) == weightBits(target.model))
            #expect(optimizerBits(optimizer) == optimizerBits(target.optimizer))
            #expect(optimizer.learningRate == target.optimizer.learningRate)
        }
        // The good file restores (the cases above fail for their own reason only).
        var model = target.model
        var optimizer = target.optimizer
        try good.restore(model: &model, optimizer: &optimizer)
        #expect(optimizerBits(optimizer) == optimizerBits(saved.optimizer))
        #expect(optimizer.learningRate == saved.optimizer.learningRate)
    }
}

extension SafetensorsFile {
    /// This file with the metadata of `other` added (its tensors left out).
    func merging(values other: SafetensorsFile) -> SafetensorsFile {
        var result = self
        for (key, value) in other.metadata where !key.hasPrefix("layerwise.optimizer") { result.metadata[key] = value }
        return result
    }
}
