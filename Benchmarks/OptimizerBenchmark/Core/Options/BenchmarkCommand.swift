import Foundation

/// The `optimizer-benchmark` program: parse the options, run, write the files, print the
/// tables. The executable's `main.swift` only finds the data and calls `main`.
public enum BenchmarkCommand {
    /// Runs the program.
    ///
    /// - Parameters:
    ///   - arguments: The command-line arguments without the program name.
    ///   - dataDirectory: The folder of the shipped data (the executable's resources).
    ///   - progress: Where progress goes (default: standard error if it is a terminal).
    /// - Returns: The exit status: 0 on success, 1 when a run or a file fails, 2 for a bad
    ///   command line.
    public static func main(arguments: [String], dataDirectory: URL, progress: ProgressDisplay = ProgressDisplay()) -> Int32 {
        let options: BenchmarkOptions
        do {
            options = try BenchmarkOptions.parse(arguments)
        } catch {
            printError("\(error)\nRun `optimizer-benchmark --help` for the options.")
            return 2
        }
        if options.showsHelp {
            print(BenchmarkOptions.helpText, terminator: "")
            return 0
        }
        let idxDirectory = options.dataDirectory.map { URL(fileURLWithPath: $0, isDirectory: true) }
        if let idxDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: idxDirectory.path, isDirectory: &isDirectory), isDirectory.boolValue else {
                printError("--data-dir \(idxDirectory.path) is not a folder")
                return 2
            }
        }
        let problems = options.resolvedProblems.compactMap {
            ProblemCatalog.problem(named: $0, dataDirectory: dataDirectory, idxDirectory: idxDirectory, quick: options.quick)
        }
        let configuration = BenchmarkConfiguration(
            problems: problems, optimizers: options.optimizers, seeds: options.resolvedSeeds, epochs: options.epochs,
            grid: options.grid, learningRateSearch: options.learningRateSearch,
            rangeTest: BenchmarkConfiguration.defaultRangeTest(quick: options.quick), jobs: options.resolvedJobs,
            quick: options.quick)
        do {
            let results = try Benchmark.run(configuration, progress: progress)
            let output = URL(fileURLWithPath: options.output, isDirectory: true)
            try OutputWriter.write(results, arguments: arguments, to: output)
            print(TerminalReport.text(results, outputDirectory: options.output), terminator: "")
            return 0
        } catch {
            progress.clear()
            printError("\(error)")
            return 1
        }
    }

    /// Writes "optimizer-benchmark: error: …" to standard error.
    static func printError(_ message: String) {
        FileHandle.standardError.write(Data(("optimizer-benchmark: error: " + message + "\n").utf8))
    }
}
