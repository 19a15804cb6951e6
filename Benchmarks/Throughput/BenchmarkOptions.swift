#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The command-line options of the throughput benchmark.
struct BenchmarkOptions {
    /// Threads for the matrix products.
    var threads = BenchmarkOptions.onlineProcessorCount
    /// Rows per training batch.
    var batchSize = 128
    /// Training steps per timed run.
    var stepsPerRun = 50
    /// Batch-1 forward passes per timed run.
    var inferenceCallsPerRun = 2000
    /// Timed runs; the median run is reported.
    var runs = 9
    /// Print one JSON object instead of text.
    var json = false
    /// Time the matrix products.
    var runGEMM = true

    static var onlineProcessorCount: Int {
        max(1, Int(sysconf(Int32(_SC_NPROCESSORS_ONLN))))
    }

    static var usage: String {
        let defaults = BenchmarkOptions()
        return """
            usage: throughput [options]

            Times Layerwise's matrix products and the training step of an MLP 784-256-128-10
            (ReLU, softmax cross-entropy, Adam), batch-1 inference, and counts heap allocations
            per step.

            options:
              --threads N          threads for the matrix products (default: \(defaults.threads), the online cores)
              --batch N            rows per training batch (default: \(defaults.batchSize))
              --steps N            training steps per timed run (default: \(defaults.stepsPerRun))
              --inference-calls N  batch-1 forward passes per timed run (default: \(defaults.inferenceCallsPerRun))
              --runs N             timed runs; the median is reported (default: \(defaults.runs))
              --no-gemm            skip the matrix-product benchmark
              --json               print one JSON object on stdout instead of text
              --help               print this help
            """
    }

    /// Parses `arguments` (without the program name); prints the usage and exits on `--help`
    /// or on an invalid argument.
    static func parse(_ arguments: [String]) -> BenchmarkOptions {
        var options = BenchmarkOptions()
        var remaining = arguments[...]
        func positiveInteger(after flag: String) -> Int {
            guard let text = remaining.popFirst(), let value = Int(text), value > 0 else {
                fail("\(flag) needs a positive integer")
            }
            return value
        }
        while let argument = remaining.popFirst() {
            switch argument {
            case "--threads": options.threads = positiveInteger(after: argument)
            case "--batch": options.batchSize = positiveInteger(after: argument)
            case "--steps": options.stepsPerRun = positiveInteger(after: argument)
            case "--inference-calls": options.inferenceCallsPerRun = positiveInteger(after: argument)
            case "--runs": options.runs = positiveInteger(after: argument)
            case "--no-gemm": options.runGEMM = false
            case "--json": options.json = true
            case "--help", "-h":
                print(usage)
                exit(0)
            default: fail("unknown argument \(argument)")
            }
        }
        return options
    }

    private static func fail(_ message: String) -> Never {
        var text = "throughput: \(message)\n\n\(usage)\n"
        text.withUTF8 { _ = write(2, $0.baseAddress, $0.count) }  // standard error
        exit(2)
    }
}
