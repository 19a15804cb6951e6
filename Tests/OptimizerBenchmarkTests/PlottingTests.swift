import Foundation
import Testing
@testable import _BenchmarkPlotting

#if canImport(FoundationXML)
import FoundationXML
#endif

/// The SVG writer: number formats, scales and ticks, marching squares, escaping, and charts
/// that are well-formed XML with the elements they promise.
@Suite struct PlottingTests {
    @Test(arguments: [
        (3.14159, 2, "3.14"), (-0.5, 0, "-1"), (2.0, 3, "2.000"), (0.125, 2, "0.13"), (-0.004, 2, "0.00"),
        (1234.5678, 1, "1234.6"), (0.0, 0, "0"),
    ])
    func decimalRoundsHalfAwayFromZero(value: Double, decimals: Int, expected: String) {
        #expect(NumberFormatting.decimal(value, decimals: decimals) == expected)
    }

    @Test(arguments: [
        (0.00316227766, "0.00316"), (0.000316227766, "3.16e-4"), (0.1, "0.1"), (12.5, "12.5"),
        (1_234_567, "1.23e6"), (0.001, "0.001"), (0.0009999, "0.001"), (-0.25, "-0.25"), (0, "0"), (999.6, "1000"),
    ])
    func compactKeepsThreeSignificantDigits(value: Double, expected: String) {
        #expect(NumberFormatting.compact(value) == expected)
    }

    @Test func coordinatesDropTrailingZeros() {
        #expect(NumberFormatting.coordinate(12.5) == "12.5")
        #expect(NumberFormatting.coordinate(3) == "3")
        #expect(NumberFormatting.coordinate(-0.001) == "0")
        #expect(NumberFormatting.coordinate(7.456) == "7.46")
    }

    @Test func linearScaleMapsProportionally() {
        let scale = AxisScale(.linear, domain: (0, 10), range: (100, 200))
        #expect(scale.position(2.5) == 125)
        #expect(scale.position(10) == 200)
        // A y axis runs backwards: the domain's top at the range's start pixel.
        let y = AxisScale(.linear, domain: (0, 1), range: (300, 100))
        #expect(y.position(0.75) == 150)
    }

    @Test func logarithmicScaleMapsRatiosToEqualDistances() {
        let scale = AxisScale(.logarithmic, domain: (1, 100), range: (0, 200))
        #expect(abs(scale.position(10) - 100) < 1e-12)
        #expect(abs(scale.position(1000) - 300) < 1e-12)
        #expect(scale.position(0).isNaN)
        #expect(scale.position(-1).isNaN)
    }

    @Test func linearTicksAreNiceMultiples() {
        let ticks = AxisScale(.linear, domain: (0, 1), range: (0, 100)).ticks
        #expect(ticks.map(\.label) == ["0", "0.2", "0.4", "0.6", "0.8", "1"])
        let wide = AxisScale(.linear, domain: (-3, 27), range: (0, 100)).ticks
        #expect(wide.map(\.value) == [0, 10, 20])
    }

    @Test func logarithmicTicksArePowersOfTen() {
        let ticks = AxisScale(.logarithmic, domain: (1e-3, 1e3), range: (0, 100)).ticks
        #expect(ticks.map(\.label) == ["0.001", "0.01", "0.1", "1", "10", "100", "1000"])
        #expect(ticks.allSatisfy { $0.exponent == nil })
        let small = AxisScale(.logarithmic, domain: (1e-6, 1e-4), range: (0, 100)).ticks
        #expect(small.map(\.label) == ["10", "10", "10"])
        #expect(small.map(\.exponent) == ["\u{2212}6", "\u{2212}5", "\u{2212}4"])
        // Less than two decades: 2 and 5 times the powers too.
        let narrow = AxisScale(.logarithmic, domain: (1, 10), range: (0, 100)).ticks
        #expect(narrow.map(\.value) == [1, 2, 5, 10])
    }

    @Test func niceDomainsCoverTheData() {
        let linear = AxisScale.niceDomain(covering: [0.3, 7.2, .nan], kind: .linear)
        #expect(linear.lower == 0 && linear.upper == 8)
        let withZero = AxisScale.niceDomain(covering: [3, 4], kind: .linear, includeZero: true)
        #expect(withZero.lower == 0 && withZero.upper == 4)
        let log = AxisScale.niceDomain(covering: [0.02, 3, -1, .infinity], kind: .logarithmic)
        #expect(abs(log.lower - 0.01) < 1e-15 && abs(log.upper - 10) < 1e-12)
        let capped = AxisScale.niceDomain(covering: [1e-30, 1], kind: .logarithmic, maximumDecades: 4)
        #expect(abs(capped.lower - 1e-4) < 1e-18 && capped.upper == 1)
    }

