/// The cache blocking of the single-precision GEMM: the largest blocks of the summation
/// depth (KC), of the rows of C (MC) and of its columns (NC) handled per packing.
///
/// The packed A block (MC × KC) is meant to stay in the L2 cache and one packed micro-panel of
/// A (MR × KC) in L1 while the micro-kernel streams the packed B block (KC × NC).
struct GEMMBlocking: Sendable, Equatable {
    /// KC: at most this many terms of each sum per pass over C.
    var maximumDepth: Int
    /// MC: at most this many rows of A packed at a time (a multiple of the tile's rows).
    var maximumRows: Int
    /// NC: at most this many columns of B packed at a time (a multiple of the tile's columns).
    var maximumColumns: Int

    /// Splits `extent` into the fewest blocks of at most `maximum`, of nearly equal size, each
    /// a multiple of `granule` except the last; returns the block size.
    ///
    /// Depends only on its arguments, so every thread count and run splits alike.
    static func blockSize(extent: Int, maximum: Int, granule: Int) -> Int {
        guard extent > maximum else { return extent }
        let blocks = (extent + maximum - 1) / maximum
        let even = (extent + blocks - 1) / blocks
        return (even + granule - 1) / granule * granule
    }
}
