/// The rectangle a chart draws its data in, and the drawing of what surrounds it: frame, grid,
/// ticks, axis titles and the chart's title.
struct PlotArea {
    /// The left edge.
    let x: Double
    /// The top edge.
    let y: Double
    /// The width.
    let width: Double
    /// The height.
    let height: Double

    /// The right edge.
    var right: Double { x + width }
    /// The bottom edge.
    var bottom: Double { y + height }

    /// The area of a chart `width` × `height` pixels with room for tick labels at the left and
    /// bottom, the title at the top, and a legend of `legendLabels` at the right.
    static func standard(width: Double, height: Double, legendLabels: [String]) -> PlotArea {
        PlotArea(x: 74, y: 40, width: width - 74 - legendWidth(legendLabels), height: height - 40 - 58)
    }

    /// The width a legend of these labels needs: the gap, the sample and 8 px per character
    /// of the longest label (DejaVu Sans at 12 px averages about 7 px, "m" and "w" reach 10);
    /// at least 120 px.
    static func legendWidth(_ labels: [String]) -> Double {
        max(120, 16 + 30 + 8 * Double(labels.map(\.count).max() ?? 0) + 12)
    }

    /// A scale from the x domain to the area's width.
    func xScale(_ kind: AxisScale.Kind, domain: (lower: Double, upper: Double)) -> AxisScale {
        AxisScale(kind, domain: domain, range: (x, right))
    }

    /// A scale from the y domain to the area's height (upwards).
    func yScale(_ kind: AxisScale.Kind, domain: (lower: Double, upper: Double)) -> AxisScale {
        AxisScale(kind, domain: domain, range: (bottom, y))
    }

    /// Draws the title above the area, light grid lines and labelled ticks for both scales (x
    /// only if given), the axis titles, and the frame.
    func drawAxes(
        into document: inout SVGDocument, title: String, xScale: AxisScale?, yScale: AxisScale,
        xLabel: String, yLabel: String, yTickFormatter: ((Double) -> String)? = nil
    ) {
        document.text(title, at: (x + width / 2, y - 14), size: 15, anchor: .middle, bold: true)
        for tick in yScale.ticks {
            let position = yScale.position(tick.value)
            document.line(from: (x, position), to: (right, position), stroke: "#e6e6e6", width: 1)
            document.line(from: (x - 4, position), to: (x, position), stroke: "#444444", width: 1)
            let label = yTickFormatter?(tick.value) ?? tick.label
            document.text(
                label, at: (x - 7, position + 4), size: 11, anchor: .end, fill: "#444444",
                superscript: yTickFormatter == nil ? tick.exponent : nil)
        }
        if let xScale {
            for tick in xScale.ticks {
                let position = xScale.position(tick.value)
                document.line(from: (position, y), to: (position, bottom), stroke: "#f0f0f0", width: 1)
                document.line(from: (position, bottom), to: (position, bottom + 4), stroke: "#444444", width: 1)
                document.text(
                    tick.label, at: (position, bottom + 17), size: 11, anchor: .middle, fill: "#444444",
                    superscript: tick.exponent)
            }
        }
        document.rectangle(x: x, y: y, width: width, height: height, fill: "none", stroke: "#444444", strokeWidth: 1)
        document.text(xLabel, at: (x + width / 2, bottom + 38), size: 12, anchor: .middle)
        document.text(yLabel, at: (x - 52, y + height / 2), size: 12, anchor: .middle, rotation: -90)
    }

    /// Draws a legend to the right of the area: one row per entry, a sample of its line,
    /// band or bar, then its label.
    func drawLegend(into document: inout SVGDocument, entries: [LegendEntry], title: String? = nil) {
        var rowY = y + 8
        let left = right + 16
        if let title {
            document.text(title, at: (left, rowY + 4), size: 12, bold: true)
            rowY += 20
        }
        for entry in entries {
            switch entry.style {
            case .line(let dashed):
                document.line(
                    from: (left, rowY), to: (left + 22, rowY), stroke: entry.color, width: 2.5,
                    dash: dashed ? "5 3" : nil)
            case .swatch:
                document.rectangle(x: left + 4, y: rowY - 6, width: 14, height: 12, fill: entry.color)
            case .marker:
                document.circle(center: (left + 11, rowY), radius: 4.5, fill: entry.color, stroke: "white")
            }
            document.text(entry.label, at: (left + 30, rowY + 4), size: 12)
            rowY += 19
        }
    }
}