    @Test func contourOfALinearFunctionLiesOnTheLine() {
        let grid = ContourChart.sample(xRange: -1...1, yRange: -1...1, columns: 9, rows: 7) { $0 + $1 }
        for level in [-0.7, 0, 0.33, 1.2] {
            let segments = MarchingSquares.segments(values: grid.values, xs: grid.xs, ys: grid.ys, level: level)
            #expect(!segments.isEmpty)
            for (a, b) in segments {
                #expect(abs(a.0 + a.1 - level) < 1e-12)
                #expect(abs(b.0 + b.1 - level) < 1e-12)
            }
        }
        // Outside the range of values there is no contour.
        #expect(MarchingSquares.segments(values: grid.values, xs: grid.xs, ys: grid.ys, level: 5).isEmpty)
    }

    @Test func saddleCellsArePairedByTheCenterValue() {
        // Corners a (0,0) = 1, b (1,0) = 0, c (1,1) = 1, d (0,1) = 0; the centre is 0.5.
        let values: [[Double]] = [[1, 0], [0, 1]]
        let joined = MarchingSquares.segments(values: values, xs: [0, 1], ys: [0, 1], level: 0.5)
        // Centre ≥ level, like a and c: a and c connect, b and d are cut off.
        #expect(joined.count == 2)
        #expect(joined.contains { $0.0 == (0.5, 0) && $0.1 == (1, 0.5) })
        #expect(joined.contains { $0.0 == (0.5, 1) && $0.1 == (0, 0.5) })
        let split = MarchingSquares.segments(values: values, xs: [0, 1], ys: [0, 1], level: 0.6)
        // Centre 0.5 < 0.6, unlike a and c: they are cut off.
        #expect(split.count == 2)
        #expect(split.contains { $0.0 == (0, 0.4) && $0.1 == (0.4, 0) })
        #expect(split.contains { $0.0 == (1, 0.6) && $0.1 == (0.6, 1) })
    }

    @Test func textIsEscaped() {
        #expect(SVGDocument.escape("<a & 'b' \"c\">") == "&lt;a &amp; &apos;b&apos; &quot;c&quot;&gt;")
        var document = SVGDocument(width: 10, height: 10)
        document.text("x < y & z", at: (1, 2))
        #expect(document.elements.last!.contains(">x &lt; y &amp; z</text>"))
    }

    @Test func nonFinitePointsBreakLines() {
        var document = SVGDocument(width: 10, height: 10)
        document.polyline([(0, 0), (1, 1), (2, .nan), (3, 3), (4, 4), (.infinity, 5), (6, 6)], stroke: "red")
        #expect(document.elements.count == 1)
        #expect(document.elements[0].contains(#"d="M0 0 L1 1 M3 3 L4 4""#))
        var empty = SVGDocument(width: 10, height: 10)
        empty.polyline([(0, 0), (.nan, 1)], stroke: "red")
        #expect(empty.elements.isEmpty)
    }

    @Test func pointsWithinHalfAPixelAreDropped() {
        var document = SVGDocument(width: 10, height: 10)
        document.polyline([(0, 0), (0.2, 0.2), (0.3, 0.3), (1, 0), (1.1, 0), (1.2, 0)], stroke: "red")
        // (0.2, 0.2) and (0.3, 0.3) are within 0.5 px of (0, 0); (1.1, 0) within 0.5 px of (1, 0);
        // the last point stays.
        #expect(document.elements[0].contains(#"d="M0 0 L1 0 L1.2 0""#))
    }

    @Test func lineChartIsWellFormedWithSeriesBandsAndLegend() throws {
        let chart = LineChart(
            title: "Loss & more", xLabel: "epoch", yLabel: "loss", yScale: .logarithmic,
            series: [
                LineSeries(
                    label: "Adam <fast>", color: "#1f77b4", x: [1, 2, 3], y: [1, 0.1, 0.01], lower: [0.9, 0.05, 0.005],
                    upper: [1.1, 0.2, 0.02]),
                LineSeries(label: "SGD", color: "#ff7f0e", x: [1, 2, 3], y: [1, 0.8, .nan]),
            ],
            referenceY: (0.05, "target"))
        let svg = chart.svg
        let document = try SVGElements(svg)
        #expect(document.root == "svg")
        #expect(document.texts.contains("Adam <fast>"))
        #expect(document.texts.contains("SGD"))
        #expect(document.texts.contains("Loss & more"))
        #expect(document.texts.contains("target"))
        // One line per series, one band (the series with lower and upper).
        let lines = document.elements.filter { $0.name == "path" && $0.attributes["fill"] == "none" }
        #expect(lines.filter { $0.attributes["stroke"] == "#1f77b4" }.count == 1)
        #expect(lines.filter { $0.attributes["stroke"] == "#ff7f0e" }.count == 1)
        let bands = document.elements.filter { $0.name == "path" && $0.attributes["fill-opacity"] != nil }
        #expect(bands.count == 1 && bands[0].attributes["fill"] == "#1f77b4")
        #expect(!svg.contains("nan") && !svg.contains("inf"))
    }

