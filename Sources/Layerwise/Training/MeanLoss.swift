/// The mean loss per example over an epoch, accumulated from the mean losses of batches of
/// different sizes.
///
/// Each batch's value is weighted by its number of examples, so a short last batch counts for
/// what it holds:
///
///     mean = Σ_b nᵦ·ℓᵦ / Σ_b nᵦ
///
/// For a loss with `.mean` reduction (ℓᵦ the mean over the batch's examples) this is exactly the
/// mean loss over all examples.
///
/// ```swift
/// var epochLoss = MeanLoss()
/// for (input, labels) in batches {
///     let (value, gradient) = loss(model.forward(input, mode: .training), target: .classes(labels))
///     epochLoss.add(value, count: labels.count)
///     …
/// }
/// print(epochLoss.value)
/// ```
public struct MeanLoss: Sendable, Equatable, CustomStringConvertible {
    /// Σ nᵦ·ℓᵦ, the weighted sum of the values so far.
    public private(set) var weightedSum = 0.0
    /// Σ nᵦ, the number of examples so far.
    public private(set) var count = 0

    /// An empty accumulator.
    public init() {}

    /// Σ nᵦ·ℓᵦ / Σ nᵦ; NaN before any example.
    public var value: Double {
        weightedSum / Double(count)
    }

    /// Adds the mean loss of a batch.
    ///
    /// - Parameters:
    ///   - loss: ℓᵦ, the batch's mean loss.
    ///   - count: nᵦ, the number of examples in the batch.
    /// - Precondition: `count ≥ 0`.
    public mutating func add(_ loss: some BinaryFloatingPoint, count: Int) {
        checkPrecondition(count >= 0, "MeanLoss: the batch size must not be negative, got \(count)")
        weightedSum += Double(loss) * Double(count)
        self.count += count
    }

    /// The mean and the number of examples: "0.1234 over 360 examples".
    public var description: String {
        "\(formatFixed(value, decimals: 4)) over \(count) examples"
    }
}
