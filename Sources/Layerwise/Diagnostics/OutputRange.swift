/// The set of values a layer can output, as an interval: what the output-layer check compares
/// targets with and what activation statistics call "saturated".
///
/// The ranges of the element-wise activations (x real, any input):
///
///     ReLU            [0, ∞)             Sigmoid   (0, 1)        Tanh, Softsign   (−1, 1)
///     Softplus        (0, ∞)             Softmax   (0, 1) each, every row sums to 1
///     ELU(α)          (−α, ∞)            SELU      (−λα, ∞) = (−1.7581, ∞)
///     GELU            [−0.17, ∞)         SiLU      [−0.28, ∞)    Mish    [−0.31, ∞)
///     Hardtanh(a, b)  [a, b]             LogSoftmax  (−∞, 0]
///     LeakyReLU(s)    (−∞, ∞) for s > 0, [0, ∞) for s = 0
///
/// (GELU, SiLU and Mish reach their minima −0.1700, −0.2785 and −0.3088 at a single point; the
/// bounds above are rounded outwards.) Any other layer — `Linear`, `BatchNorm`, a `Residual`,
/// `PReLU`, a custom layer — is taken as unbounded: `OutputRange.of(_:)` returns nil.
///
/// An open end (`includesLowerBound == false`) is approached but never reached: a Sigmoid never
/// outputs exactly 0 or 1.
public struct OutputRange: Sendable, Equatable, CustomStringConvertible {
    /// The name of the layer the range belongs to (`"Sigmoid"`).
    public let layer: String
    /// The lower bound, −∞ if unbounded below.
    public let lowerBound: Double
    /// The upper bound, +∞ if unbounded above.
    public let upperBound: Double
    /// Whether the layer can output `lowerBound` itself.
    public let includesLowerBound: Bool
    /// Whether the layer can output `upperBound` itself.
    public let includesUpperBound: Bool
    /// Whether the function flattens out towards both (finite) bounds, so that outputs near a
    /// bound have a vanishing derivative: Sigmoid, Tanh, Softsign, Hardtanh.
    public let saturates: Bool

    /// Creates a range.
    ///
    /// - Parameters:
    ///   - layer: The layer's name.
    ///   - lowerBound: The lower bound (−∞ allowed).
    ///   - upperBound: The upper bound (+∞ allowed).
    ///   - includesLowerBound: Whether the lower bound is attained.
    ///   - includesUpperBound: Whether the upper bound is attained.
    ///   - saturates: Whether the derivative vanishes towards both bounds.
    /// - Precondition: `lowerBound ≤ upperBound`.
    public init(
        layer: String, lowerBound: Double, upperBound: Double,
        includesLowerBound: Bool, includesUpperBound: Bool, saturates: Bool = false
    ) {
        checkPrecondition(lowerBound <= upperBound, "OutputRange: \(lowerBound) > \(upperBound)")
        self.layer = layer
        self.lowerBound = lowerBound
        self.upperBound = upperBound
        self.includesLowerBound = includesLowerBound && lowerBound.isFinite
        self.includesUpperBound = includesUpperBound && upperBound.isFinite
        self.saturates = saturates
    }

    /// Whether the layer can output `value`.
    public func contains(_ value: Double) -> Bool {
        (includesLowerBound ? value >= lowerBound : value > lowerBound)
            && (includesUpperBound ? value <= upperBound : value < upperBound)
    }

    /// Whether both bounds are finite.
    public var isBounded: Bool { lowerBound.isFinite && upperBound.isFinite }

    /// Whether the range is the whole real line.
    public var isUnbounded: Bool { !lowerBound.isFinite && !upperBound.isFinite }

    /// Whether `value` lies within `margin`·(hi − lo) of a bound of a saturating range:
    /// x ≤ lo + m·(hi − lo) or x ≥ hi − m·(hi − lo). For Tanh and m = 1 %: |x| ≥ 0.98; for
    /// Sigmoid: x ≤ 0.01 or x ≥ 0.99. Always false for a range that does not saturate.
    ///
    /// - Parameters:
    ///   - value: An output of the layer.
    ///   - margin: m, a fraction of the range's width.
    public func isSaturated(_ value: Double, margin: Double) -> Bool {
        guard saturates else { return false }
        let band = margin * (upperBound - lowerBound)
        return value <= lowerBound + band || value >= upperBound - band
    }

    /// The interval in mathematical notation: `Sigmoid: (0, 1)`, `ReLU: [0, ∞)`.
    public var description: String {
        let lower = lowerBound.isFinite ? formatBound(lowerBound) : "−∞"
        let upper = upperBound.isFinite ? formatBound(upperBound) : "∞"
        return "\(layer): \(includesLowerBound ? "[" : "(")\(lower), \(upper)\(includesUpperBound ? "]" : ")")"
    }

    /// The output range of `layer`, or nil if the layer is not one of the activations listed
    /// in the type's description (its output is then taken as unbounded).
    ///
    /// - Parameter layer: Any layer.
    public static func of<Scalar: TensorScalar>(_ layer: any Layer<Scalar>) -> OutputRange? {
        let name = layer.description
        func range(_ lower: Double, _ upper: Double, closed: (Bool, Bool), saturates: Bool = false) -> OutputRange {
            OutputRange(
                layer: name, lowerBound: lower, upperBound: upper,
                includesLowerBound: closed.0, includesUpperBound: closed.1, saturates: saturates)
        }
        switch layer {
        case is ReLU<Scalar>: return range(0, .infinity, closed: (true, false))
        case is Sigmoid<Scalar>: return range(0, 1, closed: (false, false), saturates: true)
        case is Tanh<Scalar>, is Softsign<Scalar>: return range(-1, 1, closed: (false, false), saturates: true)
        case is Softplus<Scalar>: return range(0, .infinity, closed: (false, false))
        case is Softmax<Scalar>: return range(0, 1, closed: (false, false))
        case is LogSoftmax<Scalar>: return range(-.infinity, 0, closed: (false, true))
        case is SELU<Scalar>:
            return range(-Double(SELUFunction<Scalar>.scale * SELUFunction<Scalar>.alpha), .infinity, closed: (false, false))
        case is GELU<Scalar>: return range(-0.17, .infinity, closed: (true, false))
        case is SiLU<Scalar>: return range(-0.28, .infinity, closed: (true, false))
        case is Mish<Scalar>: return range(-0.31, .infinity, closed: (true, false))
        case let elu as ELU<Scalar>: return range(-Double(elu.function.alpha), .infinity, closed: (false, false))
        case let hardtanh as Hardtanh<Scalar>:
            return range(
                Double(hardtanh.function.minimum), Double(hardtanh.function.maximum), closed: (true, true),
                saturates: true)
        case let leaky as LeakyReLU<Scalar>:
            return leaky.function.negativeSlope == 0 ? range(0, .infinity, closed: (true, false)) : nil
        default: return nil
        }
    }
}

/// A bound for display: an integer as such ("0", "1"), otherwise with four decimals.
private func formatBound(_ value: Double) -> String {
    value == value.rounded() && value.magnitude < 1e6 ? String(Int(value)) : formatFixed(value, decimals: 4)
}
