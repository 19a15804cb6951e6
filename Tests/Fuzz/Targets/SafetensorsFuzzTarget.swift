// libFuzzer target for the safetensors reader and the checkpoint loader.
// Compiled with Sources/Layerwise and Tests/Fuzz/main.swift by Tests/Fuzz/run.sh (not part of the package).
//
// Oracle: parsing never crashes; a file that parses serializes to a file that parses to the
// same contents; every tensor converts or throws; loading into a small model either succeeds
// or throws and leaves the model unchanged.

func fuzzSafetensors(_ bytes: [UInt8]) {
    guard let file = try? SafetensorsFile(bytes: bytes, source: "fuzz") else { return }
    let reread = try? SafetensorsFile(bytes: file.serialized(), source: "fuzz-reread")
    precondition(reread?.names == file.names && reread?.metadata == file.metadata, "serialize/parse round trip changed the file")
    for name in file.names {
        precondition(reread?[name] == file[name], "round trip changed tensor \(name)")
        _ = try? file.tensor(named: name, as: Float.self)
        _ = file[name]?.int64Values()
    }
    var generator = RandomGenerator(seed: 1)
    let model = Sequential<Float> {
        Linear<Float>(inputSize: 2, outputSize: 2, generator: &generator)
        BatchNorm<Float>(featureCount: 2)
        Dropout<Float>(probability: 0.5, generator: &generator)
    }
    var target = model
    var optimizer = Adam<Float>()
    let before = optimizer.parameterStates.count
    do {
        try file.restore(model: &target, optimizer: &optimizer)
    } catch {
        precondition(target.namedParameters.map(\.parameter) == model.namedParameters.map(\.parameter), "a failed load changed the model")
        precondition(optimizer.parameterStates.count == before, "a failed load changed the optimizer")
    }
}
