/// One curve of a `LineChart`: a line through (x, y) and an optional band between `lower` and
/// `upper` drawn under it (a min–max range over seeds).
public struct LineSeries: Sendable {
    /// The legend's text.
    public var label: String
    /// The colour of the line and (lighter) of the band.
    public var color: String
    /// The x values.
    public var x: [Double]
    /// The y values, one per x (non-finite values break the line).
    public var y: [Double]
    /// The lower edge of the band, one per x, or nil for no band.
    public var lower: [Double]?
    /// The upper edge of the band, one per x, or nil for no band.
    public var upper: [Double]?
    /// Whether the line is dashed.
    public var dashed: Bool

    /// Creates a series.
    ///
    /// - Parameters: The properties of the same names.
    /// - Precondition: `y`, and `lower` and `upper` if given, have as many values as `x`.
    public init(
        label: String, color: String, x: [Double], y: [Double], lower: [Double]? = nil, upper: [Double]? = nil,
        dashed: Bool = false
    ) {
        precondition(y.count == x.count, "LineSeries \(label): \(x.count) x values, \(y.count) y values")
        precondition(lower.map { $0.count == x.count } ?? true, "LineSeries \(label): band lower edge length")
        precondition(upper.map { $0.count == x.count } ?? true, "LineSeries \(label): band upper edge length")
        self.label = label
        self.color = color
        self.x = x
        self.y = y
        self.lower = lower
        self.upper = upper
        self.dashed = dashed
    }
}
