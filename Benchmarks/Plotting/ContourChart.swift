/// A function of two variables drawn as contour lines, with paths over it: where each optimizer
/// went on Rosenbrock's or Beale's function.
///
/// The function is given sampled on a grid; `levels` are the contour values (usually
/// logarithmically spaced), drawn dark (low) to light (high). Paths are `LineSeries` whose x
/// and y are the visited points; each ends in a dot. Everything is clipped to the plot.
public struct ContourChart: Sendable {
    /// The title above the plot.
    public var title: String
    /// The x axis title.
    public var xLabel: String
    /// The y axis title.
    public var yLabel: String
    /// The grid's x coordinates, increasing; their range is the x domain.
    public var xs: [Double]
    /// The grid's y coordinates, increasing; their range is the y domain.
    public var ys: [Double]
    /// `values[j][i]` = f(xs[i], ys[j]).
    public var values: [[Double]]
    /// The contour values, increasing.
    public var levels: [Double]
    /// The paths drawn over the contours, in order.
    public var paths: [LineSeries]
    /// Points marked with a symbol and a label.
    public var markers: [ChartMarker]
    /// The image width in pixels.
    public var width: Double
    /// The image height in pixels.
    public var height: Double

    /// Creates a chart.
    ///
    /// - Parameters: The properties of the same names; the size defaults to 840 × 560.
    /// - Precondition: `values` has `ys.count` rows of `xs.count` values, and there are at
    ///   least two of each.
    public init(
        title: String, xLabel: String = "x", yLabel: String = "y", xs: [Double], ys: [Double], values: [[Double]],
        levels: [Double], paths: [LineSeries], markers: [ChartMarker] = [], width: Double = 840, height: Double = 560
    ) {
        precondition(xs.count >= 2 && ys.count >= 2, "ContourChart: the grid needs at least 2 × 2 points")
        precondition(
            values.count == ys.count && values.allSatisfy { $0.count == xs.count },
            "ContourChart: the grid must be \(ys.count) rows of \(xs.count) values")
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.xs = xs
        self.ys = ys
        self.values = values
        self.levels = levels
        self.paths = paths
        self.markers = markers
        self.width = width
        self.height = height
    }

    /// Samples f on an n × m grid over the given ranges: the `xs`, `ys` and `values` of a chart.
    ///
    /// - Parameters:
    ///   - xRange: The x interval.
    ///   - yRange: The y interval.
    ///   - columns: The number of x samples (≥ 2).
    ///   - rows: The number of y samples (≥ 2).
    ///   - function: f(x, y).
    /// - Returns: Evenly spaced coordinates including both ends, and `values[j][i]`.
    public static func sample(
        xRange: ClosedRange<Double>, yRange: ClosedRange<Double>, columns: Int, rows: Int,
        function: (Double, Double) -> Double
    ) -> (xs: [Double], ys: [Double], values: [[Double]]) {
        precondition(columns >= 2 && rows >= 2, "ContourChart.sample: at least 2 × 2 samples")
        let xs = (0..<columns).map { xRange.lowerBound + Double($0) / Double(columns - 1) * (xRange.upperBound - xRange.lowerBound) }
        let ys = (0..<rows).map { yRange.lowerBound + Double($0) / Double(rows - 1) * (yRange.upperBound - yRange.lowerBound) }
        return (xs, ys, ys.map { y in xs.map { x in function(x, y) } })
    }

    /// The plot rectangle: room for tick labels at the left and bottom, the legend at the right.
    var area: PlotArea {
        PlotArea.standard(width: width, height: height, legendLabels: paths.map(\.label))
    }

    /// The chart as a standalone SVG file.
    public var svg: String {
        var document = SVGDocument(width: width, height: height)
        let area = area
        let x = area.xScale(.linear, domain: (xs.first!, xs.last!))
        let y = area.yScale(.linear, domain: (ys.first!, ys.last!))
        let clip = document.addClipRectangle(x: area.x, y: area.y, width: area.width, height: area.height)
        for (index, level) in levels.enumerated() {
            let fraction = levels.count > 1 ? Double(index) / Double(levels.count - 1) : 0
            let segments = MarchingSquares.segments(values: values, xs: xs, ys: ys, level: level).map {
                ((x.position($0.0.0), y.position($0.0.1)), (x.position($0.1.0), y.position($0.1.1)))
            }
            document.segments(segments, stroke: Palette.contour(fraction), width: 1, opacity: 0.9, clipID: clip)
        }
        area.drawAxes(into: &document, title: title, xScale: x, yScale: y, xLabel: xLabel, yLabel: yLabel)
        for path in paths {
            let points = zip(path.x, path.y).map { (x.position($0), y.position($1)) }
            document.polyline(points, stroke: path.color, width: 2, dash: path.dashed ? "6 3" : nil, opacity: 0.95, clipID: clip)
            if let last = points.last(where: { $0.0.isFinite && $0.1.isFinite }),
                last.0 >= area.x && last.0 <= area.right && last.1 >= area.y && last.1 <= area.bottom
            {
                document.circle(center: last, radius: 3.5, fill: path.color, stroke: "white", strokeWidth: 1)
            }
        }
        for marker in markers {
            let center = (x.position(marker.x), y.position(marker.y))
            switch marker.symbol {
            case .circle:
                document.circle(center: center, radius: 5, fill: "black", stroke: "white", strokeWidth: 1.5)
            case .star:
                let star = Self.star(center: center, radius: 9)
                document.polygon(star, fill: "#ffd700")
                document.polyline(star + [star[0]], stroke: "black", width: 1)
            }
            document.text(marker.label, at: (center.0 + 9, center.1 - 8), size: 11, fill: "black", bold: true)
        }
        let entries = paths.filter { !$0.label.isEmpty }.map {
            LegendEntry(label: $0.label, color: $0.color, style: .line(dashed: $0.dashed))
        }
        area.drawLegend(into: &document, entries: entries)
        return document.rendered
    }

    /// The ten vertices of a five-pointed star around `center` (pixels), outer radius `radius`.
    static func star(center: (Double, Double), radius: Double) -> [(Double, Double)] {
        (0..<10).map { k in
            let angle = Double.pi / 2 + Double(k) * Double.pi / 5
            let r = k % 2 == 0 ? radius : radius * 0.45
            return (center.0 + r * cosine(angle), center.1 - r * sine(angle))
        }
    }
}
