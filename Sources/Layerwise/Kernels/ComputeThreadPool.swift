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
/// 10–170 µs for the caller's own share). The pool keeps a balance of the time splitting
/// gained and lost; when the losses outweigh the gains by a millisecond, split computations
/// run on the calling thread alone for 50 ms. Which thread computes a part never changes a
/// result.
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
        let callerParts = computeParts(of: job, workspace: callerWorkspace)
        let ownEnd = clock.now
        // Wait for parts that workers claimed; yield the processor between polls, so that a
        // worker waiting for it on this core (the machine is busy) gets to finish.
        var spins = 0
        while finishedParts.load(ordering: .acquiring) < parts {
            spins &+= 1
            if spins > 64 { sched_yield() }
        }
        // The balance of the split: the workers' parts would have taken the caller about as
        // long each as its own did; the wait is lost. When the losses outweigh the gains
        // (a worker descheduled in the middle of its part waits out a whole scheduling period,
        // measured at 1.8–3.8 ms), split computations run on the calling thread alone for a
        // while.
        let now = clock.now
        let own = start.duration(to: ownEnd)
        if callerParts > 0 && callerParts < parts {
            balance += own * (parts - callerParts) / callerParts
        }
        balance -= ownEnd.duration(to: now)
        if balance > Self.largestBalance { balance = Self.largestBalance }
        if balance + Self.tolerableLoss < .zero {
            serialUntil = now + Self.serialPeriod
            balance = .zero
        }
    }

    /// The most time gained that offsets later losses: enough for one stall, not for a busy
    /// period after a quiet one.
    static let largestBalance = Duration.milliseconds(5)
    /// The net loss from splitting beyond which split computations run serially.
    static let tolerableLoss = Duration.milliseconds(1)
    /// How long they then run serially before splitting is tried again.
    static let serialPeriod = Duration.milliseconds(50)
    private let clock = ContinuousClock()
    /// Time gained (positive) or lost (negative) by splitting, net, since the last serial
    /// period, and until when split computations run on the calling thread alone; touched
    /// only by the thread that holds the pool.
    private var balance = Duration.zero
    private var serialUntil = ContinuousClock.Instant.now

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

    /// Claims and computes parts of `job` until none is left (or the computation is over);
    /// returns how many it computed.
    @discardableResult
    func computeParts(of job: ComputeJob, workspace: GEMMWorkspace) -> Int {
        var computed = 0
        while true {
            let current = ticket.load(ordering: .acquiring)
            let index = current & 1023
            guard current >> 10 == job.generation, index < job.parts else { return computed }
            guard
                ticket.compareExchange(
                    expected: current, desired: current + 1, ordering: .acquiringAndReleasing
                ).exchanged
            else { continue }
            job.work.computePart(index, workspace: workspace)
            finishedParts.add(1, ordering: .releasing)
            computed &+= 1
        }
    }
}
