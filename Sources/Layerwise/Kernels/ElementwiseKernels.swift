/// Whole-buffer element-wise kernels that `TensorScalar` types provide: the loops of the
/// training step around the matrix products (bias, ReLU, softmax cross-entropy, Adam) and of
/// tensor arithmetic.
///
/// An implementation detail, like `_TensorKernels`: generic layer code calls one of these per
/// buffer, and `Float` and `Double` implement each with a concrete loop over the buffer, so
/// nothing per element goes through a protocol witness. Each kernel writes into an array
/// passed `inout`; the array is overwritten in place when it is uniquely referenced (otherwise
/// it is copied first, as any mutation of a shared array is). Only `Float` and `Double` conform.
public protocol _ElementwiseKernels {
    /// `buffer[i] = value` for every i.
    static func _fill(_ buffer: inout [Self], with value: Self)

    /// Removes elements at the end (keeping the capacity) or appends zeros, so that
    /// `buffer.count == count`. (Growing an array from generic code allocates once per element.)
    static func _resize(_ buffer: inout [Self], to count: Int)

    /// `buffer[i] += addend[i]`. - Precondition: equal counts.
    static func _add(_ addend: [Self], to buffer: inout [Self])

    /// `buffer[i] -= subtrahend[i]`. - Precondition: equal counts.
    static func _subtract(_ subtrahend: [Self], from buffer: inout [Self])

    /// `buffer[i] *= factor[i]`. - Precondition: equal counts.
    static func _multiply(_ buffer: inout [Self], by factor: [Self])

    /// `buffer[i] *= scale`.
    static func _scale(_ buffer: inout [Self], by scale: Self)

    /// Every row of the row-major `matrix` (`matrix.count / row.count` rows) set to `row`.
    /// - Precondition: `row` is not empty and `matrix.count` is a multiple of `row.count`.
    static func _broadcastRow(_ row: [Self], into matrix: inout [Self])

    /// `sums[j] += Σᵢ matrix[i, j]` over the rows of the row-major `matrix` (`sums.count`
    /// columns), each sum taken in row order.
    /// - Precondition: `sums` is not empty and `matrix.count` is a multiple of `sums.count`.
    static func _addColumnSums(of matrix: [Self], into sums: inout [Self])

    /// `output[i] = max(0, input[i])`, NaN for NaN (as PyTorch). - Precondition: equal counts.
    static func _relu(_ input: [Self], into output: inout [Self])

    /// `gradInput[i] = gradOutput[i] · 𝟙[¬(output[i] ≤ 0)]` (a multiply by the 0/1 mask, so NaN
    /// gradients propagate): ReLU's backward from its output, as PyTorch's `threshold_backward`
    /// (`y ≤ 0` exactly when `x ≤ 0`; a NaN output passes the gradient through).
    /// - Precondition: equal counts.
    static func _reluBackward(_ gradOutput: [Self], output: [Self], into gradInput: inout [Self])

    /// Softmax cross-entropy of `[rows, classCount]` logits against class indices, in one pass
    /// per row: writes ∂loss/∂logits into `gradient` (same count as `logits`) and returns the
    /// loss. The formulas are `SoftmaxCrossEntropy`'s; `classWeights` is empty for all 1,
    /// `ignoreIndex` is a label whose rows count for nothing (pass `Int.min` for none), and
    /// `meanReduction` divides by the total weight of the rows that are not ignored.
    /// - Precondition: counts fit `labels.count` rows of `classCount`; every label not equal to
    ///   `ignoreIndex` is in `0..<classCount` (checked by the caller).
    static func _softmaxCrossEntropy(
        logits: [Self], classCount: Int, labels: [Int], classWeights: [Self], ignoreIndex: Int,
        labelSmoothing: Self, meanReduction: Bool, gradient: inout [Self]) -> Self

    /// One Adam update of a parameter buffer, in one pass (see `Adam`):
    /// g ← g + λ·θ (if λ ≠ 0); m ← β₁·m + (1 − β₁)·g; v ← β₂·v + (1 − β₂)·g²;
    /// v̂ ← max(v̂, v) and v̂ in place of v below (AMSGrad, if `constants.amsgrad`);
    /// θ ← θ − stepSize·m/(√v / biasCorrection2Root + ε).
    /// - Precondition: equal counts (`maximumExponentialAverageOfSquares` is only used, and
    ///   only checked, with AMSGrad).
    static func _adamUpdate(
        _ value: inout [Self], gradient: [Self], exponentialAverage: inout [Self],
        exponentialAverageOfSquares: inout [Self], maximumExponentialAverageOfSquares: inout [Self],
        constants: _AdamUpdateConstants<Self>)
}

