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
            dependencies: ["Layerwise"],
            path: "Benchmarks/Throughput"
        ),
        .testTarget(
            name: "LayerwiseTests",
            dependencies: ["Layerwise"],
            path: "Tests/LayerwiseTests",
            resources: [.copy("Fixtures")]
        ),
    ]
)
