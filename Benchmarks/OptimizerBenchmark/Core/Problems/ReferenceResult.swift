/// A published figure to show beside ours (the MNIST-1D paper's MLP test accuracy).
public struct ReferenceResult: Sendable, Equatable {
    /// The test accuracy reported, in [0, 1].
    public var testAccuracy: Double
    /// Where it comes from.
    public var source: String

    /// Creates a reference.
    ///
    /// - Parameters: The properties of the same names.
    public init(testAccuracy: Double, source: String) {
        self.testAccuracy = testAccuracy
        self.source = source
    }
}