// MARK: - The loops, written once and specialized for Float and Double below.

@inline(__always)
func requireEqualCounts(_ a: Int, _ b: Int, _ kernel: StaticString) {
    checkPrecondition(a == b, "\(kernel): buffers of \(a) and \(b) elements")
}

@inline(__always)
func copyKernel<Scalar: TensorScalar>(_ source: [Scalar], into buffer: inout [Scalar]) {
    requireEqualCounts(source.count, buffer.count, "copy")
    source.withUnsafeBufferPointer { x in
        buffer.withUnsafeMutableBufferPointer { y in
            if let from = x.baseAddress, let to = y.baseAddress { to.update(from: from, count: y.count) }
        }
    }
}

@inline(__always)
func fillKernel<Scalar: TensorScalar>(_ buffer: inout [Scalar], with value: Scalar) {
    buffer.withUnsafeMutableBufferPointer { $0.update(repeating: value) }
}

@inline(__always)
func resizeKernel<Scalar: TensorScalar>(_ buffer: inout [Scalar], to count: Int) {
    let difference = count - buffer.count
    if difference < 0 {
        buffer.removeLast(-difference)
    } else if difference > 0 {
        buffer.append(contentsOf: repeatElement(0, count: difference))
    }
}

@inline(__always)
func addKernel<Scalar: TensorScalar>(_ addend: [Scalar], to buffer: inout [Scalar]) {
    requireEqualCounts(addend.count, buffer.count, "add")
    addend.withUnsafeBufferPointer { b in
        buffer.withUnsafeMutableBufferPointer { a in
            for i in 0..<a.count { a[i] += b[i] }
        }
    }
}

@inline(__always)
func subtractKernel<Scalar: TensorScalar>(_ subtrahend: [Scalar], from buffer: inout [Scalar]) {
    requireEqualCounts(subtrahend.count, buffer.count, "subtract")
    subtrahend.withUnsafeBufferPointer { b in
        buffer.withUnsafeMutableBufferPointer { a in
            for i in 0..<a.count { a[i] -= b[i] }
        }
    }
}

@inline(__always)
func multiplyKernel<Scalar: TensorScalar>(_ buffer: inout [Scalar], by factor: [Scalar]) {
    requireEqualCounts(factor.count, buffer.count, "multiply")
    factor.withUnsafeBufferPointer { b in
        buffer.withUnsafeMutableBufferPointer { a in
            for i in 0..<a.count { a[i] *= b[i] }
        }
    }
}

@inline(__always)
func scaleKernel<Scalar: TensorScalar>(_ buffer: inout [Scalar], by scale: Scalar) {
    buffer.withUnsafeMutableBufferPointer { a in
        for i in 0..<a.count { a[i] *= scale }
    }
}

@inline(__always)
func broadcastRowKernel<Scalar: TensorScalar>(_ row: [Scalar], into matrix: inout [Scalar]) {
    let columns = row.count
    checkPrecondition(
        columns > 0 && matrix.count % columns == 0,
        "broadcastRow: a row of \(columns) elements does not tile \(matrix.count) elements")
    row.withUnsafeBufferPointer { b in
        matrix.withUnsafeMutableBufferPointer { y in
            guard let source = b.baseAddress, let destination = y.baseAddress else { return }
            for i in 0..<(y.count / columns) {
                (destination + i &* columns).update(from: source, count: columns)
            }
        }
    }
}

@inline(__always)
func addColumnSumsKernel<Scalar: TensorScalar>(of matrix: [Scalar], into sums: inout [Scalar]) {
    let columns = sums.count
    checkPrecondition(
        columns > 0 && matrix.count % columns == 0,
        "addColumnSums: \(columns) columns do not divide \(matrix.count) elements")
    matrix.withUnsafeBufferPointer { g in
        sums.withUnsafeMutableBufferPointer { s in
            // Row by row, so the inner loop runs over contiguous columns; each column's sum
            // still accumulates its rows in order.
            for i in 0..<(g.count / columns) {
                let row = i &* columns
                for j in 0..<columns { s[j] += g[row &+ j] }
            }
        }
    }
}

