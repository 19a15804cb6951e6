/// A split product handed to a worker: it claims parts from the pool's ticket while the
/// ticket still shows `generation`.
struct GEMMJob: Sendable {
    var partition: GEMMPartition
    var kernel: _GEMMKernel
    var generation: Int
}
