import Foundation
import Layerwise

/// The problems of the benchmark, with their default budgets, and the smaller ones of `--quick`.
///
/// | name | data | model | batch | epochs / steps |
/// |---|---|---|---|---|
/// | digits | UCI digits, 1797 images 8 × 8 (20 % test, stratified) | 64 → 64 → 64 → 10 ReLU | 32 | 20 |
/// | mnist1d | MNIST-1D, 4000 train / 1000 test, 40 features | 40 → 100 → 100 → 10 ReLU | 100 | 15 |
/// | spirals | two spirals, 1000 train / 1000 test, generated | 2 → 32 → 32 → 2 Tanh | 32 | 60 |
/// | rosenbrock | start (−1.5, 2) | — | — | 3000 steps |
/// | beale | start (1, 1.5) | — | — | 3000 steps |
/// | idx | IDX files from `--data-dir` | F → 128 → 128 → C ReLU | 128 | 5 |
public enum ProblemCatalog {
    /// The names of the built-in problems, in report order.
    public static let builtInNames = ["digits", "mnist1d", "spirals", "rosenbrock", "beale"]

    /// The name of the problem read from `--data-dir`.
    public static let idxName = "idx"

    /// The test accuracy Greydanus (2020) reports for an MLP on MNIST-1D.
    public static let mnist1dReference = ReferenceResult(
        testAccuracy: 0.68, source: "Greydanus (2020), MNIST-1D paper, MLP baseline")

    /// The problem called `name`.
    ///
    /// - Parameters:
    ///   - name: One of `builtInNames`, or `idxName` with `idxDirectory`.
    ///   - dataDirectory: The folder of the shipped data files (digits.csv, mnist1d-*.idx).
    ///   - idxDirectory: The `--data-dir` folder, for `idx`.
    ///   - quick: Whether to use the small budgets of `--quick`.
    /// - Returns: The problem, or nil for an unknown name (or `idx` without a folder).
    public static func problem(
        named name: String, dataDirectory: URL, idxDirectory: URL? = nil, quick: Bool = false
    ) -> BenchmarkProblem? {
        switch name {
        case "digits": .classification(digits(dataDirectory: dataDirectory, quick: quick))
        case "mnist1d": .classification(mnist1d(dataDirectory: dataDirectory, quick: quick))
        case "spirals": .classification(spirals(quick: quick))
        case "rosenbrock": .function(rosenbrock(quick: quick))
        case "beale": .function(beale(quick: quick))
        case idxName: idxDirectory.map { .classification(idx(directory: $0, quick: quick)) }
        default: nil
        }
    }

    /// The UCI digits: the shipped CSV, features scaled to [0, 1], a seeded stratified 20 % test
    /// split (360 images).
    public static func digits(dataDirectory: URL, quick: Bool) -> ClassificationProblem {
        let file = dataDirectory.appendingPathComponent("digits.csv")
        return ClassificationProblem(
            name: "digits", title: "UCI digits (8 × 8)",
            architecture: MLPArchitecture(inputSize: 64, hiddenSizes: [64, 64], classCount: 10, activation: .relu),
            batchSize: 32, epochs: quick ? 1 : 30, targetLoss: 0.1
        ) {
            let all = try DataFiles.loadDigits(file)
            var generator = RandomGenerator(seed: 1797)
            let (training, test) = all.stratifiedSplit(validationFraction: 0.2, using: &generator)
            return ClassificationData(
                training: training, test: test, classCount: 10,
                provenance: "\(all.count) images from digits.csv; a stratified test split of \(test.count) (seed 1797)")
        }
    }

    /// MNIST-1D: the shipped IDX files, 4000 training and 1000 test examples of 40 features.
    public static func mnist1d(dataDirectory: URL, quick: Bool) -> ClassificationProblem {
        ClassificationProblem(
            name: "mnist1d", title: "MNIST-1D",
            architecture: MLPArchitecture(inputSize: 40, hiddenSizes: [100, 100], classCount: 10, activation: .relu),
            batchSize: 100, epochs: quick ? 1 : 50, targetLoss: 0.5, reference: mnist1dReference
        ) {
            func load(_ split: String) throws -> Dataset<Float, [Int]> {
                try DataFiles.loadIDX(
                    features: dataDirectory.appendingPathComponent("mnist1d-\(split)-x.idx"),
                    labels: dataDirectory.appendingPathComponent("mnist1d-\(split)-y.idx"))
            }
            var training = try load("train")
            let test = try load("test")
            if quick { training = training.subset(0..<1000) }
            return ClassificationData(
                training: training, test: test, classCount: 10,
                provenance: "mnist1d-train/test-x/y.idx: \(training.count) training and \(test.count) test examples")
        }
    }

