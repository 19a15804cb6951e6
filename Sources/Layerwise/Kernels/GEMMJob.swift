/// One part of a product for a worker.
struct GEMMJob: Sendable {
    var operands: GEMMOperands
    var kernel: _GEMMKernel
}
