/// How a single-precision product is split across threads: contiguous runs of whole tiles of
/// C along one axis, one run per thread.
///
/// The split follows the axis whose other operand is cheaper to pack twice: splitting the
/// columns of C makes every thread pack all of A (rows × depth), splitting its rows makes
/// every thread pack all of B (depth × columns). It depends only on the shape, the kernel and
/// the thread count, and never changes any element's sum.
struct GEMMPartition: Sendable {
    /// How many parts (threads) the product is split into; 1 means serial.
    let parts: Int
    /// Whether parts are runs of columns (true) or of rows (false).
    let splitsColumns: Bool
    /// Tiles along the split axis.
    private let tiles: Int
    /// Elements per tile along the split axis.
    private let granule: Int
    private let operands: GEMMOperands

    /// Products with fewer multiply-adds than this stay on one thread: waking a worker and
    /// packing the shared operand twice would cost more than the split saves.
    static let minimumWork = 1 << 19

    init(_ operands: GEMMOperands, kernel: _GEMMKernel, threads: Int) {
        self.operands = operands
        let rowTiles = (operands.rows + kernel.tileRows - 1) / kernel.tileRows
        let columnTiles = (operands.columns + kernel.tileColumns - 1) / kernel.tileColumns
        let work = operands.rows.multipliedReportingOverflow(by: operands.columns)
        let enoughWork =
            !work.overflow
            && work.partialValue.multipliedReportingOverflow(by: operands.depth).partialValue
                >= Self.minimumWork
        splitsColumns = operands.rows <= operands.columns ? columnTiles >= 2 : rowTiles < 2
        tiles = splitsColumns ? columnTiles : rowTiles
        granule = splitsColumns ? kernel.tileColumns : kernel.tileRows
        parts = enoughWork || work.overflow ? max(1, min(threads, tiles)) : 1
    }

    /// The product restricted to part `index` of ``parts``.
    func part(_ index: Int) -> GEMMOperands {
        let firstTile = index * tiles / parts
        let endTile = (index + 1) * tiles / parts
        let extent = splitsColumns ? operands.columns : operands.rows
        let range = min(firstTile * granule, extent)..<min(endTile * granule, extent)
        return splitsColumns ? operands.restricted(columns: range) : operands.restricted(rows: range)
    }
}
