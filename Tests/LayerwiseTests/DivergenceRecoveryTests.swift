import Layerwise
import Testing

/// `fit`'s divergence guard beyond the loss and the gradients: running statistics, parameter
/// values after the step (with the epoch replayed back to the last healthy step), and outputs in
/// inference mode. Each expectation comes from a reference loop written out below with plain
/// `allSatisfy(\.isFinite)` checks, which says what the guard must do without using it.
@Suite struct DivergenceRecoveryTests {
    /// Linear–BatchNorm–ReLU–Linear, the model of the report: plain SGD at a huge learning
    /// rate blows up BatchNorm's running variance (Σ(x − μ)² overflows), while its training
    /// outputs, normalized by each batch's own statistics, stay finite.
    static func batchNormMLP<Scalar: TensorScalar>(_: Scalar.Type, seed: UInt64) -> Sequential<Scalar> {
        var generator = RandomGenerator(seed: seed)
        return Sequential {
            Linear<Scalar>(inputSize: 4, outputSize: 16, generator: &generator)
            BatchNorm<Scalar>(featureCount: 16)
            ReLU<Scalar>()
            Linear<Scalar>(inputSize: 16, outputSize: 3, generator: &generator)
        }
    }

    /// 48 examples of 4 features in 3 classes: class c centred at c along every feature.
    static func data<Scalar: TensorScalar>(_: Scalar.Type) -> Dataset<Scalar, [Int]> {
        var generator = RandomGenerator(seed: 5)
        var features: [Scalar] = []
        var labels: [Int] = []
        for example in 0..<48 {
            let label = example % 3
            for _ in 0..<4 { features.append(Scalar(Double(label) + 0.5 * generator.nextNormal())) }
            labels.append(label)
        }
        return Dataset(features: Tensor(shape: [48, 4], scalars: features), labels: labels)
    }

    /// What the guard must do, step by step: the failing step, what failed, and the model and
    /// optimizer it must leave — the state before the step if that model predicts finite
    /// numbers on the step's batch in inference mode, else (and for an inference failure at the
    /// end of an epoch) the state at the start of the epoch — with the number of steps they hold.
    struct Expected<Model: Layer, Rule: Optimizer> {
        var step: Int
        var kind: String
        var model: Model
        var optimizer: Rule
        var weightsAfterStep: Int
    }

    static func allFinite<Scalar: TensorScalar>(_ tensors: [Tensor<Scalar>]) -> Bool {
        tensors.allSatisfy { $0.scalars.allSatisfy { $0.isFinite } }
    }

    static func reference<Model: Layer, Rule: Optimizer>(
        model: Model, optimizer: Rule, schedule: (any LearningRateSchedule)?, data: Dataset<Model.Scalar, [Int]>,
        batchSize: Int, epochs: Int, seed: UInt64
    ) -> Expected<Model, Rule>? where Rule.Scalar == Model.Scalar {
        var model = model
        var optimizer = optimizer
        var schedule = schedule
        var generator = RandomGenerator(seed: seed)
        var step = 0
        for _ in 0..<epochs {
            let start = (model: model, optimizer: optimizer, step: step)
            var lastInput: Tensor<Model.Scalar>?
            for (input, labels) in data.shuffledBatches(size: batchSize, using: &generator) {
                if let schedule { optimizer.learningRate = schedule.learningRate }
                let before = (model: model, optimizer: optimizer)
                step += 1
                model.zeroGradients()
                let (value, gradient) = SoftmaxCrossEntropy<Model.Scalar>()(model.forward(input, mode: .training), target: .classes(labels))
                _ = model.backward(gradient)
                // The weights before the step, if they predict finite numbers on its batch in
                // inference mode; else those at the start of the epoch.
                func expected(_ kind: String) -> Expected<Model, Rule> {
                    step - 1 > start.step && allFinite([before.model.predict(input)])
                        ? Expected(step: step, kind: kind, model: before.model, optimizer: before.optimizer, weightsAfterStep: step - 1)
                        : Expected(step: step, kind: kind, model: start.model, optimizer: start.optimizer, weightsAfterStep: start.step)
                }
                if !value.isFinite || !allFinite(model.namedParameters.map(\.parameter.gradient)) {
                    return expected("loss or gradient")
                }
                if !allFinite(model.namedState.map(\.value)) { return expected("state") }
                optimizer.step(&model)
                schedule?.step(metric: Double(value))
                if !allFinite(model.namedParameters.map(\.parameter.value)) { return expected("parameter") }
                lastInput = input
            }
            if !allFinite([model.predict(lastInput!)]) {
                return Expected(step: step, kind: "inference", model: start.model, optimizer: start.optimizer, weightsAfterStep: start.step)
            }
        }
        return nil
    }

