import Dispatch
import Foundation
import Synchronization

/// A persistent thread that computes parts of matrix products for `GEMMThreadPool`.
///
/// Waking a sleeping thread costs tens of microseconds on the measured machine, as much as a
/// whole 128×256×128 product, so after each job the worker spins on an atomic counter for a
/// while (``spinDuration``) before it sleeps on a semaphore. Products in a training step come
/// microseconds apart and find the worker awake.
final class GEMMWorker: @unchecked Sendable {
    /// How long an idle worker keeps polling for the next job before it sleeps.
    static let spinDuration = Duration.milliseconds(2)

    /// Jobs posted so far; the worker runs job number `posted` when it changes.
    private let posted = Atomic<Int>(0)
    /// Jobs finished so far.
    private let finished = Atomic<Int>(0)
    /// Whether the worker is (about to be) asleep on `wakeUp`.
    private let sleeping = Atomic<Bool>(false)
    private let wakeUp = DispatchSemaphore(value: 0)
    /// The current job; written by the poster before `posted` is incremented.
    private var job: GEMMJob?
    private let workspace = GEMMWorkspace()

    init() {
        let thread = Thread { [self] in run() }
        thread.name = "Layerwise GEMM worker"
        thread.start()
    }

    /// Whether the worker has finished every job posted to it (and may get another).
    var isIdle: Bool {
        finished.load(ordering: .acquiring) == posted.load(ordering: .relaxed)
    }

    /// Hands the worker a job.
    ///
    /// - Precondition: ``isIdle``.
    func post(_ newJob: GEMMJob) {
        job = newJob
        posted.add(1, ordering: .sequentiallyConsistent)
        if sleeping.load(ordering: .sequentiallyConsistent) { wakeUp.signal() }
    }

    private func run() {
        var seen = 0
        while true {
            seen = waitForJob(after: seen)
            if let job { GEMMThreadPool.shared.computeParts(of: job, workspace: workspace) }
            finished.store(seen, ordering: .releasing)
        }
    }

    /// Polls until a job after number `seen` is posted, sleeping when none comes for a while;
    /// returns the new job's number.
    private func waitForJob(after seen: Int) -> Int {
        let clock = ContinuousClock()
        var deadline = clock.now + Self.spinDuration
        var spins = 0
        while true {
            let current = posted.load(ordering: .acquiring)
            if current != seen { return current }
            spins &+= 1
            if spins & 0xFF == 0 && clock.now > deadline {
                // Dekker-style handshake with `post`: either it sees `sleeping` and signals,
                // or this load sees its increment.
                sleeping.store(true, ordering: .sequentiallyConsistent)
                if posted.load(ordering: .sequentiallyConsistent) == seen { wakeUp.wait() }
                sleeping.store(false, ordering: .sequentiallyConsistent)
                deadline = clock.now + Self.spinDuration
            }
        }
    }
}
