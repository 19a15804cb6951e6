import _LayerwiseKernels

/// An optimizer's single-precision update kernel (Sources/_LayerwiseKernels/OptimizerLoops.h):
/// which optimizer, its step-level constants in the order the C header lists, the coupled
/// weight decay and the option bits.
struct OptimizerKernel {
    let optimizer: LWKOptimizer
    var constants: LWKOptimizerConstants

    /// - Parameters: the constants as the C header lists them for `optimizer` (unused ones 0).
    init<Scalar: TensorScalar>(
        _ optimizer: LWKOptimizer, weightDecay: Scalar, flags: Int32,
        _ c0: Scalar, _ c1: Scalar = 0, _ c2: Scalar = 0, _ c3: Scalar = 0, _ c4: Scalar = 0,
        _ c5: Scalar = 0, _ c6: Scalar = 0, _ c7: Scalar = 0, _ c8: Scalar = 0
    ) {
        self.optimizer = optimizer
        var values = LWKOptimizerConstants()
        values.c = (
            Float(c0), Float(c1), Float(c2), Float(c3), Float(c4), Float(c5), Float(c6), Float(c7), Float(c8), 0, 0, 0)
        values.weightDecay = Float(weightDecay)
        values.flags = flags
        self.constants = values
    }

    /// Updates `count` elements.
    @inline(__always)
    func run(
        count: Int, value: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
        _ a: UnsafeMutablePointer<Float>?, _ b: UnsafeMutablePointer<Float>?, _ c: UnsafeMutablePointer<Float>?
    ) {
        var constants = constants
        lwk_optimizer_update(KernelLevel.current, optimizer, &constants, count, value, gradient, a, b, c)
    }
}
