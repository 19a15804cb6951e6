import Foundation
import Layerwise
import Testing
@testable import _OptimizerBenchmarkCore

/// The problems: test functions and their gradients, the two-spirals generator, the MLPs, the
/// point model, the shipped data sets and the IDX folder reader.
@Suite struct ProblemTests {
    @Test func rosenbrockValuesAndGradientsByHand() {
        let f = TestFunction.rosenbrock
        #expect(f.value(1, 1) == 0)
        #expect(f.value(0, 0) == 1)  // (1 − 0)² + 100·0²
        #expect(f.value(-1, 1) == 4)  // (1 + 1)² + 100·(1 − 1)²
        #expect(f.value(-1.5, 2) == 12.5)  // 2.5² + 100·(2 − 2.25)² = 6.25 + 6.25
        #expect(f.gradient(0, 0) == (-2, 0))
        #expect(f.gradient(1, 1) == (0, 0))
        // At (−1.5, 2): y − x² = −0.25; ∂x = −2·2.5 − 400·(−1.5)·(−0.25) = −155, ∂y = 200·(−0.25).
        #expect(f.gradient(-1.5, 2) == (-155, -50))
    }

    @Test func bealeValuesAndGradientsByHand() {
        let f = TestFunction.beale
        #expect(f.value(3, 0.5) == 0)
        #expect(f.value(0, 0) == 1.5 * 1.5 + 2.25 * 2.25 + 2.625 * 2.625)
        // At (0, 0): ∂x = Σ 2cᵢ·(0 − 1) = −2·(1.5 + 2.25 + 2.625); ∂y = Σ 2rᵢ·i·x·yⁱ⁻¹ = 0.
        #expect(f.gradient(0, 0) == (-12.75, 0))
        let atMinimum = f.gradient(3, 0.5)
        #expect(atMinimum.0 == 0 && atMinimum.1 == 0)
    }

    @Test(arguments: TestFunction.allCases)
    func gradientsMatchCentralDifferences(function: TestFunction) {
        let h = 1e-6
        for (x, y) in [(-1.2, 1.7), (0.3, -0.4), (2.5, 0.9), (1.1, 1.3)] {
            let (dx, dy) = function.gradient(x, y)
            let numericX = (function.value(x + h, y) - function.value(x - h, y)) / (2 * h)
            let numericY = (function.value(x, y + h) - function.value(x, y - h)) / (2 * h)
            #expect(abs(dx - numericX) <= 1e-6 * max(1, abs(dx)))
            #expect(abs(dy - numericY) <= 1e-6 * max(1, abs(dy)))
        }
    }

    @Test func noiselessSpiralsLieOnTheirArms() {
        var generator = RandomGenerator(seed: 3)
        let spirals = TwoSpirals(turns: 1.5, noise: 0)
        let data = spirals.makeDataset(count: 200, using: &generator)
        #expect(data.features.shape == [200, 2])
        #expect(data.labels == (0..<200).map { $0 % 2 })
        for k in 0..<200 {
            let x = Double(data.features[k, 0])
            let y = Double(data.features[k, 1])
            let r = (x * x + y * y).squareRoot()
            #expect(r < 1)
            // θ = 2π·1.5·r + label·π, compared on the unit circle.
            let theta = 3 * Double.pi * r + Double(data.labels[k]) * Double.pi
            if r > 1e-3 {
                #expect(abs(x / r - cos(theta)) < 1e-5)
                #expect(abs(y / r - sin(theta)) < 1e-5)
            }
        }
    }

    @Test func spiralsDependOnTheSeedOnly() {
        var a = RandomGenerator(seed: 11)
        var b = RandomGenerator(seed: 11)
        var c = RandomGenerator(seed: 12)
        let first = TwoSpirals().makeDataset(count: 50, using: &a)
        #expect(first.features == TwoSpirals().makeDataset(count: 50, using: &b).features)
        #expect(first.features != TwoSpirals().makeDataset(count: 50, using: &c).features)
    }

