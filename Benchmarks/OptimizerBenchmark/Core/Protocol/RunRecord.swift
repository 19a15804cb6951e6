/// Everything measured in one training run: which run it was, its learning curve, when it
/// reached the target, how long it took.
public struct RunRecord: Sendable {
    /// The problem's name.
    public var problem: String
    /// The optimizer.
    public var optimizer: OptimizerKind
    /// Tuning or final.
    public var phase: RunPhase
    /// The learning rate.
    public var learningRate: Double
    /// The seed (0 for tuning; 1, 2, … for final runs; 0 for the deterministic test functions).
    public var seed: UInt64
    /// The learning curve, in order.
    public var curve: [CurvePoint]
    /// Whether the loss became non-finite (the run stopped there).
    public var diverged: Bool
    /// The optimizer steps until the training loss first reached the target (classification:
    /// counted at the end of the first epoch whose mean loss is ≤ the target; test functions:
    /// the first step after which f − f* ≤ tolerance); nil if it never did.
    public var stepsToTarget: Int?
    /// The training seconds until then, nil if never.
    public var secondsToTarget: Double?
    /// The wall time of the whole run, evaluation included, in seconds.
    public var wallSeconds: Double
    /// The visited points (test functions, final runs), or empty.
    public var path: [(x: Double, y: Double)]

    /// Creates a record.
    ///
    /// - Parameters: The properties of the same names.
    public init(
        problem: String, optimizer: OptimizerKind, phase: RunPhase, learningRate: Double, seed: UInt64,
        curve: [CurvePoint], diverged: Bool, stepsToTarget: Int?, secondsToTarget: Double?, wallSeconds: Double,
        path: [(x: Double, y: Double)] = []
    ) {
        self.problem = problem
        self.optimizer = optimizer
        self.phase = phase
        self.learningRate = learningRate
        self.seed = seed
        self.curve = curve
        self.diverged = diverged
        self.stepsToTarget = stepsToTarget
        self.secondsToTarget = secondsToTarget
        self.wallSeconds = wallSeconds
        self.path = path
    }

    /// The last point of the curve, or nil for an empty curve.
    public var last: CurvePoint? { curve.last }

    /// The training loss at the end (non-finite if the run diverged; NaN without a curve).
    public var finalTrainingLoss: Double { curve.last?.trainingLoss ?? .nan }

    /// The validation accuracy at the end, nil without validation.
    public var finalValidationAccuracy: Double? { curve.last?.validationAccuracy }

    /// The validation loss at the end, nil without validation.
    public var finalValidationLoss: Double? { curve.last?.validationLoss }

    /// The test accuracy at the end, nil for tuning runs (which never see the test set).
    public var finalTestAccuracy: Double? { curve.last?.testAccuracy }
}
