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
        .testTarget(
            name: "LayerwiseTests",
            dependencies: ["Layerwise"],
            path: "Tests/LayerwiseTests",
            resources: [.copy("Fixtures")]
        ),
    ]
)
