import Foundation
import Layerwise

/// Reading the benchmark's data files with the library's readers (`CSVTable`, `IDXArray`).
public enum DataFiles {
    /// A folder or file set that cannot be used (the readers' own errors are `DataFileError`).
    public struct ReadError: Error, CustomStringConvertible {
        /// What is wrong, naming the folder or files.
        public let description: String
    }

    /// The UCI digits from `digits.csv`: 64 pixel columns scaled from 0…16 to [0, 1], and the
    /// `label` column.
    ///
    /// - Parameter url: The CSV file.
    /// - Returns: Features `[N, 64]` and labels.
    /// - Throws: `DataFileError` naming the line and column of a bad value.
    public static func loadDigits(_ url: URL) throws -> Dataset<Float, [Int]> {
        let raw = try CSVTable(contentsOf: url).classification(labelColumn: "label", as: Float.self)
        return Dataset(features: raw.features.map { $0 / 16 }, labels: raw.labels)
    }

    /// A data set from an IDX file of examples (rank ≥ 2, flattened per example) and one of
    /// labels (rank 1, integers), raw or gzip-compressed.
    ///
    /// - Parameters:
    ///   - features: The examples' file.
    ///   - labels: The labels' file.
    ///   - byteScale: The factor applied to unsigned-byte examples (1/255 for images); other
    ///     element types are taken as they are.
    /// - Returns: Features `[N, F]` and N labels.
    /// - Throws: `DataFileError` from the reader, or `ReadError` when the counts differ.
    public static func loadIDX(features: URL, labels: URL, byteScale: Float = 1) throws -> Dataset<Float, [Int]> {
        try dataset(features: IDXArray(contentsOf: features), labels: IDXArray(contentsOf: labels), byteScale: byteScale)
    }

    /// A data set from two IDX arrays already read.
    static func dataset(features: IDXArray, labels: IDXArray, byteScale: Float) throws -> Dataset<Float, [Int]> {
        var examples: Tensor<Float> = features.examples()
        if features.elementType == .unsignedByte && byteScale != 1 {
            examples = examples.map { $0 * byteScale }
        }
        let classes = try labels.labels()
        guard examples.shape[0] == classes.count else {
            throw ReadError(
                description: "\(features.source) has \(examples.shape[0]) examples but \(labels.source) has \(classes.count) labels")
        }
        return Dataset(features: examples, labels: classes)
    }
}
