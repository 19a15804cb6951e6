/// An SVG image assembled element by element, rendered as a standalone file that browsers and
/// rsvg display.
///
/// Coordinates are in pixels from the top left corner. Text is escaped; colours are any CSS
/// colour ("#1f77b4", "black"). Non-finite points split lines into separate pieces.
///
/// ```swift
/// var document = SVGDocument(width: 200, height: 100)
/// document.line(from: (10, 90), to: (190, 10), stroke: "#1f77b4", width: 2)
/// document.text("rising", at: (100, 20), size: 12, anchor: .middle)
/// let svg = document.rendered      // "<?xml …?><svg …>…</svg>"
/// ```
public struct SVGDocument: Sendable {
    /// Where a text's x coordinate sits: at its start, middle or end.
    public enum TextAnchor: String, Sendable {
        /// The text starts at x.
        case start
        /// The text is centred on x.
        case middle
        /// The text ends at x.
        case end
    }

    /// The width of the image in pixels.
    public let width: Double
    /// The height of the image in pixels.
    public let height: Double
    /// The elements so far, one SVG element per entry.
    public private(set) var elements: [String] = []
    /// The definitions (clip paths) so far.
    private var definitions: [String] = []
    /// The number of clip paths defined, for unique ids.
    private var clipCount = 0

    /// An empty white image.
    ///
    /// - Parameters:
    ///   - width: The width in pixels (> 0).
    ///   - height: The height in pixels (> 0).
    public init(width: Double, height: Double) {
        precondition(width > 0 && height > 0, "SVGDocument: the size must be positive, got \(width) × \(height)")
        self.width = width
        self.height = height
    }

    /// The complete SVG file: an XML declaration, the `svg` element with its size and view box,
    /// a white background, the definitions and the elements in the order they were added.
    public var rendered: String {
        let w = NumberFormatting.coordinate(width)
        let h = NumberFormatting.coordinate(height)
        var lines = [
            #"<?xml version="1.0" encoding="UTF-8"?>"#,
            #"<svg xmlns="http://www.w3.org/2000/svg" width="\#(w)" height="\#(h)" viewBox="0 0 \#(w) \#(h)" "#
                + #"font-family="DejaVu Sans, Helvetica, Arial, sans-serif">"#,
            #"<rect x="0" y="0" width="\#(w)" height="\#(h)" fill="white"/>"#,
        ]
        if !definitions.isEmpty {
            lines.append("<defs>")
            lines += definitions
            lines.append("</defs>")
        }
        lines += elements
        lines.append("</svg>")
        return lines.joined(separator: "\n") + "\n"
    }

