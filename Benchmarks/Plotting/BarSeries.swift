/// One series of a `BarChart`: a bar in every group, with an optional error whisker.
public struct BarSeries: Sendable {
    /// The legend's text.
    public var label: String
    /// The bar colour.
    public var color: String
    /// The bar height in every group; nil leaves the group's slot empty.
    public var values: [Double?]
    /// The half-length of the whisker drawn at the top of each bar (a standard deviation), or
    /// nil for none.
    public var errors: [Double?]

    /// Creates a series.
    ///
    /// - Parameters: The properties of the same names; `errors` defaults to none.
    public init(label: String, color: String, values: [Double?], errors: [Double?]? = nil) {
        self.label = label
        self.color = color
        self.values = values
        self.errors = errors ?? Array(repeating: nil, count: values.count)
        precondition(self.errors.count == values.count, "BarSeries \(label): \(values.count) values, \(self.errors.count) errors")
    }
}
