import _LayerwiseKernels

/// One single-precision Adam update of a parameter buffer, split into runs of elements that
/// threads of the ``ComputeThreadPool`` update independently.
///
/// Each element's update reads and writes only that element, so the split never changes a
/// result. Runs are whole multiples of 16 elements (a 64-byte cache line when the buffers
/// are aligned alike), so two threads rarely write the same line.
struct AdamUpdatePartition: @unchecked Sendable {
    let count: Int
    let value: UnsafeMutablePointer<Float>
    let gradient: UnsafePointer<Float>
    let exponentialAverage: UnsafeMutablePointer<Float>
    let exponentialAverageOfSquares: UnsafeMutablePointer<Float>
    /// v̂, with AMSGrad only.
    let maximumExponentialAverageOfSquares: UnsafeMutablePointer<Float>?
    let constants: _AdamUpdateConstants<Float>
    /// The C kernel's constants (without `amsgrad`, which `maximumExponentialAverageOfSquares` carries).
    let kernelConstants: LWKAdamConstants
    /// Whether the C vector kernel runs (otherwise the Swift loop).
    let usesVectorKernel: Bool
    let kernel: _GEMMKernel
    /// How many runs the buffer is split into.
    let parts: Int

    /// Buffers shorter than this are updated by one thread: each part of a split costs about
    /// a microsecond of hand-over, the update of 8 192 elements about two.
    static let minimumElementsPerPart = 8192

    init(
        count: Int, value: UnsafeMutablePointer<Float>, gradient: UnsafePointer<Float>,
        exponentialAverage: UnsafeMutablePointer<Float>, exponentialAverageOfSquares: UnsafeMutablePointer<Float>,
        maximumExponentialAverageOfSquares: UnsafeMutablePointer<Float>?,
        constants: _AdamUpdateConstants<Float>, kernel: _GEMMKernel, threads: Int
    ) {
        self.count = count
        self.value = value
        self.gradient = gradient
        self.exponentialAverage = exponentialAverage
        self.exponentialAverageOfSquares = exponentialAverageOfSquares
        self.maximumExponentialAverageOfSquares = maximumExponentialAverageOfSquares
        self.constants = constants
        kernelConstants = LWKAdamConstants(
            stepSize: constants.stepSize, biasCorrection2Root: constants.biasCorrection2Root,
            beta1: constants.beta1, oneMinusBeta1: constants.oneMinusBeta1,
            beta2: constants.beta2, oneMinusBeta2: constants.oneMinusBeta2,
            epsilon: constants.epsilon, l2Penalty: constants.l2Penalty)
        usesVectorKernel = lwk_adam_is_available(kernel.cKernel) != 0
        self.kernel = kernel
        parts = max(1, min(threads, count / Self.minimumElementsPerPart))
    }

    /// Updates every element, on up to ``parts`` threads.
    func run() {
        if parts > 1 {
            ComputeThreadPool.shared.run(.adamUpdate(self), parts: parts)
        } else {
            computePart(0)
        }
    }

    /// Updates run `index` of ``parts``.
    func computePart(_ index: Int) {
        let granules = (count + 15) / 16
        let start = min(index * granules / parts * 16, count)
        let end = min((index + 1) * granules / parts * 16, count)
        guard start < end else { return }
        let vMax = maximumExponentialAverageOfSquares.map { $0 + start }
        if usesVectorKernel {
            withUnsafePointer(to: kernelConstants) { constants in
                lwk_adam_update(
                    kernel.cKernel, end - start, value + start, gradient + start, exponentialAverage + start,
                    exponentialAverageOfSquares + start, vMax, constants)
            }
        } else {
            adamUpdateLoop(
                count: end - start, value: value + start, gradient: gradient + start,
                exponentialAverage: exponentialAverage + start,
                exponentialAverageOfSquares: exponentialAverageOfSquares + start,
                maximumExponentialAverageOfSquares: vMax, constants: constants, vector: SIMD4<Float>.self)
        }
    }
}
