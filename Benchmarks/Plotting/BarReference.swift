/// A horizontal dashed mark across one group of a `BarChart` (a published figure to compare
/// with).
public struct BarReference: Sendable {
    /// The index of the group the mark spans.
    public let group: Int
    /// The value at which it is drawn.
    public let value: Double
    /// The text above the mark.
    public let label: String

    /// Creates a reference mark.
    ///
    /// - Parameters: The properties of the same names.
    public init(group: Int, value: Double, label: String) {
        self.group = group
        self.value = value
        self.label = label
    }
}
