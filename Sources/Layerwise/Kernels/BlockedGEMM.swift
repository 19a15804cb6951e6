import _LayerwiseKernels

extension GEMMOperands {
    /// Computes the product on the calling thread: Goto's loop nest.
    ///
    /// For each block of NC columns and each block of KC terms of the sums, B's block is
    /// packed into micro-panels of NR columns; for each block of MC rows, A's block is packed
    /// into micro-panels of MR rows, and the micro-kernel computes every MR×NR tile of C from a
    /// pair of micro-panels. The first depth block replaces or accumulates into C as asked;
    /// later blocks accumulate. Element (i, j) therefore sums its terms in a fixed order that
    /// depends only on `depth` and the kernel, never on which rows or columns this call covers,
    /// which is what makes the threaded product bitwise identical to the serial one.
    ///
    /// - Precondition: `rows`, `columns` and `depth` are positive.
    func computeBlocked(kernel: _GEMMKernel, workspace: GEMMWorkspace) {
        let tileRows = kernel.tileRows
        let tileColumns = kernel.tileColumns
        let blocking = kernel.blocking
        let depthBlock = GEMMBlocking.blockSize(
            extent: depth, maximum: blocking.maximumDepth, granule: 1)
        let rowBlock = GEMMBlocking.blockSize(
            extent: rows, maximum: blocking.maximumRows, granule: tileRows)
        let columnBlock = GEMMBlocking.blockSize(
            extent: columns, maximum: blocking.maximumColumns, granule: tileColumns)
        workspace.reserve(
            a: roundUp(min(rowBlock, rows), to: tileRows) &* depthBlock,
            b: roundUp(min(columnBlock, columns), to: tileColumns) &* depthBlock)
        let packedA = workspace.packedA
        let packedB = workspace.packedB
        let cKernel = kernel.cKernel

        var j0 = 0
        while j0 < columns {
            let blockColumns = min(columnBlock, columns &- j0)
            var p0 = 0
            while p0 < depth {
                let blockDepth = min(depthBlock, depth &- p0)
                let accumulateBlock: Int32 = (accumulate || p0 > 0) ? 1 : 0
                lwk_sgemm_pack_b(
                    tileColumns, blockDepth, blockColumns,
                    b + (p0 &* bRowStride &+ j0 &* bColumnStride), bRowStride, bColumnStride,
                    packedB)
                var i0 = 0
                while i0 < rows {
                    let blockRows = min(rowBlock, rows &- i0)
                    lwk_sgemm_pack_a(
                        tileRows, blockRows, blockDepth,
                        a + (i0 &* aRowStride &+ p0 &* aColumnStride), aRowStride, aColumnStride,
                        packedA)
                    // One packed micro-panel of A stays in L1 while the B panels stream by.
                    var ir = 0
                    while ir < blockRows {
                        let tileHeight = min(tileRows, blockRows &- ir)
                        let panelA = packedA + ir &* blockDepth
                        let cRow = c + (i0 &+ ir) &* cRowStride
                        var jr = 0
                        while jr < blockColumns {
                            lwk_sgemm_micro_kernel(
                                cKernel, blockDepth, panelA, packedB + jr &* blockDepth,
                                cRow + (j0 &+ jr) &* cColumnStride, cRowStride, cColumnStride,
                                tileHeight, min(tileColumns, blockColumns &- jr),
                                alpha, accumulateBlock)
                            jr &+= tileColumns
                        }
                        ir &+= tileRows
                    }
                    i0 &+= blockRows
                }
                p0 &+= blockDepth
            }
            j0 &+= blockColumns
        }
    }
}

/// `value` rounded up to a multiple of `granule`.
@inline(__always)
func roundUp(_ value: Int, to granule: Int) -> Int {
    (value &+ granule &- 1) / granule &* granule
}
