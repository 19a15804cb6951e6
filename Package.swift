// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Layerwise",
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
        // Counts heap allocations by interposing malloc and friends (glibc only): linked into
        // the benchmark executable only, never into the library.
        .target(
            name: "_AllocationCounter",
            path: "Benchmarks/_AllocationCounter"
        ),
        .testTarget(
            name: "LayerwiseTests",
            dependencies: ["Layerwise"],
            path: "Tests/LayerwiseTests",
            resources: [.copy("Fixtures")]
        ),
    ]
)
