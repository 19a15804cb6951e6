/// Runs one schedule until a milestone, then another from its own step 0 (PyTorch's
/// `SequentialLR`); the usual warm-up followed by a decay.
///
///     lrₖ = first.lrₖ              for k < milestone
///     lrₖ = second.lr₍ₖ₋milestone₎  for k ≥ milestone
///
/// At the milestone PyTorch calls `second.step(0)`, which restarts the second scheduler at
/// its step 0 from the base learning rate; here the second schedule is simply not stepped
/// before the milestone. Chains of more than two schedules nest, with each milestone
/// counted from the start of its own chain: PyTorch's milestones [5, 20] over (A, B, C) are
/// `SequentialLR(A, milestone: 5, then: SequentialLR(B, milestone: 15, then: C))`.
///
/// ```swift
/// // 5 warm-up steps from lr/10 to lr, then cosine annealing over 95 steps.
/// var schedule = SequentialLR(
///     LinearLR(baseLearningRate: 0.1, startFactor: 0.1, totalIterations: 5),
///     milestone: 5,
///     then: CosineAnnealingLR(baseLearningRate: 0.1, annealingSteps: 95))
/// ```
public struct SequentialLR<First: LearningRateSchedule, Second: LearningRateSchedule>: LearningRateSchedule {
    /// The schedule of steps 0 ..< `milestone`.
    public private(set) var first: First
    /// The schedule from step `milestone` on, stepped once per step after the milestone.
    public private(set) var second: Second
    /// The first step governed by `second` (PyTorch's `milestones`).
    public let milestone: Int
    /// The number of times the schedule has been stepped.
    public private(set) var stepCount = 0

    /// Chains two schedules, both at step 0.
    ///
    /// - Parameters:
    ///   - first: The schedule of steps 0 ..< `milestone`.
    ///   - milestone: The step at which `second` takes over at its own step 0.
    ///   - second: The schedule from the milestone on.
    /// - Precondition: `milestone ≥ 0`, and both schedules are at step 0.
    public init(_ first: First, milestone: Int, then second: Second) {
        checkPrecondition(milestone >= 0, "SequentialLR: milestone must be non-negative, got \(milestone)")
        checkPrecondition(
            first.stepCount == 0 && second.stepCount == 0,
            "SequentialLR: the chained schedules must be at step 0, got \(first.stepCount) and \(second.stepCount)")
        self.first = first
        self.second = second
        self.milestone = milestone
    }

    /// Whether the first schedule governs the next step.
    private var inFirst: Bool { stepCount < milestone }

    /// The rate of the schedule that governs the next step.
    public var learningRate: Double {
        inFirst ? first.learningRate : second.learningRate
    }

    /// The momentum of the schedule that governs the next step.
    public var momentum: Double? {
        inFirst ? first.momentum : second.momentum
    }

    /// Advances past one optimizer step: the first schedule before the milestone, the second
    /// after it. At the milestone neither moves, so the second starts at its step 0.
    public mutating func step() {
        stepCount += 1
        if stepCount < milestone {
            first.step()
        } else if stepCount > milestone {
            second.step()
        }
    }

    /// Like `step()`, passing the metric to the schedule that moves.
    ///
    /// - Parameter metric: The watched value, for a `ReduceLROnPlateau` in the chain.
    public mutating func step(metric: Double) {
        stepCount += 1
        if stepCount < milestone {
            first.step(metric: metric)
        } else if stepCount > milestone {
            second.step(metric: metric)
        }
    }
}
