import Layerwise

/// The sanity checks of the recipe on the digits MLP, before any training, and the same checks
/// on a deliberately broken copy (a Softmax after the last layer).
enum RecipeExperiment {
    /// The checks' reports.
    static func report(data: Dataset<Float, [Int]>, seed: UInt64) -> String {
        var generator = RandomGenerator(seed: seed)
        let model = Sequential<Float> {
            Linear<Float>(inputSize: 64, outputSize: 128, generator: &generator)
            ReLU<Float>()
            Dropout<Float>(probability: 0.2, generator: &generator)
            Linear<Float>(inputSize: 128, outputSize: 10, generator: &generator)
        }
        var broken = model
        broken.append(Softmax<Float>())
        let batch = data.shuffledBatches(size: 200, using: &generator)[0]
        let small = data.shuffledBatches(size: 32, using: &generator)[0]
        let loss = SoftmaxCrossEntropy<Float>()

        var sections: [String] = []
        for (name, network) in [("The MLP", model), ("The MLP with a Softmax at the end (broken)", broken)] {
            let initial = InitialLossCheck(model: network, input: batch.features, labels: batch.targets)
            let output = OutputLayerCheck(model: network, loss: loss)
            let overfit = network.overfitOneBatch(
                input: small.features, labels: small.targets, loss: loss, optimizer: Adam<Float>(learningRate: 1e-3),
                maximumStepCount: 1000)
            sections.append("\(name): \(network)\n\n1. \(initial)\n\n2. \(overfit)\n\n3. \(output)")
        }
        let statistics = NetworkStatistics(of: model, input: batch.features, target: .classes(batch.targets), loss: loss)
        sections.append("4. \(statistics)")
        return sections.joined(separator: "\n\n")
    }
}
