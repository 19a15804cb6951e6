/// The numeric half of every gradient check: finite differences of f, element by element,
/// compared with the analytic gradients.
///
/// For an element x of a checked tensor, f is evaluated at the points x + tₖ, where tₖ are the
/// offsets (−2h, −h, h, 2h) as realized in the scalar type (x ± k·h rounded, minus x), and the
/// numeric derivative n is the derivative at 0 of the cubic through (tₖ, f(x + tₖ) − f(x)):
/// for exact offsets the 4-point stencil [f(x−2h) − 8f(x−h) + 8f(x+h) − f(x+2h)] / (12h).
///
/// An element whose relative error exceeds the tolerance is probed for smoothness: f is also
/// evaluated at x ± h/2 and seven estimates of f′(x) are compared, all exact for quadratics:
/// the stencil above; the same stencil at h/2 (nodes ±h/2, ±h); the one-sided cubic estimates
/// from (0, h/2, h, 2h) and (0, −h/2, −h, −2h); the one-sided quadratic estimates from
/// (0, h/2, h) and (0, −h/2, −h); and the central difference at h/2. A kink within 2h of x
/// perturbs them differently and leaves the short one-sided estimates on its other side
/// untouched, so their spread is about |a − n| or more; for a smooth f the spread is of the
/// order of h²·f‴ and rounding. The element is skipped when the spread is at least half the
/// discrepancy |a − n|: the discrepancy is then explained by f, not by backward. The probe
/// looks only at values of f, so a wrong backward never makes an element look non-smooth.
struct GradientComparison<Scalar: TensorScalar> {
    /// The check's settings.
    let configuration: GradientCheck.Configuration
    /// The tensors to compare, in report order.
    let tensors: [CheckedTensor<Scalar>]
    /// f at the unperturbed point, from the analytic pass.
    let baseValue: Double
    /// The magnitude of the terms that make up f at the unperturbed point (Σ|yᵢ·gᵢ| for a
    /// layer, |L| for a loss): rounding to `Scalar` perturbs each evaluation of f by about
    /// unit roundoff × magnitude.
    let magnitude: Double
    /// f with one element perturbed (`nil`: unperturbed), from a fresh copy of the layer.
    let objective: (Perturbation<Scalar>?) -> Double

    /// The resolution of the stencil: ‖w‖₁·4u·magnitude, the change in n that rounding every
    /// evaluation of f by 4u·magnitude can cause (‖w‖₁ = 18/(12h) for the 4-point weights; the
    /// factor 4 covers the roundings inside forward, measured in Float).
    var resolution: Double {
        1.5 / configuration.step * 4 * (Double(Scalar.ulpOfOne) / 2) * magnitude
    }

    /// The floor of the relative error: the configured floor, raised to resolution/tolerance
    /// so that a discrepancy within the resolution never fails.
    var floor: Double {
        max(configuration.floor, resolution / configuration.tolerance)
    }

    /// The outcome of comparing one element.
    private enum ElementOutcome {
        case checked(analytic: Double, numeric: Double, relativeError: Double)
        case skipped
        case unresolvable(Double)
    }

    /// Compares every tensor (or a seeded sample of each), and reports problems: f not finite
    /// or not reproducible (then nothing is compared), a step below the resolution of
    /// `Scalar`.
    func run(sampling generator: inout RandomGenerator) -> (
        results: [GradientCheckReport.TensorResult], problems: [String]
    ) {
        var problems: [String] = []
        guard baseValue.isFinite else {
            problems.append("f is not finite at the checked point (f = \(baseValue))")
            return (tensors.map { emptyResult(for: $0) }, problems)
        }
        let replayed = objective(nil)
        if replayed != baseValue {
            problems.append(
                "f is not reproducible: evaluations on two copies gave \(baseValue) and \(replayed) at the same "
                    + "point; a layer or loss must be a value whose output depends only on its stored properties "
                    + "(keep random generators in the struct, not in a class or a global)")
            return (tensors.map { emptyResult(for: $0) }, problems)
        }

        var results: [GradientCheckReport.TensorResult] = []
        var unresolvable: [String] = []
        for (tensorIndex, tensor) in tensors.enumerated() {
            var result = emptyResult(for: tensor)
            for element in sampledElements(count: tensor.value.count, using: &generator) {
                switch compare(tensor: tensorIndex, element: element) {
                case let .checked(analytic, numeric, relativeError):
                    if relativeError > result.worstRelativeError || result.worstIndex == nil {
                        result.worstRelativeError = relativeError
                        result.worstIndex = multiIndex(element, shape: tensor.value.shape)
                        result.analyticAtWorst = analytic
                        result.numericAtWorst = numeric
                    }
                    let absoluteError = (analytic - numeric).magnitude
                    result.maxAbsoluteError = max(result.maxAbsoluteError, absoluteError.isNaN ? .infinity : absoluteError)
                    result.checked += 1
                case .skipped:
                    result.skipped += 1
                case let .unresolvable(value):
                    unresolvable.append(
                        "\(tensor.name)\(multiIndex(element, shape: tensor.value.shape)) = \(value)")
                }
            }
            results.append(result)
        }
        if !unresolvable.isEmpty {
            problems.append(
                "step \(configuration.step) is below the resolution of \(Scalar.self) at "
                    + unresolvable.prefix(5).joined(separator: ", ")
                    + (unresolvable.count > 5 ? " and \(unresolvable.count - 5) more" : "")
                    + ": x ± h are not distinct")
        }
        return (results, problems)
    }

