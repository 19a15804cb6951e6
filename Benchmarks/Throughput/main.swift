import _AllocationCounter
import Layerwise

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

// The throughput benchmark (issue "Speed"): GEMM GFLOP/s per shape and transpose, the
// training step of an MLP 784-256-128-10 (ReLU, softmax cross-entropy, Adam), batch-1
// inference, and heap allocations per step. `--help` lists the options.

let options = BenchmarkOptions.parse(Array(CommandLine.arguments.dropFirst()))

// Every matrix product of the run (GEMM table, training step, inference) uses this many threads.
Parallelism.threadCount = options.threads
let gemmResults = options.runGEMM ? runGEMMBenchmarks(threads: options.threads) : []

var network = MLPBenchmark(batchSize: options.batchSize)
let training = network.measureTraining(stepsPerRun: options.stepsPerRun, runs: options.runs)
let alternatingAllocations = network.allocationsWithAlternatingBatchSizes(
    otherBatchSize: max(1, options.batchSize * 3 / 4), steps: 10)
let inference = network.measureInference(callsPerRun: options.inferenceCallsPerRun, runs: options.runs)

let report = BenchmarkReport(
    options: options, gemm: gemmResults, training: training,
    allocationsPerStepAlternatingBatchSizes: alternatingAllocations, inference: inference,
    allocationsCounted: allocation_counter_is_available())
print(options.json ? report.json : report.text)
