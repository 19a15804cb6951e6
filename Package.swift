// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Layerwise",
    // Synchronization's Atomic (the kernels' thread pool and the allocation counter) needs
    // macOS 15; Linux has no minimum beyond the Swift 6 toolchain.
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "Layerwise", targets: ["Layerwise"]),
    ],
    targets: [
        .target(
            name: "_LayerwiseKernels",
            path: "Sources/_LayerwiseKernels"
        ),
        .target(
            name: "Layerwise",
            dependencies: ["_LayerwiseKernels"],
            path: "Sources/Layerwise"
        ),
        .executableTarget(
            name: "throughput",
            dependencies: ["Layerwise", "_AllocationCounter"],
            path: "Benchmarks/Throughput"
        ),
        // Every layer, loss, optimizer and whole training step timed from a module of its own
        // (as a user's program is); Benchmarks/Components/compare_pytorch.py sets it beside PyTorch.
        .executableTarget(
            name: "components",
            dependencies: ["Layerwise"],
            path: "Benchmarks/Components",
            exclude: ["compare_pytorch.py"]
        ),
        // Counts heap allocations by interposing malloc and friends (glibc only): linked into
        // the benchmark executable only, never into the library.
        .target(
            name: "_AllocationCounter",
            path: "Benchmarks/_AllocationCounter"
        ),
        .target(
            name: "_BenchmarkPlotting",
            path: "Benchmarks/Plotting"
        ),
        .target(
            name: "_OptimizerBenchmarkCore",
            dependencies: ["Layerwise", "_BenchmarkPlotting"],
            path: "Benchmarks/OptimizerBenchmark/Core"
        ),
        .executableTarget(
            name: "optimizer-benchmark",
            dependencies: ["_OptimizerBenchmarkCore"],
            path: "Benchmarks/OptimizerBenchmark",
            exclude: ["Core"],
            resources: [.copy("Data")]
        ),
        .testTarget(
            name: "OptimizerBenchmarkTests",
            dependencies: ["_OptimizerBenchmarkCore", "_BenchmarkPlotting", "Layerwise"],
            path: "Tests/OptimizerBenchmarkTests"
        ),
        .executableTarget(
            name: "diagnostics",
            dependencies: ["Layerwise", "_BenchmarkPlotting"],
            path: "Benchmarks/Diagnostics"
        ),
        // Trips each kind of the library's programmer-error checks and reads the message it
        // prints; .ci/run runs it from the release build, where `precondition` drops messages.
        .executableTarget(
            name: "precondition-messages",
            dependencies: ["Layerwise"],
            path: "Tests/PreconditionMessages"
        ),
        .testTarget(
            name: "LayerwiseTests",
            dependencies: ["Layerwise", "_LayerwiseKernels"],
            path: "Tests/LayerwiseTests",
            resources: [.copy("Fixtures")]
        ),
    ]
)
