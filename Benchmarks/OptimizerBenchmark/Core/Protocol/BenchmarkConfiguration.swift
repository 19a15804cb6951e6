/// What to run: the problems, the optimizers, the seeds and the budgets.
public struct BenchmarkConfiguration: Sendable {
    /// The problems, in report order.
    public var problems: [BenchmarkProblem]
    /// The optimizers, in table order before ranking.
    public var optimizers: [OptimizerKind]
    /// The number of final seeds (1, 2, …, seeds); tuning uses seed 0.
    public var seeds: Int
    /// An epoch count for every classification problem, or nil for each problem's own.
    public var epochs: Int?
    /// The learning rates tried around each default.
    public var grid: LearningRateGrid
    /// The number of runs at a time.
    public var jobs: Int
    /// Whether this is the small `--quick` run.
    public var quick: Bool

    /// Creates a configuration.
    ///
    /// - Parameters: The properties of the same names.
    /// - Precondition: at least one problem, optimizer, seed and job.
    public init(
        problems: [BenchmarkProblem], optimizers: [OptimizerKind], seeds: Int, epochs: Int? = nil,
        grid: LearningRateGrid = LearningRateGrid(), jobs: Int = 1, quick: Bool = false
    ) {
        precondition(!problems.isEmpty && !optimizers.isEmpty, "BenchmarkConfiguration: no problem or no optimizer")
        precondition(seeds >= 1 && jobs >= 1 && (epochs ?? 1) >= 1, "BenchmarkConfiguration: seeds, jobs and epochs must be ≥ 1")
        self.problems = problems
        self.optimizers = optimizers
        self.seeds = seeds
        self.epochs = epochs
        self.grid = grid
        self.jobs = jobs
        self.quick = quick
    }
}
