/// The portable matrix product: `C = alpha·op(A)·op(B) + beta·C`, row-major.
///
/// Loop orders keep the innermost loop on contiguous memory for every transpose combination:
/// for `B` untransposed the inner loop is an axpy over a row of `B` into a row of `C`; for
/// `Bᵀ` it is a dot product of a row of `A` (or a strided column when `A` is transposed too)
/// with a row of `B`. Each element of `C` accumulates its `k` products in increasing order of
/// the summation index, so results do not depend on how the work is split.
///
/// - Complexity: O(m·n·k).
@inline(__always)
func referenceGEMM<Scalar: BinaryFloatingPoint>(
    transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
    alpha: Scalar, a: UnsafePointer<Scalar>, lda: Int,
    b: UnsafePointer<Scalar>, ldb: Int,
    beta: Scalar, c: UnsafeMutablePointer<Scalar>, ldc: Int
) {
    guard m > 0, n > 0 else { return }
    // Scale (or clear) C first; beta == 0 must not read C (it may hold garbage or NaN).
    for i in 0..<m {
        let row = c + i &* ldc
        if beta == 0 {
            row.update(repeating: 0, count: n)
        } else if beta != 1 {
            for j in 0..<n { row[j] *= beta }
        }
    }
    guard k > 0, alpha != 0 else { return }
    // Element (i, p) of op(A), and the step between consecutive p.
    let aRowStride = transposeA ? 1 : lda
    let aColumnStride = transposeA ? lda : 1
    if !transposeB {
        // C[i, :] += alpha·op(A)[i, p]·B[p, :]
        for i in 0..<m {
            let cRow = c + i &* ldc
            let aRow = a + i &* aRowStride
            for p in 0..<k {
                let scale = alpha * aRow[p &* aColumnStride]
                let bRow = b + p &* ldb
                for j in 0..<n { cRow[j] += scale * bRow[j] }
            }
        }
    } else {
        // C[i, j] += alpha·Σ_p op(A)[i, p]·B[j, p]
        for i in 0..<m {
            let cRow = c + i &* ldc
            let aRow = a + i &* aRowStride
            for j in 0..<n {
                let bRow = b + j &* ldb
                var sum: Scalar = 0
                for p in 0..<k { sum += aRow[p &* aColumnStride] * bRow[p] }
                cRow[j] += alpha * sum
            }
        }
    }
}
