import Layerwise
import Testing

/// Mini-batches, splits, metrics, the weights snapshot and `fit`.
///
/// Expected values are worked out by hand in the comments: the `fit` tests train y = w·x with
/// plain SGD on examples with x = 1, where every step is w ← w − γ·2·(w − t) and every number
/// is exact in binary floating point.
@Suite struct TrainingTests {
    // MARK: Mini-batches

    /// Example i has features (i, 10·i) and label i.
    static func numbered(_ count: Int) -> Dataset<Double, [Int]> {
        Dataset(
            features: Tensor(rows: (0..<count).map { [Double($0), Double(10 * $0)] }),
            labels: Array(0..<count))
    }

    /// The labels of every batch, after checking that each feature row belongs to its label.
    static func labelsOfBatches(
        _ batches: MiniBatches<Double, [Int]>, sourceLocation: SourceLocation = #_sourceLocation
    ) -> [[Int]] {
        batches.map { features, labels in
            #expect(features.shape == [labels.count, 2], sourceLocation: sourceLocation)
            for (row, label) in labels.enumerated() {
                #expect(features[row, 0] == Double(label) && features[row, 1] == Double(10 * label), sourceLocation: sourceLocation)
            }
            return labels
        }
    }

    @Test func everyExampleExactlyOncePerEpoch() {
        let data = Self.numbered(10)
        var generator = RandomGenerator(seed: 1)
        for _ in 0..<3 {
            let batches = Self.labelsOfBatches(data.shuffledBatches(size: 4, using: &generator))
            #expect(batches.map(\.count) == [4, 4, 2])
            #expect(batches.flatMap { $0 }.sorted() == Array(0..<10))
        }
    }

    @Test func inOrderBatchesVisitTheExamplesInOrder() {
        let batches = Self.labelsOfBatches(Self.numbered(7).batches(size: 3))
        #expect(batches == [[0, 1, 2], [3, 4, 5], [6]])
        #expect(Self.labelsOfBatches(Self.numbered(7).batches(size: 3, dropLast: true)) == [[0, 1, 2], [3, 4, 5]])
    }

    @Test func dropLastLeavesOutOnlyTheShortBatch() {
        var generator = RandomGenerator(seed: 2)
        let dropped = Self.labelsOfBatches(Self.numbered(10).shuffledBatches(size: 4, dropLast: true, using: &generator))
        #expect(dropped.map(\.count) == [4, 4])
        #expect(Set(dropped.flatMap { $0 }).count == 8)
        let exact = Self.labelsOfBatches(Self.numbered(8).shuffledBatches(size: 4, dropLast: true, using: &generator))
        #expect(exact.flatMap { $0 }.sorted() == Array(0..<8))
        // A batch of one would be dropped: 9 = 2·4 + 1.
        #expect(Self.numbered(9).shuffledBatches(size: 4, dropLast: true, using: &generator).map(\.targets.count) == [4, 4])
    }

    @Test func sameSeedGivesTheSameOrdersEpochAfterEpoch() {
        let data = Self.numbered(30)
        var first = RandomGenerator(seed: 42)
        var second = RandomGenerator(seed: 42)
        for _ in 0..<3 {
            #expect(data.shuffledBatches(size: 8, using: &first).order == data.shuffledBatches(size: 8, using: &second).order)
        }
        var other = RandomGenerator(seed: 43)
        var again = RandomGenerator(seed: 42)
        #expect(data.shuffledBatches(size: 8, using: &other).order != data.shuffledBatches(size: 8, using: &again).order)
    }

