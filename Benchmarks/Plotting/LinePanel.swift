/// One panel of a `LinePanelsChart`: curves with their own y axis.
public struct LinePanel: Sendable {
    /// The y axis title.
    public var yLabel: String
    /// The y axis kind.
    public var yScale: AxisScale.Kind
    /// The curves, drawn in order (later on top). A series with the same label as one of an
    /// earlier panel shares its legend row.
    public var series: [LineSeries]
    /// The y domain, or nil to cover every finite value of the series.
    public var yDomain: (lower: Double, upper: Double)?
    /// Whether to draw a dot at every point of the curves (for sparse data).
    public var showsPoints: Bool
    /// Extra series drawn thin and faint under the curves, not in the legend (raw data under
    /// a smoothed curve).
    public var faintSeries: [LineSeries]

    /// Creates a panel.
    ///
    /// - Parameters: The properties of the same names.
    public init(
        yLabel: String, yScale: AxisScale.Kind = .linear, series: [LineSeries],
        yDomain: (lower: Double, upper: Double)? = nil, showsPoints: Bool = false, faintSeries: [LineSeries] = []
    ) {
        self.yLabel = yLabel
        self.yScale = yScale
        self.series = series
        self.yDomain = yDomain
        self.showsPoints = showsPoints
        self.faintSeries = faintSeries
    }
}
