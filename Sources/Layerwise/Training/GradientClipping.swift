/// Gradient clipping over all parameters of a model: by global L2 norm (PyTorch's
/// `torch.nn.utils.clip_grad_norm_`) and by value (`clip_grad_value_`). Call it between
/// `backward` and `Optimizer.step(_:)`.
extension Layer {
    /// The global L2 norm of the gradients of all parameters, ‖g‖ = √(Σₚ Σᵢ gₚᵢ²).
    ///
    /// Squares are summed in `Scalar`, as PyTorch sums them in the gradients' dtype, and summed
    /// again relative to the largest element when that overflows, so the norm is finite whenever
    /// it is representable. (This property visits a copy of the layer; the mutating
    /// `clipGradientNorm(maxNorm:)` computes the same norm in place.)
    public var gradientNorm: Scalar {
        var copy = self
        return copy.computeGradientNorm()
    }

    /// ‖g‖ over all parameters, visiting them in place.
    private mutating func computeGradientNorm() -> Scalar {
        var sumOfSquares: Scalar = 0
        var largest: Scalar = 0
        visitParameters { parameter in
            let (sum, magnitude) = sumOfSquaresAndLargestMagnitude(parameter.gradient.scalars)
            sumOfSquares += sum
            largest = Swift.max(largest, magnitude)
        }
        if sumOfSquares.isFinite || !largest.isFinite || largest == 0 {
            return sumOfSquares.squareRoot()
        }
        // The squares overflowed although every element is finite: ‖g‖ = m·√(Σ (g/m)²) with
        // m the largest magnitude.
        var scaledSum: Scalar = 0
        visitParameters { parameter in
            scaledSum += sumOfScaledSquares(parameter.gradient.scalars, dividedBy: largest)
        }
        return largest * scaledSum.squareRoot()
    }

    /// Rescales all gradients together so that their global L2 norm is at most `maxNorm`.
    ///
    ///     ‖g‖ = √(Σₚ Σᵢ gₚᵢ²),   c = maxNorm / (‖g‖ + 10⁻⁶),   g ← c·g  if c < 1
    ///
    /// The 10⁻⁶ guard is PyTorch's, so a norm just at `maxNorm` is scaled by a factor slightly
    /// below 1, exactly as `clip_grad_norm_` does. As in PyTorch, a NaN norm makes every
    /// gradient NaN (the factor is NaN), and an infinite one sets the finite gradients to zero.
    ///
    /// - Parameter maxNorm: The largest global norm the gradients may have.
    /// - Returns: The global norm ‖g‖ before clipping (useful to log).
    /// - Precondition: `maxNorm ≥ 0`.
    /// - Complexity: O(number of parameter elements), no allocation.
    @discardableResult
    public mutating func clipGradientNorm(maxNorm: Scalar) -> Scalar {
        checkPrecondition(maxNorm >= 0, "clipGradientNorm: maxNorm must be ≥ 0, got \(maxNorm)")
        let totalNorm = computeGradientNorm()
        let coefficient = maxNorm / (totalNorm + Scalar(1e-6))
        if !(coefficient >= 1) {
            visitParameters { parameter in parameter.gradient *= coefficient }
        }
        return totalNorm
    }

    /// Clamps every gradient element to [−limit, limit].
    ///
    ///     gₚᵢ ← min(max(gₚᵢ, −limit), limit)
    ///
    /// NaN stays NaN, as in PyTorch's `clip_grad_value_`.
    ///
    /// - Parameter limit: The largest magnitude a gradient element may have.
    /// - Precondition: `limit ≥ 0`.
    public mutating func clipGradientValues(to limit: Scalar) {
        checkPrecondition(limit >= 0, "clipGradientValues: the limit must be ≥ 0, got \(limit)")
        visitParameters { parameter in clampMagnitudes(&parameter.gradient.scalars, to: limit) }
    }
}