    @Test func mlpHasPyTorchNamesAndTheCountedParameters() {
        let architecture = MLPArchitecture(inputSize: 40, hiddenSizes: [100, 100], classCount: 10, activation: .relu)
        // (40 + 1)·100 + (100 + 1)·100 + (100 + 1)·10
        #expect(architecture.parameterCount == 15210)
        var generator = RandomGenerator(seed: 1)
        var model = architecture.makeModel(using: &generator)
        #expect(model.parameterNames == ["0.weight", "0.bias", "2.weight", "2.bias", "4.weight", "4.bias"])
        var shapes: [[Int]] = []
        model.visitParameters { shapes.append($0.value.shape) }
        #expect(shapes == [[100, 40], [100], [100, 100], [100], [10, 100], [10]])
        #expect(model.forward(Tensor(zeros: [3, 40]), mode: .inference).shape == [3, 10])
        #expect(architecture.summary == "40 → 100 → 100 → 10, ReLU")
    }

    @Test func pointModelReturnsItsPointAndAccumulatesGradients() {
        var model = PointModel<Double>(x: -1.5, y: 2)
        #expect(model.parameterNames == ["position"])
        let output = model.forward(Tensor(zeros: [1, 1]), mode: .training)
        #expect(output.shape == [1, 2] && output.scalars == [-1.5, 2])
        let inputGradient = model.backward(Tensor(shape: [1, 2], scalars: [3, -4]))
        #expect(inputGradient.shape == [1, 1] && inputGradient.scalars == [0])
        _ = model.backward(Tensor(shape: [1, 2], scalars: [1, 1]))
        #expect(model.position.gradient.scalars == [4, -3])
        var sgd = SGD<Double>(learningRate: 0.5)
        sgd.step(&model)
        #expect(model.point == (-3.5, 3.5))  // p − 0.5·(4, −3)
    }

    @Test func digitsShipWithTheBenchmark() throws {
        let problem = ProblemCatalog.digits(dataDirectory: TestData.shippedDataDirectory, quick: false)
        let data = try problem.loadData()
        #expect(data.training.count + data.test.count == 1797)
        #expect(data.test.count == 360)  // ⌈0.2 · 1797⌉, stratified
        #expect(data.featureCount == 64 && data.classCount == 10)
        #expect(data.training.features.scalars.allSatisfy { $0 >= 0 && $0 <= 1 })
        #expect(Set(data.test.labels) == Set(0..<10))
    }

    @Test func mnist1dShipsWithTheBenchmark() throws {
        let problem = ProblemCatalog.mnist1d(dataDirectory: TestData.shippedDataDirectory, quick: false)
        let data = try problem.loadData()
        #expect(data.training.features.shape == [4000, 40])
        #expect(data.test.features.shape == [1000, 40])
        #expect(Set(data.training.labels) == Set(0..<10))
        #expect(problem.reference?.testAccuracy == 0.68)
    }

    @Test func spiralsTrainingAndTestDiffer() throws {
        let data = try ProblemCatalog.spirals(quick: false).loadData()
        #expect(data.training.count == 1000 && data.test.count == 1000)
        #expect(data.training.features != data.test.features)
    }

    @Test func everyBuiltInProblemIsKnownByName() {
        for name in ProblemCatalog.builtInNames {
            #expect(ProblemCatalog.problem(named: name, dataDirectory: TestData.shippedDataDirectory)?.name == name)
        }
        #expect(ProblemCatalog.problem(named: "idx", dataDirectory: TestData.shippedDataDirectory) == nil)
        #expect(ProblemCatalog.problem(named: "cifar", dataDirectory: TestData.shippedDataDirectory) == nil)
    }

