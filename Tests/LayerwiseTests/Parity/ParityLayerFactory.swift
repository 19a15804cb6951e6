import Foundation
import Layerwise

/// Builds the layer a fixture's `layer` object describes (PyTorch names and options), or nil
/// for an unknown type. Families of layers are built in their own files.
func makeParityLayer<Scalar: TensorScalar>(_ spec: [String: Any]) -> (any Layer<Scalar>)? {
    var generator = RandomGenerator(seed: 0)  // values are overwritten by the fixture's params
    switch spec["type"] as? String {
    case "Linear":
        return Linear<Scalar>(
            inputSize: (spec["in"] as! NSNumber).intValue, outputSize: (spec["out"] as! NSNumber).intValue,
            bias: spec["bias"] as? Bool ?? true, generator: &generator)
    default:
        return makeParityActivation(spec) ?? makeParityNormalizationLayer(spec, generator: &generator)
    }
}