    /// 20! orders: two equal epochs by chance are out of the question.
    @Test func differentEpochsHaveDifferentOrders() {
        let data = Self.numbered(20)
        var generator = RandomGenerator(seed: 3)
        let orders = (0..<4).map { _ in data.shuffledBatches(size: 5, using: &generator).order }
        #expect(Set(orders).count == 4)
        #expect(!orders.contains(Array(0..<20)))
        for order in orders { #expect(order.sorted() == Array(0..<20)) }
    }

    /// Each of the 3! = 6 orders of three examples has probability 1/6: in 6000 shuffles each
    /// appears 1000 ± 29 (one standard deviation) times. A biased shuffle (swapping with any
    /// position) would give 889 or 1111 for some of them.
    @Test func shufflingIsUniform() {
        let data = Self.numbered(3)
        var generator = RandomGenerator(seed: 4)
        var counts: [[Int]: Int] = [:]
        for _ in 0..<6000 { counts[data.shuffledBatches(size: 3, using: &generator).order, default: 0] += 1 }
        #expect(counts.count == 6)
        for (order, count) in counts { #expect(abs(count - 1000) < 100, "\(order): \(count)") }
    }

    @Test func tensorTargetsAreGatheredWithTheirFeatures() {
        let data = Dataset<Double, Tensor<Double>>(
            features: Tensor(rows: (0..<6).map { [Double($0)] }),
            targets: Tensor(shape: [6, 2, 1], scalars: (0..<6).flatMap { [Double($0), -Double($0)] }))
        var generator = RandomGenerator(seed: 5)
        var seen: [Double] = []
        for (features, targets) in data.shuffledBatches(size: 4, using: &generator) {
            #expect(targets.shape == [features.shape[0], 2, 1])
            for row in 0..<features.shape[0] {
                #expect(targets[row, 0, 0] == features[row, 0] && targets[row, 1, 0] == -features[row, 0])
                seen.append(features[row, 0])
            }
        }
        #expect(seen.sorted() == [0, 1, 2, 3, 4, 5])
    }

    // MARK: Splits

    @Test func splitIsADisjointSeededPartition() {
        let data = Self.numbered(50)
        var generator = RandomGenerator(seed: 6)
        let (training, validation) = data.split(validationCount: 12, using: &generator)
        #expect(training.count == 38 && validation.count == 12)
        #expect((training.labels + validation.labels).sorted() == Array(0..<50))
        // Both parts keep the original order, and features travel with labels.
        #expect(training.labels == training.labels.sorted() && validation.labels == validation.labels.sorted())
        #expect(validation.labels.enumerated().allSatisfy { validation.features[$0.offset, 0] == Double($0.element) })
        var same = RandomGenerator(seed: 6)
        #expect(data.split(validationCount: 12, using: &same).validation.labels == validation.labels)
        var other = RandomGenerator(seed: 7)
        #expect(data.split(validationCount: 12, using: &other).validation.labels != validation.labels)
    }

    /// ⌈0.2 · 1797⌉ = ⌈359.4⌉ = 360, scikit-learn's test size for the digits; ⌈0.25 · 8⌉ = 2.
    @Test func validationFractionRoundsUp() {
        let digitsShaped = Dataset<Float, [Int]>(features: Tensor(zeros: [1797, 1]), labels: Array(repeating: 0, count: 1797))
        var generator = RandomGenerator(seed: 8)
        #expect(digitsShaped.split(validationFraction: 0.2, using: &generator).validation.count == 360)
        #expect(digitsShaped.stratifiedSplit(validationFraction: 0.2, using: &generator).training.count == 1437)
        #expect(Self.numbered(8).split(validationFraction: 0.25, using: &generator).validation.count == 2)
    }

    /// Classes of 10, 6 and 4 examples, V = 5 of N = 20: quotas 2.5, 1.5, 1.0 → floors 2, 1, 1
    /// (4), and the one missing example goes to the largest remainder, a tie of 0.5 between
    /// classes 0 and 1 that class 0 wins: 3, 1, 1.
    @Test func stratifiedSplitKeepsTheClassProportions() {
        let labels = Array(repeating: 0, count: 10) + Array(repeating: 1, count: 6) + Array(repeating: 2, count: 4)
        let data = Dataset<Double, [Int]>(features: Tensor(rows: labels.indices.map { [Double($0)] }), labels: labels)
        for seed in 0..<5 as Range<UInt64> {
            var generator = RandomGenerator(seed: seed)
            let (training, validation) = data.stratifiedSplit(validationCount: 5, using: &generator)
            #expect([0, 1, 2].map { label in validation.labels.filter { $0 == label }.count } == [3, 1, 1])
            #expect([0, 1, 2].map { label in training.labels.filter { $0 == label }.count } == [7, 5, 3])
            let indices = (0..<training.count).map { Int(training.features[$0, 0]) } + (0..<validation.count).map { Int(validation.features[$0, 0]) }
            #expect(indices.sorted() == Array(0..<20))
        }
    }

    // MARK: Metrics

    /// Row maxima at 1, 0, 2; a tie (2, 2, 1) goes to the first; NaN wins like in PyTorch.
    @Test func argmaxPerRowTakesTheFirstLargest() {
        let logits = Tensor<Float>(rows: [[1, 2, 0], [3, 1, 0], [0, 0, 5], [2, 2, 1], [1, .nan, 9]])
        #expect(logits.argmaxPerRow() == [1, 0, 2, 0, 1])
    }

    /// Predictions 1, 0, 2, 0 against labels 1, 0, 1, 2: two of four.
    @Test func accuracyCountsTheLargestLogit() {
        let logits = Tensor<Double>(rows: [[1, 2, 0], [3, 1, 0], [0, 0, 5], [2, 2, 1]])
        #expect(Accuracy.of(logits: logits, labels: [1, 0, 1, 2]) == 0.5)
        var accuracy = Accuracy()
        #expect(accuracy.value.isNaN)
        accuracy.add(logits: logits, labels: [1, 0, 1, 2])
        accuracy.add(predictions: [4, 5, 6], labels: [4, 5, 0])
        #expect(accuracy.correctCount == 4 && accuracy.count == 7)
        #expect(accuracy.value == 4.0 / 7.0)
        #expect(accuracy.description == "57.14 % (4 of 7)")
    }

    /// Batches of 3 examples at mean 2 and 1 example at mean 4: (3·2 + 1·4)/4 = 2.5, not the
    /// mean of the batch means (3).
    @Test func meanLossWeightsBatchesByTheirSize() {
        var meanLoss = MeanLoss()
        #expect(meanLoss.value.isNaN)
        meanLoss.add(Float(2), count: 3)
        meanLoss.add(4.0, count: 1)
        #expect(meanLoss.count == 4)
        #expect(meanLoss.value == 2.5)
        #expect(meanLoss.description == "2.5000 over 4 examples")
    }

    /// Pairs (actual, predicted): (0,0) (0,0) (1,1) (1,0) (1,2) (2,1), so the rows are
    /// [2 0 0], [1 1 1], [0 1 0]. Precision: column 0 2/3, column 1 1/2, column 2 0/1.
    /// Recall: row 0 2/2, row 1 1/3, row 2 0/1. Accuracy 3/6.
    @Test func confusionMatrixByHand() {
        let confusion = ConfusionMatrix(predictions: [0, 0, 1, 0, 2, 1], labels: [0, 0, 1, 1, 1, 2], classCount: 3)
        #expect(confusion.counts == [2, 0, 0, 1, 1, 1, 0, 1, 0])
        #expect(confusion[actual: 1, predicted: 2] == 1 && confusion[actual: 2, predicted: 1] == 1)
        #expect(confusion[actual: 0, predicted: 1] == 0)
        #expect(confusion.total == 6 && confusion.correctCount == 3 && confusion.accuracy == 0.5)
        #expect(confusion.precision(ofClass: 0) == 2.0 / 3 && confusion.precision(ofClass: 1) == 0.5)
        #expect(confusion.precision(ofClass: 2) == 0)
        #expect(confusion.recall(ofClass: 0) == 1 && confusion.recall(ofClass: 1) == 1.0 / 3)
        #expect(confusion.recall(ofClass: 2) == 0)
        #expect(
            confusion.description == """
                actual \\ predicted      0      1      2   recall
                                 0      2      0      0  100.0 %
                                 1      1      1      1   33.3 %
                                 2      0      1      0    0.0 %
                         precision 66.7 % 50.0 %  0.0 %
                accuracy 50.0 % (3 of 6)
                """)
    }

    /// A class that never occurs has no recall, one never predicted has no precision.
    @Test func confusionMatrixUndefinedRatiosAreNil() {
        var confusion = ConfusionMatrix(classCount: 3)
        confusion.add(logits: Tensor<Float>(rows: [[5, 0, 0], [0, 4, 0], [3, 0, 0]]), labels: [0, 1, 1])
        // Predictions 0, 1, 0 for labels 0, 1, 1: rows [1 0 0], [1 1 0], [0 0 0].
        #expect(confusion.counts == [1, 0, 0, 1, 1, 0, 0, 0, 0])
        #expect(confusion.recall(ofClass: 2) == nil && confusion.precision(ofClass: 2) == nil)
        #expect(confusion.recall(ofClass: 1) == 0.5 && confusion.precision(ofClass: 0) == 0.5)
        #expect(confusion.description.contains("      –"))
    }

    // MARK: Weights snapshot

    /// BatchNorm(1) trained on (1, 3): mean 2, unbiased variance 2, so running_mean
    /// 0.9·0 + 0.1·2 = 0.2 and running_var 0.9·1 + 0.1·2 = 1.1. Then (5, 9) moves them on; the
    /// snapshot brings back 0.2, 1.1 and γ = 1.
    @Test func snapshotRestoresParametersAndBatchNormState() {
        var model = Sequential<Double> { BatchNorm<Double>(featureCount: 1) }
        _ = model.forward(Tensor(rows: [[1], [3]]), mode: .training)
        let snapshot = WeightsSnapshot(of: model)
        #expect(snapshot.stateNames == ["0.running_mean", "0.running_var"])
        _ = model.forward(Tensor(rows: [[5], [9]]), mode: .training)
        model.visitParameters { $0.value = $0.value * 3 }
        #expect(abs(model.namedState[0].value.scalars[0] - 0.88) < 1e-15)

        snapshot.restore(into: &model)
        expectClose(model.namedState[0].value.scalars, [0.2])
        expectClose(model.namedState[1].value.scalars, [1.1])
        #expect(model.namedParameters.map(\.parameter.value.scalars) == [[1], [0]])
    }

    @Test func snapshotOfAnotherModelStops() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            let snapshot = WeightsSnapshot(of: BatchNorm<Float>(featureCount: 2))
            var generator = RandomGenerator(seed: 0)
            var other = Linear<Float>(inputSize: 2, outputSize: 2, generator: &generator)
            snapshot.restore(into: &other)
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("WeightsSnapshot: the model has parameters [\"weight\", \"bias\"]"))
    }

    // MARK: fit

    /// y = w·x with x = 1, starting at w₀, targets `target` (training) and `validationTarget`.
    static func scalarRegression(
        examples: Int = 1, target: Double = 2, validationTarget: Double? = 1
    ) -> (training: Dataset<Double, Tensor<Double>>, validation: Dataset<Double, Tensor<Double>>?) {
        let training = Dataset(
            features: Tensor(repeating: 1, shape: [examples, 1]), targets: Tensor(repeating: target, shape: [examples, 1]))
        let validation = validationTarget.map {
            Dataset(features: Tensor(repeating: 1, shape: [1, 1]), targets: Tensor(repeating: $0, shape: [1, 1]))
        }
        return (training, validation)
    }

    /// w₀ = −2, γ = 0.25, one step per epoch: w = 0, 1, 1.5, 1.75 after epochs 1 … 4 (each step
    /// halves the distance to 2). Training losses (before each step) (w − 2)² = 16, 4, 1, 0.25;
    /// validation losses (w − 1)² = 1, 0, 0.25, 0.5625: best at epoch 2, worse after it. With
    /// patience 2, epochs 3 and 4 do not improve, training stops after epoch 4 and the model
    /// gets back w = 1 and the state of epoch 2 (two training forward passes counted).
    @Test func earlyStoppingRestoresTheBestWeightsAndState() {
        var model = Sequential<Double> {
            Linear<Double>(weight: Tensor(rows: [[-2]]), bias: nil)
            ForwardCounter<Double>()
        }
        let (training, validation) = Self.scalarRegression()
        var optimizer = SGD<Double>(learningRate: 0.25)
        var generator = RandomGenerator(seed: 9)
        var seen: [Int] = []
        let history = model.fit(
            training, validation: validation, loss: MeanSquaredError(), optimizer: &optimizer,
            options: FitOptions(epochs: 10, batchSize: 1, earlyStopping: EarlyStopping(patience: 2)),
            shuffling: &generator
        ) { report in
            seen.append(report.epoch)
            return .continue
        }
        #expect(seen == [1, 2, 3, 4])
        #expect(history.stopReason == .earlyStopping)
        #expect(history.bestEpoch == 2)
        #expect(history.trainingLosses == [16, 4, 1, 0.25])
        #expect(history.validationLosses == [1, 0, 0.25, 0.5625])
        #expect(history.reports.map(\.isImprovement) == [true, true, false, false])
        #expect(history.reports.map(\.epochsWithoutImprovement) == [0, 0, 1, 2])
        #expect(history.reports.allSatisfy { $0.learningRate == 0.25 && $0.stepCount == 1 && $0.trainingAccuracy == nil })
        #expect(model.namedParameters.map(\.parameter.value.scalars) == [[1]])
        #expect(model.namedState.map(\.name) == ["1.count"])
        #expect(model.namedState[0].value.scalars == [2])
    }

    /// The same run without restoring: the model keeps epoch 4's w = 1.75 (and 4 passes).
    @Test func earlyStoppingWithoutRestoringKeepsTheLastWeights() {
        var model = Sequential<Double> {
            Linear<Double>(weight: Tensor(rows: [[-2]]), bias: nil)
            ForwardCounter<Double>()
        }
        let (training, validation) = Self.scalarRegression()
        var optimizer = SGD<Double>(learningRate: 0.25)
        var generator = RandomGenerator(seed: 9)
        let history = model.fit(
            training, validation: validation, loss: MeanSquaredError(), optimizer: &optimizer,
            options: FitOptions(epochs: 10, batchSize: 1, earlyStopping: EarlyStopping(patience: 2, restoresBestWeights: false)),
            shuffling: &generator)
        #expect(history.reports.count == 4 && history.bestEpoch == 2)
        #expect(model.namedParameters[0].parameter.value.scalars == [1.75])
        #expect(model.namedState[0].value.scalars == [4])
    }

    /// Early stopping on the training loss with δ = 2: 16 → 4 improves by 12, 4 → 1 by 3, but
    /// 1 → 0.25 by less than 2, so patience 0 stops after epoch 4 and restores epoch 3 (w = 1.5).
    @Test func earlyStoppingOnTheTrainingLossWithAMargin() {
        var model = Linear<Double>(weight: Tensor(rows: [[-2]]), bias: nil)
        let (training, _) = Self.scalarRegression(validationTarget: nil)
        var optimizer = SGD<Double>(learningRate: 0.25)
        var generator = RandomGenerator(seed: 9)
        let history = model.fit(
            training, loss: MeanSquaredError(), optimizer: &optimizer,
            options: FitOptions(
                epochs: 10, batchSize: 1,
                earlyStopping: EarlyStopping(patience: 0, metric: .trainingLoss, minimumImprovement: 2)),
            shuffling: &generator)
        #expect(history.trainingLosses == [16, 4, 1, 0.25])
        #expect(history.bestEpoch == 3 && history.stopReason == .earlyStopping)
        #expect(model.weight.value.scalars == [1.5])
    }

    /// The callback stops after epoch 3 (w = 1.5, no early stopping, so no restore).
    @Test func callbackCanStopTraining() {
        var model = Linear<Double>(weight: Tensor(rows: [[-2]]), bias: nil)
        let (training, validation) = Self.scalarRegression()
        var optimizer = SGD<Double>(learningRate: 0.25)
        var generator = RandomGenerator(seed: 9)
        var reports: [EpochReport] = []
        let history = model.fit(
            training, validation: validation, loss: MeanSquaredError(), optimizer: &optimizer,
            options: FitOptions(epochs: 10, batchSize: 1), shuffling: &generator
        ) { report in
            reports.append(report)
            return report.epoch == 3 ? .stop : .continue
        }
        #expect(history.stopReason == .callback && history.bestEpoch == nil)
        #expect(reports == history.reports)
        #expect(reports.map(\.trainingLoss) == [16, 4, 1])
        #expect(reports.map(\.validationLoss) == [1, 0, 0.25])
        #expect(reports.map(\.validationAccuracy) == [nil, nil, nil])
        #expect(model.weight.value.scalars == [1.5])
    }

    @Test func allEpochsRunWithoutStopping() {
        var model = Linear<Double>(weight: Tensor(rows: [[-2]]), bias: nil)
        let (training, _) = Self.scalarRegression(validationTarget: nil)
        var optimizer = SGD<Double>(learningRate: 0.25)
        var generator = RandomGenerator(seed: 9)
        let history = model.fit(
            training, loss: MeanSquaredError(), optimizer: &optimizer, options: FitOptions(epochs: 3, batchSize: 1),
            shuffling: &generator)
        #expect(history.stopReason == .completed && history.reports.count == 3)
        #expect(history.validationLosses.isEmpty)
        #expect(model.weight.value.scalars == [1.5])
    }

    /// Two identical examples (x = 1, t = 2), batch size 1, w₀ = 0, MultiStepLR(0.25,
    /// milestones [1], γ = 0.5). Per step the rates are 0.25, 0.125, 0.125, 0.125:
    /// w = 1, 1.25, 1.4375, 1.578125. Per epoch, 0.25 for both steps of epoch 1 and 0.125 for
    /// epoch 2: w = 1, 1.5, 1.625, 1.71875.
    @Test(arguments: [FitOptions.ScheduleStepping.perStep, .perEpoch])
    func scheduleChangesTheLearningRateMidRun(_ stepping: FitOptions.ScheduleStepping) {
        var model = Linear<Double>(weight: Tensor(rows: [[0]]), bias: nil)
        let (training, _) = Self.scalarRegression(examples: 2, validationTarget: nil)
        var optimizer = SGD<Double>(learningRate: 99)
        var generator = RandomGenerator(seed: 10)
        let history = model.fit(
            training, loss: MeanSquaredError(), optimizer: &optimizer,
            options: FitOptions(
                epochs: 2, batchSize: 1,
                learningRateSchedule: MultiStepLR(baseLearningRate: 0.25, milestones: [1], gamma: 0.5),
                scheduleStepping: stepping),
            shuffling: &generator)
        #expect(history.reports.map(\.stepCount) == [2, 2])
        switch stepping {
        case .perStep:
            #expect(model.weight.value.scalars == [1.578125])
            #expect(history.reports.map(\.learningRate) == [0.125, 0.125])
            // Mean of the batch losses (w − 2)²: epoch 1 (4 + 1)/2, epoch 2 (0.5625 + 0.31640625)/2.
            #expect(history.trainingLosses == [2.5, 0.439453125])
        case .perEpoch:
            #expect(model.weight.value.scalars == [1.71875])
            #expect(history.reports.map(\.learningRate) == [0.25, 0.125])
        }
        #expect(optimizer.learningRate == 0.125)
    }

    /// ReduceLROnPlateau(0.25, factor 0.5, patience 0) stepped per epoch with the validation
    /// loss 1, 0, 0.25, …: the third epoch is worse than the second, so epoch 4 runs at 0.125:
    /// w = 1.5 − 0.125·2·(1.5 − 2) = 1.625, validation loss 0.625² = 0.390625. (Given the
    /// training losses 16, 4, 1, 0.25, which keep falling, it would never reduce.)
    @Test func plateauScheduleGetsTheValidationLoss() {
        var model = Linear<Double>(weight: Tensor(rows: [[-2]]), bias: nil)
        let (training, validation) = Self.scalarRegression()
        var optimizer = SGD<Double>(learningRate: 0.25)
        var generator = RandomGenerator(seed: 11)
        let history = model.fit(
            training, validation: validation, loss: MeanSquaredError(), optimizer: &optimizer,
            options: FitOptions(
                epochs: 4, batchSize: 1,
                learningRateSchedule: ReduceLROnPlateau(baseLearningRate: 0.25, factor: 0.5, patience: 0),
                scheduleStepping: .perEpoch),
            shuffling: &generator)
        #expect(history.reports.map(\.learningRate) == [0.25, 0.25, 0.25, 0.125])
        #expect(history.validationLosses == [1, 0, 0.25, 0.390625])
        #expect(model.weight.value.scalars == [1.625])
    }

    /// Adam keeps its moments across two `fit` calls with a learning-rate change between them:
    /// w₀ = 0, t = 0.5, g = 2·(w − 0.5). Step 1 (γ = 0.1): g₁ = −1, w₁ = 0.1/(1 + 10⁻⁸).
    /// Step 2 (γ = 0.05): g₂ = 2·(w₁ − 0.5), m₂ = 0.9·0.1·g₁ + 0.1·g₂,
    /// v₂ = 0.999·0.001·g₁² + 0.001·g₂², w₂ = w₁ − 0.05/(1 − 0.9²)·m₂/(√v₂/√(1 − 0.999²) + 10⁻⁸).
    @Test func learningRateChangedBetweenFitsKeepsTheOptimizerState() {
        var model = Linear<Double>(weight: Tensor(rows: [[0]]), bias: nil)
        let (training, _) = Self.scalarRegression(target: 0.5, validationTarget: nil)
        var optimizer = Adam<Double>(learningRate: 0.1)
        var generator = RandomGenerator(seed: 12)
        let options = FitOptions(epochs: 1, batchSize: 1)
        model.fit(training, loss: MeanSquaredError(), optimizer: &optimizer, options: options, shuffling: &generator)
        let w1 = 0.1 / (1 + 1e-8)
        expectClose(model.weight.value.scalars, [w1])
        optimizer.learningRate = 0.05
        let history = model.fit(training, loss: MeanSquaredError(), optimizer: &optimizer, options: options, shuffling: &generator)
        let g1 = -1.0
        let g2 = 2 * (w1 - 0.5)
        let m2 = 0.9 * 0.1 * g1 + 0.1 * g2
        let v2 = 0.999 * 0.001 * g1 * g1 + 0.001 * g2 * g2
        expectClose(model.weight.value.scalars, [w1 - 0.05 / (1 - 0.81) * m2 / (v2.squareRoot() / (1 - 0.998001).squareRoot() + 1e-8)])
        #expect(optimizer.parameterStates["weight"]?.step == 2)
        #expect(history.reports[0].learningRate == 0.05)
    }

    /// λ = 0.5, γ = 0.1, x = 0 and t = 1 = b: the loss gradient is 0, so only weight decay
    /// moves anything: w = 1 − 0.1·0.5·1 = 0.95, while the excluded bias stays 1.
    @Test func weightDecayExclusionHoldsInFit() {
        var model = Linear<Double>(weight: Tensor(rows: [[1]]), bias: Tensor([1]))
        let training = Dataset(features: Tensor<Double>(zeros: [1, 1]), targets: Tensor<Double>(rows: [[1]]))
        var optimizer = SGD<Double>(learningRate: 0.1, weightDecay: 0.5)
        optimizer.excludeFromWeightDecay = { $0 == "bias" }
        var generator = RandomGenerator(seed: 13)
        model.fit(training, loss: MeanSquaredError(), optimizer: &optimizer, options: FitOptions(epochs: 1, batchSize: 1), shuffling: &generator)
        expectClose(model.weight.value.scalars, [0.95])
        #expect(model.bias!.value.scalars == [1])
    }

    /// clipGradientNorm in fit: g = 2·(−2 − 2) = −8 clipped to norm 1 (factor 1/(8 + 10⁻⁶)),
    /// so w = −2 + 0.25·8/(8 + 10⁻⁶).
    @Test func fitClipsTheGradientNorm() {
        var model = Linear<Double>(weight: Tensor(rows: [[-2]]), bias: nil)
        let (training, _) = Self.scalarRegression(validationTarget: nil)
        var optimizer = SGD<Double>(learningRate: 0.25)
        var generator = RandomGenerator(seed: 14)
        model.fit(
            training, loss: MeanSquaredError(), optimizer: &optimizer,
            options: FitOptions(epochs: 1, batchSize: 1, maxGradientNorm: 1), shuffling: &generator)
        expectClose(model.weight.value.scalars, [-2 + 0.25 * 8 / (8 + 1e-6)])
    }

    /// A classifier whose logits are its input (an empty Sequential): the loss is computed but
    /// nothing trains, so the reported accuracies are those of the fixed logits. Training rows
    /// predict 0, 1, 1 for labels 0, 1, 0 (2 of 3); validation predicts 1, 0 for 1, 1 (1 of 2).
    @Test func fitReportsAccuracyForClassLabels() {
        var model = Sequential<Double>([])
        let training = Dataset(features: Tensor<Double>(rows: [[2, 0], [0, 2], [0, 1]]), labels: [0, 1, 0])
        let validation = Dataset(features: Tensor<Double>(rows: [[0, 3], [1, 0]]), labels: [1, 1])
        var optimizer = SGD<Double>(learningRate: 0.1)
        var generator = RandomGenerator(seed: 15)
        let history = model.fit(
            training, validation: validation, loss: SoftmaxCrossEntropy(), optimizer: &optimizer,
            options: FitOptions(epochs: 1, batchSize: 2), shuffling: &generator)
        let report = history.reports[0]
        #expect(report.trainingAccuracy == 2.0 / 3 && report.validationAccuracy == 0.5)
        #expect(report.stepCount == 2)
        // Validation cross-entropy: row 1 log(1 + e⁻³), row 2 log(1 + e); their mean.
        let expected = (Double.log(1 + Double.exp(-3)) + Double.log(1 + Double.exp(1))) / 2
        expectClose([report.validationLoss!], [expected], relative: 1e-14)
        let evaluation = model.evaluate(validation, loss: SoftmaxCrossEntropy())
        #expect(evaluation.accuracy == 0.5 && evaluation.count == 2)
        expectClose([evaluation.loss], [expected], relative: 1e-14)
    }

    @Test func earlyStoppingOnValidationLossNeedsValidationData() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var model = Linear<Double>(weight: Tensor(rows: [[0]]), bias: nil)
            let training = Dataset(features: Tensor<Double>(zeros: [2, 1]), targets: Tensor<Double>(zeros: [2, 1]))
            var optimizer = SGD<Double>(learningRate: 0.1)
            var generator = RandomGenerator(seed: 0)
            model.fit(
                training, loss: MeanSquaredError(), optimizer: &optimizer,
                options: FitOptions(epochs: 1, batchSize: 1, earlyStopping: EarlyStopping(patience: 1)),
                shuffling: &generator)
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("early stopping on validationLoss needs validation data"))
    }
}

/// Counts its training forward passes in a state tensor `count` (the identity otherwise): a
/// stand-in for BatchNorm's running statistics whose value after each epoch is known exactly.
struct ForwardCounter<Scalar: TensorScalar>: Layer {
    var count = Tensor<Scalar>(zeros: [1])

    var description: String { "ForwardCounter" }

    var stateNames: [String] { ["count"] }

    mutating func visitState(_ visit: (inout Tensor<Scalar>) -> Void) {
        visit(&count)
    }

    mutating func forward(_ input: Tensor<Scalar>, mode: Mode) -> Tensor<Scalar> {
        if mode == .training { count = Tensor([count.scalars[0] + 1]) }
        return input
    }

    mutating func backward(_ gradOutput: Tensor<Scalar>) -> Tensor<Scalar> {
        gradOutput
    }
}
