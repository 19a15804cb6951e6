import Foundation
import Layerwise

/// A folder of MNIST-style IDX files (`--data-dir`): images and labels, for a training split, a
/// test split, or one of them.
///
/// Every file whose contents are IDX (raw or gzip-compressed) is read. Its split comes from its
/// name: "train" for training; "test" or "t10k" for test. Its role comes from its rank: rank 1
/// holds the labels, rank ≥ 2 the features (flattened per example; unsigned bytes are scaled by
/// 1/255). MNIST's `train-images-idx3-ubyte.gz` … `t10k-labels-idx1-ubyte.gz` and MNIST-1D's
/// `mnist1d-train-x.idx` … `mnist1d-test-y.idx` are both recognized.
///
/// With only one split present, a stratified 20 % of it (seed `holdOutSeed`) becomes the test
/// set.
public struct IDXFolder: Sendable {
    /// The folder.
    public var directory: URL
    /// The seed of the hold-out when only one split is present.
    public var holdOutSeed: UInt64

    /// Creates a folder reader.
    ///
    /// - Parameters:
    ///   - directory: The folder.
    ///   - holdOutSeed: The hold-out seed (default 2020).
    public init(directory: URL, holdOutSeed: UInt64 = 2020) {
        self.directory = directory
        self.holdOutSeed = holdOutSeed
    }

    /// The split a file name belongs to: "train", "test", or nil.
    static func split(ofFileName name: String) -> String? {
        let lowered = name.lowercased()
        if lowered.contains("train") { return "train" }
        if lowered.contains("test") || lowered.contains("t10k") { return "test" }
        return nil
    }

    /// Reads the folder.
    ///
    /// - Returns: Training and test data, and the number of classes (the largest label + 1).
    /// - Throws: `DataFiles.ReadError` when the folder cannot be listed, holds no usable pair of
    ///   features and labels, or a pair disagrees on the number of examples.
    public func load() throws -> ClassificationData {
        let names: [String]
        do {
            names = try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted()
        } catch {
            throw DataFiles.ReadError(description: "--data-dir \(directory.path): cannot list the folder (\(error))")
        }
        var features: [String: IDXArray] = [:]
        var labels: [String: IDXArray] = [:]
        for name in names where !name.hasPrefix(".") {
            guard let split = Self.split(ofFileName: name) else { continue }
            // Files that are not IDX (a README, a checksum list) are skipped.
            guard let array = try? IDXArray(contentsOf: directory.appendingPathComponent(name)) else { continue }
            if array.shape.count == 1 {
                labels[split] = array
            } else if array.shape.count >= 2 {
                features[split] = array
            }
        }
        var datasets: [String: Dataset<Float, [Int]>] = [:]
        var used: [String] = []
        for split in ["train", "test"] {
            guard let x = features[split], let y = labels[split] else { continue }
            datasets[split] = try DataFiles.dataset(features: x, labels: y, byteScale: 1 / 255)
            used += [x.source, y.source].map { URL(fileURLWithPath: $0).lastPathComponent }
        }
        let provenance: String
        let training: Dataset<Float, [Int]>
        let test: Dataset<Float, [Int]>
        switch (datasets["train"], datasets["test"]) {
        case let (train?, testSet?):
            (training, test) = (train, testSet)
            provenance = "\(used.joined(separator: ", ")): \(train.count) training and \(testSet.count) test examples"
        case let (only?, nil), let (nil, only?):
            var generator = RandomGenerator(seed: holdOutSeed)
            (training, test) = only.stratifiedSplit(validationFraction: 0.2, using: &generator)
            provenance = "\(used.joined(separator: ", ")): one split of \(only.count) examples; "
                + "a stratified 20 % hold-out (seed \(holdOutSeed)) is the test set"
        case (nil, nil):
            throw DataFiles.ReadError(
                description: "--data-dir \(directory.path): no pair of IDX feature and label files with "
                    + "\"train\", \"test\" or \"t10k\" in their names")
        }
        guard training.features.shape[1] == test.features.shape[1] else {
            throw DataFiles.ReadError(description: "--data-dir: training and test examples have different sizes")
        }
        let classCount = (training.labels + test.labels).max().map { $0 + 1 } ?? 0
        return ClassificationData(training: training, test: test, classCount: classCount, provenance: provenance)
    }
}
