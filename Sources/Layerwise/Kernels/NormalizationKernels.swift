// The loops of BatchNorm and LayerNorm over row-major [rows, columns] buffers, written once over
// `Scalar` and inlined into the layers' passes, which `specializedPass` compiles for Float and
// Double: each loop runs along a row (contiguous), so it vectorizes; every sum runs in a fixed
// order (rows in order for a column, columns in order for a row), whatever the caller.

/// Σⱼ term(j) for j in 0..<count, in eight interleaved partial sums (so that the sum
/// vectorizes), combined pairwise, then the tail: a fixed order for a given count.
@inline(__always)
func sumOfTerms<Scalar: TensorScalar>(count: Int, _ term: (Int) -> Scalar) -> Scalar {
    var s0: Scalar = 0, s1: Scalar = 0, s2: Scalar = 0, s3: Scalar = 0
    var s4: Scalar = 0, s5: Scalar = 0, s6: Scalar = 0, s7: Scalar = 0
    var j = 0
    while j &+ 8 <= count {
        s0 += term(j)
        s1 += term(j &+ 1)
        s2 += term(j &+ 2)
        s3 += term(j &+ 3)
        s4 += term(j &+ 4)
        s5 += term(j &+ 5)
        s6 += term(j &+ 6)
        s7 += term(j &+ 7)
        j &+= 8
    }
    var tail: Scalar = 0
    while j < count {
        tail += term(j)
        j &+= 1
    }
    return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7)) + tail
}

/// maxⱼ term(j) for j in 0..<count (0 for none), in eight interleaved partial maxima combined
/// pairwise: vectorizes, and gives the same result as a running maximum for values that are
/// not NaN.
@inline(__always)
func maximumOfTerms<Scalar: TensorScalar>(count: Int, _ term: (Int) -> Scalar) -> Scalar {
    var m0: Scalar = 0, m1: Scalar = 0, m2: Scalar = 0, m3: Scalar = 0
    var m4: Scalar = 0, m5: Scalar = 0, m6: Scalar = 0, m7: Scalar = 0
    var j = 0
    while j &+ 8 <= count {
        m0 = Swift.max(m0, term(j))
        m1 = Swift.max(m1, term(j &+ 1))
        m2 = Swift.max(m2, term(j &+ 2))
        m3 = Swift.max(m3, term(j &+ 3))
        m4 = Swift.max(m4, term(j &+ 4))
        m5 = Swift.max(m5, term(j &+ 5))
        m6 = Swift.max(m6, term(j &+ 6))
        m7 = Swift.max(m7, term(j &+ 7))
        j &+= 8
    }
    var tail: Scalar = 0
    while j < count {
        tail = Swift.max(tail, term(j))
        j &+= 1
    }
    return Swift.max(Swift.max(Swift.max(m0, m1), Swift.max(m2, m3)), Swift.max(Swift.max(m4, m5), Swift.max(m6, m7)), tail)
}

/// Per column j: meanⱼ = (1/rows)·Σᵢ xᵢⱼ and sumOfSquaresⱼ = Σᵢ (xᵢⱼ − meanⱼ)², two passes.
@inline(__always)
func columnMeansAndSquaredDeviations<Scalar: TensorScalar>(
    _ x: UnsafePointer<Scalar>, rows: Int, columns: Int,
    mean: UnsafeMutablePointer<Scalar>, sumOfSquares: UnsafeMutablePointer<Scalar>
) {
    for j in 0..<columns {
        mean[j] = 0
        sumOfSquares[j] = 0
    }
    for i in 0..<rows {
        let row = x + i &* columns
        for j in 0..<columns { mean[j] += row[j] }
    }
    let inverseCount = 1 / Scalar(rows)
    for j in 0..<columns { mean[j] *= inverseCount }
    for i in 0..<rows {
        let row = x + i &* columns
        for j in 0..<columns {
            let deviation = row[j] - mean[j]
            sumOfSquares[j] += deviation * deviation
        }
    }
}

/// x̂ᵢⱼ = (xᵢⱼ − meanⱼ)·inverseStandardDeviationⱼ and yᵢⱼ = γⱼ·x̂ᵢⱼ + βⱼ (γ = 1, β = 0 when nil).
@inline(__always)
func normalizeColumns<Scalar: TensorScalar>(
    _ x: UnsafePointer<Scalar>, rows: Int, columns: Int, mean: UnsafePointer<Scalar>,
    inverseStandardDeviation: UnsafePointer<Scalar>, scale: UnsafePointer<Scalar>?, shift: UnsafePointer<Scalar>?,
    normalized: UnsafeMutablePointer<Scalar>, output: UnsafeMutablePointer<Scalar>
) {
    for i in 0..<rows {
        let offset = i &* columns
        let row = x + offset, xHat = normalized + offset, y = output + offset
        for j in 0..<columns { xHat[j] = (row[j] - mean[j]) * inverseStandardDeviation[j] }
        if let scale, let shift {
            for j in 0..<columns { y[j] = scale[j] * xHat[j] + shift[j] }
        } else {
            for j in 0..<columns { y[j] = xHat[j] }
        }
    }
}

