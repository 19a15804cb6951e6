import Foundation
import Layerwise
import _BenchmarkPlotting

/// The SVG figures of the experiments, drawn with the benchmark plotting target
/// (Benchmarks/Plotting) and written as `diagnostics-*.svg`.
enum Figures {
    /// diagnostics-tanh-activations.svg, diagnostics-tanh-gradients.svg and
    /// diagnostics-tanh-std.svg.
    static func writeTanhFigures(_ experiment: TanhInitializationExperiment, to directory: String) throws {
        let rows = experiment.results.map { "weights \($0.initialization.name)" }
        let layers = TanhInitializationExperiment.tanhLayers
        let columns = (1...TanhInitializationExperiment.depth).map { "Tanh layer \($0)" }

        let activations = experiment.results.map { result in
            layers(result.statistics).map { layer in
                panel(
                    layer.activation,
                    notes: ["σ = \(NumberFormatting.compact(layer.activation.standardDeviation))",
                            "saturated \(NumberFormatting.decimal(100 * (layer.activation.saturatedFraction ?? 0), decimals: 0)) %"])
            }
        }
        try write(
            HistogramGrid(
                title: "Tanh outputs of a 6-layer network at initialization, three weight scales",
                subtitle: "histogram of each layer's outputs on 500 standardized digits (x from −1 to 1); saturated: |y| ≥ 0.98",
                rowLabels: rows, columnLabels: columns, panels: activations
            ).svg, to: directory, name: "diagnostics-tanh-activations.svg")

        let inputs = TanhInitializationExperiment.tanhInputLayers
        let gradients = experiment.results.map { result in
            inputs(result.statistics).map { layer in
                let gradient = layer.gradient!
                return panel(
                    gradient,
                    notes: ["σ = \(NumberFormatting.compact(gradient.standardDeviation))",
                            "zeros \(NumberFormatting.decimal(100 * gradient.zeroFraction, decimals: 0)) %"])
            }
        }
        try write(
            HistogramGrid(
                title: "Gradients ∂L/∂z = ∂L/∂y·(1 − y²) at each Tanh layer's input z, same networks and batch",
                subtitle: "what reaches the layer's weights; each panel over its own range [−max |g|, max |g|]: compare the σ values",
                rowLabels: rows, columnLabels: columns, panels: gradients
            ).svg, to: directory, name: "diagnostics-tanh-gradients.svg")

        let depth = (1...TanhInitializationExperiment.depth).map(Double.init)
        var series: [LineSeries] = []
        for (index, result) in experiment.results.enumerated() {
            let tanh = layers(result.statistics)
            series.append(LineSeries(
                label: "activations y, \(result.initialization.name)", color: Palette.color(index), x: depth,
                y: tanh.map(\.activation.standardDeviation)))
            series.append(LineSeries(
                label: "gradients ∂L/∂z, \(result.initialization.name)", color: Palette.color(index), x: depth,
                y: inputs(result.statistics).map { $0.gradient!.standardDeviation }, dashed: true))
        }
        try write(
            LineChart(
                title: "σ of the activations y and the gradients ∂L/∂z per Tanh layer", xLabel: "Tanh layer",
                yLabel: "standard deviation", yScale: .logarithmic, series: series, yDomain: (1e-10, 10)
            ).svg, to: directory, name: "diagnostics-tanh-std.svg")
    }

    /// diagnostics-lr-finder.svg: the smoothed (and raw) loss against the learning rate for
    /// each optimizer, the accuracy reached at each rate, the suggestions marked.
    static func writeLearningRateFinderFigure(_ experiment: LearningRateFinderExperiment, to directory: String) throws {
        var losses: [LineSeries] = []
        var raw: [LineSeries] = []
        var accuracies: [LineSeries] = []
        var markers: [VerticalMarker] = []
        for (index, run) in experiment.runs.enumerated() {
            let color = Palette.color(index)
            let points = run.result.points
            losses.append(LineSeries(
                label: run.name, color: color, x: points.map(\.learningRate), y: points.map(\.smoothedLoss)))
            raw.append(LineSeries(label: run.name, color: color, x: points.map(\.learningRate), y: points.map(\.loss)))
            // The grid and the suggested rates themselves, in order of the rate.
            let grid = run.accuracies.sorted { $0.learningRate < $1.learningRate }
            accuracies.append(LineSeries(
                label: run.name, color: color, x: grid.map(\.learningRate), y: grid.map { 100 * $0.accuracy }))
            if let steepest = run.result.steepestDescentLearningRate {
                markers.append(VerticalMarker(
                    x: steepest, label: "\(run.shortName) steepest descent: \(NumberFormatting.compact(steepest))", color: color))
            }
            let conservative = run.result.minimumOverTenLearningRate
            markers.append(VerticalMarker(
                x: conservative, label: "\(run.shortName) minimum/10 (dotted): \(NumberFormatting.compact(conservative))", color: color,
                dashed: false))
        }
        let chart = LinePanelsChart(
            title: "Learning-rate range test, digits MLP: 100 steps of 64 examples, γ × 1.15 per step",
            xLabel: "learning rate γ", xScale: .logarithmic,
            panels: [
                LinePanel(yLabel: "loss (smoothed; raw faint)", series: losses, yDomain: (0, 3), faintSeries: raw),
                LinePanel(
                    yLabel: "validation accuracy after \(experiment.epochs) epochs (%)", series: accuracies,
                    yDomain: (0, 100), showsPoints: true),
            ],
            markers: markers, xDomain: (1e-5, 10), width: 1020, panelHeight: 280)
        try write(chart.svg, to: directory, name: "diagnostics-lr-finder.svg")
    }

    /// A histogram panel from a statistic's histogram.
    private static func panel(_ statistics: TensorStatistics, notes: [String]) -> HistogramPanel {
        let histogram = statistics.histogram
        return HistogramPanel(
            lowerBound: histogram.lowerBound, upperBound: histogram.upperBound, counts: histogram.counts, notes: notes)
    }

    /// Writes `svg` to `directory/name` and says so.
    private static func write(_ svg: String, to directory: String, name: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = (directory as NSString).appendingPathComponent(name)
        try svg.write(toFile: path, atomically: true, encoding: .utf8)
        print("wrote \(path)")
    }
}