    /// A rectangle.
    ///
    /// - Parameters:
    ///   - x, y: The top left corner.
    ///   - width, height: The size (negative sizes are normalized).
    ///   - fill: The fill colour, or "none".
    ///   - stroke: The outline colour, or nil for none.
    ///   - strokeWidth: The outline width.
    ///   - opacity: The fill opacity in [0, 1].
    public mutating func rectangle(
        x: Double, y: Double, width: Double, height: Double, fill: String, stroke: String? = nil,
        strokeWidth: Double = 1, opacity: Double = 1
    ) {
        let left = min(x, x + width)
        let top = min(y, y + height)
        var element = #"<rect x="\#(c(left))" y="\#(c(top))" width="\#(c(abs(width)))" height="\#(c(abs(height)))" fill="\#(escaped(fill))""#
        if opacity < 1 { element += #" fill-opacity="\#(c(opacity))""# }
        if let stroke { element += #" stroke="\#(escaped(stroke))" stroke-width="\#(c(strokeWidth))""# }
        elements.append(element + "/>")
    }

    /// A straight line.
    ///
    /// - Parameters:
    ///   - start: The first end (x, y).
    ///   - end: The other end.
    ///   - stroke: The colour.
    ///   - width: The line width.
    ///   - dash: A dash pattern such as "4 3", or nil for a solid line.
    ///   - opacity: The stroke opacity in [0, 1].
    public mutating func line(
        from start: (Double, Double), to end: (Double, Double), stroke: String, width: Double = 1,
        dash: String? = nil, opacity: Double = 1
    ) {
        var element = #"<line x1="\#(c(start.0))" y1="\#(c(start.1))" x2="\#(c(end.0))" y2="\#(c(end.1))" stroke="\#(escaped(stroke))" stroke-width="\#(c(width))""#
        if let dash { element += #" stroke-dasharray="\#(escaped(dash))""# }
        if opacity < 1 { element += #" stroke-opacity="\#(c(opacity))""# }
        elements.append(element + "/>")
    }

    /// A line through `points`; a point with a non-finite coordinate breaks it into separate
    /// pieces, and a piece of one point is left out. Within a piece, a point less than half a
    /// pixel from the last one kept is dropped (the last point of a piece always stays), which
    /// keeps long paths small without changing how they look.
    ///
    /// - Parameters:
    ///   - points: The vertices (x, y) in order.
    ///   - stroke: The colour.
    ///   - width: The line width.
    ///   - dash: A dash pattern, or nil for a solid line.
    ///   - opacity: The stroke opacity in [0, 1].
    ///   - clipID: The id of a clip path from `addClipRectangle`, or nil.
    public mutating func polyline(
        _ points: [(Double, Double)], stroke: String, width: Double = 1.5, dash: String? = nil,
        opacity: Double = 1, clipID: String? = nil
    ) {
        let data = Self.pathData(pieces: Self.finitePieces(points).map(Self.thinned), closed: false)
        guard !data.isEmpty else { return }
        var element = #"<path d="\#(data)" fill="none" stroke="\#(escaped(stroke))" stroke-width="\#(c(width))" stroke-linejoin="round" stroke-linecap="round""#
        if let dash { element += #" stroke-dasharray="\#(escaped(dash))""# }
        if opacity < 1 { element += #" stroke-opacity="\#(c(opacity))""# }
        if let clipID { element += #" clip-path="url(#\#(escaped(clipID)))""# }
        elements.append(element + "/>")
    }

    /// Line segments drawn as one path element (contour lines).
    ///
    /// - Parameters:
    ///   - segments: The segments, each from its first point to its second.
    ///   - stroke: The colour.
    ///   - width: The line width.
    ///   - opacity: The stroke opacity in [0, 1].
    ///   - clipID: The id of a clip path, or nil.
    public mutating func segments(
        _ segments: [((Double, Double), (Double, Double))], stroke: String, width: Double = 1,
        opacity: Double = 1, clipID: String? = nil
    ) {
        let pieces = segments.filter { $0.0.0.isFinite && $0.0.1.isFinite && $0.1.0.isFinite && $0.1.1.isFinite }
            .map { [$0.0, $0.1] }
        let data = Self.pathData(pieces: pieces, closed: false)
        guard !data.isEmpty else { return }
        var element = #"<path d="\#(data)" fill="none" stroke="\#(escaped(stroke))" stroke-width="\#(c(width))""#
        if opacity < 1 { element += #" stroke-opacity="\#(c(opacity))""# }
        if let clipID { element += #" clip-path="url(#\#(escaped(clipID)))""# }
        elements.append(element + "/>")
    }

    /// A filled polygon (a band between two curves); points with a non-finite coordinate are
    /// left out.
    ///
    /// - Parameters:
    ///   - points: The vertices in order; the polygon is closed.
    ///   - fill: The fill colour.
    ///   - opacity: The fill opacity in [0, 1].
    ///   - clipID: The id of a clip path, or nil.
    public mutating func polygon(_ points: [(Double, Double)], fill: String, opacity: Double = 1, clipID: String? = nil) {
        let finite = points.filter { $0.0.isFinite && $0.1.isFinite }
        guard finite.count >= 3 else { return }
        var element = #"<path d="\#(Self.pathData(pieces: [finite], closed: true))" fill="\#(escaped(fill))" stroke="none""#
        if opacity < 1 { element += #" fill-opacity="\#(c(opacity))""# }
        if let clipID { element += #" clip-path="url(#\#(escaped(clipID)))""# }
        elements.append(element + "/>")
    }

    /// A circle.
    ///
    /// - Parameters:
    ///   - center: The centre (x, y).
    ///   - radius: The radius.
    ///   - fill: The fill colour.
    ///   - stroke: The outline colour, or nil.
    ///   - strokeWidth: The outline width.
    public mutating func circle(
        center: (Double, Double), radius: Double, fill: String, stroke: String? = nil, strokeWidth: Double = 1
    ) {
        guard center.0.isFinite && center.1.isFinite else { return }
        var element = #"<circle cx="\#(c(center.0))" cy="\#(c(center.1))" r="\#(c(radius))" fill="\#(escaped(fill))""#
        if let stroke { element += #" stroke="\#(escaped(stroke))" stroke-width="\#(c(strokeWidth))""# }
        elements.append(element + "/>")
    }

    /// A text label.
    ///
    /// - Parameters:
    ///   - text: The text (escaped here).
    ///   - position: The anchor point (x, y of the baseline).
    ///   - size: The font size in pixels.
    ///   - anchor: Where x sits along the text.
    ///   - fill: The colour.
    ///   - bold: Whether to use the bold weight.
    ///   - rotation: A rotation in degrees about the anchor point (−90 for a vertical axis
    ///     label), or 0.
    ///   - superscript: Text raised after the main text (an exponent), or nil.
    public mutating func text(
        _ text: String, at position: (Double, Double), size: Double = 12, anchor: TextAnchor = .start,
        fill: String = "#222222", bold: Bool = false, rotation: Double = 0, superscript: String? = nil
    ) {
        var element = #"<text x="\#(c(position.0))" y="\#(c(position.1))" font-size="\#(c(size))" text-anchor="\#(anchor.rawValue)" fill="\#(escaped(fill))""#
        if bold { element += #" font-weight="bold""# }
        if rotation != 0 {
            element += #" transform="rotate(\#(c(rotation)) \#(c(position.0)) \#(c(position.1)))""#
        }
        element += ">" + escaped(text)
        if let superscript {
            element += #"<tspan dy="\#(c(-0.45 * size))" font-size="\#(c(0.75 * size))">\#(escaped(superscript))</tspan>"#
        }
        elements.append(element + "</text>")
    }

    /// Defines a rectangular clip path and returns its id, for the `clipID` of later elements.
    ///
    /// - Parameters:
    ///   - x, y, width, height: The rectangle that stays visible.
    /// - Returns: A unique id ("clip1", "clip2", …).
    public mutating func addClipRectangle(x: Double, y: Double, width: Double, height: Double) -> String {
        clipCount += 1
        let id = "clip\(clipCount)"
        definitions.append(
            #"<clipPath id="\#(id)"><rect x="\#(c(x))" y="\#(c(y))" width="\#(c(width))" height="\#(c(height))"/></clipPath>"#)
        return id
    }

    /// Escapes the five XML special characters.
    ///
    /// - Parameter text: Any text.
    /// - Returns: The text with `& < > " '` written as entities.
    public static func escape(_ text: String) -> String {
        var result = ""
        result.reserveCapacity(text.count)
        for character in text {
            switch character {
            case "&": result += "&amp;"
            case "<": result += "&lt;"
            case ">": result += "&gt;"
            case "\"": result += "&quot;"
            case "'": result += "&apos;"
            default: result.append(character)
            }
        }
        return result
    }

    /// The runs of consecutive finite points of `points`, each of at least two points.
    static func finitePieces(_ points: [(Double, Double)]) -> [[(Double, Double)]] {
        var pieces: [[(Double, Double)]] = []
        var current: [(Double, Double)] = []
        for point in points {
            if point.0.isFinite && point.1.isFinite {
                current.append(point)
            } else {
                if current.count >= 2 { pieces.append(current) }
                current = []
            }
        }
        if current.count >= 2 { pieces.append(current) }
        return pieces
    }

    /// The piece without the points closer than half a pixel to the previous point kept; the
    /// first and last points always stay.
    static func thinned(_ piece: [(Double, Double)]) -> [(Double, Double)] {
        guard piece.count > 2 else { return piece }
        var kept = [piece[0]]
        for point in piece.dropFirst().dropLast() {
            let last = kept[kept.count - 1]
            let dx = point.0 - last.0
            let dy = point.1 - last.1
            if dx * dx + dy * dy >= 0.25 { kept.append(point) }
        }
        kept.append(piece[piece.count - 1])
        return kept
    }

    /// Path data "M x y L x y …" for the pieces, each closed with "Z" if `closed`.
    static func pathData(pieces: [[(Double, Double)]], closed: Bool) -> String {
        var parts: [String] = []
        for piece in pieces {
            for (index, point) in piece.enumerated() {
                parts.append((index == 0 ? "M" : "L") + NumberFormatting.coordinate(point.0) + " " + NumberFormatting.coordinate(point.1))
            }
            if closed { parts.append("Z") }
        }
        return parts.joined(separator: " ")
    }

    private func c(_ value: Double) -> String { NumberFormatting.coordinate(value) }
    private func escaped(_ text: String) -> String { Self.escape(text) }
}