/// sumGradientⱼ += Σᵢ gᵢⱼ and sumGradientTimesNormalizedⱼ += Σᵢ gᵢⱼ·x̂ᵢⱼ.
@inline(__always)
func addColumnGradientSums<Scalar: TensorScalar>(
    _ g: UnsafePointer<Scalar>, normalized xHat: UnsafePointer<Scalar>, rows: Int, columns: Int,
    sumGradient: UnsafeMutablePointer<Scalar>, sumGradientTimesNormalized: UnsafeMutablePointer<Scalar>
) {
    for i in 0..<rows {
        let offset = i &* columns
        let gRow = g + offset, xRow = xHat + offset
        for j in 0..<columns {
            sumGradient[j] += gRow[j]
            sumGradientTimesNormalized[j] += gRow[j] * xRow[j]
        }
    }
}

/// BatchNorm's input gradient. Training: ∂L/∂xᵢⱼ = factorⱼ/N·(N·gᵢⱼ − Σg − x̂ᵢⱼ·Σg·x̂);
/// inference: factorⱼ·gᵢⱼ; factorⱼ = γⱼ·inverseStandardDeviationⱼ.
@inline(__always)
func batchNormInputGradient<Scalar: TensorScalar>(
    _ g: UnsafePointer<Scalar>, normalized xHat: UnsafePointer<Scalar>, rows: Int, columns: Int,
    factor: UnsafePointer<Scalar>, sumGradient: UnsafePointer<Scalar>, sumGradientTimesNormalized: UnsafePointer<Scalar>,
    training: Bool, gradInput: UnsafeMutablePointer<Scalar>
) {
    let count = Scalar(rows)
    for i in 0..<rows {
        let offset = i &* columns
        let gRow = g + offset, xRow = xHat + offset, dx = gradInput + offset
        if training {
            for j in 0..<columns {
                dx[j] = factor[j] / count * (count * gRow[j] - sumGradient[j] - xRow[j] * sumGradientTimesNormalized[j])
            }
        } else {
            for j in 0..<columns { dx[j] = factor[j] * gRow[j] }
        }
    }
}

/// LayerNorm forward, row by row: meanᵢ, σ²ᵢ (biased, two passes over the row),
/// inverseStandardDeviationᵢ = 1/√(σ²ᵢ + ε), x̂ and y = γ·x̂ + β.
@inline(__always)
func normalizeRows<Scalar: TensorScalar>(
    _ x: UnsafePointer<Scalar>, rows: Int, columns: Int, epsilon: Scalar,
    scale: UnsafePointer<Scalar>?, shift: UnsafePointer<Scalar>?,
    normalized: UnsafeMutablePointer<Scalar>, output: UnsafeMutablePointer<Scalar>,
    inverseStandardDeviation: UnsafeMutablePointer<Scalar>
) {
    let inverseCount = 1 / Scalar(columns)
    for i in 0..<rows {
        let offset = i &* columns
        let row = x + offset, xHat = normalized + offset, y = output + offset
        let mean = sumOfTerms(count: columns) { row[$0] } * inverseCount
        let variance = sumOfTerms(count: columns) { (row[$0] - mean) * (row[$0] - mean) }
        let inverse = 1 / (variance * inverseCount + epsilon).squareRoot()
        inverseStandardDeviation[i] = inverse
        for j in 0..<columns { xHat[j] = (row[j] - mean) * inverse }
        if let scale, let shift {
            for j in 0..<columns { y[j] = scale[j] * xHat[j] + shift[j] }
        } else {
            for j in 0..<columns { y[j] = xHat[j] }
        }
    }
}

