import Foundation

/// Everything a benchmark run produced: the setup, every run, and the per-optimizer summaries.
public struct BenchmarkResults: Sendable {
    /// The configuration that ran.
    public var configuration: BenchmarkConfiguration
    /// The problems that ran, in report order.
    public var problems: [ProblemInfo]
    /// Every run, tuning and final, in a fixed order (problem, phase, optimizer, rate, seed).
    public var runs: [RunRecord]
    /// One summary per problem and optimizer, problems in order, optimizers ranked.
    public var summaries: [OptimizerSummary]
    /// When the benchmark started.
    public var startDate: Date
    /// The wall time of the whole benchmark in seconds.
    public var totalSeconds: Double
    /// The machine.
    public var machine: MachineInfo

    /// Creates results.
    ///
    /// - Parameters: The properties of the same names.
    public init(
        configuration: BenchmarkConfiguration, problems: [ProblemInfo], runs: [RunRecord], summaries: [OptimizerSummary],
        startDate: Date, totalSeconds: Double, machine: MachineInfo
    ) {
        self.configuration = configuration
        self.problems = problems
        self.runs = runs
        self.summaries = summaries
        self.startDate = startDate
        self.totalSeconds = totalSeconds
        self.machine = machine
    }

    /// The ranked summaries of one problem.
    ///
    /// - Parameter problem: The problem's name.
    public func summaries(of problem: String) -> [OptimizerSummary] {
        summaries.filter { $0.problem == problem }
    }

    /// The final runs of one problem and optimizer, by seed.
    ///
    /// - Parameters:
    ///   - problem: The problem's name.
    ///   - optimizer: The optimizer.
    public func finalRuns(of problem: String, optimizer: OptimizerKind) -> [RunRecord] {
        runs.filter { $0.problem == problem && $0.optimizer == optimizer && $0.phase == .final }
    }
}