/// The first non-finite element of `buffer` (exponent bits all ones: NaN or ±∞), or nil.
///
/// The exponent field of |x|'s bits is maximal exactly for non-finite x, so the maximum of
/// `bits & 0x7FFF_FFFF` over a block reaches 0x7F80_0000 exactly when the block holds one; an
/// integer maximum vectorizes (a floating-point reduction may not be reordered), and only a
/// block that holds one is searched element by element.
func firstNonFiniteIndex(in buffer: [Float]) -> Int? {
    buffer.withUnsafeBufferPointer { x in
        x.withMemoryRebound(to: UInt32.self) { bits in
            firstIndexOfMaximalExponent(bits, magnitudeMask: 0x7FFF_FFFF, exponentMask: 0x7F80_0000)
        }
    }
}

/// The first non-finite element of `buffer`, or nil (as the `Float` version, with 64-bit masks).
func firstNonFiniteIndex(in buffer: [Double]) -> Int? {
    buffer.withUnsafeBufferPointer { x in
        x.withMemoryRebound(to: UInt64.self) { bits in
            firstIndexOfMaximalExponent(
                bits, magnitudeMask: 0x7FFF_FFFF_FFFF_FFFF, exponentMask: 0x7FF0_0000_0000_0000)
        }
    }
}

/// The first i with `bits[i] & exponentMask == exponentMask`, scanning blocks of 512 by their
/// maximum magnitude bits first.
@inline(__always)
func firstIndexOfMaximalExponent<Bits: FixedWidthInteger & UnsignedInteger>(
    _ bits: UnsafeBufferPointer<Bits>, magnitudeMask: Bits, exponentMask: Bits
) -> Int? {
    var start = 0
    while start < bits.count {
        let end = min(start &+ 512, bits.count)
        var largest: Bits = 0
        for i in start..<end { largest = max(largest, bits[i] & magnitudeMask) }
        if largest >= exponentMask {
            for i in start..<end where bits[i] & exponentMask == exponentMask { return i }
        }
        start = end
    }
    return nil
}

@inline(__always)
func reluKernel<Scalar: TensorScalar>(_ input: [Scalar], into output: inout [Scalar]) {
    requireEqualCounts(input.count, output.count, "relu")
    input.withUnsafeBufferPointer { x in
        output.withUnsafeMutableBufferPointer { y in
            // `x ≤ 0` is false for NaN, so NaN passes through as in PyTorch.
            for i in 0..<y.count { y[i] = x[i] <= 0 ? 0 : x[i] }
        }
    }
}

@inline(__always)
func reluBackwardKernel<Scalar: TensorScalar>(
    _ gradOutput: [Scalar], output: [Scalar], into gradInput: inout [Scalar]
) {
    requireEqualCounts(gradOutput.count, output.count, "reluBackward")
    requireEqualCounts(gradOutput.count, gradInput.count, "reluBackward")
    gradOutput.withUnsafeBufferPointer { dy in
        output.withUnsafeBufferPointer { y in
            gradInput.withUnsafeMutableBufferPointer { dx in
                // A multiply by the 0/1 mask, not a select: a NaN in ∂L/∂y propagates, as
                // through ∂L/∂y·f′(x) for any other activation (and unconditional loads let
                // the loop vectorize).
                for i in 0..<dx.count {
                    let mask: Scalar = y[i] <= 0 ? 0 : 1
                    dx[i] = dy[i] * mask
                }
            }
        }
    }
}

/// Checks the buffers of an Adam update and passes their base addresses to `update`
/// (`maximumExponentialAverageOfSquares` only with AMSGrad, otherwise nil).
@inline(__always)
func withAdamBuffers<Scalar: TensorScalar>(
    _ value: inout [Scalar], gradient: [Scalar], exponentialAverage: inout [Scalar],
    exponentialAverageOfSquares: inout [Scalar], maximumExponentialAverageOfSquares: inout [Scalar],
    amsgrad: Bool,
    _ update: (
        _ count: Int, _ value: UnsafeMutablePointer<Scalar>, _ gradient: UnsafePointer<Scalar>,
        _ m: UnsafeMutablePointer<Scalar>, _ v: UnsafeMutablePointer<Scalar>, _ vMax: UnsafeMutablePointer<Scalar>?
    ) -> Void
) {
    let count = value.count
    requireEqualCounts(gradient.count, count, "adamUpdate")
    requireEqualCounts(exponentialAverage.count, count, "adamUpdate")
    requireEqualCounts(exponentialAverageOfSquares.count, count, "adamUpdate")
    if amsgrad { requireEqualCounts(maximumExponentialAverageOfSquares.count, count, "adamUpdate") }
    guard count > 0 else { return }
    value.withUnsafeMutableBufferPointer { theta in
        gradient.withUnsafeBufferPointer { gradient in
            exponentialAverage.withUnsafeMutableBufferPointer { m in
                exponentialAverageOfSquares.withUnsafeMutableBufferPointer { v in
                    maximumExponentialAverageOfSquares.withUnsafeMutableBufferPointer { vMax in
                        update(
                            count, theta.baseAddress!, gradient.baseAddress!, m.baseAddress!, v.baseAddress!,
                            amsgrad ? vMax.baseAddress! : nil)
                    }
                }
            }
        }
    }
}

