import Foundation
import Layerwise

/// The UCI digits (Benchmarks/OptimizerBenchmark/Data/digits.csv): 1797 images of 8 × 8
/// pixels in 0 … 16, and their labels 0 … 9.
///
/// A small local reader of the file's plain format (one header line, 65 comma-separated
/// integers per row); the library's CSV reader is not used so that this executable depends on
/// nothing but the core.
enum DigitsData {
    /// The default location of the file, relative to this source file.
    static var defaultPath: String {
        URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("OptimizerBenchmark/Data/digits.csv").path
    }

    /// The pixels divided by 16 (in [0, 1]) and the labels.
    ///
    /// - Parameter path: The CSV file.
    /// - Throws: `DiagnosticsError` when the file cannot be read or a row is malformed.
    static func load(from path: String) throws -> Dataset<Float, [Int]> {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw DiagnosticsError("cannot read the digits file \(path)")
        }
        var lines = text.split(whereSeparator: \.isNewline)
        guard let header = lines.first, header.split(separator: ",").count == 65 else {
            throw DiagnosticsError("\(path): expected a header of 65 columns (p0 … p63, label)")
        }
        lines.removeFirst()
        var features: [Float] = []
        var labels: [Int] = []
        features.reserveCapacity(lines.count * 64)
        for (number, line) in lines.enumerated() {
            let fields = line.split(separator: ",")
            let values = fields.compactMap { Int($0) }
            guard fields.count == 65, values.count == 65, (0...9).contains(values[64]) else {
                throw DiagnosticsError("\(path): row \(number + 2) is not 64 pixels and a label 0 … 9")
            }
            features += values.dropLast().map { Float($0) / 16 }
            labels.append(values[64])
        }
        return Dataset(features: Tensor(shape: [labels.count, 64], scalars: features), labels: labels)
    }

    /// The features standardized per pixel, (x − mean)/std over the data set (a pixel that is
    /// constant becomes 0): zero-mean, unit-variance inputs, as the lecture's experiment assumes.
    static func standardized(_ data: Dataset<Float, [Int]>) -> Dataset<Float, [Int]> {
        let (rows, columns) = (data.features.shape[0], data.features.shape[1])
        var scalars = data.features.scalars
        for column in 0..<columns {
            var mean = 0.0
            for row in 0..<rows { mean += Double(scalars[row * columns + column]) }
            mean /= Double(rows)
            var variance = 0.0
            for row in 0..<rows {
                let deviation = Double(scalars[row * columns + column]) - mean
                variance += deviation * deviation
            }
            let deviation = (variance / Double(rows)).squareRoot()
            for row in 0..<rows {
                let value = Double(scalars[row * columns + column])
                scalars[row * columns + column] = deviation > 0 ? Float((value - mean) / deviation) : 0
            }
        }
        return Dataset(features: Tensor(shape: data.features.shape, scalars: scalars), labels: data.labels)
    }
}

/// An error of the diagnostics executable, printed as its message.
struct DiagnosticsError: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}
