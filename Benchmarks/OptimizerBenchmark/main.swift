import Foundation
import _OptimizerBenchmarkCore

// optimizer-benchmark: the command-line entry point. Everything else lives in
// _OptimizerBenchmarkCore (Benchmarks/OptimizerBenchmark/Core); the shipped data sets are this
// target's resources (Benchmarks/OptimizerBenchmark/Data).
let dataDirectory = Bundle.module.url(forResource: "Data", withExtension: nil)
    ?? URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Data")
exit(BenchmarkCommand.main(arguments: Array(CommandLine.arguments.dropFirst()), dataDirectory: dataDirectory))
