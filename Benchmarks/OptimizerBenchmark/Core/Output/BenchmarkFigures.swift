import Foundation
import _BenchmarkPlotting

/// The figures of a benchmark run, as SVG charts.
///
/// - `loss-<problem>.svg`: the training loss of the final runs against epochs (classification:
///   mean over seeds with a min–max band) or steps (test functions: f − f*), log scale, one
///   colour per optimizer, the target as a dashed line.
/// - `paths-<problem>.svg`: for test functions, every optimizer's path over the contour lines.
/// - `test-accuracy.svg`: mean test accuracy per classification problem and optimizer, with ±
///   one standard deviation, and the published MNIST-1D figure as a dashed mark.
public enum BenchmarkFigures {
    /// A figure: its file name, a caption and the SVG text.
    public struct Figure: Sendable {
        /// The file name ("loss-digits.svg").
        public var fileName: String
        /// A one-line caption.
        public var caption: String
        /// The SVG file's contents.
        public var svg: String
    }

    /// The colour of an optimizer, the same in every figure.
    ///
    /// - Parameter kind: The optimizer.
    /// - Returns: Its entry of the categorical palette.
    public static func color(of kind: OptimizerKind) -> String {
        Palette.color(OptimizerKind.allCases.firstIndex(of: kind)!)
    }

    /// Every figure of `results`, in report order.
    ///
    /// - Parameter results: The benchmark's results.
    /// - Returns: The loss curves of each problem, the paths of each test function, and the
    ///   test-accuracy chart if there is a classification problem.
    public static func all(_ results: BenchmarkResults) -> [Figure] {
        var figures: [Figure] = []
        for problem in results.problems {
            figures.append(Figure(fileName: "loss-\(problem.name).svg", caption: "\(problem.title): training loss", svg: lossCurves(problem, results).svg))
            if problem.functionProblem != nil {
                figures.append(Figure(fileName: "paths-\(problem.name).svg", caption: "\(problem.title): optimizer paths", svg: paths(problem, results).svg))
            }
        }
        if let chart = testAccuracy(results) {
            figures.append(Figure(fileName: "test-accuracy.svg", caption: "Test accuracy", svg: chart.svg))
        }
        return figures
    }

    /// The optimizers of the results, in their standard order.
    static func optimizers(_ results: BenchmarkResults) -> [OptimizerKind] {
        results.configuration.optimizers.sorted()
    }

    /// The legend label: "Adam (lr 3.16e-3)".
    static func label(_ kind: OptimizerKind, rate: Double) -> String {
        "\(kind.displayName) (lr \(Formatting.rate(rate)))"
    }

    /// The loss curves of one problem.
    ///
    /// - Parameters:
    ///   - problem: The problem.
    ///   - results: The benchmark's results.
    /// - Returns: The chart.
    public static func lossCurves(_ problem: ProblemInfo, _ results: BenchmarkResults) -> LineChart {
        var series: [LineSeries] = []
        for kind in optimizers(results) {
            let runs = results.finalRuns(of: problem.name, optimizer: kind)
            guard let rate = runs.first?.learningRate else { continue }
            if problem.isClassification {
                let epochs = Set(runs.flatMap { $0.curve.compactMap(\.epoch) }).sorted()
                var means: [Double] = []
                var lows: [Double] = []
                var highs: [Double] = []
                for epoch in epochs {
                    let values = runs.compactMap { $0.curve.first { $0.epoch == epoch }?.trainingLoss }
                    means.append(values.reduce(0, +) / Double(values.count))
                    lows.append(values.min()!)
                    highs.append(values.max()!)
                }
                series.append(
                    LineSeries(
                        label: label(kind, rate: rate), color: color(of: kind), x: epochs.map(Double.init), y: means,
                        lower: runs.count > 1 ? lows : nil, upper: runs.count > 1 ? highs : nil))
            } else if let run = runs.first {
                series.append(
                    LineSeries(
                        label: label(kind, rate: rate), color: color(of: kind), x: run.curve.map { Double($0.step) },
                        y: run.curve.map { max($0.trainingLoss, 1e-300) }))
            }
        }
        if problem.isClassification {
            let seeds = results.configuration.seeds
            // Diverged curves would stretch the axis: cap at 10 × the largest first-epoch loss.
            let firstLosses = series.compactMap { $0.y.first }.filter(\.isFinite)
            let cap = 10 * (firstLosses.max() ?? 10)
            let values = series.flatMap { $0.y + ($0.lower ?? []) + ($0.upper ?? []) }.filter { $0.isFinite && $0 <= cap }
            return LineChart(
                title: "\(problem.title): training loss" + (seeds > 1 ? " (mean of \(seeds) seeds, band min–max)" : ""),
                xLabel: "epoch", yLabel: "training loss (mean over the epoch)", yScale: .logarithmic, series: series,
                yDomain: AxisScale.niceDomain(covering: values + [problem.target], kind: .logarithmic, maximumDecades: 6),
                referenceY: (problem.target, "target \(Formatting.compact(problem.target))"))
        }
        let start = series.compactMap { $0.y.first }.max() ?? 1
        return LineChart(
            title: "\(problem.title): f − f* along the way", xLabel: "step", yLabel: "f(x, y) − f*", yScale: .logarithmic,
            series: series,
            yDomain: AxisScale.niceDomain(covering: [start * 2, problem.target / 100], kind: .logarithmic, maximumDecades: 14),
            referenceY: (problem.target, "tolerance \(Formatting.compact(problem.target))"))
    }

