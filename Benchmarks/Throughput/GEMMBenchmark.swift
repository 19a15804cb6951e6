import Layerwise

/// One measured matrix product.
struct GEMMResult: CustomStringConvertible {
    var m: Int
    var k: Int
    var n: Int
    var transpose: String
    var threads: Int
    var gflops: Double

    var description: String { "\(m)×\(k)×\(n) \(transpose) threads \(threads): \(gflops) GFLOP/s" }
}

/// Times `Tensor.matmul` on the benchmark's shapes (under construction on this branch).
func runGEMMBenchmarks(threads: Int) -> [GEMMResult] {
    []
}
