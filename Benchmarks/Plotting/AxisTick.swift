/// A labelled position on an axis.
public struct AxisTick: Sendable, Equatable {
    /// The data value at the tick.
    public let value: Double
    /// The label ("0.5", "100", or "10" for a power of ten written with `exponent`).
    public let label: String
    /// The exponent raised after `label` ("−4" for 10⁻⁴), or nil.
    public let exponent: String?

    /// Creates a tick.
    ///
    /// - Parameters: The properties of the same names.
    public init(value: Double, label: String, exponent: String? = nil) {
        self.value = value
        self.label = label
        self.exponent = exponent
    }
}
