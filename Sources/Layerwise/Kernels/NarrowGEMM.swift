import _LayerwiseKernels

extension GEMMOperands {
    /// The most columns of C that `computeNarrow` handles.
    static let maximumNarrowColumns = 16

    /// Whether the product goes to the narrow kernel: at most 16 columns of C stored by rows,
    /// A stored by rows, and a kernel that has one.
    ///
    /// With A stored by columns (`Aᵀ·B`), the tiled path computing `Cᵀ = Bᵀ·Aᵀ` reads both
    /// operands in place and is faster (128×128×10 TN, one thread: 2.4 µs against 3.0 µs
    /// narrow); with A stored by rows it has to transpose A into packed panels first, and the
    /// narrow kernel is faster (NN: 2.9 µs against 3.6 µs; NT: 3.3 µs either way).
    func isNarrow(kernel: _GEMMKernel) -> Bool {
        rows > 1 && columns <= Self.maximumNarrowColumns && cColumnStride == 1 && aColumnStride == 1
            && kernel.hasNarrowKernel
    }

    /// Computes a product with at most 16 columns on the calling thread: A is read in place,
    /// each row of C is one vector register, and only B is packed (to rows of 16) when its
    /// rows are not contiguous.
    ///
    /// - Precondition: `isNarrow(kernel:)`, and `depth` is positive.
    func computeNarrow(kernel: _GEMMKernel, workspace: GEMMWorkspace) {
        var panelB = b
        var panelRowStride = bRowStride
        if bColumnStride != 1 {
            let width = Self.maximumNarrowColumns
            workspace.reserve(a: 0, b: depth &* width)
            lwk_sgemm_pack_b(width, depth, columns, b, bRowStride, bColumnStride, workspace.packedB)
            panelB = UnsafePointer(workspace.packedB)
            panelRowStride = width
        }
        lwk_sgemm_narrow(
            kernel.cKernel, rows, columns, depth, a, aRowStride, aColumnStride, panelB, panelRowStride,
            c, cRowStride, alpha, accumulate ? 1 : 0)
    }
}
