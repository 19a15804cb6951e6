/// One single-precision matrix product `C = alpha·A·B (+ C)` described by base pointers and
/// strides, so that transposed operands, sub-blocks and a transposed C are all just strides.
///
/// Element (i, p) of A is `a[i·aRowStride + p·aColumnStride]`, element (p, j) of B is
/// `b[p·bRowStride + j·bColumnStride]`, element (i, j) of C is
/// `c[i·cRowStride + j·cColumnStride]`.
struct GEMMOperands: @unchecked Sendable {
    var rows: Int
    var columns: Int
    var depth: Int
    var a: UnsafePointer<Float>
    var aRowStride: Int
    var aColumnStride: Int
    var b: UnsafePointer<Float>
    var bRowStride: Int
    var bColumnStride: Int
    var c: UnsafeMutablePointer<Float>
    var cRowStride: Int
    var cColumnStride: Int
    var alpha: Float
    /// Whether the product is added to C (beta = 1) instead of replacing it (beta = 0).
    var accumulate: Bool

    /// The same product computed as `Cᵀ = Bᵀ·Aᵀ`: rows and columns trade places.
    var transposed: GEMMOperands {
        GEMMOperands(
            rows: columns, columns: rows, depth: depth,
            a: b, aRowStride: bColumnStride, aColumnStride: bRowStride,
            b: a, bRowStride: aColumnStride, bColumnStride: aRowStride,
            c: c, cRowStride: cColumnStride, cColumnStride: cRowStride,
            alpha: alpha, accumulate: accumulate)
    }

    /// The product restricted to rows `range` of C.
    func restricted(rows range: Range<Int>) -> GEMMOperands {
        var part = self
        part.rows = range.count
        part.a = a + range.lowerBound &* aRowStride
        part.c = c + range.lowerBound &* cRowStride
        return part
    }

    /// The product restricted to columns `range` of C.
    func restricted(columns range: Range<Int>) -> GEMMOperands {
        var part = self
        part.columns = range.count
        part.b = b + range.lowerBound &* bColumnStride
        part.c = c + range.lowerBound &* cColumnStride
        return part
    }
}
