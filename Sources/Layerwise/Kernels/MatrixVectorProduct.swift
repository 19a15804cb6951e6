import _LayerwiseKernels

extension GEMMOperands {
    /// Computes the product on the calling thread by its ``method``: the blocked loop nest, a
    /// matrix-vector kernel when C is a single row (a batch-1 layer, after `Cᵀ = Bᵀ·Aᵀ` when C
    /// was a single column), which would waste most of a micro-kernel tile and all of the
    /// packing, or the narrow kernel when C has at most 16 columns.
    ///
    /// - Precondition: `rows`, `columns` and `depth` are positive.
    func compute(kernel: _GEMMKernel, workspace: GEMMWorkspace) {
        switch method {
        case .matrixVector: computeMatrixVector(kernel: kernel, workspace: workspace)
        case .narrow: computeNarrow(kernel: kernel, workspace: workspace)
        case .blocked: computeBlocked(kernel: kernel, workspace: workspace)
        }
    }

    /// `y = x·B (+ y)` for the single row `y` of C and `x` of A: dot products with B's
    /// columns when those are contiguous, otherwise row-by-row multiply-adds of B.
    ///
    /// - Precondition: `rows == 1` (a part of a split matrix-vector product is one too).
    private func computeMatrixVector(kernel: _GEMMKernel, workspace: GEMMWorkspace) {
        workspace.reserve(
            a: aColumnStride == 1 ? 0 : depth, b: cColumnStride == 1 ? 0 : columns)
        // x contiguous: A's row as it is, or gathered.
        var x = a
        if aColumnStride != 1 {
            for p in 0..<depth { workspace.packedA[p] = a[p &* aColumnStride] }
            x = UnsafePointer(workspace.packedA)
        }
        // y contiguous: C's row as it is, or a scratch row copied back.
        let y = cColumnStride == 1 ? c : workspace.packedB
        if cColumnStride != 1 && accumulate {
            for j in 0..<columns { y[j] = c[j &* cColumnStride] }
        }
        let accumulateFlag: Int32 = accumulate ? 1 : 0
        if bRowStride == 1 {
            lwk_sgemv_dot(kernel.cKernel, columns, depth, b, bColumnStride, x, y, alpha, accumulateFlag)
        } else {
            checkPrecondition(bColumnStride == 1, "GEMM: B needs one contiguous axis")
            lwk_sgemv_axpy(kernel.cKernel, columns, depth, b, bRowStride, x, y, alpha, accumulateFlag)
        }
        if cColumnStride != 1 {
            for j in 0..<columns { c[j &* cColumnStride] = y[j] }
        }
    }
}
