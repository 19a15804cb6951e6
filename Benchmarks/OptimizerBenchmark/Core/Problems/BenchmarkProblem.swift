/// A problem of the benchmark: classification with an MLP, or a two-variable test function.
public enum BenchmarkProblem: Sendable {
    /// Train an MLP on a data set.
    case classification(ClassificationProblem)
    /// Minimize a test function from a starting point.
    case function(FunctionProblem)

    /// The name used on the command line and in the output files.
    public var name: String {
        switch self {
        case .classification(let problem): problem.name
        case .function(let problem): problem.name
        }
    }

    /// The human-readable title.
    public var title: String {
        switch self {
        case .classification(let problem): problem.title
        case .function(let problem): problem.title
        }
    }
}
