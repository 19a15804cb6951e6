/// A classic two-variable test function for optimizers, with its gradient in closed form.
///
/// - Rosenbrock: f(x, y) = (1 − x)² + 100·(y − x²)², minimum 0 at (1, 1), at the bottom of a
///   long curved valley.
///   ∂f/∂x = −2(1 − x) − 400·x·(y − x²),  ∂f/∂y = 200·(y − x²).
/// - Beale: f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)², minimum 0 at
///   (3, 0.5), with flat plateaus and sharp ridges.
///   With rᵢ = cᵢ − x + x·yⁱ (c = 1.5, 2.25, 2.625):
///   ∂f/∂x = Σᵢ 2rᵢ·(yⁱ − 1),  ∂f/∂y = Σᵢ 2rᵢ·i·x·yⁱ⁻¹.
public enum TestFunction: String, Sendable, CaseIterable {
    /// Rosenbrock's banana function.
    case rosenbrock
    /// Beale's function.
    case beale

    /// f(x, y).
    ///
    /// - Parameters:
    ///   - x: The first coordinate.
    ///   - y: The second coordinate.
    /// - Returns: The function's value.
    public func value(_ x: Double, _ y: Double) -> Double {
        switch self {
        case .rosenbrock:
            let a = 1 - x
            let b = y - x * x
            return a * a + 100 * b * b
        case .beale:
            let r1 = 1.5 - x + x * y
            let r2 = 2.25 - x + x * y * y
            let r3 = 2.625 - x + x * y * y * y
            return r1 * r1 + r2 * r2 + r3 * r3
        }
    }

    /// (∂f/∂x, ∂f/∂y).
    ///
    /// - Parameters:
    ///   - x: The first coordinate.
    ///   - y: The second coordinate.
    /// - Returns: The gradient.
    public func gradient(_ x: Double, _ y: Double) -> (Double, Double) {
        switch self {
        case .rosenbrock:
            let b = y - x * x
            return (-2 * (1 - x) - 400 * x * b, 200 * b)
        case .beale:
            let y2 = y * y
            let y3 = y2 * y
            let r1 = 1.5 - x + x * y
            let r2 = 2.25 - x + x * y2
            let r3 = 2.625 - x + x * y3
            let dx = 2 * r1 * (y - 1) + 2 * r2 * (y2 - 1) + 2 * r3 * (y3 - 1)
            let dy = 2 * r1 * x + 2 * r2 * 2 * x * y + 2 * r3 * 3 * x * y2
            return (dx, dy)
        }
    }

    /// The global minimizer.
    public var minimizer: (x: Double, y: Double) {
        switch self {
        case .rosenbrock: (1, 1)
        case .beale: (3, 0.5)
        }
    }

    /// The minimum value, f(minimizer) = 0.
    public var minimumValue: Double { 0 }

    /// The formula, for reports.
    public var formula: String {
        switch self {
        case .rosenbrock: "f(x, y) = (1 − x)² + 100·(y − x²)²"
        case .beale: "f(x, y) = (1.5 − x + xy)² + (2.25 − x + xy²)² + (2.625 − x + xy³)²"
        }
    }
}
