/// Grouped bars with error whiskers: one group per category (a problem), one bar per series
/// (an optimizer) in each, a legend at the right, optional reference marks.
///
/// Values are drawn from `yDomain.lower` (0 by default) up; with `percent`, tick labels read
/// "80 %" for 0.8.
public struct BarChart: Sendable {
    /// The title above the plot.
    public var title: String
    /// The y axis title.
    public var yLabel: String
    /// The group names under the x axis.
    public var groups: [String]
    /// The series, one bar per group each.
    public var series: [BarSeries]
    /// The y domain, or nil for 0 up to a nice bound above the highest bar and whisker.
    public var yDomain: (lower: Double, upper: Double)?
    /// Whether tick labels are percentages of 1.
    public var percent: Bool
    /// Dashed marks across groups.
    public var references: [BarReference]
    /// The image width in pixels.
    public var width: Double
    /// The image height in pixels.
    public var height: Double

    /// Creates a chart.
    ///
    /// - Parameters: The properties of the same names; the size defaults to 840 × 440.
    /// - Precondition: every series has one value per group.
    public init(
        title: String, yLabel: String, groups: [String], series: [BarSeries],
        yDomain: (lower: Double, upper: Double)? = nil, percent: Bool = false, references: [BarReference] = [],
        width: Double = 840, height: Double = 440
    ) {
        precondition(
            series.allSatisfy { $0.values.count == groups.count },
            "BarChart: every series needs \(groups.count) values")
        self.title = title
        self.yLabel = yLabel
        self.groups = groups
        self.series = series
        self.yDomain = yDomain
        self.percent = percent
        self.references = references
        self.width = width
        self.height = height
    }

    /// The plot rectangle: room for tick labels at the left and bottom, the legend at the right.
    var area: PlotArea {
        PlotArea.standard(width: width, height: height, legendLabels: series.map(\.label))
    }

    /// The y domain used.
    var resolvedYDomain: (lower: Double, upper: Double) {
        if let yDomain { return yDomain }
        var tops: [Double] = references.map(\.value)
        for series in series {
            for (value, error) in zip(series.values, series.errors) {
                if let value { tops.append(value + (error ?? 0)) }
            }
        }
        return AxisScale.niceDomain(covering: tops, kind: .linear, includeZero: true)
    }

    /// The x extent of bar `seriesIndex` in group `group`: groups are equal slots, bars share
    /// 80 % of a slot.
    func barExtent(group: Int, seriesIndex: Int) -> (left: Double, width: Double) {
        let area = area
        let slot = area.width / Double(max(groups.count, 1))
        let barWidth = slot * 0.8 / Double(max(series.count, 1))
        return (area.x + slot * Double(group) + slot * 0.1 + barWidth * Double(seriesIndex), barWidth)
    }

    /// The chart as a standalone SVG file.
    public var svg: String {
        var document = SVGDocument(width: width, height: height)
        let area = area
        let y = area.yScale(.linear, domain: resolvedYDomain)
        let formatter: ((Double) -> String)? =
            percent ? { NumberFormatting.trimmed(NumberFormatting.decimal($0 * 100, decimals: 1)) + " %" } : nil
        area.drawAxes(
            into: &document, title: title, xScale: nil, yScale: y, xLabel: "", yLabel: yLabel,
            yTickFormatter: formatter)
        let base = y.position(max(y.domain.lower, min(0, y.domain.upper)))
        for (seriesIndex, series) in series.enumerated() {
            for (group, value) in series.values.enumerated() {
                guard let value, value.isFinite else { continue }
                let (left, barWidth) = barExtent(group: group, seriesIndex: seriesIndex)
                let top = y.position(value)
                document.rectangle(x: left, y: top, width: barWidth, height: base - top, fill: series.color)
                if let error = series.errors[group], error.isFinite, error > 0 {
                    let center = left + barWidth / 2
                    let high = y.position(value + error)
                    let low = y.position(value - error)
                    document.line(from: (center, high), to: (center, low), stroke: "#222222", width: 1)
                    document.line(from: (center - barWidth / 4, high), to: (center + barWidth / 4, high), stroke: "#222222")
                    document.line(from: (center - barWidth / 4, low), to: (center + barWidth / 4, low), stroke: "#222222")
                }
            }
        }
        for reference in references where groups.indices.contains(reference.group) {
            let slot = area.width / Double(groups.count)
            let left = area.x + slot * Double(reference.group) + slot * 0.05
            let position = y.position(reference.value)
            document.line(from: (left, position), to: (left + slot * 0.9, position), stroke: "#222222", width: 1.5, dash: "6 4")
            document.text(reference.label, at: (left + slot * 0.45, position - 6), size: 11, anchor: .middle)
        }
        for (group, name) in groups.enumerated() {
            let slot = area.width / Double(groups.count)
            document.text(name, at: (area.x + slot * (Double(group) + 0.5), area.bottom + 20), size: 12, anchor: .middle)
        }
        area.drawLegend(into: &document, entries: series.map { LegendEntry(label: $0.label, color: $0.color, style: .swatch) })
        return document.rendered
    }
}
