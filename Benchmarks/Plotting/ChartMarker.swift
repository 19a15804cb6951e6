/// A labelled point drawn on a chart (a starting point, a minimum).
public struct ChartMarker: Sendable {
    /// The marker's shape.
    public enum Symbol: Sendable {
        /// A dot.
        case circle
        /// A five-pointed star.
        case star
    }

    /// The x coordinate in data units.
    public let x: Double
    /// The y coordinate in data units.
    public let y: Double
    /// The text next to the marker.
    public let label: String
    /// The shape.
    public let symbol: Symbol

    /// Creates a marker.
    ///
    /// - Parameters: The properties of the same names.
    public init(x: Double, y: Double, label: String, symbol: Symbol) {
        self.x = x
        self.y = y
        self.label = label
        self.symbol = symbol
    }
}
