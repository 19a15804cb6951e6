import Layerwise

// The throughput benchmark (issue "Speed"): GEMM GFLOP/s per shape and transpose, the MLP
// training step, batch-1 inference, allocations per step. Under construction on this branch.
let results = runGEMMBenchmarks(threads: 1)
for result in results {
    print(result)
}
