import Foundation
import Layerwise

// The component benchmark (issue "Fast on every path"): every layer's forward and backward,
// every loss, every optimizer step and whole training steps, timed from this module, best of
// `--runs` runs. `--json` prints machine-readable results for Benchmarks/Components/compare_pytorch.py.
//
//     swift run -c release components [--threads N] [--runs R] [--seconds S] [--json] [--only GROUP]

var threads = 2
var runs = 5
var runSeconds = 0.05
var json = false
var only: String?
var arguments = CommandLine.arguments.dropFirst().makeIterator()
while let argument = arguments.next() {
    switch argument {
    case "--threads": threads = Int(arguments.next() ?? "") ?? threads
    case "--runs": runs = Int(arguments.next() ?? "") ?? runs
    case "--seconds": runSeconds = Double(arguments.next() ?? "") ?? runSeconds
    case "--json": json = true
    case "--only": only = arguments.next()
    case "--help", "-h":
        print("usage: components [--threads N (2)] [--runs R (5)] [--seconds S per run (0.05)] [--only layer|loss|optimizer|step|data|user] [--json]")
        exit(0)
    default:
        FileHandle.standardError.write(Data("components: unknown option \(argument) (see --help)\n".utf8))
        exit(2)
    }
}
Parallelism.threadCount = threads

var components = Components(runs: runs, runSeconds: runSeconds)
if only == nil || only == "layer" { components.layers() }
if only == nil || only == "loss" { components.losses() }
if only == nil || only == "optimizer" { components.optimizers() }
if only == nil || only == "step" { components.trainingSteps() }
if only == nil || only == "data" { components.dataConversion() }
if only == "user" {
    components.userWritten()
}

if json {
    let rows = components.timings.map {
        "    {\"group\": \"\($0.group)\", \"name\": \"\($0.name)\", \"size\": \"\($0.size)\", \"seconds\": \($0.seconds)}"
    }
    print("{\n  \"threads\": \(threads),\n  \"timings\": [\n\(rows.joined(separator: ",\n"))\n  ]\n}")
} else {
    print("component benchmark, \(threads) threads, best of \(runs) runs")
    for timing in components.timings {
        let microseconds = timing.seconds * 1e6
        print(timing.group.padding(toLength: 10, withPad: " ", startingAt: 0)
            + timing.name.padding(toLength: 42, withPad: " ", startingAt: 0)
            + timing.size.padding(toLength: 12, withPad: " ", startingAt: 0)
            + String(format: "%12.1f µs", microseconds))
    }
}
