import Layerwise

/// The examples of a classification problem: a training part (from which the validation split
/// is carved) and a test part that only final runs see.
public struct ClassificationData: Sendable {
    /// The training examples (features `[N, F]`, labels in 0..<classCount).
    public var training: Dataset<Float, [Int]>
    /// The test examples.
    public var test: Dataset<Float, [Int]>
    /// The number of classes.
    public var classCount: Int
    /// How the data were obtained ("4000 training and 1000 test examples from …").
    public var provenance: String

    /// Creates the data.
    ///
    /// - Parameters: The properties of the same names.
    /// - Precondition: both parts have the same number of features per example.
    public init(training: Dataset<Float, [Int]>, test: Dataset<Float, [Int]>, classCount: Int, provenance: String) {
        precondition(
            training.features.shape.dropFirst() == test.features.shape.dropFirst(),
            "ClassificationData: training features \(training.features.shape) and test features \(test.features.shape) differ")
        self.training = training
        self.test = test
        self.classCount = classCount
        self.provenance = provenance
    }

    /// The number of features per example.
    public var featureCount: Int { training.features.shape.dropFirst().reduce(1, *) }
}
