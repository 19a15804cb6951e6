// Trips each kind of programmer-error check of the library in the build it was compiled in,
// and checks that the message reaches standard error. `.ci/run` runs it from the release
// build, where the standard library's `precondition` would print only "precondition failure".
//
//     swift run -c release precondition-messages          # every case, a line each
//     swift run -c release precondition-messages <case>   # trip one case in this process
//
// The expected words are written here by hand, from the documented messages.
import Foundation
import Layerwise

/// One check: what trips it, and words its message must contain.
struct TrippedCheck {
    let name: String
    let expectedWords: [String]
    let trip: () -> Void
}

let checks: [TrippedCheck] = [
    TrippedCheck(name: "tensor-scalars", expectedWords: ["Tensor: 2 scalars do not fill shape [2, 3] (6 needed)"]) {
        _ = Tensor<Float>(shape: [2, 3], scalars: [1, 2])
    },
    TrippedCheck(name: "tensor-index", expectedWords: ["index [1, 3] is outside shape [2, 3]"]) {
        _ = Tensor<Float>(zeros: [2, 3])[1, 3]
    },
    TrippedCheck(name: "tensor-reshape", expectedWords: ["shape [2, 3] (6 elements) cannot be viewed as [4]"]) {
        _ = Tensor<Double>(zeros: [2, 3]).reshaped(to: [4])
    },
    TrippedCheck(name: "tensor-sum", expectedWords: ["shapes [2, 3] and [3, 2] differ"]) {
        _ = Tensor<Float>(zeros: [2, 3]) + Tensor<Float>(zeros: [3, 2])
    },
    TrippedCheck(name: "matmul", expectedWords: ["Tensor.matmul: inner dimensions differ", "[2, 3]", "[4, 5]"]) {
        _ = Tensor<Float>.matmul(Tensor(zeros: [2, 3]), Tensor(zeros: [4, 5]))
    },
    TrippedCheck(name: "linear-forward", expectedWords: ["Linear(5 → 4)", "[batch, 5]", "[6, 3]"]) {
        var generator = RandomGenerator(seed: 0)
        var layer = Linear<Float>(inputSize: 5, outputSize: 4, generator: &generator)
        _ = layer.forward(Tensor(zeros: [6, 3]), mode: .training)
    },
    TrippedCheck(name: "backward-before-forward", expectedWords: ["ReLU.backward called before forward", "[2, 2]"]) {
        var layer = ReLU<Double>()
        _ = layer.backward(Tensor(zeros: [2, 2]))
    },
    TrippedCheck(name: "dataset-count", expectedWords: ["features of shape [3, 2] and 2 targets"]) {
        _ = Dataset(features: Tensor<Float>(zeros: [3, 2]), labels: [0, 1])
    },
    TrippedCheck(name: "generator-state", expectedWords: ["all-zero state"]) {
        _ = RandomGenerator(state: (0, 0, 0, 0))
    },
    TrippedCheck(name: "thread-count", expectedWords: ["needs at least 1 thread, got 0"]) {
        Parallelism.threadCount = 0
    },
]

let arguments = CommandLine.arguments.dropFirst()
if let name = arguments.first {
    guard let check = checks.first(where: { $0.name == name }) else {
        FileHandle.standardError.write(Data("unknown case \(name); cases: \(checks.map(\.name).joined(separator: ", "))\n".utf8))
        exit(2)
    }
    check.trip()
    FileHandle.standardError.write(Data("\(name): the check did not stop the program\n".utf8))
    exit(3)
}

var failures = 0
let executable = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
for check in checks {
    let process = Process()
    process.executableURL = executable
    process.arguments = [check.name]
    let errorPipe = Pipe()
    process.standardError = errorPipe
    process.standardOutput = FileHandle.nullDevice
    try process.run()
    let errorOutput = String(decoding: errorPipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let missing = check.expectedWords.filter { !errorOutput.contains($0) }
    let stopped = process.terminationReason == .uncaughtSignal
    if stopped && missing.isEmpty {
        print("ok    \(check.name)")
    } else {
        failures += 1
        print("FAIL  \(check.name): \(stopped ? "missing \(missing)" : "did not trap (exit \(process.terminationStatus))")")
        print(errorOutput.split(separator: "\n").map { "      | \($0)" }.joined(separator: "\n"))
    }
}
print("\(checks.count - failures) of \(checks.count) checks print their message")
exit(failures == 0 ? 0 : 1)
