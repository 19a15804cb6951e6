extension GradientCheckReport {
    /// The comparison of analytic and numeric gradients for one tensor: the input, the
    /// prediction of a loss, or one named parameter.
    public struct TensorResult: Sendable, Hashable {
        /// `"input"`, `"prediction"`, or the parameter's name (`"weight"`, `"0.bias"`).
        public var name: String

        /// The shape of the tensor.
        public var shape: [Int]

        /// The number of elements compared (skipped elements excluded).
        public var checked: Int

        /// The number of elements excluded because f is not smooth there at the scale of the
        /// stencil and that explains their discrepancy. Only elements that would otherwise fail
        /// are tested for smoothness.
        public var skipped: Int

        /// The largest relative error |a − n| / max(|a|, |n|, floor) over the checked
        /// elements; 0 when none was checked, infinity when a gradient was not finite.
        public var worstRelativeError: Double

        /// The multi-dimensional index of the element with the worst relative error; `nil`
        /// when no element was checked.
        public var worstIndex: [Int]?

        /// The analytic gradient (from backward) at `worstIndex`.
        public var analyticAtWorst: Double

        /// The numeric gradient (finite differences) at `worstIndex`.
        public var numericAtWorst: Double

        /// The largest |a − n| over the checked elements.
        public var maxAbsoluteError: Double

        /// For parameters, the largest relative error between the increment of `gradient`
        /// made by a second backward pass onto the first one's gradients and the first one's
        /// gradients: backward must *add* to `gradient`, not overwrite it. `nil` for inputs.
        public var accumulationError: Double?

        /// The threshold the errors are compared with.
        public var tolerance: Double

        /// The floor of the relative error used for this tensor: the configured floor, or more
        /// when rounding limits what the stencil can resolve (resolution/tolerance, with
        /// resolution = 1.5/h · u · Σ|terms of f|, u the unit roundoff of the scalar type).
        public var floor: Double

        /// Whether the worst relative error, and the accumulation error for a parameter, are
        /// at most `tolerance`.
        public var passed: Bool {
            worstRelativeError <= tolerance && (accumulationError ?? 0) <= tolerance
        }

        /// Whether backward adds to the parameter's `gradient` (always `true` for inputs).
        public var accumulates: Bool {
            (accumulationError ?? 0) <= tolerance
        }
    }
}
