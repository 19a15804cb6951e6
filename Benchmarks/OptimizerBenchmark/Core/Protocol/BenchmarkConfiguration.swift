import Layerwise

/// What to run: the problems, the optimizers, the seeds, the budgets and how the learning rate
/// is searched.
public struct BenchmarkConfiguration: Sendable {
    /// The problems, in report order.
    public var problems: [BenchmarkProblem]
    /// The optimizers, in table order before ranking.
    public var optimizers: [OptimizerKind]
    /// The number of final seeds (1, 2, …, seeds); tuning uses seed 0.
    public var seeds: Int
    /// An epoch count for every classification problem, or nil for each problem's own.
    public var epochs: Int?
    /// The learning rates tried around each default (with the grid search).
    public var grid: LearningRateGrid
    /// How each optimizer's learning rate is chosen.
    public var learningRateSearch: LearningRateSearch
    /// The range test of the `finder` search (classification; the test functions use it with
    /// smoothing 0, see `functionRangeTest`).
    public var rangeTest: LearningRateRangeTest
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
        grid: LearningRateGrid = LearningRateGrid(), learningRateSearch: LearningRateSearch = .grid,
        rangeTest: LearningRateRangeTest = BenchmarkConfiguration.defaultRangeTest(quick: false), jobs: Int = 1,
        quick: Bool = false
    ) {
        precondition(!problems.isEmpty && !optimizers.isEmpty, "BenchmarkConfiguration: no problem or no optimizer")
        precondition(seeds >= 1 && jobs >= 1 && (epochs ?? 1) >= 1, "BenchmarkConfiguration: seeds, jobs and epochs must be ≥ 1")
        self.problems = problems
        self.optimizers = optimizers
        self.seeds = seeds
        self.epochs = epochs
        self.grid = grid
        self.learningRateSearch = learningRateSearch
        self.rangeTest = rangeTest
        self.jobs = jobs
        self.quick = quick
    }

    /// The range test of `--lr-search finder`: γ from 10⁻⁶ to 10 (every optimizer's default lies
    /// inside), 100 steps (40 with `--quick`), smoothing 0.9, divergence at 4× the minimum.
    ///
    /// - Parameter quick: Whether this is the `--quick` run.
    public static func defaultRangeTest(quick: Bool) -> LearningRateRangeTest {
        LearningRateRangeTest(minimumLearningRate: 1e-6, maximumLearningRate: 10, stepCount: quick ? 40 : 100)
    }

    /// The range test for the deterministic test functions: `rangeTest` without smoothing
    /// (there is no batch noise to smooth, and the moving average's lag would shift the curve
    /// to larger rates).
    public var functionRangeTest: LearningRateRangeTest {
        var test = rangeTest
        test.smoothing = 0
        return test
    }
}
