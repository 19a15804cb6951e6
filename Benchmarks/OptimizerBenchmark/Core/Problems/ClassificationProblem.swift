import Layerwise

/// A classification problem of the benchmark: where its data come from, the MLP trained on it,
/// and the training budget.
///
/// Every run trains the model with mini-batches of `batchSize` for `epochs` epochs on the
/// training data minus a stratified validation split of `validationFraction`, with softmax
/// cross-entropy.
public struct ClassificationProblem: Sendable {
    /// The name used on the command line and in the output files ("digits").
    public var name: String
    /// The human-readable title ("UCI digits (8 × 8)").
    public var title: String
    /// The model.
    public var architecture: MLPArchitecture
    /// The number of examples per optimizer step.
    public var batchSize: Int
    /// The number of epochs of every run.
    public var epochs: Int
    /// The training loss whose first reaching is timed ("steps to target").
    public var targetLoss: Double
    /// The fraction of the training data held out for validation (learning-rate choice).
    public var validationFraction: Double
    /// The seed of the validation split (the same split for every run).
    public var splitSeed: UInt64
    /// A published result to compare with, or nil.
    public var reference: ReferenceResult?
    /// Reads or generates the data.
    public var loadData: @Sendable () throws -> ClassificationData

    /// Creates a problem.
    ///
    /// - Parameters: The properties of the same names; 20 % validation by default.
    public init(
        name: String, title: String, architecture: MLPArchitecture, batchSize: Int, epochs: Int, targetLoss: Double,
        validationFraction: Double = 0.2, splitSeed: UInt64 = 20_240_601, reference: ReferenceResult? = nil,
        loadData: @escaping @Sendable () throws -> ClassificationData
    ) {
        self.name = name
        self.title = title
        self.architecture = architecture
        self.batchSize = batchSize
        self.epochs = epochs
        self.targetLoss = targetLoss
        self.validationFraction = validationFraction
        self.splitSeed = splitSeed
        self.reference = reference
        self.loadData = loadData
    }
}