    /// The analytic and numeric derivative of f with respect to one element.
    private func compare(tensor: Int, element: Int) -> ElementOutcome {
        let x = Double(tensors[tensor].value.scalars[element])
        let h = configuration.step

        /// f − f(x) at x + offset, and the offset as realized in `Scalar`.
        func evaluate(_ offset: Double) -> (node: Double, value: Double) {
            let perturbed = Scalar(x + offset)
            let value = objective(Perturbation(tensor: tensor, element: element, value: perturbed))
            return (Double(perturbed) - x, value - baseValue)
        }
        func estimate(_ points: [(node: Double, value: Double)]) -> Double? {
            let nodes = points.map(\.node)
            guard FiniteDifference.areDistinct(nodes) else { return nil }
            return FiniteDifference.derivative(nodes: nodes, values: points.map(\.value))
        }

        let minus2 = evaluate(-2 * h)
        let minus1 = evaluate(-h)
        let plus1 = evaluate(h)
        let plus2 = evaluate(2 * h)
        guard minus1.node != 0, plus1.node != 0, let numeric = estimate([minus2, minus1, plus1, plus2])
        else {
            return .unresolvable(x)
        }
        let analytic = Double(tensors[tensor].analyticGradient.scalars[element])
        let error = relativeError(analytic, numeric)
        guard error > configuration.tolerance, configuration.skipsNonSmoothElements else {
            return .checked(analytic: analytic, numeric: numeric, relativeError: error)
        }

        // Smoothness probe: do estimates from other nodes agree with n?
        let minusHalf = evaluate(-h / 2)
        let plusHalf = evaluate(h / 2)
        let center = (node: 0.0, value: 0.0)
        let probes = [
            estimate([minus1, minusHalf, plusHalf, plus1]),
            estimate([center, plusHalf, plus1, plus2]),
            estimate([center, minusHalf, minus1, minus2]),
            estimate([center, plusHalf, plus1]),
            estimate([center, minusHalf, minus1]),
            estimate([minusHalf, plusHalf]),
        ]
        let estimates = [numeric] + probes.compactMap { $0 }
        let spread = estimates.max()! - estimates.min()!
        if estimates.count == probes.count + 1, spread.isFinite,
            spread >= (analytic - numeric).magnitude / 2
        {
            return .skipped
        }
        return .checked(analytic: analytic, numeric: numeric, relativeError: error)
    }

    /// |a − n| / max(|a|, |n|, floor); infinity when either is not finite.
    private func relativeError(_ analytic: Double, _ numeric: Double) -> Double {
        guard analytic.isFinite, numeric.isFinite else { return .infinity }
        let scale = max(analytic.magnitude, numeric.magnitude, floor)
        return (analytic - numeric).magnitude / scale
    }

    /// All element positions, or a sorted seeded sample of `maximumElementsPerTensor` of them.
    private func sampledElements(count: Int, using generator: inout RandomGenerator) -> [Int] {
        guard let limit = configuration.maximumElementsPerTensor, limit < count else {
            return Array(0..<count)
        }
        var positions = Array(0..<count)
        for index in 0..<limit {
            let remaining = UInt64(count - index)
            let pick = index + Int(generator.next() % remaining)
            positions.swapAt(index, pick)
        }
        return positions[0..<limit].sorted()
    }

    /// A result with nothing checked yet.
    private func emptyResult(for tensor: CheckedTensor<Scalar>) -> GradientCheckReport.TensorResult {
        GradientCheckReport.TensorResult(
            name: tensor.name, shape: tensor.value.shape, checked: 0, skipped: 0,
            worstRelativeError: 0, worstIndex: nil, analyticAtWorst: 0, numericAtWorst: 0,
            maxAbsoluteError: 0, accumulationError: tensor.accumulationError,
            tolerance: configuration.tolerance, floor: floor)
    }

    /// The multi-dimensional index of row-major position `position` in `shape`.
    private func multiIndex(_ position: Int, shape: [Int]) -> [Int] {
        var index = Array(repeating: 0, count: shape.count)
        var rest = position
        for dimension in shape.indices.reversed() where shape[dimension] > 0 {
            index[dimension] = rest % shape[dimension]
            rest /= shape[dimension]
        }
        return index
    }
}
