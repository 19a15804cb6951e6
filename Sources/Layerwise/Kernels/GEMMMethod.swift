/// How a single-precision product is computed (see `GEMMOperands.compute`).
///
/// Each method sums the terms of an element in its own order, so the method is chosen once per
/// product and kept by its parts: a part of a split product with one row or few columns still
/// uses the whole product's method.
enum GEMMMethod: Sendable {
    /// Goto's loop nest on packed panels with the kernel's micro-kernel.
    case blocked
    /// C is a single row: a matrix-vector kernel.
    case matrixVector
    /// C has at most 16 columns: the narrow kernel.
    case narrow
}