/// LayerNorm backward, row by row, with ĝ = g·γ: ∂L/∂xᵢⱼ = σᵢ⁻¹/C·(C·ĝᵢⱼ − Σⱼ ĝᵢⱼ − x̂ᵢⱼ·Σⱼ ĝᵢⱼ·x̂ᵢⱼ).
@inline(__always)
func layerNormInputGradient<Scalar: TensorScalar>(
    _ g: UnsafePointer<Scalar>, normalized xHat: UnsafePointer<Scalar>, rows: Int, columns: Int,
    scale: UnsafePointer<Scalar>?, inverseStandardDeviation: UnsafePointer<Scalar>,
    gradInput: UnsafeMutablePointer<Scalar>
) {
    let count = Scalar(columns)
    for i in 0..<rows {
        let offset = i &* columns
        let gRow = g + offset, xRow = xHat + offset, dx = gradInput + offset
        let sumScaled: Scalar
        let sumScaledTimesNormalized: Scalar
        if let scale {
            sumScaled = sumOfTerms(count: columns) { gRow[$0] * scale[$0] }
            sumScaledTimesNormalized = sumOfTerms(count: columns) { gRow[$0] * scale[$0] * xRow[$0] }
        } else {
            sumScaled = sumOfTerms(count: columns) { gRow[$0] }
            sumScaledTimesNormalized = sumOfTerms(count: columns) { gRow[$0] * xRow[$0] }
        }
        let factor = inverseStandardDeviation[i] / count
        if let scale {
            for j in 0..<columns {
                dx[j] = factor * (count * (gRow[j] * scale[j]) - sumScaled - xRow[j] * sumScaledTimesNormalized)
            }
        } else {
            for j in 0..<columns { dx[j] = factor * (count * gRow[j] - sumScaled - xRow[j] * sumScaledTimesNormalized) }
        }
    }
}

// The same loops over arrays, for the layers (which keep no pointers). The output arrays must
// already have their final counts.

/// Whole-array form of `columnMeansAndSquaredDeviations`.
@inline(__always)
func columnMeansAndSquaredDeviations<Scalar: TensorScalar>(
    _ x: [Scalar], rows: Int, columns: Int, mean: inout [Scalar], sumOfSquares: inout [Scalar]
) {
    checkPrecondition(x.count == rows * columns && mean.count == columns && sumOfSquares.count == columns, "normalization: buffer sizes")
    x.withUnsafeBufferPointer { x in
        mean.withUnsafeMutableBufferPointer { mean in
            sumOfSquares.withUnsafeMutableBufferPointer { sums in
                columnMeansAndSquaredDeviations(
                    x.baseAddress!, rows: rows, columns: columns, mean: mean.baseAddress!, sumOfSquares: sums.baseAddress!)
            }
        }
    }
}

/// Whole-array form of `normalizeColumns` (`scale` and `shift` both given or both nil).
@inline(__always)
func normalizeColumns<Scalar: TensorScalar>(
    _ x: [Scalar], rows: Int, columns: Int, mean: [Scalar], inverseStandardDeviation: [Scalar],
    scale: [Scalar]?, shift: [Scalar]?, normalized: inout [Scalar], output: inout [Scalar]
) {
    checkPrecondition(
        x.count == rows * columns && normalized.count == x.count && output.count == x.count && mean.count == columns
            && inverseStandardDeviation.count == columns && (scale?.count ?? columns) == columns && (shift?.count ?? columns) == columns,
        "normalization: buffer sizes")
    x.withUnsafeBufferPointer { x in
        mean.withUnsafeBufferPointer { mean in
            inverseStandardDeviation.withUnsafeBufferPointer { inverse in
                withOptionalPointers(scale, shift) { scale, shift in
                    normalized.withUnsafeMutableBufferPointer { normalized in
                        output.withUnsafeMutableBufferPointer { output in
                            guard let x = x.baseAddress else { return }
                            normalizeColumns(
                                x, rows: rows, columns: columns, mean: mean.baseAddress!,
                                inverseStandardDeviation: inverse.baseAddress!, scale: scale, shift: shift,
                                normalized: normalized.baseAddress!, output: output.baseAddress!)
                        }
                    }
                }
            }
        }
    }
}

/// Whole-array form of `addColumnGradientSums`.
@inline(__always)
func addColumnGradientSums<Scalar: TensorScalar>(
    _ g: [Scalar], normalized: [Scalar], rows: Int, columns: Int,
    sumGradient: inout [Scalar], sumGradientTimesNormalized: inout [Scalar]
) {
    checkPrecondition(
        g.count == rows * columns && normalized.count == g.count && sumGradient.count == columns
            && sumGradientTimesNormalized.count == columns,
        "normalization: buffer sizes")
    g.withUnsafeBufferPointer { g in
        normalized.withUnsafeBufferPointer { xHat in
            sumGradient.withUnsafeMutableBufferPointer { sumGradient in
                sumGradientTimesNormalized.withUnsafeMutableBufferPointer { sumTimes in
                    guard let g = g.baseAddress else { return }
                    addColumnGradientSums(
                        g, normalized: xHat.baseAddress!, rows: rows, columns: columns,
                        sumGradient: sumGradient.baseAddress!, sumGradientTimesNormalized: sumTimes.baseAddress!)
                }
            }
        }
    }
}

