extension GradientCheck {
    /// The settings of a gradient check: finite-difference step, pass threshold, and the
    /// randomness it uses.
    ///
    /// Start from the defaults for your scalar type and change what you need:
    ///
    /// ```swift
    /// var configuration = GradientCheck.Configuration(for: Double.self)
    /// configuration.seed = 7
    /// let report = GradientCheck.check(layer: layer, input: x, configuration: configuration)
    /// ```
    ///
    /// Defaults (chosen by measurement; see Docs/GradientChecking.md):
    ///
    /// | setting                   | Double         | Float          |
    /// |---------------------------|----------------|----------------|
    /// | `step` h                  | 2⁻¹⁰ ≈ 9.8e-4  | 2⁻⁷ ≈ 7.8e-3   |
    /// | `tolerance`               | 1e-6           | 5e-3           |
    /// | `floor`                   | 1e-5           | 1e-2           |
    /// | `kinkMargin`              | 1e-2           | 5e-2           |
    /// | `maximumSkippedFraction`  | 0.1            | 0.5            |
    public struct Configuration: Sendable, Hashable {
        /// The finite-difference step h. The stencil evaluates f at x ± h and x ± 2h.
        public var step: Double

        /// The largest relative error an element may have for the check to pass.
        public var tolerance: Double

        /// The smallest denominator of the relative error: an element's error is
        /// |a − n| / max(|a|, |n|, floor), so gradients much smaller than `floor` are compared
        /// in absolute terms (|a − n| ≤ tolerance·floor) instead of relative ones.
        ///
        /// The check raises it for a tensor when rounding limits what the stencil can resolve
        /// (see `GradientCheckReport.TensorResult.floor`).
        public var floor: Double

        /// How far generated inputs stay from the kinks of the layer's first element-wise
        /// function (`KinkedLayer.kinks`).
        ///
        /// Must exceed 2·step, the reach of the stencil.
        public var kinkMargin: Double

        /// The seed of the random upstream gradient g, of generated inputs, and of the element
        /// sample when `maximumElementsPerTensor` is set.
        public var seed: UInt64

        /// The range generated inputs are drawn from, uniformly.
        public var inputRange: ClosedRange<Double>

        /// Whether an element whose error exceeds `tolerance` is excluded when the function is
        /// not smooth there at the scale of the stencil (a kink hit inside a network).
        public var skipsNonSmoothElements: Bool

        /// The largest fraction of examined elements that may be skipped as non-smooth before
        /// the check fails: a check that skipped much has shown little. `Float` needs a larger
        /// step, which hits the kinks of a ReLU network far more often, hence its larger default.
        public var maximumSkippedFraction: Double

        /// Checks at most this many elements of each tensor, a seeded random sample; `nil`
        /// checks every element. Each checked element costs four forward passes.
        public var maximumElementsPerTensor: Int?

        /// Whether ∂f/∂input is checked (turn off for inputs that are not continuous, such as
        /// token indices stored as floating-point numbers).
        public var checksInputGradient: Bool

        /// The defaults for `scalarType`, with the given settings changed.
        ///
        /// - Parameters:
        ///   - scalarType: `Double.self` or `Float.self`: the type the checked code computes in.
        ///   - step: The step h; `nil` for the default of `scalarType`.
        ///   - tolerance: The pass threshold on the relative error; `nil` for the default.
        ///   - floor: The smallest denominator of the relative error; `nil` for the default.
        ///   - kinkMargin: The distance kept from kinks; `nil` for the default.
        ///   - seed: The seed of all the check's randomness.
        public init<Scalar: TensorScalar>(
            for scalarType: Scalar.Type, step: Double? = nil, tolerance: Double? = nil,
            floor: Double? = nil, kinkMargin: Double? = nil, seed: UInt64 = 0
        ) {
            let isDouble = Scalar.significandBitCount >= Double.significandBitCount
            self.step = step ?? (isDouble ? 0x1p-10 : 0x1p-7)
            self.tolerance = tolerance ?? (isDouble ? 1e-6 : 5e-3)
            self.floor = floor ?? (isDouble ? 1e-5 : 1e-2)
            self.kinkMargin = kinkMargin ?? (isDouble ? 1e-2 : 5e-2)
            self.seed = seed
            self.inputRange = -2...2
            self.skipsNonSmoothElements = true
            self.maximumSkippedFraction = isDouble ? 0.1 : 0.5
            self.maximumElementsPerTensor = nil
            self.checksInputGradient = true
        }

        /// The defaults for checks in `Double`.
        public static var double: Configuration { Configuration(for: Double.self) }

        /// The defaults for checks in `Float`.
        public static var float: Configuration { Configuration(for: Float.self) }

        /// Stops with a message naming the setting when the configuration cannot work.
        func validate() {
            checkPrecondition(
                step > 0 && step.isFinite, "GradientCheck: step must be positive, got \(step)")
            checkPrecondition(
                tolerance > 0, "GradientCheck: tolerance must be positive, got \(tolerance)")
            checkPrecondition(floor > 0, "GradientCheck: floor must be positive, got \(floor)")
            checkPrecondition(
                kinkMargin > 2 * step,
                "GradientCheck: kinkMargin \(kinkMargin) must exceed 2·step = \(2 * step), the reach of the stencil")
            checkPrecondition(
                inputRange.upperBound > inputRange.lowerBound,
                "GradientCheck: inputRange \(inputRange) is empty")
            checkPrecondition(
                (0...1).contains(maximumSkippedFraction),
                "GradientCheck: maximumSkippedFraction must be in 0...1, got \(maximumSkippedFraction)")
            if let maximumElementsPerTensor {
                checkPrecondition(
                    maximumElementsPerTensor > 0,
                    "GradientCheck: maximumElementsPerTensor must be positive, got \(maximumElementsPerTensor)")
            }
        }
    }
}
