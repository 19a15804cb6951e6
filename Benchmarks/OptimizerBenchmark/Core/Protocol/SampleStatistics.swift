/// The mean, spread and range of a few numbers (the final runs' results over seeds).
///
///     mean = Σ xᵢ / n,   std = √(Σ (xᵢ − mean)² / (n − 1))   (the sample standard deviation)
public struct SampleStatistics: Sendable, Equatable {
    /// The number of values n.
    public let count: Int
    /// The mean; NaN for no values.
    public let mean: Double
    /// The sample standard deviation (n − 1 in the denominator); nil for fewer than two values.
    public let standardDeviation: Double?
    /// The smallest value; NaN for no values.
    public let minimum: Double
    /// The largest value; NaN for no values.
    public let maximum: Double

    /// The statistics of `values`.
    ///
    /// - Parameter values: The numbers (non-finite ones make the mean non-finite).
    public init(_ values: [Double]) {
        count = values.count
        guard !values.isEmpty else {
            mean = .nan
            standardDeviation = nil
            minimum = .nan
            maximum = .nan
            return
        }
        let mean = values.reduce(0, +) / Double(values.count)
        self.mean = mean
        if values.count >= 2 {
            let squares = values.reduce(0) { $0 + ($1 - mean) * ($1 - mean) }
            standardDeviation = (squares / Double(values.count - 1)).squareRoot()
        } else {
            standardDeviation = nil
        }
        minimum = values.min()!
        maximum = values.max()!
    }
}
