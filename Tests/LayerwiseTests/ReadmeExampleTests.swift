import Layerwise
import Testing

/// The README's example compiles and trains; and the README shows exactly this code.
@Suite struct ReadmeExampleTests {
    @Test func exampleTrainsAndPredicts() {
        // BEGIN README EXAMPLE
        var generator = RandomGenerator(seed: 42)
        var model = Sequential<Float> {
            Linear(inputSize: 4, outputSize: 16, generator: &generator)
            ReLU()
            Linear(inputSize: 16, outputSize: 3, generator: &generator)
        }
        let loss = SoftmaxCrossEntropy<Float>()
        var optimizer = Adam<Float>(learningRate: 0.01)

        // A toy batch: 8 examples of 4 features, 3 classes.
        let inputs = Tensor<Float>(randomNormal: [8, 4], using: &generator)
        let labels = [0, 1, 2, 0, 1, 2, 0, 1]

        for step in 1...100 {
            model.zeroGradients()
            let logits = model.forward(inputs, mode: .training)
            let (value, gradient) = loss(logits, target: .classes(labels))
            _ = model.backward(gradient)
            optimizer.step(&model)
            if step % 25 == 0 { print("step \(step): loss \(value)") }
        }

        let probabilities = Softmax<Float>().predict(model.predict(inputs))
        print(probabilities)
        // END README EXAMPLE

        // Chance level for 3 balanced classes is ln 3 ≈ 1.10; 100 Adam steps fit the 8 points.
        let trainedLoss = loss(model.predict(inputs), target: .classes(labels)).value
        #expect(trainedLoss < 0.3)
        for row in 0..<8 {
            let rowProbabilities = (0..<3).map { probabilities[row, $0] }
            #expect(abs(rowProbabilities.reduce(0, +) - 1) < 1e-5)
            #expect(rowProbabilities.firstIndex(of: rowProbabilities.max()!) == labels[row])
        }
    }

    @Test func readmeShowsThisExample() throws {
        let shown = try DocumentedCode.block(in: "README.md", after: "<!-- README-EXAMPLE")
        #expect(shown == (try DocumentedCode.tested("README EXAMPLE", in: #filePath)))
        #expect(shown.count > 15)
    }
}
