// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "Layerwise",
    products: [
        .library(name: "Layerwise", targets: ["Layerwise"]),
    ],
    targets: [
        .target(
            name: "Layerwise",
            path: "Sources/Layerwise"
        ),
        .executableTarget(
            name: "throughput",
            dependencies: ["Layerwise"],
            path: "Benchmarks/Throughput"
        ),
        .executableTarget(
            name: "diagnostics",
            dependencies: ["Layerwise"],
            path: "Benchmarks/Diagnostics"
        ),
        .testTarget(
            name: "LayerwiseTests",
            dependencies: ["Layerwise"],
            path: "Tests/LayerwiseTests",
            resources: [.copy("Fixtures")]
        ),
    ]
)
