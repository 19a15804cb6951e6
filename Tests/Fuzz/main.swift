// The libFuzzer entry point of the Layerwise fuzz targets (not part of the package).
//
// One executable holds every target, so the library is compiled once; the environment
// variable LAYERWISE_FUZZ_TARGET (safetensors, idx, gzip or csv) chooses the reader under test.
// Tests/Fuzz/run.sh builds and runs it.

import Foundation

/// The target chosen by the environment, looked up once.
let fuzzTarget: ([UInt8]) -> Void = {
    let name = ProcessInfo.processInfo.environment["LAYERWISE_FUZZ_TARGET"] ?? ""
    switch name {
    case "safetensors": return fuzzSafetensors
    case "idx": return fuzzIDX
    case "gzip": return fuzzGzip
    case "csv": return fuzzCSV
    default: fatalError("set LAYERWISE_FUZZ_TARGET to safetensors, idx, gzip or csv (got \"\(name)\")")
    }
}()

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ start: UnsafePointer<UInt8>?, _ count: Int) -> CInt {
    let bytes = start.map { Array(UnsafeBufferPointer(start: $0, count: count)) } ?? []
    fuzzTarget(bytes)
    return 0
}
