/// Panels of curves stacked over one shared x axis, with vertical markers across all of them
/// and one legend: the learning-rate range test (loss against the learning rate above, the
/// accuracy reached at each rate below, the suggested rates marked).
///
/// ```swift
/// let chart = LinePanelsChart(
///     title: "Learning-rate range test", xLabel: "learning rate", xScale: .logarithmic,
///     panels: [LinePanel(yLabel: "smoothed loss", series: [curve])],
///     markers: [VerticalMarker(x: 0.03, label: "suggested", color: Palette.color(0))])
/// try chart.svg.write(…)
/// ```
public struct LinePanelsChart: Sendable {
    /// The title above the top panel.
    public var title: String
    /// The x axis title, under the bottom panel.
    public var xLabel: String
    /// The x axis kind.
    public var xScale: AxisScale.Kind
    /// The panels, top to bottom.
    public var panels: [LinePanel]
    /// The vertical lines drawn across every panel.
    public var markers: [VerticalMarker]
    /// The x domain, or nil to cover every x value of the series.
    public var xDomain: (lower: Double, upper: Double)?
    /// The image width in pixels.
    public var width: Double
    /// The height of one panel in pixels.
    public var panelHeight: Double

    /// Creates a chart.
    ///
    /// - Parameters: The properties of the same names; 900 px wide, panels 300 px high by
    ///   default.
    /// - Precondition: at least one panel.
    public init(
        title: String, xLabel: String, xScale: AxisScale.Kind = .linear, panels: [LinePanel],
        markers: [VerticalMarker] = [], xDomain: (lower: Double, upper: Double)? = nil, width: Double = 900,
        panelHeight: Double = 300
    ) {
        precondition(!panels.isEmpty, "LinePanelsChart: no panels")
        self.title = title
        self.xLabel = xLabel
        self.xScale = xScale
        self.panels = panels
        self.markers = markers
        self.xDomain = xDomain
        self.width = width
        self.panelHeight = panelHeight
    }

    /// The gap between panels.
    static let panelGap = 30.0

    /// The legend: one row per distinct series label, then one per marker.
    var legendEntries: [LegendEntry] {
        var seen = Set<String>()
        var entries: [LegendEntry] = []
        for series in panels.flatMap(\.series) where seen.insert(series.label).inserted {
            entries.append(LegendEntry(label: series.label, color: series.color, style: .line(dashed: series.dashed)))
        }
        for marker in markers {
            entries.append(LegendEntry(label: marker.label, color: marker.color, style: .line(dashed: true)))
        }
        return entries
    }

    /// The image height in pixels.
    public var height: Double {
        40 + Double(panels.count) * panelHeight + Double(panels.count - 1) * Self.panelGap + 58
    }

    /// The x domain used: `xDomain`, or one covering every series.
    var resolvedXDomain: (lower: Double, upper: Double) {
        if let xDomain { return xDomain }
        let values = panels.flatMap { $0.series.flatMap(\.x) + $0.faintSeries.flatMap(\.x) } + markers.map(\.x)
        return AxisScale.niceDomain(covering: values, kind: xScale)
    }

    /// The chart as a standalone SVG file.
    public var svg: String {
        var document = SVGDocument(width: width, height: height)
        let entries = legendEntries
        let frame = PlotArea.standard(width: width, height: height, legendLabels: entries.map(\.label))
        let xDomain = resolvedXDomain
        for (index, panel) in panels.enumerated() {
            let top = frame.y + Double(index) * (panelHeight + Self.panelGap)
            let area = PlotArea(x: frame.x, y: top, width: frame.width, height: panelHeight)
            let x = area.xScale(xScale, domain: xDomain)
            let values = panel.series.flatMap(\.y) + panel.faintSeries.flatMap(\.y)
            let y = area.yScale(panel.yScale, domain: panel.yDomain ?? AxisScale.niceDomain(covering: values, kind: panel.yScale))
            let isBottom = index == panels.count - 1
            area.drawAxes(
                into: &document, title: index == 0 ? title : "", xScale: x, yScale: y,
                xLabel: isBottom ? xLabel : "", yLabel: panel.yLabel)
            let clip = document.addClipRectangle(x: area.x, y: area.y, width: area.width, height: area.height)
            for series in panel.faintSeries {
                let points = zip(series.x, series.y).map { (x.position($0), y.position($1)) }
                document.polyline(points, stroke: series.color, width: 1, opacity: 0.35, clipID: clip)
            }
            for marker in markers {
                let position = x.position(marker.x)
                document.line(
                    from: (position, area.y), to: (position, area.bottom), stroke: marker.color, width: 1.5,
                    dash: marker.dashed ? "6 4" : "2 3")
            }
            for series in panel.series {
                let points = zip(series.x, series.y).map { (x.position($0), y.position($1)) }
                document.polyline(points, stroke: series.color, width: 2, dash: series.dashed ? "6 3" : nil, clipID: clip)
                if panel.showsPoints {
                    for point in points where point.1 >= area.y - 0.5 && point.1 <= area.bottom + 0.5 {
                        document.circle(center: point, radius: 3, fill: series.color, stroke: "white")
                    }
                }
            }
        }
        frame.drawLegend(into: &document, entries: entries)
        return document.rendered
    }
}
