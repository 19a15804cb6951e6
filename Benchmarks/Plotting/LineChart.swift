/// Curves over a common x axis, with optional min–max bands, a linear or logarithmic y axis and
/// a legend at the right: the loss curves of the optimizer benchmark.
///
/// ```swift
/// let chart = LineChart(
///     title: "Two spirals", xLabel: "epoch", yLabel: "training loss", yScale: .logarithmic,
///     series: [LineSeries(label: "Adam", color: Palette.color(0), x: [1, 2, 3], y: [0.7, 0.3, 0.1])])
/// try chart.svg.write(…)
/// ```
public struct LineChart: Sendable {
    /// The title above the plot.
    public var title: String
    /// The x axis title.
    public var xLabel: String
    /// The y axis title.
    public var yLabel: String
    /// The x axis kind.
    public var xScale: AxisScale.Kind
    /// The y axis kind.
    public var yScale: AxisScale.Kind
    /// The curves, drawn in order (later on top).
    public var series: [LineSeries]
    /// The y domain, or nil to cover every finite value of the series and bands.
    public var yDomain: (lower: Double, upper: Double)?
    /// A horizontal dashed line at this y value (a target), or nil.
    public var referenceY: (value: Double, label: String)?
    /// The image width in pixels.
    public var width: Double
    /// The image height in pixels.
    public var height: Double

    /// Creates a chart.
    ///
    /// - Parameters: The properties of the same names; the size defaults to 840 × 440.
    public init(
        title: String, xLabel: String, yLabel: String, xScale: AxisScale.Kind = .linear,
        yScale: AxisScale.Kind = .linear, series: [LineSeries], yDomain: (lower: Double, upper: Double)? = nil,
        referenceY: (value: Double, label: String)? = nil, width: Double = 840, height: Double = 440
    ) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xScale = xScale
        self.yScale = yScale
        self.series = series
        self.yDomain = yDomain
        self.referenceY = referenceY
        self.width = width
        self.height = height
    }

    /// The plot rectangle: room for tick labels at the left and bottom, the legend at the right.
    var area: PlotArea {
        PlotArea.standard(width: width, height: height, legendLabels: series.map(\.label))
    }

    /// The x domain: the range of all x values (widened to nice ticks on a linear axis).
    var xDomain: (lower: Double, upper: Double) {
        let values = series.flatMap(\.x)
        if xScale == .linear, let low = values.filter(\.isFinite).min(), let high = values.filter(\.isFinite).max(), low < high {
            return (low, high)
        }
        return AxisScale.niceDomain(covering: values, kind: xScale)
    }

    /// The y domain used: `yDomain`, or one covering the curves, bands and reference line.
    var resolvedYDomain: (lower: Double, upper: Double) {
        if let yDomain { return yDomain }
        var values = series.flatMap { $0.y + ($0.lower ?? []) + ($0.upper ?? []) }
        if let referenceY { values.append(referenceY.value) }
        return AxisScale.niceDomain(covering: values, kind: yScale)
    }

    /// The chart as a standalone SVG file.
    public var svg: String {
        var document = SVGDocument(width: width, height: height)
        let area = area
        let x = area.xScale(xScale, domain: xDomain)
        let y = area.yScale(yScale, domain: resolvedYDomain)
        area.drawAxes(into: &document, title: title, xScale: x, yScale: y, xLabel: xLabel, yLabel: yLabel)
        let clip = document.addClipRectangle(x: area.x, y: area.y, width: area.width, height: area.height)
        for series in series {
            if let lower = series.lower, let upper = series.upper {
                let top = zip(series.x, upper).map { (x.position($0), y.position($1)) }
                let bottom = zip(series.x, lower).map { (x.position($0), y.position($1)) }.reversed()
                document.polygon(top + bottom, fill: series.color, opacity: 0.16, clipID: clip)
            }
        }
        if let referenceY {
            let position = y.position(referenceY.value)
            document.line(from: (area.x, position), to: (area.right, position), stroke: "#555555", width: 1, dash: "6 4")
            // At the left, where falling curves are still high above a target line.
            document.text(referenceY.label, at: (area.x + 6, position - 5), size: 11, fill: "#555555")
        }
        for series in series {
            let points = zip(series.x, series.y).map { (x.position($0), y.position($1)) }
            document.polyline(points, stroke: series.color, width: 2, dash: series.dashed ? "6 3" : nil, clipID: clip)
        }
        area.drawLegend(
            into: &document,
            entries: series.map { LegendEntry(label: $0.label, color: $0.color, style: .line(dashed: $0.dashed)) })
        return document.rendered
    }
}