/// The Adam update of `count` elements at the given addresses, in one pass (see
/// `_ElementwiseKernels._adamUpdate`); v̂ is updated and used when `vMax` is not nil.
///
/// A vector (four floats, two doubles) at a time without AMSGrad: the compiler does not
/// vectorize the scalar loop (its cost model for the default x86-64 target rejects vector
/// square roots; see SquareRootVector). Each lane does the scalar loop's operations in its
/// order, so the result is the same to the bit, and so is the result of the C vector kernel
/// (`lwk_adam_update`), which `Float` uses where the CPU has AVX2 or AVX-512.
@inline(__always)
func adamUpdateLoop<Scalar: TensorScalar, Vector: SquareRootVector>(
    count: Int, value theta: UnsafeMutablePointer<Scalar>, gradient: UnsafePointer<Scalar>,
    exponentialAverage m: UnsafeMutablePointer<Scalar>, exponentialAverageOfSquares v: UnsafeMutablePointer<Scalar>,
    maximumExponentialAverageOfSquares vMax: UnsafeMutablePointer<Scalar>?,
    constants k: _AdamUpdateConstants<Scalar>, vector: Vector.Type
) where Vector.Scalar == Scalar {
    let vectorEnd = vMax != nil ? 0 : count - count % Vector.scalarCount
    var i = 0
    while i < vectorEnd {
        let thetaI = load(Vector.self, theta, i)
        var g = load(Vector.self, gradient, i)
        if k.l2Penalty != 0 { g += k.l2Penalty * thetaI }
        let mi = k.beta1 * load(Vector.self, m, i) + k.oneMinusBeta1 * g
        let vi = k.beta2 * load(Vector.self, v, i) + k.oneMinusBeta2 * g * g
        store(mi, m, i)
        store(vi, v, i)
        let denominator = vi.squareRootOfEachLane() / k.biasCorrection2Root + k.epsilon
        store(thetaI + -k.stepSize * (mi / denominator), theta, i)
        i &+= Vector.scalarCount
    }
    while i < count {
        var g = gradient[i]
        if k.l2Penalty != 0 { g += k.l2Penalty * theta[i] }
        let mi = k.beta1 * m[i] + k.oneMinusBeta1 * g
        let vi = k.beta2 * v[i] + k.oneMinusBeta2 * g * g
        m[i] = mi
        v[i] = vi
        var secondMoment = vi
        if let vMax {
            secondMoment = max(vMax[i], vi)
            vMax[i] = secondMoment
        }
        let denominator = secondMoment.squareRoot() / k.biasCorrection2Root + k.epsilon
        theta[i] += -k.stepSize * (mi / denominator)
        i &+= 1
    }
}

/// The vector of `Vector.scalarCount` elements from `base + i` (no alignment needed).
@inline(__always)
func load<Vector: SIMD>(_: Vector.Type, _ base: UnsafePointer<Vector.Scalar>, _ i: Int) -> Vector {
    UnsafeRawPointer(base + i).loadUnaligned(as: Vector.self)
}

/// The vector of `Vector.scalarCount` elements from `base + i` (no alignment needed).
@inline(__always)
func load<Vector: SIMD>(_: Vector.Type, _ base: UnsafeMutablePointer<Vector.Scalar>, _ i: Int) -> Vector {
    UnsafeRawPointer(base + i).loadUnaligned(as: Vector.self)
}

/// Stores `vector` at `base + i` (no alignment needed).
@inline(__always)
func store<Vector: SIMD>(_ vector: Vector, _ base: UnsafeMutablePointer<Vector.Scalar>, _ i: Int) {
    UnsafeMutableRawPointer(base + i).storeBytes(of: vector, as: Vector.self)
}
