/// What `fit` does: the number of epochs, the batch size, and the optional parts (early
/// stopping, a learning-rate schedule, gradient clipping).
///
/// ```swift
/// var options = FitOptions(epochs: 30, batchSize: 64, dropLastBatch: true)
/// options.earlyStopping = EarlyStopping(patience: 5)
/// options.learningRateSchedule = CosineAnnealingLR(baseLearningRate: 1e-3, annealingSteps: 30 * 22)
/// options.maxGradientNorm = 1
/// ```
public struct FitOptions: Sendable {
    /// When a learning-rate schedule is stepped.
    public enum ScheduleStepping: Sendable, Equatable {
        /// After every optimizer step, as the schedules' contract states (k counts optimizer
        /// steps); `step(metric:)` gets the batch's loss.
        case perStep
        /// After every epoch (k counts epochs; every step of an epoch uses the same rate);
        /// `step(metric:)` gets the epoch's validation loss, or its training loss without
        /// validation data. Use this for `ReduceLROnPlateau`.
        case perEpoch
    }

    /// The number of passes over the training data (fewer if training stops early).
    public var epochs: Int
    /// The number of examples per training step (and per forward pass of the validation).
    public var batchSize: Int
    /// Whether to leave out each epoch's last batch when it is shorter than `batchSize` (a
    /// network with `BatchNorm` cannot train on a batch of one).
    public var dropLastBatch: Bool
    /// The early-stopping rule, or nil to train all `epochs`.
    public var earlyStopping: EarlyStopping?
    /// The schedule that sets the optimizer's learning rate, or nil to keep the optimizer's.
    ///
    /// `fit` steps a copy: the value here is the schedule's starting point on every call.
    public var learningRateSchedule: (any LearningRateSchedule)?
    /// When the schedule is stepped.
    public var scheduleStepping: ScheduleStepping
    /// The global gradient norm each step is clipped to (`clipGradientNorm(maxNorm:)`), or nil
    /// for no clipping.
    public var maxGradientNorm: Double?

    /// Creates the options.
    ///
    /// - Parameters:
    ///   - epochs: The number of epochs.
    ///   - batchSize: The number of examples per step.
    ///   - dropLastBatch: Whether to leave out a short last batch (default `false`, as
    ///     PyTorch's `DataLoader`).
    ///   - earlyStopping: The early-stopping rule (default none).
    ///   - learningRateSchedule: A schedule for the learning rate (default none).
    ///   - scheduleStepping: When the schedule is stepped (default `.perStep`).
    ///   - maxGradientNorm: A global gradient-norm limit (default none).
    /// - Precondition: `epochs ≥ 0`, `batchSize > 0`, `maxGradientNorm ≥ 0`.
    public init(
        epochs: Int, batchSize: Int, dropLastBatch: Bool = false, earlyStopping: EarlyStopping? = nil,
        learningRateSchedule: (any LearningRateSchedule)? = nil, scheduleStepping: ScheduleStepping = .perStep,
        maxGradientNorm: Double? = nil
    ) {
        checkPrecondition(epochs >= 0, "FitOptions: epochs must not be negative, got \(epochs)")
        checkPrecondition(batchSize > 0, "FitOptions: batchSize must be positive, got \(batchSize)")
        checkPrecondition(
            (maxGradientNorm ?? 0) >= 0, "FitOptions: maxGradientNorm must not be negative, got \(maxGradientNorm ?? 0)")
        self.epochs = epochs
        self.batchSize = batchSize
        self.dropLastBatch = dropLastBatch
        self.earlyStopping = earlyStopping
        self.learningRateSchedule = learningRateSchedule
        self.scheduleStepping = scheduleStepping
        self.maxGradientNorm = maxGradientNorm
    }
}
