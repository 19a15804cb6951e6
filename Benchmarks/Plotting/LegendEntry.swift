/// One row of a chart's legend.
public struct LegendEntry: Sendable {
    /// How the row's sample is drawn.
    public enum Style: Sendable {
        /// A short line, solid or dashed.
        case line(dashed: Bool)
        /// A filled square.
        case swatch
        /// A dot.
        case marker
    }

    /// The text.
    public let label: String
    /// The colour.
    public let color: String
    /// The sample's style.
    public let style: Style

    /// Creates an entry.
    ///
    /// - Parameters: The properties of the same names.
    public init(label: String, color: String, style: Style) {
        self.label = label
        self.color = color
        self.style = style
    }
}