/// Whole-array form of `batchNormInputGradient`.
@inline(__always)
func batchNormInputGradient<Scalar: TensorScalar>(
    _ g: [Scalar], normalized: [Scalar], rows: Int, columns: Int, factor: [Scalar], sumGradient: [Scalar],
    sumGradientTimesNormalized: [Scalar], training: Bool, gradInput: inout [Scalar]
) {
    checkPrecondition(
        g.count == rows * columns && normalized.count == g.count && gradInput.count == g.count && factor.count == columns
            && sumGradient.count == columns && sumGradientTimesNormalized.count == columns,
        "normalization: buffer sizes")
    g.withUnsafeBufferPointer { g in
        normalized.withUnsafeBufferPointer { xHat in
            factor.withUnsafeBufferPointer { factor in
                sumGradient.withUnsafeBufferPointer { sumGradient in
                    sumGradientTimesNormalized.withUnsafeBufferPointer { sumTimes in
                        gradInput.withUnsafeMutableBufferPointer { dx in
                            guard let g = g.baseAddress else { return }
                            batchNormInputGradient(
                                g, normalized: xHat.baseAddress!, rows: rows, columns: columns, factor: factor.baseAddress!,
                                sumGradient: sumGradient.baseAddress!, sumGradientTimesNormalized: sumTimes.baseAddress!,
                                training: training, gradInput: dx.baseAddress!)
                        }
                    }
                }
            }
        }
    }
}

/// Whole-array form of `normalizeRows`.
@inline(__always)
func normalizeRows<Scalar: TensorScalar>(
    _ x: [Scalar], rows: Int, columns: Int, epsilon: Scalar, scale: [Scalar]?, shift: [Scalar]?,
    normalized: inout [Scalar], output: inout [Scalar], inverseStandardDeviation: inout [Scalar]
) {
    checkPrecondition(
        x.count == rows * columns && normalized.count == x.count && output.count == x.count
            && inverseStandardDeviation.count == rows && (scale?.count ?? columns) == columns && (shift?.count ?? columns) == columns,
        "normalization: buffer sizes")
    x.withUnsafeBufferPointer { x in
        withOptionalPointers(scale, shift) { scale, shift in
            normalized.withUnsafeMutableBufferPointer { normalized in
                output.withUnsafeMutableBufferPointer { output in
                    inverseStandardDeviation.withUnsafeMutableBufferPointer { inverse in
                        guard let x = x.baseAddress else { return }
                        normalizeRows(
                            x, rows: rows, columns: columns, epsilon: epsilon, scale: scale, shift: shift,
                            normalized: normalized.baseAddress!, output: output.baseAddress!,
                            inverseStandardDeviation: inverse.baseAddress!)
                    }
                }
            }
        }
    }
}

/// Whole-array form of `layerNormInputGradient`.
@inline(__always)
func layerNormInputGradient<Scalar: TensorScalar>(
    _ g: [Scalar], normalized: [Scalar], rows: Int, columns: Int, scale: [Scalar]?,
    inverseStandardDeviation: [Scalar], gradInput: inout [Scalar]
) {
    checkPrecondition(
        g.count == rows * columns && normalized.count == g.count && gradInput.count == g.count
            && inverseStandardDeviation.count == rows && (scale?.count ?? columns) == columns,
        "normalization: buffer sizes")
    g.withUnsafeBufferPointer { g in
        normalized.withUnsafeBufferPointer { xHat in
            withOptionalPointers(scale, nil) { scale, _ in
                inverseStandardDeviation.withUnsafeBufferPointer { inverse in
                    gradInput.withUnsafeMutableBufferPointer { dx in
                        guard let g = g.baseAddress else { return }
                        layerNormInputGradient(
                            g, normalized: xHat.baseAddress!, rows: rows, columns: columns, scale: scale,
                            inverseStandardDeviation: inverse.baseAddress!, gradInput: dx.baseAddress!)
                    }
                }
            }
        }
    }
}

/// Calls `body` with the base addresses of two optional arrays (nil for a nil or empty one).
@inline(__always)
func withOptionalPointers<Scalar, Result>(
    _ first: [Scalar]?, _ second: [Scalar]?, _ body: (UnsafePointer<Scalar>?, UnsafePointer<Scalar>?) -> Result
) -> Result {
    func withPointer<R>(_ array: [Scalar]?, _ body: (UnsafePointer<Scalar>?) -> R) -> R {
        guard let array else { return body(nil) }
        return array.withUnsafeBufferPointer { body($0.baseAddress) }
    }
    return withPointer(first) { first in withPointer(second) { second in body(first, second) } }
}
