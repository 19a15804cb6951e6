import Foundation
import Layerwise

/// Builds the BatchNorm, LayerNorm or Dropout layer a fixture describes, or nil.
///
/// Options are PyTorch's (`features`, `eps`, `momentum`, `affine`, `p`); an absent key means
/// PyTorch's default.
func makeParityNormalizationLayer<Scalar: TensorScalar>(
    _ spec: [String: Any], generator: inout RandomGenerator
) -> (any Layer<Scalar>)? {
    func number(_ key: String, default value: Double) -> Double {
        decodeNumber(spec[key]) ?? value
    }
    switch spec["type"] as? String {
    case "BatchNorm":
        return BatchNorm<Scalar>(
            featureCount: (spec["features"] as! NSNumber).intValue,
            epsilon: Scalar(number("eps", default: 1e-5)),
            momentum: Scalar(number("momentum", default: 0.1)),
            affine: spec["affine"] as? Bool ?? true)
    case "LayerNorm":
        return LayerNorm<Scalar>(
            featureCount: (spec["features"] as! NSNumber).intValue,
            epsilon: Scalar(number("eps", default: 1e-5)),
            affine: spec["affine"] as? Bool ?? true)
    case "Dropout":
        return Dropout<Scalar>(probability: number("p", default: 0.5), generator: &generator)
    default:
        return nil
    }
}