    @Test func barHeightsAreProportionalToValues() throws {
        let chart = BarChart(
            title: "Accuracy", yLabel: "accuracy", groups: ["A", "B"],
            series: [
                BarSeries(label: "one", color: "#aa0000", values: [0.5, 1.0], errors: [0.1, nil]),
                BarSeries(label: "two", color: "#00aa00", values: [0.25, nil]),
            ],
            yDomain: (0, 1), percent: true, references: [BarReference(group: 1, value: 0.68, label: "paper")])
        let document = try SVGElements(chart.svg)
        let one = document.elements.filter { $0.name == "rect" && $0.attributes["fill"] == "#aa0000" }
        let two = document.elements.filter { $0.name == "rect" && $0.attributes["fill"] == "#00aa00" }
        // Two bars of series one (plus its legend swatch), one of series two (plus its swatch).
        #expect(one.count == 3 && two.count == 2)
        let heights = one.compactMap { Double($0.attributes["height"]!) }.sorted()
        // Legend swatch 12 px; bars 0.5 and 1.0 of the same axis: the second twice the first.
        #expect(heights[0] == 12)
        #expect(abs(heights[2] - 2 * heights[1]) < 0.02)
        let quarter = two.compactMap { Double($0.attributes["height"]!) }.max()!
        #expect(abs(heights[1] - 2 * quarter) < 0.02)
        #expect(document.texts.contains("100 %") && document.texts.contains("40 %"))
        #expect(document.texts.contains("paper"))
        // One whisker (the only error given): three solid lines, stem and two caps; the reference
        // mark is the one dashed line.
        let whiskers = document.elements.filter {
            $0.name == "line" && $0.attributes["stroke"] == "#222222" && $0.attributes["stroke-dasharray"] == nil
        }
        #expect(whiskers.count == 3)
        #expect(document.elements.filter { $0.name == "line" && $0.attributes["stroke-dasharray"] == "6 4" }.count == 1)
    }

    @Test func contourChartDrawsLevelsPathsAndMarkers() throws {
        let grid = ContourChart.sample(xRange: -2...2, yRange: -2...2, columns: 41, rows: 41) { $0 * $0 + $1 * $1 }
        let chart = ContourChart(
            title: "Bowl", xs: grid.xs, ys: grid.ys, values: grid.values, levels: [0.5, 1, 2],
            paths: [LineSeries(label: "descent", color: "#d62728", x: [1.5, 0.7, 0.1], y: [1.5, 0.8, 0.05])],
            markers: [ChartMarker(x: 0, y: 0, label: "minimum", symbol: .star)])
        let document = try SVGElements(chart.svg)
        let contours = document.elements.filter { $0.name == "path" && $0.attributes["stroke"]?.hasPrefix("#") == true && $0.attributes["stroke-width"] == "1" && $0.attributes["clip-path"] != nil }
        #expect(contours.count == 3)
        #expect(document.elements.contains { $0.name == "path" && $0.attributes["stroke"] == "#d62728" })
        #expect(document.texts.contains("minimum") && document.texts.contains("descent"))
        #expect(document.elements.contains { $0.name == "clipPath" })
    }

    @Test func paletteCycles() {
        #expect(Palette.color(0) == Palette.color(10))
        #expect(Set((0..<10).map(Palette.color)).count == 10)
        #expect(Palette.contour(0) == "#08306b")
        #expect(Palette.contour(1) == "#c6dbef")
    }
}

/// The elements of an SVG file as parsed by Foundation's XML parser (which fails on malformed
/// XML): names, attributes, and the text inside `text` elements.
struct SVGElements {
    struct Element {
        let name: String
        let attributes: [String: String]
    }

    var root = ""
    var elements: [Element] = []
    var texts: [String] = []

    init(_ svg: String) throws {
        let delegate = Collector()
        let parser = XMLParser(data: Data(svg.utf8))
        parser.delegate = delegate
        guard parser.parse() else {
            throw ParseFailure(description: "\(parser.parserError.map { "\($0)" } ?? "unknown error")")
        }
        root = delegate.root
        elements = delegate.elements
        texts = delegate.texts
    }

    struct ParseFailure: Error, CustomStringConvertible {
        let description: String
    }

    final class Collector: NSObject, XMLParserDelegate {
        var root = ""
        var elements: [Element] = []
        var texts: [String] = []
        var textDepth = 0
        var current = ""

        func parser(
            _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName: String?,
            attributes: [String: String] = [:]
        ) {
            if root.isEmpty { root = elementName }
            elements.append(Element(name: elementName, attributes: attributes))
            if elementName == "text" {
                textDepth += 1
                current = ""
            }
        }

        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if textDepth > 0 { current += string }
        }

        func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName: String?) {
            if elementName == "text" {
                textDepth -= 1
                texts.append(current)
            }
        }
    }
}
