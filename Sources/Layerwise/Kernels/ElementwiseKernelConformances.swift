// `Float` and `Double` adopt `_ElementwiseKernels`: each requirement calls the generic loop of
// ElementwiseKernels.swift, specialized for the concrete type.

extension Float: _ElementwiseKernels {
    public static func _fill(_ buffer: inout [Float], with value: Float) { fillKernel(&buffer, with: value) }
    public static func _resize(_ buffer: inout [Float], to count: Int) { resizeKernel(&buffer, to: count) }
    public static func _add(_ addend: [Float], to buffer: inout [Float]) { addKernel(addend, to: &buffer) }
    public static func _subtract(_ subtrahend: [Float], from buffer: inout [Float]) {
        subtractKernel(subtrahend, from: &buffer)
    }
    public static func _multiply(_ buffer: inout [Float], by factor: [Float]) { multiplyKernel(&buffer, by: factor) }
    public static func _scale(_ buffer: inout [Float], by scale: Float) { scaleKernel(&buffer, by: scale) }
    public static func _broadcastRow(_ row: [Float], into matrix: inout [Float]) {
        broadcastRowKernel(row, into: &matrix)
    }
    public static func _addColumnSums(of matrix: [Float], into sums: inout [Float]) {
        addColumnSumsKernel(of: matrix, into: &sums)
    }
    public static func _relu(_ input: [Float], into output: inout [Float]) { reluKernel(input, into: &output) }
    public static func _reluBackward(_ gradOutput: [Float], output: [Float], into gradInput: inout [Float]) {
        reluBackwardKernel(gradOutput, output: output, into: &gradInput)
    }
    public static func _softmaxCrossEntropy(
        logits: [Float], classCount: Int, labels: [Int], classWeights: [Float], ignoreIndex: Int,
        labelSmoothing: Float, meanReduction: Bool, gradient: inout [Float]
    ) -> Float {
        softmaxCrossEntropyKernel(
            logits: logits, classCount: classCount, labels: labels, classWeights: classWeights,
            ignoreIndex: ignoreIndex, labelSmoothing: labelSmoothing, meanReduction: meanReduction,
            gradient: &gradient)
    }
    public static func _adamUpdate(
        _ value: inout [Float], gradient: [Float], exponentialAverage: inout [Float],
        exponentialAverageOfSquares: inout [Float], maximumExponentialAverageOfSquares: inout [Float],
        constants: _AdamUpdateConstants<Float>
    ) {
        // The C vector kernel where the CPU has one, split across threads for large buffers.
        withAdamBuffers(
            &value, gradient: gradient, exponentialAverage: &exponentialAverage,
            exponentialAverageOfSquares: &exponentialAverageOfSquares,
            maximumExponentialAverageOfSquares: &maximumExponentialAverageOfSquares, amsgrad: constants.amsgrad
        ) { count, theta, gradient, m, v, vMax in
            AdamUpdatePartition(
                count: count, value: theta, gradient: gradient, exponentialAverage: m,
                exponentialAverageOfSquares: v, maximumExponentialAverageOfSquares: vMax,
                constants: constants, kernel: .best, threads: Parallelism.threadCount
            ).run()
        }
    }
}

extension Double: _ElementwiseKernels {
    public static func _fill(_ buffer: inout [Double], with value: Double) { fillKernel(&buffer, with: value) }
    public static func _resize(_ buffer: inout [Double], to count: Int) { resizeKernel(&buffer, to: count) }
    public static func _add(_ addend: [Double], to buffer: inout [Double]) { addKernel(addend, to: &buffer) }
    public static func _subtract(_ subtrahend: [Double], from buffer: inout [Double]) {
        subtractKernel(subtrahend, from: &buffer)
    }
    public static func _multiply(_ buffer: inout [Double], by factor: [Double]) { multiplyKernel(&buffer, by: factor) }
    public static func _scale(_ buffer: inout [Double], by scale: Double) { scaleKernel(&buffer, by: scale) }
    public static func _broadcastRow(_ row: [Double], into matrix: inout [Double]) {
        broadcastRowKernel(row, into: &matrix)
    }
    public static func _addColumnSums(of matrix: [Double], into sums: inout [Double]) {
        addColumnSumsKernel(of: matrix, into: &sums)
    }
    public static func _relu(_ input: [Double], into output: inout [Double]) { reluKernel(input, into: &output) }
    public static func _reluBackward(_ gradOutput: [Double], output: [Double], into gradInput: inout [Double]) {
        reluBackwardKernel(gradOutput, output: output, into: &gradInput)
    }
    public static func _softmaxCrossEntropy(
        logits: [Double], classCount: Int, labels: [Int], classWeights: [Double], ignoreIndex: Int,
        labelSmoothing: Double, meanReduction: Bool, gradient: inout [Double]
    ) -> Double {
        softmaxCrossEntropyKernel(
            logits: logits, classCount: classCount, labels: labels, classWeights: classWeights,
            ignoreIndex: ignoreIndex, labelSmoothing: labelSmoothing, meanReduction: meanReduction,
            gradient: &gradient)
    }
    public static func _adamUpdate(
        _ value: inout [Double], gradient: [Double], exponentialAverage: inout [Double],
        exponentialAverageOfSquares: inout [Double], maximumExponentialAverageOfSquares: inout [Double],
        constants: _AdamUpdateConstants<Double>
    ) {
        withAdamBuffers(
            &value, gradient: gradient, exponentialAverage: &exponentialAverage,
            exponentialAverageOfSquares: &exponentialAverageOfSquares,
            maximumExponentialAverageOfSquares: &maximumExponentialAverageOfSquares, amsgrad: constants.amsgrad
        ) { count, theta, gradient, m, v, vMax in
            adamUpdateLoop(
                count: count, value: theta, gradient: gradient, exponentialAverage: m,
                exponentialAverageOfSquares: v, maximumExponentialAverageOfSquares: vMax,
                constants: constants, vector: SIMD2<Double>.self)
        }
    }
}
