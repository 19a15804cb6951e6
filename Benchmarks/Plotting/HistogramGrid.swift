/// Small histograms in rows and columns: the per-layer activation histograms of the diagnostics
/// (one row per initialization, one column per layer).
///
/// Each panel draws its bins as bars of height = the fraction of the panel's values in the bin,
/// on a y axis from 0 to the panel's largest fraction (printed left of the panel at that
/// height), below the panel's notes, with the x axis labelled at both ends and, if the range
/// contains it, at 0.
///
/// ```swift
/// let grid = HistogramGrid(
///     title: "Tanh activations", rowLabels: ["N(0, 1)"], columnLabels: ["layer 1", "layer 2"],
///     panels: [[panel1, panel2]])
/// try grid.svg.write(…)
/// ```
public struct HistogramGrid: Sendable {
    /// The title above the grid.
    public var title: String
    /// Text under the title (the x quantity, a short explanation), or empty.
    public var subtitle: String
    /// The label of each row, drawn at its left.
    public var rowLabels: [String]
    /// The label of each column, drawn above it.
    public var columnLabels: [String]
    /// The panels, `panels[row][column]`.
    public var panels: [[HistogramPanel]]
    /// The colour of each row's bars (cycling through `Palette` by default).
    public var rowColors: [String]
    /// The width of one panel in pixels.
    public var panelWidth: Double
    /// The height of one panel in pixels.
    public var panelHeight: Double

    /// Creates a grid.
    ///
    /// - Parameters: The properties of the same names; `rowColors` defaults to the palette.
    /// - Precondition: one row label per row of panels, one column label per column, every row
    ///   as long as `columnLabels`.
    public init(
        title: String, subtitle: String = "", rowLabels: [String], columnLabels: [String],
        panels: [[HistogramPanel]], rowColors: [String]? = nil, panelWidth: Double = 150, panelHeight: Double = 110
    ) {
        precondition(panels.count == rowLabels.count, "HistogramGrid: \(panels.count) rows, \(rowLabels.count) labels")
        precondition(
            panels.allSatisfy { $0.count == columnLabels.count },
            "HistogramGrid: every row needs \(columnLabels.count) panels")
        self.title = title
        self.subtitle = subtitle
        self.rowLabels = rowLabels
        self.columnLabels = columnLabels
        self.panels = panels
        self.rowColors = rowColors ?? rowLabels.indices.map { Palette.color($0) }
        self.panelWidth = panelWidth
        self.panelHeight = panelHeight
    }

    /// The space left of the first column, for the row labels (about 7.6 px per character of
    /// bold 12 px text) and the y axis values.
    var leftMargin: Double {
        max(80, 7.6 * Double(rowLabels.map(\.count).max() ?? 0) + 50)
    }
    /// The space above the first row, for the title, subtitle and column labels.
    static let topMargin = 82.0
    /// The horizontal gap between panels.
    static let columnGap = 34.0
    /// The vertical gap between panels, for the x axis labels.
    static let rowGap = 34.0

    /// The image width in pixels.
    public var width: Double {
        leftMargin + Double(columnLabels.count) * (panelWidth + Self.columnGap) + 10
    }

    /// The image height in pixels.
    public var height: Double {
        Self.topMargin + Double(rowLabels.count) * (panelHeight + Self.rowGap) + 6
    }

    /// The top left corner of panel (row, column).
    func origin(row: Int, column: Int) -> (x: Double, y: Double) {
        (leftMargin + Double(column) * (panelWidth + Self.columnGap),
         Self.topMargin + Double(row) * (panelHeight + Self.rowGap))
    }

    /// The grid as a standalone SVG file.
    public var svg: String {
        var document = SVGDocument(width: width, height: height)
        document.text(title, at: (width / 2, 24), size: 15, anchor: .middle, bold: true)
        if !subtitle.isEmpty {
            document.text(subtitle, at: (width / 2, 44), size: 12, anchor: .middle, fill: "#444444")
        }
        for (column, label) in columnLabels.enumerated() {
            let (x, y) = origin(row: 0, column: column)
            document.text(label, at: (x + panelWidth / 2, y - 10), size: 12, anchor: .middle, bold: true)
        }
        for (row, label) in rowLabels.enumerated() {
            let (x, y) = origin(row: row, column: 0)
            document.text(label, at: (x - 34, y + panelHeight / 2 + 4), size: 12, anchor: .end, bold: true)
            for (column, panel) in panels[row].enumerated() {
                draw(panel, at: origin(row: row, column: column), color: rowColors[row], into: &document)
            }
        }
        return document.rendered
    }

    /// One panel: bars, frame, axis labels and notes.
    private func draw(_ panel: HistogramPanel, at origin: (x: Double, y: Double), color: String, into document: inout SVGDocument) {
        let fractions = panel.fractions
        let top = max(fractions.max() ?? 0, 1e-12)
        let x = AxisScale(.linear, domain: (panel.lowerBound, panel.upperBound), range: (origin.x, origin.x + panelWidth))
        // Bars stay below the notes.
        let y = AxisScale(
            .linear, domain: (0, top), range: (origin.y + panelHeight, origin.y + 8 + 11 * Double(panel.notes.count)))
        let binWidth = (panel.upperBound - panel.lowerBound) / Double(fractions.count)
        for (bin, fraction) in fractions.enumerated() where fraction > 0 {
            let left = x.position(panel.lowerBound + Double(bin) * binWidth)
            let right = x.position(panel.lowerBound + Double(bin + 1) * binWidth)
            let barTop = y.position(fraction)
            // At least one pixel high, so that a small but non-empty bin stays visible.
            let height = max(1, origin.y + panelHeight - barTop)
            document.rectangle(
                x: left, y: origin.y + panelHeight - height, width: max(right - left - 0.5, 0.5), height: height,
                fill: color, opacity: 0.85)
        }
        document.rectangle(x: origin.x, y: origin.y, width: panelWidth, height: panelHeight, fill: "none", stroke: "#888888")
        let bottom = origin.y + panelHeight
        // The bounds' labels stay within the panel's width: the lower one starts at the left
        // edge, the upper one ends at the right edge.
        var ticks: [(value: Double, anchor: SVGDocument.TextAnchor)] = [(panel.lowerBound, .start), (panel.upperBound, .end)]
        if panel.lowerBound < 0 && panel.upperBound > 0 { ticks.append((0, .middle)) }
        for (value, anchor) in ticks {
            let position = x.position(value)
            document.line(from: (position, bottom), to: (position, bottom + 3), stroke: "#444444")
            document.text(NumberFormatting.compact(value), at: (position, bottom + 14), size: 9.5, anchor: anchor, fill: "#444444")
        }
        document.text(
            NumberFormatting.decimal(100 * top, decimals: top < 0.1 ? 1 : 0) + " %", at: (origin.x - 3, y.position(top) + 3),
            size: 9, anchor: .end, fill: "#666666")
        document.line(from: (origin.x - 2, y.position(top)), to: (origin.x, y.position(top)), stroke: "#666666")
        for (line, note) in panel.notes.enumerated() {
            document.text(note, at: (origin.x + 4, origin.y + 12 + 11 * Double(line)), size: 9.5, fill: "#222222")
        }
    }
}
