/// Summary statistics of a batch of activations or gradients: a tensor `[N, …]` whose first axis
/// runs over the N examples of the batch, with U = count/N units (features) per example.
///
/// Over the n finite elements x₁ … xₙ (NaN and ±∞ are counted apart, in `nonFiniteCount`):
///
///     mean                μ = Σᵢ xᵢ / n
///     standard deviation  σ = √(Σᵢ (xᵢ − μ)² / n)           (the population form, n not n − 1)
///     zero fraction       #{i : xᵢ = 0} / n
///     dead units          #{u : x[e, u] = 0 for every example e of the batch}   (of U)
///     saturated fraction  #{i : xᵢ within m·(hi − lo) of a bound} / n   (Sigmoid, Tanh, …)
///
/// A dead unit of a ReLU layer outputs zero for every example, so it passes no gradient back
/// and its incoming weights stop learning. A saturated Sigmoid or Tanh output sits on a flat
/// part of the function (derivative 1 − y² ≤ 0.04 for |y| ≥ 0.98), so it passes almost no
/// gradient back either. The histogram shows the whole distribution.
public struct TensorStatistics: Sendable, Equatable {
    /// The shape of the tensor.
    public let shape: [Int]
    /// μ, the mean of the finite elements.
    public let mean: Double
    /// σ, the population standard deviation of the finite elements.
    public let standardDeviation: Double
    /// The smallest finite element (+∞ if there is none).
    public let minimum: Double
    /// The largest finite element (−∞ if there is none).
    public let maximum: Double
    /// The fraction of all elements that are exactly zero.
    public let zeroFraction: Double
    /// U, the number of units per example: the product of the shape after the first axis.
    public let unitCount: Int
    /// The number of units that are zero for every example of the batch.
    public let deadUnitCount: Int
    /// The fraction of elements within the saturation margin of a bound of `saturationRange`,
    /// or nil when no saturating range was given.
    public let saturatedFraction: Double?
    /// The number of NaN and infinite elements.
    public let nonFiniteCount: Int
    /// The distribution of the elements.
    public let histogram: Histogram

    /// Computes the statistics of `tensor`.
    ///
    /// - Parameters:
    ///   - tensor: A batch `[N, …]` (a rank-1 tensor counts as N examples of one unit).
    ///   - binCount: The number of histogram bins.
    ///   - histogramRange: The range of the histogram; nil for [minimum, maximum] of the data.
    ///   - saturationRange: The output range of the layer that produced `tensor`; the saturated
    ///     fraction is computed when it saturates (Sigmoid, Tanh, Softsign, Hardtanh).
    ///   - saturationMargin: m, the band next to each bound, as a fraction of the range's width
    ///     (1 % by default).
    /// - Complexity: O(count + binCount).
    public init<Scalar: TensorScalar>(
        _ tensor: Tensor<Scalar>, binCount: Int = 20, histogramRange: ClosedRange<Double>? = nil,
        saturationRange: OutputRange? = nil, saturationMargin: Double = 0.01
    ) {
        let values = tensor.scalars.map { Double($0) }
        let finite = values.filter(\.isFinite)
        let n = Double(finite.count)
        let mean = finite.reduce(0, +) / n
        let variance = finite.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        let minimum = finite.min() ?? .infinity
        let maximum = finite.max() ?? -.infinity

        let examples = tensor.rank == 0 ? 1 : tensor.shape[0]
        let units = examples == 0 ? 0 : tensor.count / examples
        var unitIsAlive = Array(repeating: false, count: units)
        for (position, value) in values.enumerated() where value != 0 {
            unitIsAlive[position % units] = true
        }

        var saturatedFraction: Double?
        if let saturationRange, saturationRange.saturates {
            let saturated = finite.reduce(0) { $0 + (saturationRange.isSaturated($1, margin: saturationMargin) ? 1 : 0) }
            saturatedFraction = Double(saturated) / Double(values.count)
        }

        self.shape = tensor.shape
        self.mean = mean
        self.standardDeviation = variance.squareRoot()
        self.minimum = minimum
        self.maximum = maximum
        self.zeroFraction = Double(values.count(where: { $0 == 0 })) / Double(values.count)
        self.unitCount = units
        self.deadUnitCount = unitIsAlive.count(where: { !$0 })
        self.saturatedFraction = saturatedFraction
        self.nonFiniteCount = values.count - finite.count
        self.histogram = Histogram(
            values, binCount: binCount,
            range: histogramRange ?? (finite.isEmpty ? 0...0 : minimum...maximum))
    }

    /// The fraction of units that are dead: deadUnitCount / U (NaN for U = 0).
    public var deadUnitFraction: Double { Double(deadUnitCount) / Double(unitCount) }

    /// The largest magnitude max(|minimum|, |maximum|) of the finite elements.
    public var maximumMagnitude: Double { max(minimum.magnitude, maximum.magnitude) }
}
