import Layerwise
import Testing

/// The divergence guard: the public check for explicit loops and `fit`'s use of it.
@Suite struct DivergenceGuardTests {
    static func model(seed: UInt64) -> Sequential<Float> {
        var generator = RandomGenerator(seed: seed)
        return Sequential {
            Linear<Float>(inputSize: 2, outputSize: 4, generator: &generator)
            BatchNorm<Float>(featureCount: 4)
            Linear<Float>(inputSize: 4, outputSize: 1, generator: &generator)
        }
    }

    /// Regression targets far from the inputs' scale, so plain SGD with a large learning rate
    /// blows up within a few steps.
    static let data = Dataset<Float, Tensor<Float>>(
        features: Tensor(shape: [8, 2], scalars: [1, 2, -1, 0.5, 3, -2, 0, 1, 2, 2, -3, 1, 0.5, -0.5, 1, -1]),
        targets: Tensor(shape: [8, 1], scalars: [1e3, -2e3, 5e2, 3e3, -1e3, 2e3, -4e3, 1e3]))

    @Test func finiteValuesPass() throws {
        var model = Self.model(seed: 1)
        let (value, gradient) = MeanSquaredError<Float>()(model.forward(Self.data.features, mode: .training), target: Self.data.targets)
        _ = model.backward(gradient)
        try model.checkDivergence(loss: value, step: 1)
    }

    /// A non-finite loss, or gradient, is reported with the step and (for a gradient) the first
    /// parameter and element, in parameter order.
    @Test func namesTheStepAndTheParameter() throws {
        var model = Self.model(seed: 1)
        let loss = try #require(divergence { try model.checkDivergence(loss: .nan, step: 5) })
        #expect(loss.step == 5 && loss.quantity == DivergenceError.Quantity.loss && loss.value.isNaN)
        #expect(loss.description == "training diverged at step 5: the loss is nan")

        model.visitNamedParameters { name, parameter in
            if name == "1.weight" { parameter.gradient[2] = -.infinity }
            if name == "2.weight" { parameter.gradient[0, 1] = .nan }
        }
        let gradient = try #require(divergence { try model.checkDivergence(loss: 1, step: 12) })
        #expect(gradient.quantity == .gradient(parameter: "1.weight", element: 2, count: 4))
        #expect(gradient.value == -.infinity)
        #expect(gradient.description == #"training diverged at step 12: the gradient of "1.weight" is -inf (element 2 of 4)"#)
    }

    func divergence(_ body: () throws -> Void) -> DivergenceError? {
        do {
            try body()
            return nil
        } catch let error as DivergenceError {
            return error
        } catch {
            return nil
        }
    }

    /// What an unguarded loop sees: the first step (counted from 1) whose loss or gradients
    /// are not finite, with the weights and running statistics from just before that step's
    /// forward pass and the optimizer as it was then, and the models and optimizers after each
    /// earlier step (index k: after k steps). Checks finiteness by hand.
    static func replay(epochs: Int, learningRate: Double) -> (
        step: Int, model: Sequential<Float>, optimizer: SGD<Float>, models: [Sequential<Float>], optimizers: [SGD<Float>]
    )? {
        var model = Self.model(seed: 1)
        var optimizer = SGD<Float>(learningRate: learningRate)
        var generator = RandomGenerator(seed: 9)
        var step = 0
        var models = [model]
        var optimizers = [optimizer]
        for _ in 0..<epochs {
            for (input, targets) in Self.data.shuffledBatches(size: 4, using: &generator) {
                let before = model
                step += 1
                model.zeroGradients()
                let (value, gradient) = MeanSquaredError<Float>()(model.forward(input, mode: .training), target: targets)
                _ = model.backward(gradient)
                let finite = value.isFinite && model.namedParameters.allSatisfy { $0.parameter.gradient.scalars.allSatisfy(\.isFinite) }
                if !finite { return (step, before, optimizer, models, optimizers) }
                optimizer.step(&model)
                models.append(model)
                optimizers.append(optimizer)
            }
        }
        return nil
    }

    /// `fit` stops at the first non-finite step with `.diverged`, naming that step, and leaves
    /// the weights, running statistics and optimizer state of an earlier step: the step before,
    /// or the start of the epoch when the step before already predicts non-finite numbers in
    /// inference mode (DivergenceRecoveryTests checks which).
    @Test func fitStopsAtTheLastFiniteWeights() throws {
        let replayed = try #require(Self.replay(epochs: 100, learningRate: 0.5))
        #expect(replayed.step > 2)
        var model = Self.model(seed: 1)
        var optimizer = SGD<Float>(learningRate: 0.5)
        var generator = RandomGenerator(seed: 9)
        let history = model.fit(
            Self.data, loss: MeanSquaredError<Float>(), optimizer: &optimizer,
            options: FitOptions(epochs: 100, batchSize: 4), shuffling: &generator)
        guard case .diverged(let error) = history.stopReason else {
            Issue.record("fit did not report divergence: \(history.stopReason)")
            return
        }
        #expect(error.step == replayed.step)
        #expect(error.description.hasPrefix("training diverged at step \(replayed.step): "))
        #expect(history.reports.count == (replayed.step - 1) / 2)
        let kept = try #require(error.weightsAfterStep)
        #expect(kept == replayed.step - 1 || kept == (replayed.step - 1) / 2 * 2)
        #expect(weightBits(model) == weightBits(replayed.models[kept]))
        #expect(model.namedParameters.allSatisfy { $0.parameter.value.scalars.allSatisfy(\.isFinite) })
        #expect(optimizerBits(optimizer) == optimizerBits(replayed.optimizers[kept]))
    }

    /// In an explicit loop, the check before the optimizer step keeps the last finite weights.
    @Test func explicitLoop() throws {
        let replayed = try #require(Self.replay(epochs: 100, learningRate: 0.5))
        var model = Self.model(seed: 1)
        var optimizer = SGD<Float>(learningRate: 0.5)
        var generator = RandomGenerator(seed: 9)
        var step = 0
        var caught: DivergenceError?
        training: for _ in 0..<100 {
            for (input, targets) in Self.data.shuffledBatches(size: 4, using: &generator) {
                step += 1
                model.zeroGradients()
                let (value, gradient) = MeanSquaredError<Float>()(model.forward(input, mode: .training), target: targets)
                _ = model.backward(gradient)
                do {
                    try model.checkDivergence(loss: value, step: step)
                } catch {
                    caught = error
                    break training
                }
                optimizer.step(&model)
            }
        }
        let error = try #require(caught)
        #expect(error.step == replayed.step)
        // The parameters are those of the last finite step (the running statistics of the
        // diverged forward pass are the caller's to restore; fit does it).
        #expect(model.namedParameters.map(\.parameter.value) == replayed.model.namedParameters.map(\.parameter.value))
    }
}