    static func kind(of quantity: DivergenceError.Quantity) -> String {
        switch quantity {
        case .loss, .gradient: "loss or gradient"
        case .state: "state"
        case .parameter: "parameter"
        case .inferenceOutput: "inference"
        case .validationLoss: "validation"
        }
    }

    /// Runs `fit` and compares it with the reference: the same failing step and kind, the same
    /// weights, running statistics and optimizer state bit for bit, all of them finite, and a
    /// model that predicts finite numbers.
    func checkAgainstReference<Model: Layer, Rule: Optimizer>(
        model: Model, optimizer: Rule, schedule: (any LearningRateSchedule)? = nil, data: Dataset<Model.Scalar, [Int]>,
        batchSize: Int, epochs: Int, expectedKind: String
    ) throws -> DivergenceError where Rule.Scalar == Model.Scalar {
        let expected = try #require(Self.reference(
            model: model, optimizer: optimizer, schedule: schedule, data: data, batchSize: batchSize, epochs: epochs, seed: 9))
        #expect(expected.kind == expectedKind)
        var trained = model
        var trainedOptimizer = optimizer
        var generator = RandomGenerator(seed: 9)
        let history = trained.fit(
            data, loss: SoftmaxCrossEntropy<Model.Scalar>(), optimizer: &trainedOptimizer,
            options: FitOptions(epochs: epochs, batchSize: batchSize, learningRateSchedule: schedule), shuffling: &generator)
        guard case .diverged(let error) = history.stopReason else {
            Issue.record("fit did not report divergence: \(history.stopReason)")
            throw DivergenceError(step: 0, quantity: .loss, value: 0)
        }
        #expect(error.step == expected.step, "\(error)")
        #expect(Self.kind(of: error.quantity) == expected.kind, "\(error)")
        #expect(error.weightsAfterStep == expected.weightsAfterStep, "\(error)")
        #expect(weightBits(trained) == weightBits(expected.model))
        #expect(optimizerBits(trainedOptimizer) == optimizerBits(expected.optimizer))
        #expect(Self.allFinite(trained.namedParameters.map(\.parameter.value) + trained.namedState.map(\.value)))
        #expect(Self.allFinite([trained.predict(data.features)]))
        return error
    }

    /// The report's Double run: the running variance overflows to +∞ while the loss and every
    /// gradient stay finite. The guard stops at that step, with the running statistics from
    /// before it, and names the statistic.
    @Test func batchNormRunningVarianceOverflowStopsTraining() throws {
        let error = try checkAgainstReference(
            model: Self.batchNormMLP(Double.self, seed: 3), optimizer: SGD<Double>(learningRate: 1e6),
            data: Self.data(Double.self), batchSize: 16, epochs: 200, expectedKind: "state")
        guard case .state(let name, _, _) = error.quantity else { return }
        #expect(name == "1.running_var" || name == "1.running_mean", "\(error)")
        #expect(error.value == .infinity || error.value.isNaN)
        #expect(error.description.contains("the running statistic \"\(name)\""))
        #expect(error.description.hasSuffix("the model keeps the weights after step \(try #require(error.weightsAfterStep))"))
    }

    /// The report's Float run: the weights stay finite (≈1e29) but the model in inference mode
    /// predicts non-finite numbers; the guard sees it at the end of the epoch and goes back to
    /// the epoch's start, whose inference outputs were checked an epoch earlier.
    @Test func floatExplosionCaughtAtTheLatest() throws {
        let error = try checkAgainstReference(
            model: Self.batchNormMLP(Float.self, seed: 3), optimizer: SGD<Float>(learningRate: 1e6),
            data: Self.data(Float.self), batchSize: 16, epochs: 200, expectedKind: Self.floatKind)
        #expect(error.weightsAfterStep.map { $0 < error.step } == true)
    }

    /// Whichever check sees the Float run first (the reference decides; recorded here so a
    /// change in what fails first is noticed).
    static let floatKind = "inference"

    /// A weight that overflows in the optimizer step while the loss and the gradients were
    /// finite: from step 6 on the learning rate is 10³⁹ (MultiStepLR), beyond Float's largest
    /// value, so the update lr·∂L/∂w is infinite. The epoch is replayed to its fifth step, so the
    /// model holds exactly the weights after step 5, not those at the start of the epoch.
    @Test func parameterOverflowReplaysToTheStepBefore() throws {
        var generator = RandomGenerator(seed: 1)
        let model = Sequential<Float> {
            Linear<Float>(inputSize: 4, outputSize: 8, generator: &generator)
            Tanh<Float>()
            Linear<Float>(inputSize: 8, outputSize: 3, generator: &generator)
        }
        let schedule = MultiStepLR(baseLearningRate: 0.05, milestones: [5], gamma: 2e40)
        let error = try checkAgainstReference(
            model: model, optimizer: SGD<Float>(learningRate: 0.05), schedule: schedule,
            data: Self.data(Float.self), batchSize: 4, epochs: 3, expectedKind: "parameter")
        #expect(error.step == 6)
        #expect(error.weightsAfterStep == 5)
        guard case .parameter(let name, _, _) = error.quantity else { return }
        #expect(error.description.contains("\"\(name)\" is"))
        #expect(error.description.contains("after the optimizer step"))
    }

    /// A validation loss that is not finite ends training at the end of the epoch, with the
    /// weights from its start (here a NaN in the validation features, which the model now
    /// propagates into its outputs as PyTorch does).
    @Test func nonFiniteValidationLossStopsAtTheEpochStart() throws {
        let initial = Self.batchNormMLP(Double.self, seed: 3)
        var model = initial
        var optimizer = SGD<Double>(learningRate: 0.01)
        var generator = RandomGenerator(seed: 9)
        let training = Self.data(Double.self)
        var features = training.features
        features[7, 2] = .nan
        let validation = Dataset(features: features, labels: training.labels)
        let history = model.fit(
            training, validation: validation, loss: SoftmaxCrossEntropy<Double>(), optimizer: &optimizer,
            options: FitOptions(epochs: 3, batchSize: 16), shuffling: &generator)
        guard case .diverged(let error) = history.stopReason else {
            Issue.record("fit did not report divergence: \(history.stopReason)")
            return
        }
        #expect(error.quantity == .validationLoss && error.value.isNaN)
        #expect(error.step == 3 && error.weightsAfterStep == 0)
        #expect(history.reports.isEmpty)
        #expect(weightBits(model) == weightBits(initial))
    }

    /// A replay that does not reproduce the run is not trusted: a layer whose output depends on
    /// a counter shared by reference (not restored with the model's copy) makes the replayed
    /// losses differ, so `fit` leaves the model at the start of the epoch — here its initial
    /// weights — and says so in `weightsAfterStep`.
    @Test func replayThatDiffersFallsBackToTheEpochStart() throws {
        var generator = RandomGenerator(seed: 1)
        let initial = Sequential<Float> {
            Linear<Float>(inputSize: 4, outputSize: 3, generator: &generator)
            SharedCounterScale<Float>()
        }
        var model = initial
        var optimizer = SGD<Float>(learningRate: 0.05)
        var shuffling = RandomGenerator(seed: 9)
        let schedule = MultiStepLR(baseLearningRate: 0.05, milestones: [5], gamma: 2e40)
        let history = model.fit(
            Self.data(Float.self), loss: SoftmaxCrossEntropy<Float>(), optimizer: &optimizer,
            options: FitOptions(epochs: 2, batchSize: 4, learningRateSchedule: schedule), shuffling: &shuffling)
        guard case .diverged(let error) = history.stopReason else {
            Issue.record("fit did not report divergence: \(history.stopReason)")
            return
        }
        #expect(error.step == 6)
        #expect(Self.kind(of: error.quantity) == "parameter")
        #expect(error.weightsAfterStep == 0)
        #expect(error.description.hasSuffix("; the model keeps its initial weights"))
        #expect(weightBits(model) == weightBits(initial))
        #expect(optimizerBits(optimizer) == optimizerBits(SGD<Float>(learningRate: 0.05)))
    }
}

/// Scales its input by 1 + n/100, n counting the training forward passes of every copy
/// together (a class instance shared by reference): a layer whose copies are not independent
/// values, which a replay cannot reproduce.
struct SharedCounterScale<Scalar: TensorScalar>: Layer {
    final class Counter { var count = 0 }
    let counter = Counter()
    var lastScale: Scalar = 1

    var description: String { "SharedCounterScale" }

    mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        if mode == .training { counter.count += 1 }
        lastScale = 1 + Scalar(counter.count) / 100
        return input * lastScale
    }

    mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        gradOutput * lastScale
    }
}