    /// Two spirals: 1000 training and 1000 test points generated from fixed seeds.
    public static func spirals(quick: Bool) -> ClassificationProblem {
        ClassificationProblem(
            name: "spirals", title: "Two spirals",
            architecture: MLPArchitecture(inputSize: 2, hiddenSizes: [32, 32], classCount: 2, activation: .relu),
            batchSize: 32, epochs: quick ? 2 : 50, targetLoss: 0.1
        ) {
            let spirals = TwoSpirals()
            var trainingGenerator = RandomGenerator(seed: 1988)
            var testGenerator = RandomGenerator(seed: 1989)
            let count = quick ? 400 : 1000
            return ClassificationData(
                training: spirals.makeDataset(count: count, using: &trainingGenerator),
                test: spirals.makeDataset(count: count, using: &testGenerator), classCount: 2,
                provenance: "generated: \(count) training points (seed 1988), \(count) test points (seed 1989), "
                    + "\(spirals.turns) turns, noise σ = \(spirals.noise)")
        }
    }

    /// Rosenbrock's function from (−1.5, 2).
    public static func rosenbrock(quick: Bool) -> FunctionProblem {
        FunctionProblem(
            name: "rosenbrock", title: "Rosenbrock", function: .rosenbrock, start: (-1.5, 2), steps: quick ? 300 : 3000,
            tolerance: 1e-4, plotXRange: -2...2, plotYRange: -1...3)
    }

    /// Beale's function from (1, 1.5).
    public static func beale(quick: Bool) -> FunctionProblem {
        FunctionProblem(
            name: "beale", title: "Beale", function: .beale, start: (1, 1.5), steps: quick ? 300 : 3000,
            tolerance: 1e-4, plotXRange: -1...4.5, plotYRange: -2...2)
    }

    /// One line per problem for `--help`: name, data, model or start, and the default budget,
    /// read from the problem definitions so that they cannot drift apart.
    public static var helpLines: [String] {
        let data = URL(fileURLWithPath: "/")
        let problems: [BenchmarkProblem] = builtInNames.compactMap { problem(named: $0, dataDirectory: data) }
            + [.classification(idx(directory: URL(fileURLWithPath: "/DIR"), quick: false))]
        return problems.map { problem in
            let name = problem.name.padding(toLength: 11, withPad: " ", startingAt: 0)
            switch problem {
            case .classification(let problem):
                var widths = problem.architecture.hiddenSizes.map(String.init)
                widths.insert(problem.architecture.inputSize == 0 ? "F" : String(problem.architecture.inputSize), at: 0)
                widths.append(problem.architecture.classCount == 0 ? "C" : String(problem.architecture.classCount))
                let title = problem.name == idxName ? "IDX files from --data-dir" : problem.title
                return name + title + "; MLP " + widths.joined(separator: "-") + " " + problem.architecture.activation.rawValue
                    + ", \(problem.epochs) epochs of batch \(problem.batchSize)"
            case .function(let problem):
                return name + problem.title + " from (\(Formatting.compact(problem.start.x)), \(Formatting.compact(problem.start.y)))"
                    + ", \(problem.steps) steps"
            }
        }
    }

    /// IDX files from a folder (`--data-dir`): see `IDXFolder` for how they are found.
    public static func idx(directory: URL, quick: Bool) -> ClassificationProblem {
        let folder = IDXFolder(directory: directory)
        return ClassificationProblem(
            name: idxName, title: "IDX data (\(directory.lastPathComponent))",
            architecture: MLPArchitecture(inputSize: 0, hiddenSizes: [128, 128], classCount: 0, activation: .relu),
            batchSize: 128, epochs: quick ? 1 : 5, targetLoss: 0.2
        ) {
            try folder.load()
        }
    }
}
