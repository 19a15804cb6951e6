import Foundation
import Layerwise
import Testing

/// An MLP with BatchNorm and Dropout, trained with Adam on the UCI digits
/// (Benchmarks/OptimizerBenchmark/Data/digits.csv), reaches at least 95 % accuracy on a fixed
/// stratified test split of 360 images: once with the explicit loop of Docs/Training.md and
/// once with `fit`.
@Suite struct DigitsTrainingTests {
    @Test func explicitLoopReaches95PercentTestAccuracy() throws {
        // BEGIN TRAINING EXAMPLE
        var generator = RandomGenerator(seed: 2024)
        let digits = try loadDigits()  // features [1797, 64] in [0, 1], labels 0…9
        let (trainingAndValidation, test) = digits.stratifiedSplit(validationFraction: 0.2, using: &generator)
        let (training, validation) = trainingAndValidation.stratifiedSplit(validationFraction: 0.2, using: &generator)

        var model = Sequential<Float> {
            Linear(inputSize: 64, outputSize: 64, generator: &generator)
            BatchNorm(featureCount: 64)
            ReLU()
            Dropout(probability: 0.1, generator: &generator)
            Linear(inputSize: 64, outputSize: 10, generator: &generator)
        }
        let loss = SoftmaxCrossEntropy<Float>()
        var optimizer = Adam<Float>(learningRate: 0.01)
        let epochs = 6
        let batchSize = 32
        let stepsPerEpoch = training.count / batchSize  // the short last batch is dropped
        var schedule = CosineAnnealingLR(baseLearningRate: 0.01, annealingSteps: epochs * stepsPerEpoch)
        var best = (loss: Double.infinity, epoch: 0, weights: WeightsSnapshot(of: model))

        for epoch in 1...epochs {
            var trainingLoss = MeanLoss()
            var trainingAccuracy = Accuracy()
            for (input, labels) in training.shuffledBatches(size: batchSize, dropLast: true, using: &generator) {
                optimizer.learningRate = schedule.learningRate
                model.zeroGradients()
                let logits = model.forward(input, mode: .training)
                let (value, gradient) = loss(logits, target: .classes(labels))
                _ = model.backward(gradient)
                model.clipGradientNorm(maxNorm: 5)
                optimizer.step(&model)
                schedule.step()
                trainingLoss.add(value, count: labels.count)
                trainingAccuracy.add(logits: logits, labels: labels)
            }
            let evaluation = model.evaluate(validation, loss: loss)
            if evaluation.loss < best.loss {
                best = (evaluation.loss, epoch, WeightsSnapshot(of: model))
            }
            print("epoch \(epoch): training loss \(trainingLoss), accuracy \(trainingAccuracy); validation \(evaluation)")
        }
        best.weights.restore(into: &model)  // the epoch with the lowest validation loss

        var confusion = ConfusionMatrix(classCount: 10)
        for (input, labels) in test.batches(size: 256) {
            confusion.add(logits: model.predict(input), labels: labels)
        }
        print(confusion)
        // END TRAINING EXAMPLE

        #expect(training.count == 1149 && validation.count == 288 && test.count == 360)
        #expect(confusion.total == 360)
        #expect(confusion.accuracy >= 0.95, "test accuracy \(confusion.accuracy)")
        // The restored weights are those of the best epoch: its validation loss again.
        #expect(model.evaluate(validation, loss: loss).loss == best.loss)
    }

    @Test func fitReaches95PercentTestAccuracy() throws {
        var generator = RandomGenerator(seed: 7)
        let digits = try loadDigits()
        let (trainingAndValidation, test) = digits.stratifiedSplit(validationFraction: 0.2, using: &generator)
        let (training, validation) = trainingAndValidation.stratifiedSplit(validationFraction: 0.2, using: &generator)
        var model = Sequential<Float> {
            Linear(inputSize: 64, outputSize: 64, generator: &generator)
            BatchNorm(featureCount: 64)
            ReLU()
            Dropout(probability: 0.1, generator: &generator)
            Linear(inputSize: 64, outputSize: 10, generator: &generator)
        }
        var optimizer = Adam<Float>(learningRate: 0.01)
        let options = FitOptions(
            epochs: 8, batchSize: 32, dropLastBatch: true, earlyStopping: EarlyStopping(patience: 2),
            learningRateSchedule: ReduceLROnPlateau(baseLearningRate: 0.01, factor: 0.3, patience: 1),
            scheduleStepping: .perEpoch)
        let history = model.fit(
            training, validation: validation, loss: SoftmaxCrossEntropy(), optimizer: &optimizer,
            options: options, shuffling: &generator
        ) { report in
            print(report)
            return .continue
        }

        let testResult = model.evaluate(test, loss: SoftmaxCrossEntropy())
        print("test: \(testResult)")
        #expect(testResult.count == 360)
        #expect(testResult.accuracy! >= 0.95, "test accuracy \(testResult.accuracy!)")
        // 1149 examples in batches of 32, the short one dropped: 35 steps per epoch.
        #expect(history.reports.allSatisfy { $0.stepCount == 35 })
        // The model holds the best epoch's weights (parameters and running statistics).
        let bestEpoch = try #require(history.bestEpoch)
        let bestLoss = try #require(history.reports[bestEpoch - 1].validationLoss)
        #expect(history.reports.compactMap(\.validationLoss).allSatisfy { $0 >= bestLoss })
        #expect(model.evaluate(validation, loss: SoftmaxCrossEntropy(), batchSize: 32).loss == bestLoss)
    }

    @Test func digitsFileHasTheExpectedShape() throws {
        let digits = try loadDigits()
        #expect(digits.features.shape == [1797, 64])
        #expect(digits.features.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(digits.features.scalars.max() == 1)
        // Class sizes of scikit-learn's load_digits.
        let sizes = (0..<10).map { label in digits.labels.filter { $0 == label }.count }
        #expect(sizes == [178, 182, 177, 183, 181, 182, 181, 179, 174, 180])
    }

    /// Docs/Training.md shows exactly the loop above.
    @Test func docsShowTheTrainingLoop() throws {
        let shown = try DocumentedCode.block(in: "Docs/Training.md", after: "<!-- TRAINING-EXAMPLE")
        #expect(shown == (try DocumentedCode.tested("TRAINING EXAMPLE", in: #filePath)))
        #expect(shown.count > 30)
    }
}

/// Reads the shipped digits CSV (1797 rows of 64 pixel columns in 0…16 and a `label` column)
/// with the library's `CSVTable`, scaling the pixels to [0, 1] by 1/16.
func loadDigits() throws -> Dataset<Float, [Int]> {
    let file = DocumentedCode.repositoryRoot().appendingPathComponent("Benchmarks/OptimizerBenchmark/Data/digits.csv")
    let digits: Dataset<Float, [Int]> = try CSVTable(contentsOf: file).classification(labelColumn: "label")
    return Dataset(features: digits.features * (1 / 16), labels: digits.labels)
}
