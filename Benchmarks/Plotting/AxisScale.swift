/// A map from data values to pixel positions along one axis, linear or logarithmic, with its
/// ticks.
///
/// A linear scale maps v to a + (v − lo)/(hi − lo)·(b − a); a logarithmic one does the same
/// with log₁₀ v, log₁₀ lo, log₁₀ hi. `range` may run backwards (b < a), as a y axis does
/// (data up, pixels down).
public struct AxisScale: Sendable {
    /// The kind of mapping.
    public enum Kind: Sendable, Equatable {
        /// Equal differences get equal distances.
        case linear
        /// Equal ratios get equal distances (positive values only).
        case logarithmic
    }

    /// The mapping.
    public let kind: Kind
    /// The data values at the two ends, lo < hi.
    public let domain: (lower: Double, upper: Double)
    /// The pixel positions of `domain.lower` and `domain.upper`.
    public let range: (start: Double, end: Double)

    /// Creates a scale.
    ///
    /// - Parameters:
    ///   - kind: Linear or logarithmic.
    ///   - domain: The data values at the ends; lower < upper, and lower > 0 when logarithmic.
    ///   - range: Their pixel positions.
    public init(_ kind: Kind, domain: (lower: Double, upper: Double), range: (start: Double, end: Double)) {
        precondition(domain.lower < domain.upper, "AxisScale: empty domain \(domain)")
        precondition(kind == .linear || domain.lower > 0, "AxisScale: a logarithmic domain must be positive, got \(domain)")
        self.kind = kind
        self.domain = domain
        self.range = range
    }

    /// The pixel position of `value`; non-finite for a non-positive value on a logarithmic
    /// scale.
    ///
    /// - Parameter value: A data value.
    /// - Returns: range.start + t·(range.end − range.start), t the value's fraction of the domain.
    public func position(_ value: Double) -> Double {
        let t: Double
        switch kind {
        case .linear:
            t = (value - domain.lower) / (domain.upper - domain.lower)
        case .logarithmic:
            guard value > 0 else { return .nan }
            t = (logarithm10(value) - logarithm10(domain.lower)) / (logarithm10(domain.upper) - logarithm10(domain.lower))
        }
        return range.start + t * (range.end - range.start)
    }

    /// The ticks inside the domain: multiples of 1, 2 or 5 × 10ᵏ (about five of them) on a
    /// linear scale; powers of ten on a logarithmic one (every other power beyond eight
    /// decades, and 2·10ᵏ and 5·10ᵏ too when the domain spans less than two decades).
    public var ticks: [AxisTick] {
        switch kind {
        case .linear:
            let step = Self.niceStep(for: domain.upper - domain.lower)
            var ticks: [AxisTick] = []
            var k = (domain.lower / step - 1e-9).rounded(.up)
            while k * step <= domain.upper + 1e-9 * step {
                let value = k * step
                ticks.append(AxisTick(value: value, label: NumberFormatting.tick(value, step: step)))
                k += 1
            }
            return ticks
        case .logarithmic:
            let low = Int((logarithm10(domain.lower) - 1e-9).rounded(.up))
            let high = Int((logarithm10(domain.upper) + 1e-9).rounded(.down))
            let decades = logarithm10(domain.upper) - logarithm10(domain.lower)
            let stride = high - low > 8 ? 2 : 1
            var ticks: [AxisTick] = []
            for exponent in Swift.stride(from: Int((logarithm10(domain.lower)).rounded(.down)), through: high, by: 1) {
                let multiples: [Double] = decades < 2 ? [1, 2, 5] : [1]
                for multiple in multiples {
                    let value = multiple * power10(Double(exponent))
                    guard value >= domain.lower * (1 - 1e-9) && value <= domain.upper * (1 + 1e-9) else { continue }
                    if multiple == 1 && (exponent - low) % stride != 0 { continue }
                    ticks.append(Self.powerTick(value: value, multiple: multiple, exponent: exponent))
                }
            }
            return ticks
        }
    }

    /// The label of m·10ᵏ: plain digits for 10⁻³ ≤ value ≤ 10⁴, otherwise "10" with exponent
    /// k (or "m·10" with k).
    static func powerTick(value: Double, multiple: Double, exponent: Int) -> AxisTick {
        if exponent >= -3 && exponent <= 4 {
            return AxisTick(value: value, label: NumberFormatting.tick(value, step: power10(Double(min(exponent, 0)))))
        }
        let exponentText = exponent < 0 ? "\u{2212}\(-exponent)" : "\(exponent)"
        let prefix = multiple == 1 ? "" : NumberFormatting.coordinate(multiple) + "·"
        return AxisTick(value: value, label: prefix + "10", exponent: exponentText)
    }

    /// The smallest of 1, 2, 5 × 10ᵏ that is at least span / 5.
    ///
    /// - Parameter span: The width of the domain (> 0).
    static func niceStep(for span: Double) -> Double {
        let raw = span / 5
        let magnitude = power10(logarithm10(raw).rounded(.down))
        for factor in [1.0, 2, 5, 10] where factor * magnitude >= raw * (1 - 1e-9) {
            return factor * magnitude
        }
        return 10 * magnitude
    }

    /// A domain that covers `values` with room to spare: for a linear scale, widened to the
    /// nearest multiples of the tick step (and to include 0 if `includeZero`); for a
    /// logarithmic one, widened to powers of ten, keeping the positive finite values and at
    /// most `maximumDecades` decades below the largest.
    ///
    /// - Parameters:
    ///   - values: The data (non-finite values, and non-positive ones on a log scale, are
    ///     ignored).
    ///   - kind: The kind of scale.
    ///   - includeZero: Whether a linear domain must contain 0.
    ///   - maximumDecades: The most decades a logarithmic domain may span.
    /// - Returns: lower < upper; (0, 1) or (1, 10) when there is nothing to cover.
    public static func niceDomain(
        covering values: [Double], kind: Kind, includeZero: Bool = false, maximumDecades: Double = 10
    ) -> (lower: Double, upper: Double) {
        switch kind {
        case .linear:
            var finite = values.filter(\.isFinite)
            if includeZero { finite.append(0) }
            guard var lower = finite.min(), var upper = finite.max() else { return (0, 1) }
            if lower == upper {
                lower -= max(1, abs(lower) * 0.1)
                upper += max(1, abs(upper) * 0.1)
            }
            let step = niceStep(for: upper - lower)
            return ((lower / step + 1e-9).rounded(.down) * step, (upper / step - 1e-9).rounded(.up) * step)
        case .logarithmic:
            let positive = values.filter { $0.isFinite && $0 > 0 }
            guard let largest = positive.max(), let smallest = positive.min() else { return (1, 10) }
            var upper = power10((logarithm10(largest) - 1e-9).rounded(.up))
            var lower = power10((logarithm10(max(smallest, largest / power10(maximumDecades))) + 1e-9).rounded(.down))
            if lower >= upper {
                lower = upper / 10
            }
            if upper <= lower { upper = lower * 10 }
            return (lower, upper)
        }
    }
}