    @Test func idxFolderReadsTrainingAndTestFiles() throws {
        let directory = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        // 3 training images of 2 × 2 bytes, 2 test images; labels as unsigned bytes.
        try TestData.idxBytes(type: 0x08, shape: [3, 2, 2], data: [0, 255, 51, 102, 0, 0, 0, 0, 255, 255, 255, 255])
            .write(to: directory.appendingPathComponent("train-images-idx3-ubyte"))
        try TestData.idxBytes(type: 0x08, shape: [3], data: [2, 0, 1]).write(to: directory.appendingPathComponent("train-labels-idx1-ubyte"))
        try TestData.idxBytes(type: 0x08, shape: [2, 2, 2], data: [255, 0, 0, 0, 0, 0, 0, 51])
            .write(to: directory.appendingPathComponent("t10k-images-idx3-ubyte"))
        try TestData.idxBytes(type: 0x08, shape: [2], data: [1, 3]).write(to: directory.appendingPathComponent("t10k-labels-idx1-ubyte"))
        try Data("not idx".utf8).write(to: directory.appendingPathComponent("README.txt"))
        let data = try IDXFolder(directory: directory).load()
        #expect(data.training.features.shape == [3, 4])
        // Bytes / 255: 0, 255, 51, 102 → 0, 1, 0.2, 0.4 (up to Float rounding).
        #expect(zip(data.training.features.scalars.prefix(4), [0, 1, 0.2, 0.4] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(data.training.labels == [2, 0, 1])
        #expect(data.test.labels == [1, 3])
        #expect(abs(data.test.features[1, 3] - 0.2) < 1e-6)
        #expect(data.classCount == 4)
    }

    @Test func idxFolderReadsGzipFiles() throws {
        let directory = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let images = TestData.idxBytes(type: 0x08, shape: [2, 3], data: [255, 0, 51, 0, 102, 255])
        let labels = TestData.idxBytes(type: 0x08, shape: [2], data: [7, 1])
        try TestData.gzipStored(images).write(to: directory.appendingPathComponent("train-images-idx3-ubyte.gz"))
        try TestData.gzipStored(labels).write(to: directory.appendingPathComponent("train-labels-idx1-ubyte.gz"))
        try TestData.gzipStored(images).write(to: directory.appendingPathComponent("t10k-images-idx3-ubyte.gz"))
        try labels.write(to: directory.appendingPathComponent("t10k-labels-idx1-ubyte"))  // raw beside gzip
        let data = try IDXFolder(directory: directory).load()
        #expect(data.training.labels == [7, 1] && data.test.labels == [7, 1])
        #expect(zip(data.training.features.scalars, [1, 0, 0.2, 0, 0.4, 1] as [Float]).allSatisfy { abs($0 - $1) < 1e-6 })
        #expect(data.classCount == 8)
    }

    @Test func shippedMNIST1DFilesWorkAsADataFolder() throws {
        let data = try IDXFolder(directory: TestData.shippedDataDirectory).load()
        // Float files are not rescaled; digits.csv and README.md are not IDX and are skipped.
        let direct = try ProblemCatalog.mnist1d(dataDirectory: TestData.shippedDataDirectory, quick: false).loadData()
        #expect(data.training.features == direct.training.features)
        #expect(data.test.labels == direct.test.labels)
    }

    @Test func idxFolderWithOneSplitHoldsOutATestSet() throws {
        let directory = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        let count = 50
        try TestData.idxBytes(type: 0x08, shape: [count, 3], data: (0..<(3 * count)).map { UInt8($0 % 256) })
            .write(to: directory.appendingPathComponent("mnist1d-train-x.idx"))
        try TestData.idxBytes(type: 0x08, shape: [count], data: (0..<count).map { UInt8($0 % 2) })
            .write(to: directory.appendingPathComponent("mnist1d-train-y.idx"))
        let data = try IDXFolder(directory: directory).load()
        #expect(data.test.count == 10)  // ⌈0.2 · 50⌉
        #expect(data.training.count == 40)
        #expect(data.test.labels.filter { $0 == 0 }.count == 5)  // stratified
        let again = try IDXFolder(directory: directory).load()
        #expect(again.test.features == data.test.features)  // seeded
    }

    @Test func idxFolderWithoutPairsIsAnError() throws {
        let directory = try TestData.temporaryDirectory()
        defer { try? FileManager.default.removeItem(at: directory) }
        try TestData.idxBytes(type: 0x08, shape: [2, 2], data: [1, 2, 3, 4]).write(to: directory.appendingPathComponent("train-images"))
        #expect(throws: DataFiles.ReadError.self) { try IDXFolder(directory: directory).load() }
        try TestData.idxBytes(type: 0x08, shape: [3], data: [1, 2, 3]).write(to: directory.appendingPathComponent("train-labels"))
        #expect(throws: DataFiles.ReadError.self) { try IDXFolder(directory: directory).load() }  // 2 images, 3 labels
    }
}
