/// Derivative estimates from values of a function at a few distinct points.
///
/// The estimate is the derivative at 0 of the polynomial that interpolates the points
/// (tₖ, fₖ). With the Lagrange basis polynomials ℓₖ:
///
///     p′(0) = Σₖ fₖ·ℓₖ′(0),   ℓₖ′(0) = Σ_{j≠k} Π_{i≠k,j} (0 − tᵢ) / Π_{i≠k} (tₖ − tᵢ)
///
/// For the nodes (−2h, −h, h, 2h) the weights are (1, −8, 8, −1)/(12h), the classic 4-point
/// central stencil. Gradient checks pass the nodes that were actually evaluated (x ± k·h
/// rounded to the scalar type, minus x), so the rounding of the perturbed inputs does not
/// bias the estimate.
enum FiniteDifference {
    /// p′(0) for the interpolating polynomial through `(nodes[k], values[k])`.
    ///
    /// - Precondition: the nodes are distinct (callers check with `areDistinct(_:)`).
    static func derivative(nodes: [Double], values: [Double]) -> Double {
        var result = 0.0
        for k in nodes.indices {
            var denominator = 1.0
            for i in nodes.indices where i != k {
                denominator *= nodes[k] - nodes[i]
            }
            var numerator = 0.0
            for j in nodes.indices where j != k {
                var product = 1.0
                for i in nodes.indices where i != k && i != j {
                    product *= -nodes[i]
                }
                numerator += product
            }
            result += values[k] * numerator / denominator
        }
        return result
    }

    /// Whether no two nodes are equal (so the interpolating polynomial exists).
    static func areDistinct(_ nodes: [Double]) -> Bool {
        for i in nodes.indices {
            for j in nodes.indices where j > i && nodes[i] == nodes[j] {
                return false
            }
        }
        return true
    }
}