    /// The paths of the final runs on a test function, over its contour lines.
    ///
    /// - Parameters:
    ///   - problem: A test-function problem.
    ///   - results: The benchmark's results.
    /// - Returns: The chart.
    public static func paths(_ problem: ProblemInfo, _ results: BenchmarkResults) -> ContourChart {
        let function = problem.functionProblem!
        let grid = ContourChart.sample(
            xRange: function.plotXRange, yRange: function.plotYRange, columns: 161, rows: 161
        ) { function.function.value($0, $1) }
        let finite = grid.values.flatMap { $0 }.filter(\.isFinite)
        let low = max(finite.min() ?? 1e-3, 1e-3)
        let high = finite.max() ?? 1
        let levels = stride(from: (2 * log10(low)).rounded(.up), through: (2 * log10(high)).rounded(.down), by: 1).map {
            pow(10, $0 / 2)
        }
        var paths: [LineSeries] = []
        for kind in optimizers(results) {
            guard let run = results.finalRuns(of: problem.name, optimizer: kind).first, !run.path.isEmpty else { continue }
            paths.append(
                LineSeries(
                    label: label(kind, rate: run.learningRate), color: color(of: kind), x: run.path.map(\.x),
                    y: run.path.map(\.y)))
        }
        let minimizer = function.function.minimizer
        return ContourChart(
            title: "\(problem.title): paths of \(function.steps) steps from (\(Formatting.compact(function.start.x)), \(Formatting.compact(function.start.y)))",
            xs: grid.xs, ys: grid.ys, values: grid.values, levels: levels, paths: paths,
            markers: [
                ChartMarker(x: function.start.x, y: function.start.y, label: "start", symbol: .circle),
                ChartMarker(x: minimizer.x, y: minimizer.y, label: "minimum", symbol: .star),
            ])
    }

    /// The test accuracy of every classification problem and optimizer: mean ± std over seeds.
    ///
    /// - Parameter results: The benchmark's results.
    /// - Returns: The chart, or nil without classification problems.
    public static func testAccuracy(_ results: BenchmarkResults) -> BarChart? {
        let problems = results.problems.filter(\.isClassification)
        guard !problems.isEmpty else { return nil }
        let series = optimizers(results).map { kind in
            let summaries = problems.map { problem in results.summaries(of: problem.name).first { $0.optimizer == kind } }
            return BarSeries(
                label: kind.displayName, color: color(of: kind), values: summaries.map { $0?.testAccuracy?.mean },
                errors: summaries.map { $0?.testAccuracy?.standardDeviation })
        }
        let references = problems.enumerated().compactMap { index, problem in
            problem.reference.map {
                BarReference(group: index, value: $0.testAccuracy, label: "paper's MLP: \(Formatting.percent($0.testAccuracy, decimals: 0))")
            }
        }
        let seeds = results.configuration.seeds
        return BarChart(
            title: "Test accuracy at the chosen learning rate" + (seeds > 1 ? " (mean ± std of \(seeds) seeds)" : ""),
            yLabel: "test accuracy", groups: problems.map(\.title), series: series, yDomain: (0, 1), percent: true,
            references: references)
    }
}
