import Foundation
import Layerwise

/// The two-spirals data set (Lang & Witbrock, 1988), generated from a seed: two interleaved
/// spiral arms, one per class, with Gaussian noise.
///
/// Example k has label c = k mod 2 and a position t drawn uniformly from [0, 1) along its arm:
///
///     r = t,   θ = 2π·turns·t + c·π,   (x, y) = r·(cos θ, sin θ) + σ·(n₁, n₂)
///
/// with n₁, n₂ standard normal draws. Without noise the two arms are point reflections of each
/// other through the origin.
public struct TwoSpirals: Sendable, Equatable {
    /// The number of turns of each arm.
    public var turns: Double
    /// The standard deviation σ of the noise.
    public var noise: Double

    /// Creates the generator's settings.
    ///
    /// - Parameters:
    ///   - turns: Turns per arm (default 1.5).
    ///   - noise: The noise's standard deviation σ (default 0.03).
    public init(turns: Double = 1.5, noise: Double = 0.03) {
        self.turns = turns
        self.noise = noise
    }

    /// `count` examples with features `[count, 2]` and labels 0, 1, 0, 1, ….
    ///
    /// - Parameters:
    ///   - count: The number of examples.
    ///   - generator: The source of t and of the noise; three draws per example.
    /// - Returns: The data set.
    public func makeDataset(count: Int, using generator: inout RandomGenerator) -> Dataset<Float, [Int]> {
        var features: [Float] = []
        features.reserveCapacity(2 * count)
        var labels: [Int] = []
        labels.reserveCapacity(count)
        for k in 0..<count {
            let label = k % 2
            let t = generator.nextUniform()
            let angle = 2 * Double.pi * turns * t + Double(label) * Double.pi
            let x = t * cos(angle) + noise * generator.nextNormal()
            let y = t * sin(angle) + noise * generator.nextNormal()
            features += [Float(x), Float(y)]
            labels.append(label)
        }
        return Dataset(features: Tensor(shape: [count, 2], scalars: features), labels: labels)
    }
}
