import Synchronization

/// The threads that share single-precision matrix products: the calling thread plus
/// persistent ``GEMMWorker``s, created on first need and kept for the process's lifetime.
///
/// One product uses the pool at a time. A product that starts while another thread's
/// product holds it runs serially on its own thread with its own packing buffers (same
/// result, since splitting never changes a sum).
final class GEMMThreadPool: @unchecked Sendable {
    static let shared = GEMMThreadPool()

    private let inUse = Atomic<Bool>(false)
    /// Packing buffers of the thread that holds the pool.
    private let callerWorkspace = GEMMWorkspace()
    /// Workers; touched only by the thread that holds the pool.
    private var workers: [GEMMWorker] = []

    /// Computes `operands` with up to `threads` threads.
    ///
    /// - Precondition: `rows`, `columns` and `depth` are positive.
    func compute(_ operands: GEMMOperands, kernel: _GEMMKernel, threads: Int) {
        guard inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            operands.compute(kernel: kernel, workspace: GEMMWorkspace())
            return
        }
        defer { inUse.store(false, ordering: .releasing) }
        let partition = GEMMPartition(operands, kernel: kernel, threads: threads)
        guard partition.parts > 1 else {
            operands.compute(kernel: kernel, workspace: callerWorkspace)
            return
        }
        while workers.count < partition.parts - 1 { workers.append(GEMMWorker()) }
        for index in 1..<partition.parts {
            workers[index - 1].post(GEMMJob(operands: partition.part(index), kernel: kernel))
        }
        partition.part(0).compute(kernel: kernel, workspace: callerWorkspace)
        for index in 1..<partition.parts { workers[index - 1].waitUntilFinished() }
    }
}
