import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The threads that share single-precision matrix products: the calling thread plus
/// persistent ``GEMMWorker``s, created on first need and kept for the process's lifetime.
///
/// A split product's parts are claimed, one at a time, from a shared ticket by whichever
/// thread asks first: the caller starts claiming at once, and idle workers join as they wake.
/// A worker that is descheduled (the machine is busy) or still asleep therefore costs only
/// the parts it actually took, never a wait for it to start. Which thread computes a part
/// never changes its result.
///
/// One product uses the pool at a time. A product that starts while another thread's
/// product holds it runs serially on its own thread with its own packing buffers (same
/// result).
final class GEMMThreadPool: @unchecked Sendable {
    static let shared = GEMMThreadPool()

    private let inUse = Atomic<Bool>(false)
    /// `generation << 10 | next part`: claiming a part increments it, and a worker holding a
    /// finished product's job sees another generation and claims nothing.
    private let ticket = Atomic<Int>(0)
    /// Parts of the current product computed so far.
    private let finishedParts = Atomic<Int>(0)
    /// Products split so far; touched only by the thread that holds the pool.
    private var generation = 0
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
        generation &+= 1
        finishedParts.store(0, ordering: .relaxed)
        ticket.store(generation << 10, ordering: .releasing)
        let job = GEMMJob(partition: partition, kernel: kernel, generation: generation)
        // A worker still busy with an earlier product's part is left out.
        for worker in workers.prefix(partition.parts - 1) where worker.isIdle { worker.post(job) }
        computeParts(of: job, workspace: callerWorkspace)
        var spins = 0
        while finishedParts.load(ordering: .acquiring) < partition.parts {
            spins &+= 1
            if spins & 0x3FFF == 0 { sched_yield() }
        }
    }

    /// Claims and computes parts of `job` until none is left (or the product is over).
    func computeParts(of job: GEMMJob, workspace: GEMMWorkspace) {
        while true {
            let current = ticket.load(ordering: .acquiring)
            let index = current & 1023
            guard current >> 10 == job.generation, index < job.partition.parts else { return }
            guard
                ticket.compareExchange(
                    expected: current, desired: current + 1, ordering: .acquiringAndReleasing
                ).exchanged
            else { continue }
            job.partition.part(index).compute(kernel: job.kernel, workspace: workspace)
            finishedParts.add(1, ordering: .releasing)
        }
    }
}
