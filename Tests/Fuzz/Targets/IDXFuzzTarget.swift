// libFuzzer target for the IDX reader (raw and gzip-compressed).
// Compiled with Sources/Layerwise and Tests/Fuzz/main.swift by Tests/Fuzz/run.sh (not part of the package).
//
// Oracle: parsing never crashes; a parsed array has as many elements as its shape says, and
// converts to tensors and (for integer types) labels without crashing.

func fuzzIDX(_ bytes: [UInt8]) {
    guard let array = try? IDXArray(bytes: bytes, source: "fuzz") else { return }
    precondition(array.count == array.shape.reduce(1, *), "element count does not match the shape")
    let tensor = array.tensor(as: Double.self)
    precondition(tensor.shape == array.shape)
    if !array.shape.isEmpty { _ = array.examples(as: Float.self) }
    _ = try? array.labels()
}
