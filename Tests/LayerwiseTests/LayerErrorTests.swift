import Layerwise
import Testing

/// Programmer errors stop with a message that names the layer and the shapes.
@Suite struct LayerErrorTests {
    @Test func linearRejectsWrongFeatureCount() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = RandomGenerator(seed: 0)
            var layer = Linear<Float>(inputSize: 5, outputSize: 4, generator: &generator)
            _ = layer.forward(Tensor(zeros: [6, 3]), mode: .training)
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("Linear(5 → 4)"))
        #expect(message.contains("[batch, 5]"))
        #expect(message.contains("[6, 3]"))
    }

    @Test func mismatchInsideSequentialNamesTheLayer() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = RandomGenerator(seed: 0)
            var model = Sequential<Float> {
                Linear(inputSize: 4, outputSize: 8, generator: &generator)
                ReLU()
                Linear(inputSize: 6, outputSize: 2, generator: &generator)
            }
            _ = model.forward(Tensor(zeros: [3, 4]), mode: .training)
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("Linear(6 → 2)"))
        #expect(message.contains("[3, 8]"))
    }

    @Test func backwardBeforeForwardStops() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var layer = ReLU<Double>()
            _ = layer.backward(Tensor(zeros: [2, 2]))
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("ReLU.backward called before forward"))
    }

    @Test func gradientOfTheWrongShapeStops() async throws {
        let result = await #expect(processExitsWith: .failure, observing: [\.standardErrorContent]) {
            var generator = RandomGenerator(seed: 0)
            var layer = Linear<Double>(inputSize: 3, outputSize: 2, generator: &generator)
            _ = layer.forward(Tensor(zeros: [4, 3]), mode: .training)
            _ = layer.backward(Tensor(zeros: [4, 3]))
        }
        let message = String(decoding: try #require(result).standardErrorContent, as: UTF8.self)
        #expect(message.contains("gradOutput shape [4, 3]"))
        #expect(message.contains("[4, 2]"))
    }
}
