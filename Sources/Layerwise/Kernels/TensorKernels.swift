/// Whole-buffer kernels that `TensorScalar` types provide.
///
/// An implementation detail: generic layer code reaches concrete, specialized loops through
/// these static requirements, so nothing per element goes through a protocol witness. Only
/// `Float` and `Double` conform.
public protocol _TensorKernels {
    /// General matrix product `C = alpha·op(A)·op(B) + beta·C` on row-major buffers, where
    /// `op(X)` is `X` or `Xᵀ`; `op(A)` is `m × k`, `op(B)` is `k × n`, `C` is `m × n`; `lda`, `ldb`
    /// and `ldc` are the row strides of the stored matrices. With `beta == 0`, `C` is not read.
    static func _gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Self, a: UnsafePointer<Self>, lda: Int,
        b: UnsafePointer<Self>, ldb: Int,
        beta: Self, c: UnsafeMutablePointer<Self>, ldc: Int)
}

extension Float: _TensorKernels {
    public static func _gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Float, a: UnsafePointer<Float>, lda: Int,
        b: UnsafePointer<Float>, ldb: Int,
        beta: Float, c: UnsafeMutablePointer<Float>, ldc: Int
    ) {
        SinglePrecisionGEMM.compute(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc,
            kernel: .best, threads: Parallelism.threadCount)
    }
}

extension Double: _TensorKernels {
    public static func _gemm(
        transposeA: Bool, transposeB: Bool, m: Int, n: Int, k: Int,
        alpha: Double, a: UnsafePointer<Double>, lda: Int,
        b: UnsafePointer<Double>, ldb: Int,
        beta: Double, c: UnsafeMutablePointer<Double>, ldc: Int
    ) {
        referenceGEMM(
            transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
            alpha: alpha, a: a, lda: lda, b: b, ldb: ldb, beta: beta, c: c, ldc: ldc)
    }
}
