/// One point of a run's learning curve: after an epoch (classification) or a step (test
/// functions).
public struct CurvePoint: Sendable, Equatable {
    /// The epoch, counted from 1; nil for test-function runs.
    public var epoch: Int?
    /// The number of optimizer steps taken so far.
    public var step: Int
    /// The mean training loss of the epoch's batches (classification), or f(x, y) − f* after
    /// `step` steps (test functions).
    public var trainingLoss: Double
    /// The validation loss after the epoch, or nil.
    public var validationLoss: Double?
    /// The validation accuracy after the epoch, or nil.
    public var validationAccuracy: Double?
    /// The test loss after the epoch (final runs only), or nil.
    public var testLoss: Double?
    /// The test accuracy after the epoch (final runs only), or nil.
    public var testAccuracy: Double?
    /// The training time so far, in seconds (optimizer steps only, no evaluation).
    public var seconds: Double

    /// Creates a point.
    ///
    /// - Parameters: The properties of the same names.
    public init(
        epoch: Int?, step: Int, trainingLoss: Double, validationLoss: Double? = nil, validationAccuracy: Double? = nil,
        testLoss: Double? = nil, testAccuracy: Double? = nil, seconds: Double
    ) {
        self.epoch = epoch
        self.step = step
        self.trainingLoss = trainingLoss
        self.validationLoss = validationLoss
        self.validationAccuracy = validationAccuracy
        self.testLoss = testLoss
        self.testAccuracy = testAccuracy
        self.seconds = seconds
    }
}
