extension Tensor {
    /// The matrix product `op(a)·op(b)` of two rank-2 tensors, where `op` optionally transposes.
    ///
    /// This is the one entry point through which every matrix product in Layerwise goes.
    ///
    /// - Parameters:
    ///   - a: A `[m, k]` tensor, or `[k, m]` when `transposeA` is true.
    ///   - b: A `[k, n]` tensor, or `[n, k]` when `transposeB` is true.
    /// - Returns: The `[m, n]` product.
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
    /// Without accumulation `result` is reshaped to `[m, n]`, reusing its storage when it holds
    /// enough elements and is not shared; with accumulation it must already be `[m, n]`.
    ///
    /// - Complexity: O(m·n·k).
    public static func matmul(
        _ a: Tensor, transposeA: Bool = false, _ b: Tensor, transposeB: Bool = false,
        into result: inout Tensor, accumulate: Bool
    ) {
        precondition(
            a.rank == 2 && b.rank == 2,
            "Tensor.matmul: needs rank-2 operands, got shapes \(a.shape) and \(b.shape)")
        let m = transposeA ? a.shape[1] : a.shape[0]
        let k = transposeA ? a.shape[0] : a.shape[1]
        let kB = transposeB ? b.shape[1] : b.shape[0]
        let n = transposeB ? b.shape[0] : b.shape[1]
        precondition(
            k == kB,
            "Tensor.matmul: inner dimensions differ: \(transposeA ? "aᵀ" : "a") \(transposeA ? [m, k] : a.shape) · \(transposeB ? "bᵀ" : "b") \([kB, n])"
        )
        if accumulate {
            precondition(
                result.shape == [m, n],
                "Tensor.matmul: accumulating into shape \(result.shape), product is [\(m), \(n)]")
        } else if result.shape != [m, n] {
            result = Tensor(zeros: [m, n])
        }
        a.scalars.withUnsafeBufferPointer { aBuffer in
            b.scalars.withUnsafeBufferPointer { bBuffer in
                result.scalars.withUnsafeMutableBufferPointer { cBuffer in
                    guard let aBase = aBuffer.baseAddress, let bBase = bBuffer.baseAddress,
                        let cBase = cBuffer.baseAddress
                    else {
                        // An empty operand: the product of an empty sum is zero.
                        if !accumulate { cBuffer.update(repeating: 0) }
                        return
                    }
                    Scalar._gemm(
                        transposeA: transposeA, transposeB: transposeB, m: m, n: n, k: k,
                        alpha: 1, a: aBase, lda: a.shape[1], b: bBase, ldb: b.shape[1],
                        beta: accumulate ? 1 : 0, c: cBase, ldc: n)
                }
            }
        }
    }
}
