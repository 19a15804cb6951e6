/// A vertical line across every panel of a `LinePanelsChart` at one x value (a suggested
/// learning rate), labelled in the legend.
public struct VerticalMarker: Sendable {
    /// The x value in data units.
    public var x: Double
    /// The legend's text.
    public var label: String
    /// The line's colour.
    public var color: String
    /// Whether the line is dashed (otherwise dotted).
    public var dashed: Bool

    /// Creates a marker.
    ///
    /// - Parameters: The properties of the same names.
    public init(x: Double, label: String, color: String, dashed: Bool = true) {
        self.x = x
        self.label = label
        self.color = color
        self.dashed = dashed
    }
}
