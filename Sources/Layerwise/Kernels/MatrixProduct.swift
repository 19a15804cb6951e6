extension Tensor {
    /// The matrix product `op(a)·op(b)` of two rank-2 tensors, where `op` optionally transposes.
    ///
    /// This is the one entry point through which every matrix product in Layerwise goes.
    /// `Float` products run on packed, cache-blocked SIMD micro-kernels chosen for the CPU at
    /// run time and split across ``Parallelism/threadCount`` threads when large enough; the
    /// result does not depend on the thread count (bitwise). `Double` products use a portable
    /// loop.
    ///
    /// - Parameters:
    ///   - a: A `[m, k]` tensor, or `[k, m]` when `transposeA` is true.
    ///   - b: A `[k, n]` tensor, or `[n, k]` when `transposeB` is true.
    /// - Returns: The `[m, n]` product.
    /// - Precondition: Both operands have rank 2 and their inner dimensions agree.
    /// - Complexity: O(m·n·k).
    public static func matmul(
        _ a: Tensor, transposeA: Bool = false, _ b: Tensor, transposeB: Bool = false
    ) -> Tensor {
        var result = Tensor(zeros: [0, 0])
        matmul(a, transposeA: transposeA, b, transposeB: transposeB, into: &result, accumulate: false)
        return result
    }

    /// Computes `op(a)·op(b)` into `result`, or adds it to `result` when `accumulate` is true.
    ///
    /// Without accumulation `result` is reshaped to `[m, n]` (its old contents are never
    /// read), reusing its storage when it already has that shape and is not shared; with
    /// accumulation it must already be `[m, n]`.
    ///
    /// - Precondition: Both operands have rank 2, their inner dimensions agree, and when
    ///   accumulating `result` has shape `[m, n]`.
    /// - Complexity: O(m·n·k).
    public static func matmul(
        _ a: Tensor, transposeA: Bool = false, _ b: Tensor, transposeB: Bool = false,
        into result: inout Tensor, accumulate: Bool
    ) {
        withProductOperands(a, transposeA: transposeA, b, transposeB: transposeB, into: &result, accumulate: accumulate) {
            Scalar._gemm(
                transposeA: transposeA, transposeB: transposeB, m: $0.m, n: $0.n, k: $0.k,
                alpha: 1, a: $0.a, lda: a.shape[1], b: $0.b, ldb: b.shape[1],
                beta: accumulate ? 1 : 0, c: $0.c, ldc: $0.n)
        }
    }

    /// Checks the operands of `op(a)·op(b)`, shapes `result`, and calls `gemm` with the
    /// dimensions and base addresses (or zeroes `result` when an operand is empty).
    static func withProductOperands(
        _ a: Tensor, transposeA: Bool, _ b: Tensor, transposeB: Bool,
        into result: inout Tensor, accumulate: Bool,
        gemm: (
            (m: Int, n: Int, k: Int, a: UnsafePointer<Scalar>, b: UnsafePointer<Scalar>,
             c: UnsafeMutablePointer<Scalar>)
        ) -> Void
    ) {
        checkPrecondition(
            a.rank == 2 && b.rank == 2,
            "Tensor.matmul: needs rank-2 operands, got shapes \(a.shape) and \(b.shape)")
        let m = transposeA ? a.shape[1] : a.shape[0]
        let k = transposeA ? a.shape[0] : a.shape[1]
        let kB = transposeB ? b.shape[1] : b.shape[0]
        let n = transposeB ? b.shape[0] : b.shape[1]
        checkPrecondition(
            k == kB,
            "Tensor.matmul: inner dimensions differ: \(transposeA ? "aᵀ" : "a") \(transposeA ? [m, k] : a.shape) · \(transposeB ? "bᵀ" : "b") \([kB, n])"
        )
        if accumulate {
            checkPrecondition(
                result.shape == [m, n],
                "Tensor.matmul: accumulating into shape \(result.shape), product is [\(m), \(n)]")
        } else if result.shape != [m, n] {
            result = Tensor(zeros: [m, n])
        }
        a.scalars.withUnsafeBufferPointer { aBuffer in
            b.scalars.withUnsafeBufferPointer { bBuffer in
                result.scalars.withUnsafeMutableBufferPointer { cBuffer in
                    guard let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress,
                        let cBase = cBuffer.baseAddress, k > 0
                    else {
                        // An empty sum is zero.
                        if !accumulate { cBuffer.update(repeating: 0) }
                        return
                    }
                    gemm((m, n, k, aBase, bBase, cBase))
                }
            }
        }
    }
}

extension Tensor where Scalar == Float {
    /// `matmul(_:transposeA:_:transposeB:into:accumulate:)` with a chosen micro-kernel and
    /// thread count instead of `_GEMMKernel.best` and `Parallelism.threadCount`: an
    /// implementation detail, public so that tests can check every kernel and split.
    ///
    /// - Precondition: `kernel.isAvailable`, `threads >= 1`, and the shapes of `matmul`.
    public static func _matmul(
        _ a: Tensor, transposeA: Bool = false, _ b: Tensor, transposeB: Bool = false,
        into result: inout Tensor, accumulate: Bool, kernel: _GEMMKernel, threads: Int
    ) {
        checkPrecondition(kernel.isAvailable, "Tensor._matmul: the \(kernel) kernel cannot run on this CPU")
        checkPrecondition(threads >= 1, "Tensor._matmul: needs at least 1 thread, got \(threads)")
        withProductOperands(a, transposeA: transposeA, b, transposeB: transposeB, into: &result, accumulate: accumulate) {
            SinglePrecisionGEMM.compute(
                transposeA: transposeA, transposeB: transposeB, m: $0.m, n: $0.n, k: $0.k,
                alpha: 1, a: $0.a, lda: a.shape[1], b: $0.b, ldb: b.shape[1],
                beta: accumulate ? 1 : 0, c: $0.c, ldc: $0.n,
                kernel: kernel, threads: min(threads, Parallelism.maximumThreadCount))
        }
    }
}
