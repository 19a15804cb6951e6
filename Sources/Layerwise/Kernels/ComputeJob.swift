/// A split computation handed to the pool's workers: they claim its parts from the pool's
/// ticket while the ticket still shows `generation`.
struct ComputeJob: Sendable {
    var work: ParallelWork
    /// How many parts the work is split into.
    var parts: Int
    var generation: Int
}

/// What a ``ComputeJob`` computes: each case knows its parts, and computing part `index`
/// never depends on which thread does it or on the other parts.
enum ParallelWork: Sendable {
    /// A single-precision matrix product split by tiles of C.
    case matrixProduct(GEMMPartition, _GEMMKernel)
    /// An Adam update split into runs of elements.
    case adamUpdate(AdamUpdatePartition)
    case elementwise(ElementwisePartition)

    /// Computes part `index`; `workspace` holds the calling thread's packing buffers.
    func computePart(_ index: Int, workspace: GEMMWorkspace) {
        switch self {
        case .matrixProduct(let partition, let kernel):
            partition.part(index).compute(kernel: kernel, workspace: workspace)
        case .adamUpdate(let partition):
            partition.computePart(index)
        case .elementwise(let partition):
            let range = partition.range(of: index)
            if !range.isEmpty { partition.body.pointee(range) }
        }
    }
}
