import Layerwise

/// Trains a problem's MLP with one optimizer, learning rate and seed, and records the run.
///
/// It holds the training and validation splits only: the test set is an argument of `train`,
/// which tuning leaves out. Every run of a seed starts from the weights drawn by the seed's
/// initialization stream and visits the batches in the order of its shuffling stream
/// (`SeedStreams`), whatever the optimizer.
///
/// One epoch is the explicit loop of Docs/Training.md:
///
/// ```swift
/// for (input, labels) in training.shuffledBatches(size: batchSize, using: &shuffling) {
///     model.zeroGradients()
///     let (value, gradient) = loss(model.forward(input, mode: .training), target: .classes(labels))
///     _ = model.backward(gradient)
///     optimizer.step(&model)
/// }
/// ```
///
/// followed by evaluation on the validation split (and the test set if given), not counted in
/// the training time. A run whose epoch loss is not finite is marked diverged and stops.
public struct ClassificationTrainer: Sendable {
    /// The problem's name, for the records.
    public var problemName: String
    /// The model.
    public var architecture: MLPArchitecture
    /// The number of examples per step.
    public var batchSize: Int
    /// The number of epochs.
    public var epochs: Int
    /// The training loss whose first reaching is recorded.
    public var targetLoss: Double
    /// The examples trained on.
    public var training: Dataset<Float, [Int]>
    /// The examples the learning rate is chosen on.
    public var validation: Dataset<Float, [Int]>

    /// Creates a trainer.
    ///
    /// - Parameters: The properties of the same names.
    public init(
        problemName: String, architecture: MLPArchitecture, batchSize: Int, epochs: Int, targetLoss: Double,
        training: Dataset<Float, [Int]>, validation: Dataset<Float, [Int]>
    ) {
        self.problemName = problemName
        self.architecture = architecture
        self.batchSize = batchSize
        self.epochs = epochs
        self.targetLoss = targetLoss
        self.training = training
        self.validation = validation
    }

    /// The trainer of `problem` on `data`: the training part split, stratified and seeded by the
    /// problem's split seed, into training and validation.
    ///
    /// - Parameters:
    ///   - problem: The problem.
    ///   - training: Its training data (never the test set).
    ///   - epochs: The number of epochs (the problem's unless overridden).
    public init(problem: ClassificationProblem, training data: Dataset<Float, [Int]>, epochs: Int? = nil) {
        var generator = RandomGenerator(seed: problem.splitSeed)
        let (training, validation) = data.stratifiedSplit(validationFraction: problem.validationFraction, using: &generator)
        self.init(
            problemName: problem.name, architecture: problem.architecture, batchSize: problem.batchSize,
            epochs: epochs ?? problem.epochs, targetLoss: problem.targetLoss, training: training, validation: validation)
    }

    /// The learning-rate range test of one optimizer on the training split only (never the
    /// validation split, never the test set), from the initial weights of `seed` (the grid
    /// search's seed 0) with mini-batches of the problem's size shuffled by the seed's
    /// shuffling stream. The library restores the model and optimizer afterwards; both are
    /// discarded here anyway.
    ///
    /// - Parameters:
    ///   - optimizer: The optimizer, at PyTorch's defaults but for the learning rate the test sets.
    ///   - test: The range test's configuration.
    ///   - seed: The seed of the initial weights and the batch order (0, as tuning).
    /// - Returns: The curve and its suggestions.
    public func rangeTest(optimizer kind: OptimizerKind, test: LearningRateRangeTest, seed: UInt64 = 0) -> LearningRateRangeTestResult {
        let streams = SeedStreams(seed: seed)
        var initialization = streams.initialization
        var shuffling = streams.shuffling
        var model = architecture.makeModel(using: &initialization)
        var optimizer: any Optimizer<Float> = kind.make(learningRate: kind.defaultLearningRate)
        return test.run(
            model: &model, optimizer: &optimizer, training: training, batchSize: min(batchSize, training.count),
            loss: SoftmaxCrossEntropy<Float>(), shuffling: &shuffling)
    }

    /// One run.
    ///
    /// - Parameters:
    ///   - optimizer: The optimizer, at PyTorch's defaults but for the learning rate.
    ///   - learningRate: The learning rate.
    ///   - seed: The seed of the initial weights and the batch order.
    ///   - phase: Tuning or final (recorded).
    ///   - test: The test set, evaluated after every epoch; nil for tuning.
    ///   - observe: Receives the initial weights, every batch and every epoch's end.
    /// - Returns: The record: one curve point per epoch trained.
    public func train(
        optimizer kind: OptimizerKind, learningRate: Double, seed: UInt64, phase: RunPhase,
        test: Dataset<Float, [Int]>? = nil, observe: ((TrainingEvent) -> Void)? = nil
    ) -> RunRecord {
        let wall = Stopwatch()
        let streams = SeedStreams(seed: seed)
        var initialization = streams.initialization
        var shuffling = streams.shuffling
        var model = architecture.makeModel(using: &initialization)
        observe?(.initialWeights(WeightsSnapshot(of: model)))
        var optimizer: any Optimizer<Float> = kind.make(learningRate: learningRate)
        let loss = SoftmaxCrossEntropy<Float>()

        var curve: [CurvePoint] = []
        var steps = 0
        var trainingSeconds = 0.0
        var stepsToTarget: Int?
        var secondsToTarget: Double?
        var diverged = false
        for epoch in stride(from: 1, through: epochs, by: 1) {
            let batches = training.shuffledBatches(size: batchSize, using: &shuffling)
            var epochLoss = MeanLoss()
            let clock = Stopwatch()
            for position in batches.indices {
                let (input, labels) = batches[position]
                observe?(.batch(epoch: epoch, exampleIndices: batches.exampleIndices(ofBatch: position)))
                model.zeroGradients()
                let logits = model.forward(input, mode: .training)
                let (value, gradient) = loss(logits, target: .classes(labels))
                _ = model.backward(gradient)
                optimizer.step(&model)
                steps += 1
                epochLoss.add(value, count: labels.count)
            }
            trainingSeconds += clock.seconds

            let validationResult = model.evaluate(validation, loss: loss)
            let testResult = test.map { model.evaluate($0, loss: loss) }
            curve.append(
                CurvePoint(
                    epoch: epoch, step: steps, trainingLoss: epochLoss.value, validationLoss: validationResult.loss,
                    validationAccuracy: validationResult.accuracy, testLoss: testResult?.loss,
                    testAccuracy: testResult?.accuracy, seconds: trainingSeconds))
            if stepsToTarget == nil && epochLoss.value <= targetLoss {
                stepsToTarget = steps
                secondsToTarget = trainingSeconds
            }
            observe?(.epochEnded(epoch: epoch, of: epochs))
            if !epochLoss.value.isFinite {
                diverged = true
                break
            }
        }
        return RunRecord(
            problem: problemName, optimizer: kind, phase: phase, learningRate: learningRate, seed: seed, curve: curve,
            diverged: diverged, stepsToTarget: stepsToTarget, secondsToTarget: secondsToTarget,
            wallSeconds: wall.seconds)
    }
}
