import Foundation
import Layerwise
import Testing

/// A fresh, empty folder under the temporary directory, removed by the caller.
func makeTemporaryFolder() throws -> URL {
    let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("layerwise-tests-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    return folder
}

/// The bit patterns of every parameter and state tensor, by name, for bitwise comparisons.
func weightBits<Model: Layer>(_ model: Model) -> [String: [UInt64]] {
    var result: [String: [UInt64]] = [:]
    for (name, parameter) in model.namedParameters {
        result[name] = parameter.value.scalars.map { UInt64(Double($0).bitPattern) }
    }
    for (name, value) in model.namedState {
        result[name] = value.scalars.map { UInt64(Double($0).bitPattern) }
    }
    return result
}

/// The step count and the bit patterns of every buffer and scalar of an optimizer, by name.
func optimizerBits<Rule: Optimizer>(_ optimizer: Rule) -> [String: [UInt64]] {
    var result: [String: [UInt64]] = [:]
    for entry in optimizer.parameterStates.entries {
        result[entry.name + ".step"] = [UInt64(entry.step)]
        for (key, keyPath) in Rule.State.buffers {
            result[entry.name + "." + key] = entry.state[keyPath: keyPath].map { UInt64(Double($0).bitPattern) }
        }
        for (key, keyPath) in Rule.State.scalars {
            result[entry.name + "." + key] = [entry.state[keyPath: keyPath].bitPattern]
        }
    }
    return result
}

/// Weights files: PyTorch's names and layouts, conversions, and refusals that leave the model
/// unchanged.
@Suite struct CheckpointTests {
    static func network<Scalar: TensorScalar>(_ type: Scalar.Type, seed: UInt64) -> Sequential<Scalar> {
        var generator = RandomGenerator(seed: seed)
        return Sequential {
            Linear<Scalar>(inputSize: 4, outputSize: 6, generator: &generator)
            BatchNorm<Scalar>(featureCount: 6)
            ReLU<Scalar>()
            Dropout<Scalar>(probability: 0.25, generator: &generator)
            Linear<Scalar>(inputSize: 6, outputSize: 3, generator: &generator)
        }
    }

    /// Saving and loading into a network with other weights gives back every value exactly,
    /// under PyTorch's `state_dict` names, with the dropout generator.
    @Test(arguments: [false, true])
    func weightsRoundTrip(double: Bool) throws {
        if double { try roundTrip(Double.self) } else { try roundTrip(Float.self) }
    }

    func roundTrip<Scalar: TensorScalar>(_ type: Scalar.Type) throws {
        let folder = try makeTemporaryFolder()
        defer { try? FileManager.default.removeItem(at: folder) }
        var original = Self.network(Scalar.self, seed: 1)
        // Make the running statistics and the dropout generator differ from a fresh network's.
        var inputs = RandomGenerator(seed: 9)
        _ = original.forward(Tensor(randomNormal: [5, 4], using: &inputs), mode: .training)
        let url = folder.appendingPathComponent("model.safetensors")
        try original.saveWeights(to: url, metadata: ["note": "test"])

        let file = try SafetensorsFile(contentsOf: url)
        // Parameters first, then state tensors, each in the model's order.
        #expect(file.names == ["0.weight", "0.bias", "1.weight", "1.bias", "4.weight", "4.bias", "1.running_mean", "1.running_var"])
        #expect(file["0.weight"]?.shape == [6, 4])
        #expect(file["4.weight"]?.shape == [3, 6])
        #expect(file["0.weight"]?.dtype == (Scalar.self == Float.self ? .float32 : .float64))
        #expect(file.metadata["note"] == "test")

        var restored = Self.network(Scalar.self, seed: 2)
        #expect(weightBits(restored) != weightBits(original))
        try restored.loadWeights(from: url)
        #expect(weightBits(restored) == weightBits(original))
        #expect((restored[3] as! Dropout<Scalar>).generator == (original[3] as! Dropout<Scalar>).generator)
        let input = Tensor<Scalar>(shape: [2, 4], scalars: [1, -2, 3, 0.5, 0, 1, -1, 2])
        #expect(restored.predict(input) == original.predict(input))
    }

    /// A file laid out as PyTorch writes `nn.Sequential(nn.Linear(2, 3), nn.BatchNorm1d(3))`:
    /// the weight is `[out, in]` row-major, and `num_batches_tracked` (I64) is skipped. The
    /// forward pass is checked against W·x + b worked out by hand.
    @Test func pytorchLayout() throws {
        var file = SafetensorsFile()
        file["0.weight"] = SafetensorsTensor(Tensor<Float>(shape: [3, 2], scalars: [1, 2, 3, 4, 5, 6]))
        file["0.bias"] = SafetensorsTensor(Tensor<Float>([0.5, -0.5, 1]))
        file["1.weight"] = SafetensorsTensor(Tensor<Float>([1, 1, 1]))
        file["1.bias"] = SafetensorsTensor(Tensor<Float>([0, 0, 0]))
        file["1.running_mean"] = SafetensorsTensor(Tensor<Float>([0, 0, 0]))
        file["1.running_var"] = SafetensorsTensor(Tensor<Float>([1, 1, 1]))
        file["1.num_batches_tracked"] = SafetensorsTensor(int64: [12], shape: [])
        var generator = RandomGenerator(seed: 3)
        var model = Sequential<Float> {
            Linear<Float>(inputSize: 2, outputSize: 3, generator: &generator)
        }
        model.append(BatchNorm<Float>(featureCount: 3, epsilon: 0))
        try file.restoreWeights(into: &model)
        // x = (1, −1): W·x = (1−2, 3−4, 5−6) = (−1, −1, −1); + b = (−0.5, −1.5, 0).
        #expect(model.predict(Tensor(shape: [1, 2], scalars: [1, -1])).scalars == [-0.5, -1.5, 0])
    }

    /// F64, F16 and BF16 files load into a Float model (F64 rounded to nearest).
    @Test func convertsPrecision() throws {
        var model = Sequential<Float> { PReLU<Float>(parameterCount: 2) }
        var file = SafetensorsFile()
        file["0.weight"] = SafetensorsTensor(Tensor<Double>([0.1, 0.25]))
        try file.restoreWeights(into: &model)
        #expect(model.namedParameters[0].parameter.value.scalars == [Float(0.1), 0.25])

        // F16 0x3400 = 0.25, 0xB800 = −0.5; BF16 0x3E80 = 0.25, 0xBF00 = −0.5.
        for (dtype, bytes) in [("F16", [0x00, 0x34, 0x00, 0xB8]), ("BF16", [0x80, 0x3E, 0x00, 0xBF])] as [(String, [UInt8])] {
            let header = Array(#"{"0.weight":{"dtype":"\#(dtype)","shape":[2],"data_offsets":[0,4]}}"#.utf8)
            let length = UInt64(header.count)
            let data = (0..<8).map { UInt8(truncatingIfNeeded: length >> UInt64(8 * $0)) } + header + bytes
            try SafetensorsFile(bytes: data).restoreWeights(into: &model)
            #expect(model.namedParameters[0].parameter.value.scalars == [0.25, -0.5], "\(dtype)")
        }
    }

    /// Each refusal names the tensor and leaves the model exactly as it was.
    @Test func refusalsLeaveTheModelUnchanged() throws {
        let model = Self.network(Float.self, seed: 4)
        let good = SafetensorsFile(weightsOf: Self.network(Float.self, seed: 5))
        var cases: [(SafetensorsFile, String, String)] = []
        var missing = good
        missing["1.running_var"] = nil
        cases.append((missing, "1.running_var", "missing from the file (the model's state tensor of shape [6])"))
        var transposed = good
        transposed["0.weight"] = SafetensorsTensor(Tensor<Float>(zeros: [4, 6]))
        cases.append((transposed, "0.weight", "shape [4, 6] in the file, [6, 4] in the model"))
        var extra = good
        extra["2.weight"] = SafetensorsTensor(Tensor<Float>(zeros: [1]))
        cases.append((extra, "2.weight", "the model has no parameter or state tensor of this name"))
        var integers = good
        integers["4.bias"] = SafetensorsTensor(int64: [1, 2, 3], shape: [3])
        cases.append((integers, "4.bias", "dtype I64 is not a floating-point type"))
        var strangeGenerator = good
        strangeGenerator.metadata["layerwise.model.random_generators"] = #"{"7.generator":{"state":[1,2,3,4]}}"#
        cases.append((strangeGenerator, "__metadata__", "random generator \"7.generator\" belongs to no layer"))
        var brokenGenerator = good
        brokenGenerator.metadata["layerwise.model.random_generators"] = #"{"3.generator":{"state":[0,0,0,0]}}"#
        cases.append((brokenGenerator, "__metadata__", "is not a valid set of random generators"))

        for (file, tensor, words) in cases {
            var target = model
            let error = try #require(dataFileError { try file.restoreWeights(into: &target) }, "\(tensor)")
            #expect(error.location == .tensor(tensor), "\(error)")
            #expect(error.reason.contains(words), "\(error)")
            #expect(weightBits(target) == weightBits(model))
            #expect((target[3] as! Dropout<Float>).generator == (model[3] as! Dropout<Float>).generator)
        }
    }

    /// A codable value (a schedule, a generator) comes back equal; a missing key or wrong
    /// type is an error.
    @Test func codableValues() throws {
        var schedule = CosineAnnealingWarmRestarts(baseLearningRate: 0.1, firstCycleLength: 3, cycleLengthMultiplier: 2)
        for _ in 0..<5 { schedule.step() }
        var generator = RandomGenerator(seed: 0xFFFF_FFFF_FFFF_FFFF)
        _ = generator.nextNormal()  // leaves a spare normal number in the state
        var file = SafetensorsFile()
        file.setValue(schedule, forKey: "schedule")
        file.setValue(generator, forKey: "shuffling")
        file.setValue(17, forKey: "epoch")
        let reread = try SafetensorsFile(bytes: file.serialized())
        let restored = try reread.value(CosineAnnealingWarmRestarts.self, forKey: "schedule")
        #expect(restored.stepCount == 5 && restored.stepsSinceRestart == schedule.stepsSinceRestart)
        #expect(restored.learningRate.bitPattern == schedule.learningRate.bitPattern)
        var restoredGenerator = try reread.value(RandomGenerator.self, forKey: "shuffling")
        #expect(restoredGenerator == generator)
        #expect(restoredGenerator.nextNormal().bitPattern == generator.nextNormal().bitPattern)
        #expect(try reread.value(Int.self, forKey: "epoch") == 17)
        #expect(dataFileError { _ = try reread.value(Int.self, forKey: "missing") }?.reason == "no metadata entry \"missing\"")
        #expect(dataFileError { _ = try reread.value(Int.self, forKey: "schedule") } != nil)
    }
}

