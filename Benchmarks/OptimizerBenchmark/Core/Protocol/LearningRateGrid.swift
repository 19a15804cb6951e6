import Foundation

/// The learning rates tried for an optimizer: its default times powers of ten, evenly spaced
/// on a log scale.
///
///     rates = { γ₀ · 10^e : e ∈ exponents }
///
/// The default grid is γ₀ · 10^{−1, −½, 0, ½, 1}: five rates over two decades, the default in
/// the middle.
public struct LearningRateGrid: Sendable, Equatable {
    /// The powers of ten multiplying the default, increasing; 0 (the default itself) among them.
    public var exponents: [Double]

    /// Creates a grid.
    ///
    /// - Parameter exponents: The powers of ten (default −1, −½, 0, ½, 1).
    /// - Precondition: the exponents are increasing and include 0.
    public init(exponents: [Double] = [-1, -0.5, 0, 0.5, 1]) {
        precondition(exponents.contains(0), "LearningRateGrid: the default (exponent 0) must be in the grid")
        precondition(zip(exponents, exponents.dropFirst()).allSatisfy { $0 < $1 }, "LearningRateGrid: exponents must increase")
        self.exponents = exponents
    }

    /// The learning rates around `defaultRate`, increasing.
    ///
    /// - Parameter defaultRate: The optimizer's default γ₀ (> 0).
    /// - Returns: γ₀ · 10^e for every exponent e; exactly γ₀ for e = 0.
    public func rates(around defaultRate: Double) -> [Double] {
        exponents.map { $0 == 0 ? defaultRate : defaultRate * pow(10, $0) }
    }
}
