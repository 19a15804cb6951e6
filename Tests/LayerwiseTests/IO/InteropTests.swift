import Foundation
import Layerwise
import Testing

/// The folder shared with Tests/Interop/safetensors_roundtrip.py, given by .ci/run.
let interopFolder = ProcessInfo.processInfo.environment["LAYERWISE_INTEROP_DIR"].map { URL(fileURLWithPath: $0) }

/// Files exchanged with the reference safetensors implementation (Python, numpy API). .ci/run
/// runs the script's `write`, then these tests (with LAYERWISE_INTEROP_DIR set), then the
/// script's `check`; without the variable the tests are skipped.
@Suite(.enabled(if: interopFolder != nil, "LAYERWISE_INTEROP_DIR is not set (.ci/run sets it)"))
struct InteropTests {
    /// (i − offset) / scale for i in 0..<count: exactly representable, as in the Python script.
    static func formula(_ count: Int, scale: Double, offset: Double) -> [Double] {
        (0..<count).map { (Double($0) - offset) / scale }
    }

    /// A PyTorch-layout state dict written by `safetensors.numpy.save_file` loads into the
    /// equivalent network, and its eval output matches numpy's.
    @Test func readsPythonWeights() throws {
        let folder = try #require(interopFolder)
        var generator = RandomGenerator(seed: 1)
        var model = Sequential<Float> {
            Linear<Float>(inputSize: 4, outputSize: 3, generator: &generator)
            BatchNorm<Float>(featureCount: 3)
        }
        let file = try SafetensorsFile(contentsOf: folder.appendingPathComponent("from-python.safetensors"))
        #expect(file.metadata["writer"] == "safetensors.numpy")
        try file.restoreWeights(into: &model)
        #expect(model.namedParameters[0].parameter.value.scalars == Self.formula(12, scale: 8, offset: 5).map { Float($0) })
        #expect(model.namedState[1].value.scalars == [1, 4, 0.25])

        let expected = try SafetensorsFile(contentsOf: folder.appendingPathComponent("from-python-expected.safetensors"))
        let input = try expected.tensor(named: "input", as: Float.self)
        let output = try expected.tensor(named: "output", as: Double.self)
        #expect(input.scalars == Self.formula(8, scale: 4, offset: 3).map { Float($0) })
        let predicted = model.predict(input)
        #expect(predicted.shape == output.shape)
        for (value, reference) in zip(predicted.scalars, output.scalars) {
            #expect(abs(Double(value) - reference) <= 1e-5 * max(1, abs(reference)))
        }
    }

    /// F64, F32, F16 and I64 tensors from numpy read as the values written.
    @Test func readsPythonDtypes() throws {
        let folder = try #require(interopFolder)
        let file = try SafetensorsFile(contentsOf: folder.appendingPathComponent("from-python-dtypes.safetensors"))
        let values: [Double] = [0.5, -1.25, 3, 0x1p-10]
        #expect(file["f64"]?.dtype == .float64 && file["f32"]?.dtype == .float32 && file["f16"]?.dtype == .float16)
        for name in ["f64", "f32", "f16"] {
            #expect(try file.tensor(named: name, as: Double.self).scalars == values, "\(name)")
            #expect(try file.tensor(named: name, as: Float.self).scalars == values.map { Float($0) }, "\(name)")
        }
        #expect(file["steps"]?.int64Values() == [3, -4, 1 << 40, 0])
    }

    /// Writes the files the script checks: the weights of
    /// `Sequential(Linear(4, 3), BatchNorm1d(3), ReLU(), Linear(3, 2))` set by formulas, the
    /// eval output on a fixed input, and a training checkpoint after one Adam step.
    @Test func writesFilesForPython() throws {
        let folder = try #require(interopFolder)
        var generator = RandomGenerator(seed: 2)
        var model = Sequential<Float> {
            Linear<Float>(inputSize: 4, outputSize: 3, generator: &generator)
            BatchNorm<Float>(featureCount: 3)
            ReLU<Float>()
            Linear<Float>(inputSize: 3, outputSize: 2, generator: &generator)
        }
        var weights = SafetensorsFile(weightsOf: model)
        weights["0.weight"] = SafetensorsTensor(Tensor<Float>(shape: [3, 4], scalars: Self.formula(12, scale: 8, offset: 5).map { Float($0) }))
        weights["3.weight"] = SafetensorsTensor(Tensor<Float>(shape: [2, 3], scalars: Self.formula(6, scale: 4, offset: 2).map { Float($0) }))
        weights["1.running_mean"] = SafetensorsTensor(Tensor<Float>([0.5, -0.5, 0.25]))
        weights["1.running_var"] = SafetensorsTensor(Tensor<Float>([1, 4, 0.25]))
        try weights.restoreWeights(into: &model)
        try model.saveWeights(to: folder.appendingPathComponent("from-swift.safetensors"), metadata: ["writer": "Layerwise"])

        let input = Tensor<Float>(shape: [3, 4], scalars: Self.formula(12, scale: 3, offset: 6).map { Float($0) })
        var expected = SafetensorsFile()
        expected["input"] = SafetensorsTensor(input)
        expected["output"] = SafetensorsTensor(model.predict(input))
        try expected.write(to: folder.appendingPathComponent("from-swift-expected.safetensors"))

        var optimizer = Adam<Float>(learningRate: 0.01)
        let (_, gradient) = MeanSquaredError<Float>()(model.forward(input, mode: .training), target: Tensor(zeros: [3, 2]))
        _ = model.backward(gradient)
        optimizer.step(&model)
        var training = SafetensorsFile(weightsOf: model)
        training.addState(of: optimizer)
        training.setValue(1, forKey: "epoch")
        try training.write(to: folder.appendingPathComponent("from-swift-training.safetensors"))
    }
}
