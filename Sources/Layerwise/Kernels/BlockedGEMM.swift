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
        // Packed A panels keep A's contiguous axis contiguous, so packing is a copy.
        let rowsContiguous = aColumnStride == 1
        // Full panels of A are read in place when its rows are contiguous, unless its row
        // stride is a multiple of 4 KiB: then the rows of a panel share L1 sets (measured:
        // 256×1024×1024 ran 15–25 % slower unpacked, the MLP shapes 5–10 % faster).
        let readsADirectly = rowsContiguous && (aRowStride &* 4) % 4096 != 0

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
                let packedRowStride = rowsContiguous ? blockDepth : 1
                let packedDepthStride = rowsContiguous ? 1 : tileRows
                var i0 = 0
                while i0 < rows {
                    let blockRows = min(rowBlock, rows &- i0)
                    let blockA = a + (i0 &* aRowStride &+ p0 &* aColumnStride)
                    // Full panels of A read in place when its rows are contiguous; the
                    // partial last panel (or every panel otherwise) packed.
                    let directRows = readsADirectly ? blockRows / tileRows * tileRows : 0
                    if directRows < blockRows {
                        lwk_sgemm_pack_a(
                            tileRows, blockRows &- directRows, blockDepth,
                            blockA + directRows &* aRowStride, aRowStride, aColumnStride,
                            rowsContiguous ? 1 : 0, packedA)
                    }
                    // One micro-panel of A stays in L1 while the packed B panels stream by.
                    var ir = 0
                    while ir < blockRows {
                        let direct = ir < directRows
                        let panelA = direct ? blockA + ir &* aRowStride : UnsafePointer(packedA) + (ir &- directRows) &* blockDepth
                        let rowStride = direct ? aRowStride : packedRowStride
                        let depthStride = direct ? 1 : packedDepthStride
                        let cRow = c + (i0 &+ ir) &* cRowStride
                        let tileHeight = min(tileRows, blockRows &- ir)
                        var jr = 0
                        while jr < blockColumns {
                            lwk_sgemm_micro_kernel(
                                cKernel, blockDepth, panelA, rowStride, depthStride,
                                packedB + jr &* blockDepth,
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

