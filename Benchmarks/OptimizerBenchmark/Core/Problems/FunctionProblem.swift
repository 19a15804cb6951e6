/// A two-variable minimization problem of the benchmark: a test function, a starting point, a
/// step budget and the tolerance whose first reaching is counted ("steps to tolerance").
///
/// Each optimizer moves the point (x, y) from `start` with the exact gradient for `steps`
/// steps, in Double. There is no data and no randomness, so one run per learning rate decides.
public struct FunctionProblem: Sendable {
    /// The name used on the command line and in the output files ("rosenbrock").
    public var name: String
    /// The human-readable title.
    public var title: String
    /// The function.
    public var function: TestFunction
    /// The starting point.
    public var start: (x: Double, y: Double)
    /// The number of optimizer steps of every run.
    public var steps: Int
    /// The run has converged once f(x, y) − f* ≤ tolerance.
    public var tolerance: Double
    /// The x range of the contour plot.
    public var plotXRange: ClosedRange<Double>
    /// The y range of the contour plot.
    public var plotYRange: ClosedRange<Double>

    /// Creates a problem.
    ///
    /// - Parameters: The properties of the same names.
    public init(
        name: String, title: String, function: TestFunction, start: (x: Double, y: Double), steps: Int,
        tolerance: Double, plotXRange: ClosedRange<Double>, plotYRange: ClosedRange<Double>
    ) {
        self.name = name
        self.title = title
        self.function = function
        self.start = start
        self.steps = steps
        self.tolerance = tolerance
        self.plotXRange = plotXRange
        self.plotYRange = plotYRange
    }
}
