import Foundation
import Layerwise

/// Builds the activation layer a fixture describes (ReLU, LeakyReLU, PReLU, ELU, SELU, GELU,
/// SiLU, Softplus, Sigmoid, Tanh, Hardtanh, Mish, Softsign, Softmax, LogSoftmax), or nil.
///
/// Options use PyTorch's names (`negative_slope`, `num_parameters`, `alpha`, `approximate`,
/// `beta`, `threshold`, `min`, `max`); an absent option takes PyTorch's default, which must be
/// the layer's own default.
func makeParityActivation<Scalar: TensorScalar>(_ spec: [String: Any]) -> (any Layer<Scalar>)? {
    /// The option `key` as a `Scalar`, or nil when the fixture leaves it out.
    func option(_ key: String) -> Scalar? {
        decodeNumber(spec[key]).map { Scalar($0) }
    }
    switch spec["type"] as? String {
    case "ReLU": return ReLU<Scalar>()
    case "LeakyReLU": return option("negative_slope").map { LeakyReLU(negativeSlope: $0) } ?? LeakyReLU()
    case "PReLU":
        return PReLU<Scalar>(parameterCount: (spec["num_parameters"] as? NSNumber)?.intValue ?? 1)
    case "ELU": return option("alpha").map { ELU(alpha: $0) } ?? ELU()
    case "SELU": return SELU<Scalar>()
    case "GELU":
        let approximate = spec["approximate"] as? String ?? "none"
        guard let approximation = GELUApproximation(rawValue: approximate) else { return nil }
        return GELU<Scalar>(approximation: approximation)
    case "SiLU": return SiLU<Scalar>()
    case "Softplus":
        return Softplus<Scalar>(beta: option("beta") ?? 1, threshold: option("threshold") ?? 20)
    case "Sigmoid": return Sigmoid<Scalar>()
    case "Tanh": return Tanh<Scalar>()
    case "Hardtanh": return Hardtanh<Scalar>(minimum: option("min") ?? -1, maximum: option("max") ?? 1)
    case "Mish": return Mish<Scalar>()
    case "Softsign": return Softsign<Scalar>()
    case "Softmax": return Softmax<Scalar>()
    case "LogSoftmax": return LogSoftmax<Scalar>()
    default: return nil
    }
}
