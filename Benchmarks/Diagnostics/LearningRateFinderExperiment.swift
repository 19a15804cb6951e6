import Layerwise

/// The learning-rate range test on the digits, for SGD with momentum and for Adam, checked
/// against what training at each rate actually gives.
///
/// The model is the MLP Linear(64 → 128), ReLU, Linear(128 → 10) with PyTorch's default
/// initialization; the data are the pixels in [0, 1], split 80/20 (stratified) into training
/// and validation. For each optimizer the range test runs on the training split (γ from 10⁻⁵
/// to 10 in 100 steps of 64 examples, smoothing β = 0.9); then, from the same initial weights,
/// a short training run (`epochs` epochs) at every rate of a grid of half decades measures the
/// validation accuracy, so the suggestion can be compared with the rates that work.
struct LearningRateFinderExperiment {
    /// One optimizer's range test and its check.
    struct Run {
        /// The optimizer's name.
        let name: String
        /// A short name for legends.
        let shortName: String
        /// The curve and the suggestions.
        let result: LearningRateRangeTestResult
        /// The validation accuracy after `epochs` epochs at each rate of the grid.
        let accuracies: [(learningRate: Double, accuracy: Double)]
    }

    /// The range test's settings.
    static let test = LearningRateRangeTest(minimumLearningRate: 1e-5, maximumLearningRate: 10, stepCount: 100, smoothing: 0.9)
    /// The rates of the check: 10⁻⁴ … 10 in half decades.
    static let grid = (-8...2).map { Double.exp(Double($0) / 2 * Double.log(10)) }

    let runs: [Run]
    let epochs: Int
    let batchSize = 64

    init(data: Dataset<Float, [Int]>, epochs: Int, seed: UInt64) {
        self.epochs = epochs
        var splitting = RandomGenerator(seed: seed)
        let (training, validation) = data.stratifiedSplit(validationFraction: 0.2, using: &splitting)
        var weights = RandomGenerator(seed: seed &+ 1)
        let initial = Sequential<Float> {
            Linear<Float>(inputSize: 64, outputSize: 128, generator: &weights)
            ReLU<Float>()
            Linear<Float>(inputSize: 128, outputSize: 10, generator: &weights)
        }
        let batchSize = self.batchSize
        func run(_ name: String, _ shortName: String, _ optimizer: some Optimizer<Float>) -> Run {
            var model = initial
            var optimizer = optimizer
            var shuffling = RandomGenerator(seed: seed &+ 2)
            let result = Self.test.run(
                model: &model, optimizer: &optimizer, training: training, batchSize: batchSize,
                loss: SoftmaxCrossEntropy<Float>(), shuffling: &shuffling)
            let suggestions = [result.suggestedLearningRate, result.minimumOverTenLearningRate]
            let accuracies = (Self.grid + suggestions).map { learningRate in
                var trained = initial
                var trainer = optimizer
                trainer.learningRate = learningRate
                var order = RandomGenerator(seed: seed &+ 3)
                trained.fit(
                    training, loss: SoftmaxCrossEntropy<Float>(), optimizer: &trainer,
                    options: FitOptions(epochs: epochs, batchSize: batchSize), shuffling: &order)
                let accuracy = trained.evaluate(validation, loss: SoftmaxCrossEntropy<Float>()).accuracy ?? .nan
                return (learningRate, accuracy.isFinite ? accuracy : 0)
            }
            return Run(name: name, shortName: shortName, result: result, accuracies: accuracies)
        }
        runs = [
            run("SGD, momentum 0.9", "SGD", SGD<Float>(learningRate: 0.01, momentum: 0.9)),
            run("Adam", "Adam", Adam<Float>(learningRate: 1e-3)),
        ]
    }

    /// The range-test summaries, the accuracy at each rate of the grid and at the suggestions.
    var report: String {
        runs.map { run in
            var lines = ["\(run.name):", String(describing: run.result)]
            lines.append("  validation accuracy after \(epochs) epochs of training at γ:")
            for (learningRate, accuracy) in run.accuracies.prefix(Self.grid.count) {
                lines.append("    γ = \(scientific(learningRate))  \(percent(accuracy))")
            }
            let suggestions = ["suggested (steepest descent)", "minimum / 10"]
            for (name, (learningRate, accuracy)) in zip(suggestions, run.accuracies.dropFirst(Self.grid.count)) {
                lines.append("    \(name), γ = \(scientific(learningRate))  \(percent(accuracy))")
            }
            return lines.joined(separator: "\n")
        }.joined(separator: "\n\n")
    }
}

/// x with two digits after the point in scientific notation: "3.16e-03".
func scientific(_ x: Double) -> String {
    guard x.isFinite, x != 0 else { return "\(x)" }
    var exponent = Int((Double.log(abs(x)) / Double.log(10)).rounded(.down))
    var mantissa = x / Double.exp(Double(exponent) * Double.log(10))
    if abs(mantissa) >= 9.995 {
        mantissa /= 10
        exponent += 1
    }
    let hundredths = Int((abs(mantissa) * 100).rounded())
    let digits = String(hundredths % 100)
    return "\(x < 0 ? "-" : "")\(hundredths / 100).\(digits.count < 2 ? "0" + digits : digits)e\(exponent < 0 ? "-" : "+")\(abs(exponent) < 10 ? "0" : "")\(abs(exponent))"
}

/// A fraction as a percentage with one decimal: "97.5 %".
func percent(_ fraction: Double) -> String {
    let tenths = Int((fraction * 1000).rounded())
    return "\(tenths / 10).\(tenths % 10) %"
}
