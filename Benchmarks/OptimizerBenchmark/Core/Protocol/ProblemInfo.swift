/// What the report says about a problem that ran: its setup and data.
public struct ProblemInfo: Sendable {
    /// The kind-specific part.
    public enum Details: Sendable {
        /// A classification problem with its resolved architecture and the sizes of its splits.
        case classification(
            architecture: MLPArchitecture, batchSize: Int, epochs: Int, targetLoss: Double, trainingCount: Int,
            validationCount: Int, testCount: Int, provenance: String, reference: ReferenceResult?)
        /// A test function.
        case function(FunctionProblem, steps: Int)
    }

    /// The problem's name.
    public var name: String
    /// The title.
    public var title: String
    /// The details.
    public var details: Details

    /// Creates the description of a problem.
    ///
    /// - Parameters: The properties of the same names.
    public init(name: String, title: String, details: Details) {
        self.name = name
        self.title = title
        self.details = details
    }

    /// Whether this is a classification problem.
    public var isClassification: Bool {
        if case .classification = details { return true }
        return false
    }

    /// The test function, for a function problem.
    public var functionProblem: FunctionProblem? {
        if case .function(let problem, _) = details { return problem }
        return nil
    }

    /// The target training loss (classification) or the tolerance on f − f* (functions).
    public var target: Double {
        switch details {
        case .classification(_, _, _, let targetLoss, _, _, _, _, _): targetLoss
        case .function(let problem, _): problem.tolerance
        }
    }

    /// The published reference result, if any.
    public var reference: ReferenceResult? {
        if case .classification(_, _, _, _, _, _, _, _, let reference) = details { return reference }
        return nil
    }
}
