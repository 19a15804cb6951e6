import Layerwise
import Testing

@Suite struct SequentialTests {
    @Test func namesFollowPyTorchStateDict() {
        var generator = RandomGenerator(seed: 1)
        let model = Sequential<Double> {
            Linear(inputSize: 3, outputSize: 4, generator: &generator)
            ReLU()
            Linear(inputSize: 4, outputSize: 2, bias: false, generator: &generator)
            Residual {
                Linear(inputSize: 2, outputSize: 2, generator: &generator)
            }
        }
        #expect(model.parameterNames == ["0.weight", "0.bias", "2.weight", "3.body.0.weight", "3.body.0.bias"])
        #expect(model.namedParameters.map(\.name) == model.parameterNames)
        #expect(model.parameterCount == 12 + 4 + 8 + 4 + 2)
    }
}
