/// The single-precision matrix product `C = alpha·op(A)·op(B) + beta·C` on row-major buffers:
/// the path every `Float` matrix product in Layerwise takes.
///
/// It normalizes beta (0 replaces, 1 accumulates, other values scale C first), computes
/// `Cᵀ = op(B)ᵀ·op(A)ᵀ` instead when that wastes less of the micro-kernel's tile (a product
/// with few columns, such as 128×128×10, fills a 6×64 tile far better transposed; a single
/// column becomes a single row, which a matrix-vector kernel computes), and hands the product
/// to ``GEMMThreadPool``.
enum SinglePrecisionGEMM {
    /// - Parameters:
    ///   - kernel: The micro-kernel; `Tensor.matmul` passes `_GEMMKernel.best`.
    ///   - threads: At most this many threads; the result does not depend on it.
    static func compute(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int,
        kernel: _GEMMKernel, threads: Int
    ) {
        guard m > 0, n > 0 else { return }
        if beta != 0 && beta != 1 {
            for i in 0..<m {
                let row = c + i &* ldc
                for j in 0..<n { row[j] *= beta }
            }
        }
        let accumulate = beta != 0
        guard k > 0, alpha != 0 else {
            if !accumulate {
                for i in 0..<m { (c + i &* ldc).update(repeating: 0, count: n) }
            }
            return
        }
        var operands = GEMMOperands(
            rows: m, columns: n, depth: k,
            a: a, aRowStride: transposeA ? 1 : lda, aColumnStride: transposeA ? lda : 1,
            b: b, bRowStride: transposeB ? 1 : ldb, bColumnStride: transposeB ? ldb : 1,
            c: c, cRowStride: ldc, cColumnStride: 1,
            alpha: alpha, accumulate: accumulate)
        if m == 1 {
            // A row vector times a matrix: the matrix-vector kernel as it stands.
        } else if n == 1 {
            // A matrix times a column vector: transposed, a row vector times a matrix.
            operands = operands.transposed
        } else if 4 * paddedArea(rows: n, columns: m, kernel: kernel)
            < 3 * paddedArea(rows: m, columns: n, kernel: kernel)
        {
            // Transposed, C is written through a strided store: worth it only for a clear gain.
            operands = operands.transposed
        }
        GEMMThreadPool.shared.compute(operands, kernel: kernel, threads: threads)
    }

    /// The area of C the micro-kernel computes once `rows × columns` is padded to whole tiles.
    private static func paddedArea(rows: Int, columns: Int, kernel: _GEMMKernel) -> Int {
        roundUp(rows, to: kernel.tileRows) * roundUp(columns, to: kernel.tileColumns)
    }
}
