import Synchronization

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// The threads that share Layerwise's split computations (single-precision matrix products,
/// the Adam update): the calling thread plus persistent ``ComputeWorker``s, created on first
/// need and kept for the process's lifetime.
///
/// A split computation's parts are claimed, one at a time, from a shared ticket by whichever
/// thread asks first: the caller starts claiming at once, and idle workers join as they wake.
/// A worker that is descheduled (the machine is busy) or still asleep therefore costs only
/// the parts it actually took, never a wait for it to start. Which thread computes a part
/// never changes its result.
///
/// On a busy machine a worker can be descheduled in the middle of a part it claimed, and the
/// caller then waits for it for a whole scheduling period (measured: 1.8–3.8 ms, against
/// 10–170 µs for the caller's own share). When a wait is that far out of proportion, split
/// computations run on the calling thread alone for a while (20 ms, doubling while stalls
/// keep coming, up to 640 ms); which thread computes a part never changes a result.
///
/// One computation uses the pool at a time. One that starts while another thread's
/// computation holds it runs serially on its own thread with its own packing buffers (same
/// result).
final class ComputeThreadPool: @unchecked Sendable {
    static let shared = ComputeThreadPool()

    private let inUse = Atomic<Bool>(false)
    /// `generation << 10 | next part`: claiming a part increments it, and a worker holding a
    /// finished computation's job sees another generation and claims nothing.
    private let ticket = Atomic<Int>(0)
    /// Parts of the current computation finished so far.
    private let finishedParts = Atomic<Int>(0)
    /// Computations split so far; touched only by the thread that holds the pool.
    private var generation = 0
    /// Packing buffers of the thread that holds the pool.
    private let callerWorkspace = GEMMWorkspace(reservesFullBlocks: true)
    /// Workers; touched only by the thread that holds the pool.
    private var workers: [ComputeWorker] = []

    /// Computes the matrix product `operands` with up to `threads` threads.
    ///
    /// - Precondition: `rows`, `columns` and `depth` are positive.
    func compute(_ operands: GEMMOperands, kernel: _GEMMKernel, threads: Int) {
        let partition = GEMMPartition(operands, kernel: kernel, threads: threads)
        guard partition.parts > 1 else {
            withWorkspace { operands.compute(kernel: kernel, workspace: $0) }
            return
        }
        run(.matrixProduct(partition, kernel), parts: partition.parts)
    }

    /// Computes every part of `work`, on this thread and on up to `parts − 1` workers.
    func run(_ work: ParallelWork, parts: Int) {
        guard parts > 1, inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged
        else {
            let workspace = GEMMWorkspace(reservesFullBlocks: false)
            for index in 0..<parts { work.computePart(index, workspace: workspace) }
            return
        }
        defer { inUse.store(false, ordering: .releasing) }
        let start = clock.now
        if start < serialUntil {
            for index in 0..<parts { work.computePart(index, workspace: callerWorkspace) }
            return
        }
        while workers.count < parts - 1 { workers.append(ComputeWorker()) }
        generation &+= 1
        finishedParts.store(0, ordering: .relaxed)
        ticket.store(generation << 10, ordering: .releasing)
        let job = ComputeJob(work: work, parts: parts, generation: generation)
        // A worker still busy with an earlier computation's part is left out.
        for worker in workers.prefix(parts - 1) where worker.isIdle { worker.post(job) }
        computeParts(of: job, workspace: callerWorkspace)
        guard finishedParts.load(ordering: .acquiring) < parts else { return }
        // Wait for parts that workers claimed; yield the processor between polls, so that a
        // worker waiting for it on this core (the machine is busy) gets to finish.
        let waitStart = clock.now
        var spins = 0
        while finishedParts.load(ordering: .acquiring) < parts {
            spins &+= 1
            if spins > 64 { sched_yield() }
        }
        // A worker that kept the caller waiting far longer than the caller's own share took
        // was descheduled in the middle of its part: the processors are busy with other work.
        // Until that passes, split computations run on the calling thread alone.
        let now = clock.now
        let waited = waitStart.duration(to: now)
        if waited > Self.stallAllowance + start.duration(to: waitStart) * 4 {
            // Stalls in quick succession double the serial period (the machine stays busy);
            // after a quiet second it starts again from the shortest.
            serialPeriod =
                lastStall.duration(to: now) < .seconds(1)
                ? min(serialPeriod * 2, Self.longestSerialPeriod) : Self.shortestSerialPeriod
            lastStall = now
            serialUntil = now + serialPeriod
        }
    }

    /// How much longer than four times its own share the caller may wait for a worker before
    /// the pool counts a stall.
    static let stallAllowance = Duration.microseconds(100)
    /// The serial period after an isolated stall, and the longest after repeated ones.
    static let shortestSerialPeriod = Duration.milliseconds(20)
    static let longestSerialPeriod = Duration.milliseconds(640)
    private let clock = ContinuousClock()
    /// Until when split computations run on the calling thread alone, the length of the last
    /// such period, and when the last stall happened; touched only by the thread that holds
    /// the pool.
    private var serialUntil = ContinuousClock.Instant.now
    private var serialPeriod = ComputeThreadPool.shortestSerialPeriod
    private var lastStall = ContinuousClock.Instant.now - .seconds(10)

    /// Runs `body` with the pool's packing buffers when the pool is free (no allocation), or
    /// with new ones when another thread's computation holds it.
    private func withWorkspace(_ body: (GEMMWorkspace) -> Void) {
        guard inUse.compareExchange(expected: false, desired: true, ordering: .acquiring).exchanged else {
            body(GEMMWorkspace(reservesFullBlocks: false))
            return
        }
        body(callerWorkspace)
        inUse.store(false, ordering: .releasing)
    }

    /// Claims and computes parts of `job` until none is left (or the computation is over).
    func computeParts(of job: ComputeJob, workspace: GEMMWorkspace) {
        while true {
            let current = ticket.load(ordering: .acquiring)
            let index = current & 1023
            guard current >> 10 == job.generation, index < job.parts else { return }
            guard
                ticket.compareExchange(
                    expected: current, desired: current + 1, ordering: .acquiringAndReleasing
                ).exchanged
            else { continue }
            job.work.computePart(index, workspace: workspace)
            finishedParts.add(1, ordering: .releasing)
        }
    }
}
